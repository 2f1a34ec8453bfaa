# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One2many lines named by external or database id are updated, not created
again, as ``load()`` does (issue 11, point 3)."""

from odoo.tests import tagged

from .parity.differences import known
from .parity_import_common import ParityImportCase

HEADER = ["id", "name", "child_ids/id", "child_ids/name"]


@tagged("post_install", "-at_install")
class TestParityImportO2m(ParityImportCase):
    def _file(self, prefix, suffix=""):
        return [
            [
                f"{prefix}_co",
                f"Imp {prefix} Co",
                f"{prefix}_c1",
                f"Imp {prefix} C1{suffix}",
            ],
            ["", "", f"{prefix}_c2", f"Imp {prefix} C2{suffix}"],
        ]

    def _load(self, rows):
        result = self.Partner.with_user(self.user_a).load(HEADER, rows)
        self.assertFalse(result["messages"], result["messages"])
        return self.Partner.browse(result["ids"])

    def _ours(self, rows):
        job = self._import(self._csv([HEADER, *rows]))
        self.assertJobOk(job)
        return job

    def test_reimport_by_external_id_updates_the_lines(self):
        """Imported twice (the second time with new names and one more line
        without id): the named children are updated, as with load()."""
        theirs = self._load(self._file("odoo"))
        self._ours(self._file("ours"))
        extra = [["", "", "", "Imp {} C3"]]
        theirs = self._load(
            self._file("odoo", " bis") + [[c.format("odoo") for c in extra[0]]]
        )
        job = self._ours(
            self._file("ours", " bis") + [[c.format("ours") for c in extra[0]]]
        )
        self.assertEqual((job.created_count, job.updated_count), (0, 1))
        mine = self.env.ref("__import__.ours_co")
        self.assertEqual(
            [n.replace("ours", "odoo") for n in mine.child_ids.mapped("name")],
            theirs.child_ids.mapped("name"),
        )
        self.assertEqual(len(mine.child_ids), 3)
        self.assertEqual(
            mine.child_ids[:2],
            self.env.ref("__import__.ours_c1") | self.env.ref("__import__.ours_c2"),
        )
        self.assertEqual(
            self.Partner.search_count([("name", "=like", "Imp ours C%")]),
            self.Partner.search_count([("name", "=like", "Imp odoo C%")]),
        )

    def test_same_file_again_changes_nothing(self):
        self._ours(self._file("ours"))
        job = self._ours(self._file("ours"))
        self.assertEqual((job.created_count, job.updated_count), (0, 0))
        self.assertEqual(job.unchanged_count, 1)
        self.assertEqual(len(self.env.ref("__import__.ours_co").child_ids), 2)

    def test_lines_by_database_id(self):
        theirs = self._load(self._file("odoo"))
        self._ours(self._file("ours"))
        mine = self.env.ref("__import__.ours_co")
        their_child, my_child = theirs.child_ids[0], mine.child_ids[0]
        header = ["id", "child_ids/.id", "child_ids/name"]
        self.Partner.with_user(self.user_a).load(
            header, [["odoo_co", str(their_child.id), "Imp odoo renamed"]]
        )
        job = self._import(
            self._csv([header, ["ours_co", str(my_child.id), "Imp ours renamed"]])
        )
        self.assertJobOk(job)
        self.assertEqual(my_child.name, "Imp ours renamed")
        self.assertEqual(their_child.name, "Imp odoo renamed")
        self.assertEqual(len(mine.child_ids), len(theirs.child_ids))

    def test_line_id_of_another_model_is_a_row_error(self):
        known("o2m_line_of_another_model")
        rows = [["ours_co", "Imp ours Co", "base.be", "Imp ours C1"]]
        job = self._import(self._csv([HEADER, *rows]))
        self.assertEqual(job.created_count, 0)
        [(row, column, value, message)] = self._row_errors(job)
        self.assertEqual((row, column, value), (2, "child_ids/id", "base.be"))
        self.assertIn("another model", message)

    def test_line_id_of_a_deleted_line_is_given_again(self):
        """An external id left behind by a deleted line (its record gone,
        the ir.model.data row kept) names the new line, as with load()."""
        gone = self.Partner.create({"name": "Imp Gone"})
        gone_id = gone.id
        gone.unlink()
        for prefix in ("odoo", "ours"):
            self.env["ir.model.data"].create(
                {
                    "module": "__import__",
                    "name": f"{prefix}_c1",
                    "model": "res.partner",
                    "res_id": gone_id,
                }
            )
        self._load(self._file("odoo"))
        self._ours(self._file("ours"))
        for prefix in ("odoo", "ours"):
            child = self.env.ref(f"__import__.{prefix}_c1")
            self.assertEqual(child.name, f"Imp {prefix} C1")
            self.assertEqual(child.parent_id, self.env.ref(f"__import__.{prefix}_co"))
