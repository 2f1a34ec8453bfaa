"""Issue 10: every file of the bad-input corpus through the readers.

``tests/data/bad/MANIFEST.json`` says what each file is and what the readers
must do with it (see its "about"). Small files are committed and read here,
each within a SIGALRM deadline and a tracemalloc memory bound; large ones are
generated once per session by ``make_large.py`` and read in a child process,
so that its peak resident memory above its own baseline can be measured,
under the csv field limit the Odoo server sets (500 MB: the readers' own
limits must stop a file, not the csv module's 128 KB default).
"""

import json
import re
import signal
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from data_jobs_io.readers import ReaderError, open_reader

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
IO_DIR = Path(__file__).resolve().parents[2] / "data_jobs" / "io"
MANIFEST = json.loads((BAD / "MANIFEST.json").read_text(encoding="utf-8"))
SMALL = [e for e in MANIFEST["files"] if not e.get("generated")]
LARGE = [e for e in MANIFEST["files"] if e.get("generated")]
SMALL_SECONDS = 10
SMALL_MEMORY = 50 * 1024 * 1024


class Timeout(Exception):
    pass


@contextmanager
def deadline(seconds):
    def expire(_signum, _frame):
        raise Timeout(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_outcome(path, name, options):
    """What the readers make of a file, as the engine meets it: open, count
    the rows (the engine's first pass), then read them."""
    try:
        with path.open("rb") as fileobj, open_reader(fileobj, name, options) as reader:
            counted = reader.count_rows()
            rows = {}
            for number, values in reader:
                if values.issues:
                    rows[number] = [list(issue) for issue in values.issues]
            return {
                "kind": "read",
                "counted": counted,
                "data_rows": reader.data_rows,
                "rows": rows,
                "warnings": [list(w) for w in reader.warnings],
                "detected": reader.detected,
            }
    except ReaderError as error:
        return {"kind": "reader_error", "message": str(error)}


def check(entry, outcome):
    """The outcome is the one the manifest expects for ``entry``."""
    expected = entry["expected"]
    if expected == "reader_error":
        assert outcome["kind"] == "reader_error", outcome
        assert re.search(entry["match"], outcome["message"], re.S), outcome["message"]
        return
    assert outcome["kind"] == "read", outcome.get("message")
    assert outcome["counted"] == outcome["data_rows"]
    errors = {
        int(number): [issue for issue in issues if issue[3] == "error"]
        for number, issues in outcome["rows"].items()
    }
    errors = {number: issues for number, issues in errors.items() if issues}
    codes = [w[0] for w in outcome["warnings"]]
    if expected == "row_error":
        concerned = sorted(
            number
            for number, issues in errors.items()
            if any(issue[0] == entry["code"] for issue in issues)
        )
        assert concerned, errors
        if "rows" in entry:
            assert concerned == entry["rows"], errors
        if "match" in entry:
            messages = [i[1] for n in concerned for i in errors[n]]
            assert any(re.search(entry["match"], m) for m in messages), messages
        assert entry["code"] in codes
    elif expected == "warning":
        assert not errors, errors
        assert entry["code"] in codes, outcome["warnings"]
        if "match" in entry:
            message = next(w[1] for w in outcome["warnings"] if w[0] == entry["code"])
            assert re.search(entry["match"], message), message
    else:
        assert expected == "ok", entry
        assert not outcome["rows"] and not outcome["warnings"], outcome
    if "data_rows" in entry:
        assert outcome["data_rows"] == entry["data_rows"]
    for key, value in entry.get("detected", {}).items():
        assert outcome["detected"][key] == value, outcome["detected"]


def test_corpus_is_large_and_described():
    assert len(SMALL) >= 60 and len(LARGE) >= 5
    names = [e["file"] for e in MANIFEST["files"]]
    assert len(names) == len(set(names))
    for entry in MANIFEST["files"]:
        assert entry["description"] and entry["expected"] in (
            "reader_error",
            "row_error",
            "warning",
            "ok",
        )
        assert entry["expected"] != "reader_error" or entry.get("match")
        assert entry["expected"] not in ("row_error", "warning") or entry.get("code")
    committed = {p.name for p in BAD.iterdir() if p.suffix not in (".py", ".json")}
    committed.discard("__pycache__")
    assert committed == {e["file"] for e in SMALL}
    assert all((BAD / e["file"]).stat().st_size < 64 * 1024 for e in SMALL)


@pytest.mark.parametrize("entry", SMALL, ids=[e["file"] for e in SMALL])
def test_small_file(entry):
    tracemalloc.start()
    try:
        with deadline(SMALL_SECONDS):
            outcome = read_outcome(
                BAD / entry["file"], entry["file"], entry.get("options")
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    check(entry, outcome)
    assert peak < SMALL_MEMORY


CHILD = """
import csv, importlib.util, json, resource, signal, sys, time
from pathlib import Path
io_dir, test_dir, path, name, options, seconds = sys.argv[1:7]
spec = importlib.util.spec_from_file_location(
    "data_jobs_io", io_dir + "/__init__.py", submodule_search_locations=[io_dir])
package = importlib.util.module_from_spec(spec)
sys.modules["data_jobs_io"] = package
spec.loader.exec_module(package)
sys.path.insert(0, test_dir)
from data_jobs_io.readers import open_reader
import openpyxl  # imported before the baseline, as in a worker
from test_bad_corpus import read_outcome
csv.field_size_limit(500 * 1024 * 1024)  # as odoo/cli/server.py sets it
def expire(*_args):
    raise TimeoutError("still reading after " + seconds + " s")
signal.signal(signal.SIGALRM, expire)
signal.alarm(int(seconds))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
outcome = read_outcome(Path(path), name, json.loads(options))
outcome["seconds"] = time.perf_counter() - start
outcome["memory_mb"] = (
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(outcome))
"""


@pytest.fixture(scope="session")
def large_files(tmp_path_factory):
    sys.path.insert(0, str(BAD))
    try:
        import make_large
    finally:
        sys.path.remove(str(BAD))
    return make_large.generate(tmp_path_factory.mktemp("bad_large"))


@pytest.mark.parametrize("entry", LARGE, ids=[e["file"] for e in LARGE])
def test_large_file(entry, large_files):
    """Read in a child process: its peak memory is measured from its own
    baseline, and a reader that does not stream cannot take the suite's."""
    path = large_files[entry["file"]]
    seconds = entry["max_seconds"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(IO_DIR),
            str(Path(__file__).parent),
            str(path),
            entry["file"],
            json.dumps(entry.get("options") or {}),
            str(seconds),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    check(entry, outcome)
    assert outcome["seconds"] < seconds
    assert outcome["memory_mb"] < entry["max_memory_mb"], outcome["memory_mb"]
