from . import test_import_types
from . import test_import_improvements
from . import test_sample_files
from . import test_export_cells
from . import test_differences_table
