# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The table of known differences stays true: each entry is named by a
parity test, and readme/USAGE.md shows the very table."""

from pathlib import Path

from odoo.tests import BaseCase, tagged

from .differences import KNOWN_DIFFERENCES, README_HEADING, markdown_table

HERE = Path(__file__).parent
USAGE = HERE.parents[1] / "readme" / "USAGE.md"


@tagged("post_install", "-at_install")
class TestDifferencesTable(BaseCase):
    def test_every_entry_is_used_by_a_test(self):
        """A case id (before its ``.format.field`` suffix) must be named, in
        quotes, by a parity test module (this suite's, or the
        ``tests/test_parity_*.py`` ones): an entry nothing checks is false."""
        paths = [*HERE.glob("test_*.py"), *HERE.parent.glob("test_parity_*.py")]
        sources = "".join(
            path.read_text("utf-8")
            for path in paths
            if path.name != Path(__file__).name
        )
        cases = [entry[0] for entry in KNOWN_DIFFERENCES]
        self.assertEqual(len(cases), len(set(cases)), "a case is listed twice")
        for case in cases:
            self.assertIn(f'"{case.split(".")[0]}', sources, f"{case}: no test")
        for entry in KNOWN_DIFFERENCES:
            self.assertEqual(len(entry), 4, entry)
            self.assertTrue(all(isinstance(v, str) and v for v in entry), entry)

    def test_readme_shows_the_table(self):
        text = USAGE.read_text("utf-8")
        self.assertIn(README_HEADING, text)
        after = text.split(README_HEADING, 1)[1].splitlines()
        start = next((i for i, line in enumerate(after) if line.startswith("|")), 0)
        table = []
        for line in after[start:]:
            if not line.startswith("|"):
                break
            table.append(line)
        expected = markdown_table()
        self.assertEqual(
            "\n".join(table),
            expected,
            f"The table under '{README_HEADING}' in {USAGE} is not "
            f"KNOWN_DIFFERENCES: replace it with\n\n{expected}\n",
        )
