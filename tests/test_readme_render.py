"""tools/render_readme.py and its Markdown -> rst converter (no database)."""

import io
import sys
import textwrap
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import md2rst  # noqa: E402
import render_readme  # noqa: E402


def parse(rst):
    """Parse rst with docutils; fail on any warning or error it reports."""
    stream = io.StringIO()
    doctree = publish_doctree(
        rst,
        settings_overrides={
            "report_level": 2,
            "halt_level": 5,
            "warning_stream": stream,
            "syntax_highlight": "none",
        },
    )
    problems = [m.astext() for m in doctree.findall(nodes.system_message)]
    assert not stream.getvalue() and not problems, stream.getvalue() or problems
    return doctree


def md(text, level=1):
    return md2rst.md_to_rst(textwrap.dedent(text), level)


def in_document(fragment_rst):
    return f"Title\n=====\n\nSection\n-------\n\n{fragment_rst}\nEnd\n---\n\nx\n"


MANIFEST = {
    "name": "Sample Addon",
    "version": "18.0.1.0.0",
    "author": "data_jobs contributors",
    "website": "https://github.com/data-jobs/data_jobs",
    "maintainers": ["data-jobs"],
    "license": "LGPL-3",
    "development_status": "Alpha",
}
FRAGMENTS = {
    "DESCRIPTION": "Imports *any* model.\n\n## Formats\n\n- CSV\n- XLSX\n",
    "USAGE": textwrap.dedent(
        """\
        # Exporting

        1. Open **Data Jobs**.
        2. Run:

           ```python
           env["data.job"].create({"name": "x"})._run()
           ```

        ## Options

        | Option | Default |
        | ------ | ------- |
        | `delimiter` | `,` |
        | encoding | utf-8 |

        See [the docs](https://example.com/docs) and <https://example.org>.
        """
    ),
    "CONTRIBUTORS": "- Jane Doe <jane@example.com>\n- ACME\n  - John Roe\n",
    "HISTORY": "## 18.0.1.0.0 (2026-11-21)\n\n- First release.\n",
}


@pytest.fixture
def addon(tmp_path):
    addon_dir = tmp_path / "sample_addon"
    (addon_dir / "readme").mkdir(parents=True)
    (addon_dir / "__manifest__.py").write_text(repr(MANIFEST))
    for name, text in FRAGMENTS.items():
        (addon_dir / "readme" / f"{name}.md").write_text(text)
    return addon_dir


def test_headings_become_levels_below_the_section():
    rst = md("# Top\n\ntext\n\n## Sub\n\ntext\n\n# Other\n\ntext\n")
    assert "Top\n---\n" in rst and "Sub\n~~~\n" in rst and "Other\n-----\n" in rst
    # a fragment starting at ## (OCA's habit) gives the same levels
    assert md("## Top\n\ntext\n\n### Sub\n\ntext\n") == md(
        "# Top\n\ntext\n\n## Sub\n\ntext\n"
    )
    # skipped levels are closed up; a level 2 fragment (Contributors) goes deeper
    assert "B\n~\n" in md("# A\n\nx\n\n### B\n\ny\n")
    assert "A\n~\n" in md("# A\n\nx\n", level=2)
    parse(in_document(md("# A\n\nx\n\n### B\n\ny\n\n## C\n\nz\n")))


def test_description_headings_are_rubrics():
    assert md("## Formats\n\ntext\n", level=0).startswith(".. rubric:: Formats\n")


def test_lists_and_nesting():
    rst = md(
        """\
        - one
        - two
          continued
          - nested *a*
          - nested b
        - three

        1. first
        2. second
        """
    )
    assert "- one\n- two\n  continued\n\n  - nested *a*\n  - nested b\n- three" in rst
    assert "1. first\n2. second" in rst
    parse(in_document(rst))


def test_code_block_link_inline():
    rst = md(
        """\
        Use `env` with **care**, *really*: [docs](https://e.org/x), `x`s.

        ```xml
        <odoo>
          <record id="a" model="b"/>
        </odoo>
        ```

        ```
        plain
        ```
        """
    )
    assert "``env``" in rst and "**care**" in rst and "*really*" in rst
    assert "`docs <https://e.org/x>`__" in rst
    assert "``x``\\ s" in rst
    assert ".. code-block:: xml\n\n   <odoo>\n     <record" in rst
    assert "::\n\n   plain" in rst
    parse(in_document(rst))


def test_table():
    rst = md("| A | B |\n|---|:-:|\n| `1` | two |\n| 3 | |\n")
    assert rst.startswith(".. list-table::\n   :header-rows: 1\n")
    assert "   * - A\n     - B\n   * - ``1``\n     - two\n   * - 3\n     -\n" in rst
    parse(in_document(rst))


def test_rst_special_characters_are_escaped():
    rst = md("Files *.csv or a|b, field_ and data_jobs stay text.\n")
    parse(in_document(rst))
    assert "data_jobs" in rst


def test_render_readme(addon):
    rst = render_readme.render_rst(addon)
    doctree = parse(rst)
    titles = [t.astext() for t in doctree.findall(nodes.title)]
    assert titles[0] == "Sample Addon"
    for title in ("Usage", "Exporting", "Options", "Changelog", "Bug Tracker"):
        assert title in titles
    assert titles[-4:] == ["Credits", "Authors", "Contributors", "Maintainers"]
    assert rst.index("Imports *any* model.") < rst.index(".. contents::")
    assert "maturity-Alpha-red" in rst and "license-LGPL--3-blue" in rst
    assert "- data_jobs contributors" in rst
    assert ".. code-block:: python" in rst
    # the html is rendered with docutils' halt_level=2: warnings raise
    html = render_readme.render_html(rst)
    assert b"<title>Sample Addon</title>" in html
    assert render_readme.MARKER.encode() in html


def test_cli_check_and_write(addon, capsys):
    assert render_readme.main(["--check", str(addon)]) == 1
    assert not (addon / "README.rst").exists()
    assert "would change" in capsys.readouterr().out
    assert render_readme.main([str(addon)]) == 0
    index = addon / "static" / "description" / "index.html"
    assert (addon / "README.rst").is_file() and index.is_file()
    assert render_readme.main(["--check", str(addon)]) == 0
    assert render_readme.main(["--fail-on-change", str(addon)]) == 0
    (addon / "readme" / "USAGE.md").write_text("Changed.\n")
    assert render_readme.main(["--fail-on-change", str(addon)]) == 1
    assert "Changed." in (addon / "README.rst").read_text()
    # a hand-written index.html is left alone, as OCA's generator does
    index.write_text("<html>custom</html>")
    assert render_readme.main(["--check", str(addon)]) == 0


def test_addon_without_description_is_skipped(addon):
    (addon / "readme" / "DESCRIPTION.md").unlink()
    assert render_readme.render_rst(addon) is None
    assert render_readme.main(["--check", str(addon)]) == 0


def test_repository_readmes_are_up_to_date():
    """Same as the readme-render pre-commit hook."""
    assert (
        render_readme.main(["--check"]) == 0
    ), "README.rst / index.html are stale: run python tools/render_readme.py"
