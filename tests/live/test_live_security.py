"""Issue 9 over real XML-RPC: what a plain internal user can and cannot do.

A real server (conftest.py, live_server.py) serves a copy of the test
database; the plain user acts through ``/xmlrpc/2/object`` exactly as any
client could, the administrator sets the scene, runs the crons and checks the
result. Queued jobs run in that server's queue_job runner.

The external-id test runs last: on code with the hole it moves
``base.group_system`` to a contact, which would disturb anything after it.
"""

import base64
import re

import pytest
from live_server import run_cron, wait_for_jobs

SCHEDULE_CRON = "data_jobs.data_job_template_cron_schedules"
PAST = "2020-01-01 00:00:00"
ATTACK_NAME = "Live attack"
COULD_NOT_START = re.compile(r"could not start", re.IGNORECASE)


def _b64(text):
    return base64.b64encode(text.encode()).decode()


def _max_id(admin, model):
    found = admin(model, "search", [], limit=1, order="id desc")
    return found[0] if found else 0


def _template(rpc, **values):
    vals = {
        "name": "Live template",
        "res_model": "res.partner",
        "direction": "export",
        "field_names": ["name"],
    }
    vals.update(values)
    return rpc("data.job.template", "create", vals)


def _draft_job(rpc):
    return rpc(
        "data.job",
        "create",
        {"res_model": "res.partner", "job_type": "export", "field_names": ["name"]},
    )


# ------------------------------------------------- scheduled export escalation
def test_owner_cannot_hand_a_template_to_the_superuser_or_admin(admin, plain):
    template = _template(plain)
    for target in (1, admin.uid):
        fault = plain.refused(
            "data.job.template", "write", [template], {"user_id": target}
        )
        owner = admin("data.job.template", "read", [template], fields=["user_id"])[0]
        assert fault, f"the owner could write user_id={target} on their template"
        assert owner["user_id"][0] == plain.uid


ATTACKS = {
    # model: fields the superuser would export
    "ir.config_parameter": ["key", "value"],
    "res.users": ["login", "password", "totp_secret"],
}


def test_scheduled_export_never_runs_as_the_superuser(admin, plain):
    """The whole attack of issue 9: the owner of a template makes OdooBot its
    owner, points it at secrets and lets the schedule cron run it."""
    secret = admin("ir.config_parameter", "get_param", "database.secret")
    first_attachment = _max_id(admin, "ir.attachment") + 1
    holes = []
    for model, field_names in ATTACKS.items():
        settings = {
            "name": f"{ATTACK_NAME} {model}",
            "res_model": model,
            "field_names": field_names,
            "schedule_active": True,
            "next_run": PAST,
        }
        # at creation
        vals = dict(settings, direction="export", user_id=1)
        if not plain.refused("data.job.template", "create", vals):
            holes.append(f"the user created a {model} template owned by OdooBot")
        # in one write, then the settings and the owner apart, then by copy
        template = _template(plain, name=f"{ATTACK_NAME} {model}")
        if not plain.refused(
            "data.job.template", "write", [template], dict(settings, user_id=1)
        ):
            holes.append(f"the owner wrote user_id=1 with res_model={model}")
        plain.refused("data.job.template", "write", [template], settings)
        if not plain.refused("data.job.template", "write", [template], {"user_id": 1}):
            holes.append(f"the owner wrote user_id=1 on a {model} template")
        if not plain.refused("data.job.template", "copy", [template], {"user_id": 1}):
            holes.append(f"the owner copied a {model} template to OdooBot")
    templates = admin(
        "data.job.template",
        "search",
        [("name", "like", ATTACK_NAME)],
        context={"active_test": False},
    )
    run_cron(admin, SCHEDULE_CRON)
    jobs = wait_for_jobs(admin, [("template_id", "in", templates)])
    holes += [
        f"job {job['id']} ran as OdooBot ({job['state']})"
        for job in jobs
        if job["user_id"][0] == 1
    ]
    attachments = admin(
        "ir.attachment",
        "search_read",
        [("id", ">=", first_attachment)],
        fields=["name", "datas", "res_model", "res_id"],
    )
    for attachment in attachments:
        content = base64.b64decode(attachment["datas"] or "")
        if b"database.secret" in content or secret.encode() in content:
            holes.append(
                f"attachment {attachment['id']} {attachment['name']} "
                f"({attachment['res_model']},{attachment['res_id']}) holds "
                "database.secret"
            )
    assert not holes, "; ".join(holes)


