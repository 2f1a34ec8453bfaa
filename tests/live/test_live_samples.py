"""Issue 9, finding 5, over real HTTP: a template's sample file is streamed by
the server with the requesting user's rights (the export right, the records
that user may read) and never stored as an attachment on the template."""

import http.cookiejar
import json
import urllib.error
import urllib.request

import pytest

NO_EXPORT_GROUPS = ("base.group_user",)


def _session(live_server, rpc):
    """A browser-like HTTP session of ``rpc``'s user (its session cookie)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "db": live_server.db,
                "login": rpc.login,
                "password": rpc.password,
            },
        }
    ).encode()
    request = urllib.request.Request(
        f"{live_server.url}/web/session/authenticate",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=30) as response:
        answer = json.loads(response.read())
    assert answer.get("result", {}).get("uid") == rpc.uid, answer
    return opener


def _get(opener, url):
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def template(plain, admin):
    marker = "DJ Live Sample"
    admin("res.partner", "create", [{"name": f"{marker} {i}"} for i in range(3)])
    template_id = plain(
        "data.job.template",
        "create",
        {
            "name": "Live sample",
            "direction": "export",
            "res_model": "res.partner",
            "domain": repr([("name", "=like", f"{marker}%")]),
            "field_names": ["name"],
        },
    )
    return template_id


def test_sample_is_streamed_with_the_users_rights(live_server, plain, admin, template):
    attachments = admin(
        "ir.attachment",
        "search_count",
        [("res_model", "=", "data.job.template"), ("res_id", "=", template)],
    )
    opener = _session(live_server, plain)
    status, headers, body = _get(
        opener, f"{live_server.url}/data_jobs/template/{template}/sample"
    )
    assert status == 200, body[:500]
    assert headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    assert b"DJ Live Sample 0" in body
    assert (
        admin(
            "ir.attachment",
            "search_count",
            [("res_model", "=", "data.job.template"), ("res_id", "=", template)],
        )
        == attachments
    ), "the sample is not stored on the template"


def test_sample_needs_the_export_right(live_server, new_user, template):
    user = new_user(NO_EXPORT_GROUPS, name="Live No Export")
    opener = _session(live_server, user)
    status, _headers, body = _get(
        opener, f"{live_server.url}/data_jobs/template/{template}/sample"
    )
    assert status == 403, (status, body[:300])
    assert b"DJ Live Sample" not in body
    # the empty file (the columns only) needs no export right
    status, _headers, body = _get(
        opener, f"{live_server.url}/data_jobs/template/{template}/empty"
    )
    assert status == 200
    assert b"DJ Live Sample" not in body


def test_sample_needs_a_session(live_server, template):
    status, _headers, body = _get(
        urllib.request.build_opener(),
        f"{live_server.url}/data_jobs/template/{template}/sample",
    )
    assert b"DJ Live Sample" not in body
    assert status in (200, 303, 401, 403)  # the login page, never the file
