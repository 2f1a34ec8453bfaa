from . import test_resources, test_samples, test_templates
from . import test_samples_wizard
