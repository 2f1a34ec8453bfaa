# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the owner gets when a job ends: a pop-up they can act on and a
chatter message."""

import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, DataJobCase


@tagged("post_install", "-at_install")
class TestJobEndedNotification(DataJobCase):
    def _sent(self, user):
        """The data_jobs.job_ended payloads sent to ``user``'s browser tabs."""
        self.env.cr.precommit.run()  # the bus writes its rows before commit
        payloads = []
        for bus in self.env["bus.bus"].sudo().search([], order="id"):
            channel, message = json.loads(bus.channel), json.loads(bus.message)
            if message["type"] == "data_jobs.job_ended" and channel[1:] == [
                "res.partner",
                user.partner_id.id,
            ]:
                payloads.append(message["payload"])
        return payloads

    def _ended_message(self, job):
        return job.message_ids.filtered(lambda m: "ended:" in m.body)

    def test_done_job_offers_open_and_download(self):
        job = self._export_job(field_names=["name"])
        job.action_start()
        self._run(job)
        attachment = job.sudo().output_file_id
        [payload] = self._sent(self.user_a)
        self.assertEqual(payload["job_id"], job.id)
        self.assertEqual((payload["state"], payload["type"]), ("done", "success"))
        self.assertFalse(payload["sticky"])
        self.assertEqual(
            payload["url"], f"/odoo/action-data_jobs.data_job_action/{job.id}"
        )
        self.assertEqual(
            payload["download_url"], f"/web/content/{attachment.id}?download=true"
        )
        self.assertIn(f"{job.name} ended: Done.", payload["message"])
        self.assertFalse(self._sent(self.user_b))
        message = self._ended_message(job)
        self.assertIn(
            f'<a href="/odoo/action-data_jobs.data_job_action/{job.id}">{job.name}</a>'
            " ended: Done.",
            message.body,
        )
        self.assertEqual(message.attachment_ids, attachment)
        self.assertIn(self.user_a.partner_id, message.partner_ids)

    def test_failed_job_stays_on_screen_with_its_reason(self):
        job = self._export_job(field_names=["name", "country_id/no_such"])
        job.action_start()
        with mute_logger(RUNNER_LOGGER):
            self._run(job)
        [payload] = self._sent(self.user_a)
        self.assertEqual((payload["state"], payload["type"]), ("failed", "danger"))
        self.assertTrue(payload["sticky"])
        self.assertFalse(payload["download_url"])
        self.assertIn("has no field 'no_such'", payload["message"])
        self.assertIn("ended: Failed.", self._ended_message(job).body)
