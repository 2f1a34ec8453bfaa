from . import data_job_import_wizard
