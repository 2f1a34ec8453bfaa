"""Fixtures of the live-server tests: a real Odoo server and its users.

``make test`` (tools/dj.sh) sets ``DJ_LIVE_DB`` (a copy of the installed test
database) and ``DJ_ODOO_CONFIG``. Without them these tests are skipped, except
under CI (``CI`` set), where they must run and so fail.
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


@pytest.fixture(scope="session")
def live_server():
    db = os.environ.get("DJ_LIVE_DB")
    config = os.environ.get("DJ_ODOO_CONFIG")
    if not (db and config):
        reason = (
            "live-server tests need DJ_LIVE_DB and DJ_ODOO_CONFIG, which "
            "`make test` (tools/dj.sh test) sets"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run them.", pytrace=False)
        pytest.skip(reason)
    server = LiveServer(config, db)
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


@pytest.fixture(scope="session")
def admin(live_server):
    return Rpc(live_server, ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def new_user(live_server, admin):
    """``new_user(groups)``: a new active internal user (with an e-mail, as
    mail tracking needs one) and their XML-RPC session."""

    def make(groups=PLAIN_GROUPS, name="Live User"):
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
        return Rpc(live_server, login, password)

    return make


@pytest.fixture(scope="module")
def plain(new_user):
    """A plain internal user: the data-job user group, the export right and
    contact creation; no manager or administrator right."""
    return new_user()
