"""A real Odoo server on loopback for the live tests, and an XML-RPC client.

``tools/dj.sh test`` copies the freshly installed test database to
``$DJ_LIVE_DB`` (and ``$DJ_FAULTS_DB``) and passes its Odoo configuration as
``$DJ_ODOO_CONFIG``. The server started here serves that database alone on
127.0.0.1 and a free port, with no cron thread (the tests trigger the crons
they need) and with the queue_job runner that the configuration's
``server_wide_modules`` starts: a thread of a threaded (``--workers=0``)
server, or with ``workers=N`` a prefork server whose runner is a process of
its own dispatching each job over HTTP to one of the N HTTP workers, as in
production. The fault tests find the worker running a job
(``worker_running``), kill it and nudge the runner.

Every wait is bounded; a server that dies or does not answer fails the test
with the tail of its log.
"""

import configparser
import contextlib
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

import psutil
import psycopg2

START_TIMEOUT = 60  # seconds for the server to load the registry and answer
STOP_TIMEOUT = 15  # seconds for a graceful stop before the server is killed
# A prefork worker is killed by its server past these (Odoo's defaults: 120 s
# of real time, 60 s of CPU): a long job must not be, unless a test does it.
WORKER_TIME_LIMIT = 900
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


def db_params(config):
    """psycopg2 connection keywords (host, port, user, password) of an Odoo
    configuration file."""
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(config):
        raise LiveServerError(f"cannot read the Odoo configuration {config}")
    options = parser["options"] if parser.has_section("options") else {}
    return {
        key: options.get(f"db_{key}")
        for key in ("host", "port", "user", "password")
        if options.get(f"db_{key}") not in (None, "", "False")
    }


