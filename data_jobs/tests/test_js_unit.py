# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hoot unit tests under static/tests, run in headless Chromium as Odoo's
own ``web/tests/test_js.py`` runs the web client's, filtered on this addon's
suites so that a run takes seconds rather than the whole web suite's hour."""

import logging
import re
from pathlib import Path

from odoo.tests import HttpCase, tagged

from odoo.addons.web.tests.test_js import unit_test_error_checker

TESTS_DIR = Path(__file__).resolve().parents[1] / "static" / "tests"
# hoot names a suite after its file's module path, @data_jobs/<path>.test.js
# without ".test.js" (tours, in static/tests/tours, are not hoot suites)
SUITES = tuple(
    "@data_jobs/" + path.relative_to(TESTS_DIR).as_posix()[: -len(".test.js")]
    for path in sorted(TESTS_DIR.rglob("*.test.js"))
)
SUCCESS = "[HOOT] test suite succeeded"
ENDED = re.compile(r'\[HOOT\] "(?P<suite>[^"]+)" ended \(passed: (?P<passed>\d+)')


def error_checker(message):
    """Odoo's checker (a failed hoot test does not stop the run, hoot goes
    on and reports), but a failed suite stops it at once instead of waiting
    for the timeout."""
    return "[HOOT] test suite failed" in message or unit_test_error_checker(message)


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def hoot_hash(name):
    """hoot's id of a suite or test (the hash Odoo's HOOTCommon computes)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestJsUnit(HttpCase):
    def setUp(self):
        super().setUp()
        self._declare_queue_job_web_editor_dependency()

    def _declare_queue_job_web_editor_dependency(self):
        """OCA queue_job 18.0's channel tree (in web.assets_backend) imports
        ``@web_editor/js/common/utils`` while its manifest does not depend on
        web_editor. hoot starts only the modules of the tested addon and of
        the addons ``ir.module.module.dependency.all_dependencies`` lists for
        it, so every suite of an addon depending on queue_job fails to load
        ("Error while loading @queue_job/channel_tree/channel_tree.esm").

        The browser's requests run on this test's transaction: the missing
        dependency is declared here and rolled back with the test. web_editor
        itself must be installed so that its modules are in the bundle (the
        demo's sale_management brings it in the test command's database)."""
        modules = self.env["ir.module.module"]
        if (
            modules.search_count(
                [("name", "=", "web_editor"), ("state", "=", "installed")]
            )
            == 0
        ):
            self.skipTest(
                "web_editor is not installed in this database: queue_job's "
                "assets import it, so hoot cannot load them (install web_editor, "
                "or data_jobs_demo which brings it, to run the JS unit tests)"
            )
        queue_job = modules.search([("name", "=", "queue_job")])
        if "web_editor" not in queue_job.dependencies_id.mapped("name"):
            self.env["ir.module.module.dependency"].create(
                {"module_id": queue_job.id, "name": "web_editor"}
            )

    def test_hoot_suites(self):
        """Every test of this addon's hoot suites passes (hoot prints the
        success signal only when no test failed)."""
        self.assertTrue(SUITES, f"no *.test.js under {TESTS_DIR}")
        filters = "".join(f"&suite={hoot_hash(name)}" for name in SUITES)
        # the browser's console goes to this test's logger's "browser" child
        lines = _Lines()
        logger = logging.getLogger(self._logger.name)
        logger.addHandler(lines)
        self.addCleanup(logger.removeHandler, lines)
        if not logger.isEnabledFor(logging.INFO):  # hoot's lines are INFO
            self.addCleanup(logger.setLevel, logger.level)
            logger.setLevel(logging.INFO)
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000{filters}",
            "",
            "",
            login="admin",
            timeout=240,
            success_signal=SUCCESS,
            error_checker=error_checker,
        )
        # a filter that matched nothing would "succeed" with no test run
        ran = {
            match["suite"]: int(match["passed"])
            for match in map(ENDED.search, lines.lines)
            if match
        }
        for suite in SUITES:
            self.assertGreater(ran.get(suite, 0), 0, f"hoot ran no test of {suite}")
