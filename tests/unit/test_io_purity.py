"""The io package must work without Odoo: import all of it in a fresh process."""

import subprocess
import sys
from pathlib import Path

IO_DIR = Path(__file__).resolve().parents[2] / "data_jobs" / "io"

SCRIPT = f"""
import importlib, importlib.util, pkgutil, sys
spec = importlib.util.spec_from_file_location(
    "data_jobs_io", {str(IO_DIR / "__init__.py")!r},
    submodule_search_locations=[{str(IO_DIR)!r}],
)
package = importlib.util.module_from_spec(spec)
sys.modules["data_jobs_io"] = package
spec.loader.exec_module(package)
names = [info.name for info in pkgutil.walk_packages(package.__path__, "data_jobs_io.")]
for name in names:
    importlib.import_module(name)
assert "data_jobs_io.writers.pdf_writer" in names, names
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("odoo", "data_jobs"))
assert not leaked, leaked
print(len(names))
"""


def test_io_package_imports_without_odoo():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 8
