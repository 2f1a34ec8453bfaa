"""Fixtures of the live-server tests: a real Odoo server and its users.

``make test`` (tools/dj.sh) sets ``DJ_LIVE_DB`` and ``DJ_FAULTS_DB`` (copies
of the installed test database) and ``DJ_ODOO_CONFIG``. Without them these
tests are skipped, except under CI (``CI`` set), where they must run and so
fail.
"""

import os
import uuid

import pytest
from live_server import LiveServer, LiveServerError, Rpc

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin"  # the demo database tools/dj.sh installs
PLAIN_GROUPS = (
    "base.group_user",  # implies data_jobs.group_data_job_user
    "base.group_allow_export",
    "base.group_partner_manager",  # may create contacts (the import tests)
)


def _live_settings(db_variable):
    """The database ``$db_variable`` and the configuration, or skip (fail
    under CI) when ``make test`` did not provide them."""
    db = os.environ.get(db_variable)
    config = os.environ.get("DJ_ODOO_CONFIG")
    if not (db and config):
        reason = (
            f"live-server tests need {db_variable} and DJ_ODOO_CONFIG, which "
            "`make test` (tools/dj.sh test) sets"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run them.", pytrace=False)
        pytest.skip(reason)
    return db, config


def _serve(server):
    """Start ``server`` (failing the test with the reason when it cannot),
    yield it, stop it."""
    error = None
    try:
        server.start(ADMIN_LOGIN, ADMIN_PASSWORD)
    except LiveServerError as exc:
        error = str(exc)
    if error:
        pytest.fail(error, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


SUMMARY = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def live_summary(request):
    """Lines of what the live tests saw (timings, which outcome a fault
    took), printed at the end of the run."""
    return request.config.stash.setdefault(SUMMARY, [])


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("live-server tests: what happened")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def live_server():
    db, config = _live_settings("DJ_LIVE_DB")
    yield from _serve(LiveServer(config, db))


@pytest.fixture(scope="module")
def prefork_server():
    """A prefork server (``--workers=2``, the queue_job runner in a process
    of its own) on ``$DJ_FAULTS_DB``, a copy apart from the other live
    tests': the fault tests kill its workers and hold locks in it."""
    db, config = _live_settings("DJ_FAULTS_DB")
    yield from _serve(LiveServer(config, db, workers=2))


def create_user(server, admin, groups=PLAIN_GROUPS, name="Live User"):
    """A new active internal user of ``server`` (with an e-mail, as mail
    tracking needs one) and their XML-RPC session."""
    login = f"dj_live_{uuid.uuid4().hex[:10]}"
    password = f"{login}-Secret-42"
    group_ids = [admin.ref(xmlid)["res_id"] for xmlid in groups]
    admin(
        "res.users",
        "create",
        {
            "name": f"{name} {login[-4:]}",
            "login": login,
            "password": password,
            "email": f"{login}@example.com",
            "groups_id": [(6, 0, group_ids)],
        },
    )
    return Rpc(server, login, password)


@pytest.fixture(scope="session")
def admin(live_server):
    return Rpc(live_server, ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def new_user(live_server, admin):
    """``new_user(groups)``: a new active internal user and their session."""

    def make(groups=PLAIN_GROUPS, name="Live User"):
        return create_user(live_server, admin, groups, name)

    return make


@pytest.fixture(scope="module")
def plain(new_user):
    """A plain internal user: the data-job user group, the export right and
    contact creation; no manager or administrator right."""
    return new_user()
