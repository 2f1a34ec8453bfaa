from . import data_job_owner_mixin
from . import data_job_settings_mixin
from . import data_job_options_mixin
from . import data_job
from . import data_job_log
from . import data_job_template
from . import ir_attachment
from . import queue_job