class LiveServer:
    """``python -m odoo`` serving one database on 127.0.0.1:<free port>;
    ``workers=0`` threaded, ``workers>=2`` prefork."""

    def __init__(self, config, db, workers=0):
        self.config = config
        self.db = db
        self.workers = workers
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
        command = [
            *self._launcher(),
            "-c",
            self.config,
            "-d",
            self.db,
            f"--db-filter=^{self.db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            f"--workers={self.workers}",
            "--max-cron-threads=0",
            "--log-level=info",
        ]
        if self.workers:
            command += [
                # the runner is started by queue_job as a server-wide module
                # (also in the configuration dj.sh writes; said again here so
                # that no other configuration runs a prefork server without it)
                "--load=base,web,queue_job",
                f"--limit-time-real={WORKER_TIME_LIMIT}",
                f"--limit-time-cpu={WORKER_TIME_LIMIT}",
            ]
        return command

    def _launcher(self):
        """``python -m odoo``, or for a prefork server ``odoo_prefork.py``
        (Odoo's command line, with a quiet stand-in for the websocket
        process a prefork server re-runs ``sys.argv[0]`` for)."""
        if not self.workers:
            return [sys.executable, "-m", "odoo"]
        here = os.path.dirname(os.path.abspath(__file__))
        return [sys.executable, os.path.join(here, "odoo_prefork.py")]

    def connect(self):
        """A psycopg2 connection of its own to the served database (the
        caller closes it)."""
        return psycopg2.connect(
            dbname=self.db, connect_timeout=10, **db_params(self.config)
        )

    def check_database(self):
        """Refuse to start on a database that is missing or lacks data_jobs:
        ``odoo -d`` would create a missing one and install base into it."""
        try:
            with self.connect() as cnx:
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

    def start(
        self,
        admin_login,
        admin_password,
        timeout=START_TIMEOUT,
        append_log=False,
        port=None,
    ):
        """Start the server and wait until ``admin`` can log in over XML-RPC;
        a server that does not get there is stopped again."""
        self.check_database()
        self.port = port or free_port()
        with open(self.log_path, "ab" if append_log else "wb") as log:
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
        """SIGTERM (Odoo stops gracefully), then SIGKILL; bounded.

        A prefork server's graceful stop waits for its workers' requests (a
        running job) up to ``--limit-time-real``; past ``timeout`` the server
        and every process it forked are killed, so that no orphaned worker
        goes on writing into the database."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                descendants = psutil.Process(process.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                descendants = []
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout)
            _gone, alive = psutil.wait_procs(descendants, timeout=2)
            for child in alive:
                with contextlib.suppress(psutil.NoSuchProcess):  # gone meanwhile
                    child.kill()
            _gone, alive = psutil.wait_procs(alive, timeout=timeout)
            if alive:
                raise LiveServerError(
                    f"processes {[p.pid for p in alive]} of the server survived "
                    "SIGKILL"
                )
        if self._log_dir:
            shutil.rmtree(self._log_dir, ignore_errors=True)
            self._log_dir = None

    def restart(self, admin_login, admin_password, timeout=START_TIMEOUT):
        """Stop the server (every process of it) and start it again on the
        same database and port (Odoo binds with SO_REUSEADDR), so that the
        ``Rpc`` sessions go on; the log goes on in the same file."""
        port = self.port
        log_dir, self._log_dir = self._log_dir, None  # keep the log meanwhile
        try:
            self.stop()
        finally:
            self._log_dir = log_dir
        return self.start(
            admin_login, admin_password, timeout, append_log=True, port=port
        )

    # ------------------------------------------------------ prefork workers
    def worker_pids(self):
        """PIDs of the processes the prefork server forked (HTTP workers and
        the queue_job runner; the websocket process is a new program)."""
        if self.process is None:
            return set()
        try:
            children = psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return set()
        return {child.pid for child in children}

    def worker_running(self, queue_job_uuid):
        """The PID of the worker running the queue job ``queue_job_uuid``, or
        None while no worker runs it.

        queue_job's ``/queue_job/runjob`` locks the job's ``queue_job_lock``
        row on the request's cursor (``Job.lock``: a query naming the uuid)
        and keeps that transaction open, idle, while the job works on a
        cursor of its own (the job function allows commits); the lock goes
        with the worker. So the worker running the job is the process at the
        client end of the PostgreSQL backend that is idle in a transaction
        whose last query is that lock: ``pg_stat_activity`` gives the
        backend's client address and port, and exactly one process of the
        server owns that TCP socket. (``application_name`` cannot tell: a
        prefork server loads its registry, and names its connections
        ``odoo-<pid>``, before it forks its workers.)
        """
        with self.connect() as cnx, cnx.cursor() as cr:
            cr.execute(
                """
                SELECT host(client_addr), client_port FROM pg_stat_activity
                 WHERE datname = current_database()
                   AND state = 'idle in transaction'
                   AND query LIKE '%%queue_job_lock%%'
                   AND strpos(query, %s) > 0
                """,
                (queue_job_uuid,),
            )
            clients = cr.fetchall()
        cnx.close()
        if not clients:
            return None
        if len(clients) > 1:
            raise LiveServerError(
                f"queue job {queue_job_uuid} is locked by several backends {clients}"
            )
        ((address, port),) = clients
        if not port or port < 0:
            raise LiveServerError(
                "the server reaches PostgreSQL over a Unix socket: a worker "
                "cannot be told by its connection; set db_host to 127.0.0.1"
            )
        owners = set()
        for pid in self.worker_pids():
            try:
                sockets = psutil.Process(pid).connections(kind="tcp")
            except psutil.NoSuchProcess:
                continue
            if any(
                sock.laddr and (sock.laddr.ip, sock.laddr.port) == (address, port)
                for sock in sockets
            ):
                owners.add(pid)
        if len(owners) != 1:
            raise LiveServerError(
                f"queue job {queue_job_uuid} is locked from {address}:{port}, "
                f"owned by {sorted(owners) or 'no'} worker of this server "
                f"({sorted(self.worker_pids())})"
            )
        return owners.pop()

    def kill_worker(self, pid, timeout=STOP_TIMEOUT):
        """SIGKILL one worker of this server and wait until it is gone (the
        server then forks a new one)."""
        if pid not in self.worker_pids():
            raise LiveServerError(f"{pid} is not a worker of this server")
        worker = psutil.Process(pid)
        os.kill(pid, signal.SIGKILL)
        try:
            worker.wait(timeout=timeout)
        except psutil.TimeoutExpired as exc:
            raise LiveServerError(
                f"worker {pid} still alive {timeout} s after SIGKILL"
            ) from exc

    def queue_job(self, queue_job_uuid):
        """The queue_job row of ``queue_job_uuid`` as the runner sees it
        (read in SQL: users, even admin, read the queue through groups the
        tests need not hand out), or None."""
        with self.connect() as cnx, cnx.cursor() as cr:
            cr.execute(
                """
                SELECT state, retry, max_retries, exc_name, exc_message, result
                  FROM queue_job WHERE uuid = %s
                """,
                (queue_job_uuid,),
            )
            row = cr.fetchone()
            names = [column.name for column in cr.description]
        cnx.close()
        return dict(zip(names, row, strict=True)) if row else None

    def nudge_queue_runner(self, queue_job_uuid):
        """Wake the queue_job runner now.

        The runner requeues dead jobs (``requeue_dead_jobs``: started or
        enqueued for more than 10 s and whose ``queue_job_lock`` row nobody
        holds) at each turn of its loop, which waits for a NOTIFY on the
        ``queue_job`` channel or for 60 s (``SELECT_TIMEOUT``). A dead worker
        notifies nothing, so without other queue activity the requeue comes
        within a minute; this sends the notification a change of the job's
        row would send (its uuid: the runner just reads the row again)."""
        with self.connect() as cnx, cnx.cursor() as cr:
            cr.execute("SELECT pg_notify('queue_job', %s)", (queue_job_uuid,))
        cnx.close()

    def log_tail(self, lines=LOG_TAIL):
        """The end of the server log, without the request lines of the XML-RPC
        calls (a test that polls would fill the tail with them)."""
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as log:
                tail = [line for line in log if '"POST /xmlrpc/2/' not in line]
        except OSError as exc:
            return f"(no server log: {exc})"
        tail = tail[-lines:]
        where = "(DJ_LIVE_LOG=<file> keeps it)" if self._log_dir else self.log_path
        header = (
            f"--- last {len(tail)} lines of the server log {where}, "
            "XML-RPC request lines left out ---\n"
        )
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
