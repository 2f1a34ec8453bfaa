"""The data_jobs addon builds as an OCA-style wheel with whool (no database).

whool packages only the files git tracks (``git ls-files``) and computes the
version from ``git log`` of the addon directory; it falls back to "every file,
version from the manifest" when the addon is not in a git work tree. So the
wheel is built in place (``setup/data_jobs``, as a release would) once the
addon is committed, and from a copy outside git before that.
"""

import ast
import email.parser
import importlib.util
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADDON = "data_jobs"
SETUP_DIR = ROOT / "setup" / ADDON
PREFIX = f"odoo/addons/{ADDON}/"
NETWORK_ERRORS = (
    "No matching distribution found for whool",
    "Could not find a version that satisfies the requirement whool",
    "Failed to establish a new connection",
    "Network is unreachable",
    "Temporary failure in name resolution",
)


def _git(addon_dir, *args):
    return subprocess.run(
        ["git", *args], cwd=addon_dir, capture_output=True, text=True, check=False
    )


def _source(tmp_path):
    """Return (dir to build, its tracked files or None, env for pip)."""
    addon_dir = SETUP_DIR.resolve()
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    committed = (
        _git(addon_dir, "rev-parse", "--verify", "HEAD").returncode == 0
        and _git(addon_dir, "ls-files", "--error-unmatch", "__manifest__.py").returncode
        == 0
    )
    if committed:
        untracked = _git(addon_dir, "ls-files", "--others", "--exclude-standard")
        if untracked.stdout.strip():
            warnings.warn(
                "whool leaves untracked files out of the wheel: "
                + ", ".join(untracked.stdout.split()),
                stacklevel=2,
            )
        tracked = _git(addon_dir, "ls-files").stdout.split()
        return SETUP_DIR, tracked, env
    copy = tmp_path / "src" / ADDON
    shutil.copytree(addon_dir, copy, ignore=shutil.ignore_patterns("__pycache__"))
    # make sure git (hence whool) does not see an enclosing work tree
    env["GIT_CEILING_DIRECTORIES"] = str(copy.parent)
    return copy, None, env


def _build_wheel(src, out_dir, env):
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out_dir)]
    local_whool = all(importlib.util.find_spec(m) for m in ("whool", "wheel"))
    if local_whool:
        cmd.append("--no-build-isolation")
    proc = subprocess.run(
        [*cmd, str(src)], capture_output=True, text=True, env=env, timeout=900
    )
    output = proc.stdout + proc.stderr
    if proc.returncode and not local_whool and any(e in output for e in NETWORK_ERRORS):
        pytest.skip(
            "cannot build the wheel: whool is not installed and pip cannot fetch it "
            "(pip install -r test-requirements.txt)"
        )
    assert proc.returncode == 0, f"pip wheel failed:\n{output}"
    wheels = list(out_dir.glob("odoo_addon_data_jobs-18.0.*-py3-none-any.whl"))
    assert len(wheels) == 1, f"unexpected wheels {list(out_dir.iterdir())}\n{output}"
    return wheels[0]


def test_data_jobs_wheel(tmp_path):
    if not (SETUP_DIR / "__manifest__.py").is_file():
        pytest.fail(f"{SETUP_DIR} must be a symlink to the data_jobs addon")
    manifest = ast.literal_eval((SETUP_DIR / "__manifest__.py").read_text())
    src, tracked, env = _source(tmp_path)
    wheel = _build_wheel(src, tmp_path / "dist", env)

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        dist_info = next(
            n.split("/")[0] for n in names if n.endswith(".dist-info/WHEEL")
        )
        metadata = email.parser.Parser().parsestr(
            zf.read(f"{dist_info}/METADATA").decode()
        )
    for required in ("__init__.py", "__manifest__.py", "models/__init__.py"):
        assert PREFIX + required in names
    assert PREFIX + "io/__init__.py" in names, "the io package is not packaged"
    sources = tracked or [
        p.relative_to(src).as_posix() for p in Path(src).rglob("*") if p.is_file()
    ]
    python_sources = {
        f for f in sources if f.endswith(".py") and f.startswith(("models/", "io/"))
    }
    missing = {f for f in python_sources if PREFIX + f not in names}
    assert not missing, f"not packaged: {sorted(missing)}"
    assert PREFIX + "pyproject.toml" not in names

    assert metadata["Name"] == "odoo-addon-data_jobs"
    assert metadata["Version"].startswith(manifest["version"])
    requires = metadata.get_all("Requires-Dist") or []
    assert any(r.startswith("odoo-addon-queue_job") for r in requires), requires
    assert "odoo==18.0.*" in requires
    external = manifest.get("external_dependencies", {}).get("python", [])
    lowered = [r.lower() for r in requires]
    for dep in external:
        assert any(r.startswith(dep.lower()) for r in lowered), (dep, requires)
