"""A real Odoo server on loopback for the live tests, and an XML-RPC client.

``tools/dj.sh test`` copies the freshly installed test database to
``$DJ_LIVE_DB`` and passes its Odoo configuration as ``$DJ_ODOO_CONFIG``. The
server started here serves that database alone on 127.0.0.1 and a free port,
with no cron thread (the tests trigger the crons they need) and with the
queue_job runner thread that the configuration's ``server_wide_modules`` starts
in a threaded (``--workers=0``) server: queued jobs really run in the
background, in that server, as they do in production.

Every wait is bounded; a server that dies or does not answer fails the test
with the tail of its log.
"""

import configparser
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

import psycopg2

START_TIMEOUT = 60  # seconds for the server to load the registry and answer
STOP_TIMEOUT = 15  # seconds for a graceful stop before the server is killed
RPC_TIMEOUT = 60  # seconds for one XML-RPC call
LOG_TAIL = 60  # lines of the server log shown with a failure

# /xmlrpc/2 fault codes (odoo/addons/base/controllers/rpc.py): a UserError
# (ValidationError, RedirectWarning) or an AccessError, i.e. a refusal with a
# message; code 1 is a crash (any other exception, with its traceback).
REFUSAL_CODES = (2, 4)


class LiveServerError(RuntimeError):
    """The live server could not be started or does not answer."""


def free_port():
    """A TCP port of 127.0.0.1 nobody listens on (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    """In the child: get SIGTERM if the test process dies (Linux), so that a
    killed pytest leaves no server behind holding the database."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:  # not glibc: the fixture's teardown alone stops the server
        return
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Transport(xmlrpc.client.Transport):
    """xmlrpc.client's transport with a timeout: no call waits forever."""

    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def server_proxy(url, timeout=RPC_TIMEOUT):
    return xmlrpc.client.ServerProxy(
        url, transport=_Transport(timeout), allow_none=True
    )


class LiveServer:
    """``python -m odoo`` serving one database on 127.0.0.1:<free port>."""

    def __init__(self, config, db):
        self.config = config
        self.db = db
        self.port = None
        self.process = None
        # DJ_LIVE_LOG=<file> keeps the server's log; otherwise it goes with the server
        self.log_path = os.environ.get("DJ_LIVE_LOG")
        self._log_dir = None
        if not self.log_path:
            self._log_dir = tempfile.mkdtemp(prefix="dj_live_")
            self.log_path = os.path.join(self._log_dir, "odoo.log")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            self.config,
            "-d",
            self.db,
            f"--db-filter=^{self.db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            "--workers=0",
            "--max-cron-threads=0",
            "--log-level=info",
        ]

    def check_database(self):
        """Refuse to start on a database that is missing or lacks data_jobs:
        ``odoo -d`` would create a missing one and install base into it."""
        parser = configparser.ConfigParser(interpolation=None)
        if not parser.read(self.config):
            raise LiveServerError(f"cannot read the Odoo configuration {self.config}")
        options = parser["options"] if parser.has_section("options") else {}
        params = {
            key: options.get(f"db_{key}")
            for key in ("host", "port", "user", "password")
            if options.get(f"db_{key}") not in (None, "", "False")
        }
        try:
            with psycopg2.connect(dbname=self.db, connect_timeout=10, **params) as cnx:
                with cnx.cursor() as cr:
                    cr.execute(
                        "SELECT state FROM ir_module_module WHERE name = 'data_jobs'"
                    )
                    row = cr.fetchone()
            cnx.close()
        except psycopg2.Error as exc:
            raise LiveServerError(
                f"the live database {self.db} cannot be used: {exc}".strip()
            ) from exc
        if not row or row[0] != "installed":
            raise LiveServerError(f"data_jobs is not installed in {self.db}")

    def start(self, admin_login, admin_password, timeout=START_TIMEOUT):
        """Start the server and wait until ``admin`` can log in over XML-RPC;
        a server that does not get there is stopped again."""
        self.check_database()
        self.port = free_port()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        try:
            return self._wait_ready(admin_login, admin_password, timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, admin_login, admin_password, timeout):
        common = server_proxy(f"{self.url}/xmlrpc/2/common", timeout=10)
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LiveServerError(
                    f"the Odoo server exited with code {self.process.returncode} "
                    f"before answering.\n{self.log_tail()}"
                )
            try:
                uid = common.authenticate(self.db, admin_login, admin_password, {})
            except (OSError, xmlrpc.client.Error) as exc:  # not listening yet
                last_error = exc
            else:
                if uid:
                    return uid
                raise LiveServerError(
                    f"{admin_login}/{admin_password} cannot log in to {self.db} "
                    f"(is it a demo database made by tools/dj.sh?).\n{self.log_tail()}"
                )
            time.sleep(0.5)
        raise LiveServerError(
            f"the Odoo server did not answer XML-RPC on {self.url} within "
            f"{timeout} s (last error: {last_error!r}).\n{self.log_tail()}"
        )

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM (Odoo stops gracefully), then SIGKILL; bounded."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout)
        if self._log_dir:
            shutil.rmtree(self._log_dir, ignore_errors=True)
            self._log_dir = None

    def log_tail(self, lines=LOG_TAIL):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as log:
                tail = log.readlines()[-lines:]
        except OSError as exc:
            return f"(no server log: {exc})"
        where = "(DJ_LIVE_LOG=<file> keeps it)" if self._log_dir else self.log_path
        header = f"--- last {len(tail)} lines of the server log {where} ---\n"
        return header + "".join(tail)


