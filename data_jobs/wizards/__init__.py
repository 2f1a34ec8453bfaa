from . import data_job_export_wizard
from . import data_job_import_wizard
