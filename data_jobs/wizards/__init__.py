from . import data_job_wizard_mixin
from . import data_job_export_wizard
from . import data_job_import_wizard
