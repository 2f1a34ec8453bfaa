"""Load ``data_jobs/io`` as the standalone package ``data_jobs_io``.

``data_jobs/__init__.py`` imports the ORM, so the pure file code is loaded on
its own: these tests run without Odoo or a database.
"""

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

IO_DIR = Path(__file__).resolve().parents[2] / "data_jobs" / "io"


def _load_io_package():
    if "data_jobs_io" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "data_jobs_io", IO_DIR / "__init__.py", submodule_search_locations=[str(IO_DIR)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["data_jobs_io"] = module
    spec.loader.exec_module(module)


_load_io_package()


@pytest.fixture
def odoo_csv_limit():
    """The csv module's field limit as the Odoo server sets it at start
    (``odoo/cli/server.py``: 500 MB), restored after the test: the reader's
    own limits, not the module's default 128 KB, must then stop a file."""
    previous = csv.field_size_limit(500 * 1024 * 1024)
    yield
    csv.field_size_limit(previous)
