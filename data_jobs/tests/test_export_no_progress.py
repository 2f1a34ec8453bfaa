# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An export that stops moving fails with a message instead of spinning.

One loop of the engine waits for progress: reading a column's values into
the ORM cache (``_cached_values``); the records' batches are slices of the
ordered ids, read once, which always end. The cache guard is tested on the
case that made the old code loop forever; SIGALRM bounds every test, so a
regression fails.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..resources.generic import _cached_values
from .common import DataJobCase
from .time_limit import time_limit


@tagged("post_install", "-at_install")
class TestExportNoProgress(DataJobCase):
    def test_cached_values_refuses_a_field_the_cache_never_holds(self):
        """The id field never enters the cache: the old loop fetched again
        and again, forever."""
        records = self.partners.with_user(self.user_a)
        records.invalidate_recordset()
        with time_limit(5, "_cached_values"):
            with self.assertRaisesRegex(
                UserError, "'id' of res.partner made no progress"
            ):
                _cached_values(records, records._fields["id"])

    def test_cached_values_of_ordinary_fields(self):
        records = self.partners.with_user(self.user_a)
        records.invalidate_recordset()
        with time_limit(5, "_cached_values"):
            names = _cached_values(records, records._fields["name"])
            countries = _cached_values(records, records._fields["country_id"])
        self.assertEqual(names, records.mapped("name"))
        self.assertEqual(countries, [self.country.id] * 7)

    def test_id_cursor_reads_every_batch_once(self):
        job = self._export_job(field_names=["name"], options={"batch_size": 2})
        job.action_start()
        with time_limit(30, "the export job"):
            self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        names = [row[0] for row in self._csv_rows(job)[1:]]
        self.assertEqual(names, self.partners.mapped("name"))