@pytest.mark.parametrize("why", ["inactive", "no_export_right"])
def test_schedule_of_an_owner_who_may_not_export_stops(admin, new_user, why):
    """An owner who was deactivated, or lost the export right, after making a
    scheduled template: the cron creates no job, says why on the template and
    switches the schedule off."""
    owner = new_user(groups=("base.group_user", "base.group_allow_export"))
    template = _template(owner, schedule_active=True, next_run=PAST)
    if why == "inactive":
        admin("res.users", "write", [owner.uid], {"active": False})
    else:
        group = admin.ref("base.group_allow_export")["res_id"]
        admin("res.users", "write", [owner.uid], {"groups_id": [(3, group)]})

    run_cron(admin, SCHEDULE_CRON)
    jobs = wait_for_jobs(admin, [("template_id", "=", template)])
    state = admin("data.job.template", "read", [template], fields=["schedule_active"])
    bodies = [
        message["body"]
        for message in admin(
            "mail.message",
            "search_read",
            [("model", "=", "data.job.template"), ("res_id", "=", template)],
            fields=["body"],
        )
    ]
    assert not jobs, f"the schedule made jobs as an owner who is {why}: {jobs}"
    assert any(COULD_NOT_START.search(body or "") for body in bodies), bodies
    assert state[0]["schedule_active"] is False, "the schedule is still on"


# ------------------------------------------------------- engine-owned fields
@pytest.fixture(scope="module")
def others_attachment(new_user):
    other = new_user(name="Other User")
    return other(
        "ir.attachment",
        "create",
        {"name": "others-file.txt", "datas": _b64("the other user's data")},
    )


@pytest.fixture(scope="module")
def users_template(admin):
    """A template of another model (res.users), readable by every user."""
    return _template(admin, name="Users", res_model="res.users", field_names=["login"])


FORGED = {
    # case: (values written, field -> value it must keep)
    "state": (
        {"state": "done", "total_rows": 999999},
        {"state": "draft", "total_rows": 0},
    ),
    "output_file_id": (
        {"output_file_id": "others_attachment"},
        {"output_file_id": False},
    ),
    "queue_job_uuid": ({"queue_job_uuid": "forged-uuid"}, {"queue_job_uuid": False}),
    "user_id": ({"user_id": "admin"}, {"user_id": "plain"}),
    "template_id": ({"template_id": "users_template"}, {"template_id": False}),
}


def _resolve(value, names):
    return names.get(value, value) if isinstance(value, str) else value


def _plain_value(value):
    """A many2one as read ([id, name]) -> id."""
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("case", list(FORGED))
def test_engine_and_ownership_fields_are_not_writable(
    admin, plain, others_attachment, users_template, case
):
    """Even with the engine's old context key, a client cannot write what the
    engine owns (state, counters, files, queue job), the owner, or a
    template of another model onto their own draft job."""
    names = {
        "others_attachment": others_attachment,
        "users_template": users_template,
        "admin": admin.uid,
        "plain": plain.uid,
    }
    written, kept = FORGED[case]
    vals = {field: _resolve(value, names) for field, value in written.items()}
    job = _draft_job(plain)
    fault = plain.refused(
        "data.job", "write", [job], vals, context={"data_job_set_state": True}
    )
    after = admin("data.job", "read", [job], fields=list(kept))[0]
    changed = {
        field: after[field]
        for field, value in kept.items()
        if _plain_value(after[field]) != _resolve(value, names)
    }
    assert fault, f"writing {vals} went through: the job now has {changed}"
    assert not changed, f"refused, yet the job now has {changed}"


