from . import test_data_job_states
from . import test_data_job_run
from . import test_queue_integration
from . import test_crons
from . import test_security
from . import test_export_formats
