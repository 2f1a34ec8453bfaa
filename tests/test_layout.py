"""The shape of the addon, as issue 10 asks for it: no import cycle between
its modules, models/ holds only models, and no engine code switches on the job
type (``engine_for`` picks the engine once). Read from the source (no
database)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "data_jobs"


def _module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports(path):
    """Modules of data_jobs that ``path`` imports, at its top or inside a
    function (an import moved into a function to dodge a cycle is still one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = (
                package[: len(package) - node.level + 1] if node.level > 1 else package
            )
            if node.module:
                target = [*base, *node.module.split(".")]
                found.add(".".join(target))
            else:
                for alias in node.names:
                    found.add(".".join([*base, alias.name]))
    return {name.strip(".") for name in found}


def _sources():
    return sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.parts)


def test_no_import_cycle():
    modules = {_module_name(p): p for p in _sources()}
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # packages import their __init__ implicitly: count only module edges
    visiting, done, cycles = [], set(), []

    def visit(name):
        if name in done:
            return
        if name in visiting:
            cycles.append(visiting[visiting.index(name) :] + [name])
            return
        visiting.append(name)
        for target in sorted(graph[name]):
            if not (name.startswith(target + ".") or name == target):
                visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
    real = [c for c in cycles if len(set(c)) > 1]
    assert not real, f"import cycles: {real}"


def test_models_folder_holds_only_models():
    for path in sorted((ROOT / "models").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                assert bases & {
                    "models.Model",
                    "models.AbstractModel",
                    "models.TransientModel",
                }, f"{path.name}: {node.name} is not a model"


def test_engines_do_not_switch_on_the_job_type():
    for path in sorted((ROOT / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                text = ast.unparse(node)
                assert "job_type" not in text, f"{path.name}: {text}"
