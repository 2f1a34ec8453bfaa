from . import data_job
from . import data_job_log
from . import data_job_runner
from . import data_job_export
from . import data_job_import
from . import data_job_template
from . import ir_attachment
from . import queue_job