class Rpc:
    """One user's XML-RPC session: ``rpc("res.partner", "search", domain)``."""

    def __init__(self, server, login, password):
        self.server = server
        self.login = login
        self.password = password
        common = server_proxy(f"{server.url}/xmlrpc/2/common")
        self.uid = common.authenticate(server.db, login, password, {})
        if not self.uid:
            raise LiveServerError(f"{login} cannot log in to {server.db}")
        self._object = server_proxy(f"{server.url}/xmlrpc/2/object")

    def __call__(self, model, method, *args, **kwargs):
        """``execute_kw``: positional ``args``, keyword ``kwargs`` (e.g.
        ``context={...}``, ``fields=[...]``)."""
        return self._object.execute_kw(
            self.server.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def refused(self, model, method, *args, **kwargs):
        """Call and return the Fault if Odoo refused it with a message
        (UserError / AccessError), None if the call went through; a crash
        (a Fault with a traceback) is raised as is."""
        try:
            self(model, method, *args, **kwargs)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in REFUSAL_CODES:
                return fault
            raise
        return None

    def ref(self, xmlid):
        """``{'model', 'res_id', 'id'}`` of an external id (as ``env.ref``)."""
        module, name = xmlid.split(".", 1)
        found = self(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["model", "res_id"],
        )
        assert found, f"no external id {xmlid}"
        return found[0]


JOB_TIMEOUT = 30  # seconds for the queue_job runner to finish the jobs of a test
FINISHED = ("done", "failed", "cancelled")


def wait_for_jobs(admin, domain, timeout=JOB_TIMEOUT):
    """The data.job records of ``domain`` once all are finished (read as
    admin): they run in the server's queue_job runner, so poll, bounded."""
    fields = ["state", "user_id", "template_id", "error_count", "error_message"]
    deadline = time.monotonic() + timeout
    while True:
        jobs = admin("data.job", "search_read", domain, fields=fields)
        if all(job["state"] in FINISHED for job in jobs):
            return jobs
        if time.monotonic() > deadline:
            raise LiveServerError(
                f"data jobs {domain} still not finished after {timeout} s: "
                f"{[(j['id'], j['state']) for j in jobs]}\n"
                f"{admin.server.log_tail()}"
            )
        time.sleep(0.3)


def run_cron(admin, xmlid):
    """Run a cron now, in the request (``method_direct_trigger``: the cron's
    code runs as the cron's user, as the cron thread would run it)."""
    cron_id = admin.ref(xmlid)["res_id"]
    admin("ir.cron", "method_direct_trigger", [cron_id])