def test_engine_fields_are_not_set_at_creation(admin, plain, others_attachment):
    marker = "live-forged-create"
    vals = {
        "res_model": "res.partner",
        "job_type": "export",
        "field_names": ["name"],
        "notes": marker,
        "state": "done",
        "total_rows": 999999,
        "output_file_id": others_attachment,
        "queue_job_uuid": "forged-uuid",
    }
    fault = plain.refused(
        "data.job", "create", vals, context={"data_job_set_state": True}
    )
    jobs = admin(
        "data.job",
        "search_read",
        [("notes", "ilike", marker)],
        fields=["state", "total_rows", "output_file_id", "queue_job_uuid"],
    )
    forged = [
        job
        for job in jobs
        if (
            job["state"],
            job["total_rows"],
            job["output_file_id"],
            job["queue_job_uuid"],
        )
        != ("draft", 0, False, False)
    ]
    assert fault or not forged, f"a job was created with engine values: {forged}"


# -------------------------------------------------------------- external ids
@pytest.fixture(scope="module")
def hidden_partner_xmlid(admin, plain):
    """A contact of a company the plain user is not in, with an external id."""
    company = admin("res.company", "create", {"name": "Live Other Company"})
    partner = admin("res.partner", "create", {"name": "Hidden", "company_id": company})
    admin(
        "ir.model.data",
        "create",
        {
            "module": "__import__",
            "name": f"dj_live_hidden_{partner}",
            "model": "res.partner",
            "res_id": partner,
        },
    )
    assert not plain("res.partner", "search", [("id", "=", partner)])
    return f"__import__.dj_live_hidden_{partner}"


def test_import_never_moves_an_external_id(admin, plain, hidden_partner_xmlid):
    """The file's own ``id`` column naming a group, a language, a system
    parameter or a contact the user cannot see: a row error each, and every
    external id keeps its record."""
    parameter = admin(
        "ir.model.data",
        "search_read",
        [("model", "=", "ir.config_parameter")],
        fields=["module", "name"],
        limit=1,
    )[0]
    foreign = [
        "base.group_system",
        "base.lang_fr",
        f"{parameter['module']}.{parameter['name']}",
        hidden_partner_xmlid,
    ]
    before = {xmlid: admin.ref(xmlid) for xmlid in foreign}
    hidden_id = before[hidden_partner_xmlid]["res_id"]
    rows = [f"{xmlid},Moved {n}" for n, xmlid in enumerate(foreign)]
    rows.append(f"__import__.dj_live_new_{plain.uid},New contact")
    content = "id,name\n" + "\n".join(rows) + "\n"

    job_id = plain(
        "data.job", "create_import", "res.partner", "ids.csv", _b64(content), {}
    )
    wait_for_jobs(admin, [("id", "=", job_id)])

    after = {xmlid: admin.ref(xmlid) for xmlid in foreign}
    moved = {
        xmlid: f"{before[xmlid]['model']},{before[xmlid]['res_id']} -> "
        f"{after[xmlid]['model']},{after[xmlid]['res_id']}"
        for xmlid in foreign
        if (after[xmlid]["model"], after[xmlid]["res_id"])
        != (before[xmlid]["model"], before[xmlid]["res_id"])
    }
    job = admin(
        "data.job",
        "read",
        [job_id],
        fields=["state", "error_count", "created_count", "error_message"],
    )[0]
    logs = admin(
        "data.job.log",
        "search_read",
        [("job_id", "=", job_id), ("level", "=", "error")],
        fields=["row_number", "value", "message"],
    )
    assert not moved, f"the import moved external ids: {moved}"
    hidden = admin("res.partner", "read", [hidden_id], fields=["name"])[0]
    assert hidden["name"] == "Hidden", "the import changed the hidden contact"
    assert job["state"] == "done", job
    assert job["error_count"] == len(foreign), job
    assert job["created_count"] == 1, job
    for row_number, xmlid in enumerate(foreign, start=2):  # the header is row 1
        assert any(
            log["row_number"] == row_number
            and xmlid in f"{log['value'] or ''} {log['message']}"
            for log in logs
        ), f"no row error on row {row_number} naming {xmlid}: {logs}"
