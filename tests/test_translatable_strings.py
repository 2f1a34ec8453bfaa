"""Translatable strings stay extractable: Odoo's .pot export (babel) evaluates
the arguments of ``_()`` calls and fails on an f-string among them, losing
every term of the file. This walks both addons' Python (no database)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    path
    for addon in ("data_jobs", "data_jobs_demo")
    for path in (ROOT / addon).rglob("*.py")
)


def _is_translation(call):
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "_") or (
        isinstance(func, ast.Attribute) and func.attr == "_"
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_f_string_inside_translation_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [
        node.lineno
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and _is_translation(call)
        for node in ast.walk(call)
        if isinstance(node, ast.JoinedStr)
    ]
    assert not bad, f"f-string inside _() at line(s) {bad}: compute it before"


def test_sources_are_found():
    assert len(SOURCES) > 20
