from . import test_resources, test_samples, test_templates
