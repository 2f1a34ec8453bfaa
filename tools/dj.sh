#!/usr/bin/env bash
# The README's two commands: `serve` (a demo database served on
# 127.0.0.1:8069 with the queue_job runner) and `test` (a throwaway database,
# both addons installed, every test run -- browser tours and JS unit tests in
# headless Chromium included -- the database dropped).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-$(id -un)}"
STATE_DIR="${DJ_STATE_DIR:-$REPO/.local}"
ODOO_GIT_URL="https://github.com/odoo/odoo.git"  # Odoo's official public source

say() { printf 'data_jobs: %s\n' "$*"; }
die() { printf 'data_jobs: %s\n' "$*" >&2; exit 1; }

odoo_version() {
    "$PYTHON" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null || true
}

install_odoo_from() {  # $1: an Odoo 18.0 source tree
    local src="$1" constraints
    [ -f "$src/setup.py" ] && [ -f "$src/odoo/release.py" ] \
        || die "ODOO_SRC=$src is not an Odoo source tree (no setup.py / odoo/release.py)."
    constraints="$(mktemp)"
    # Some of Odoo 18's pinned requirements build only with setuptools < 72.
    echo "setuptools<72" >"$constraints"
    grep -v -E '^python-ldap' "$src/requirements.txt" >"$constraints.req"
    PIP_CONSTRAINT="$constraints" "$PYTHON" -m pip install -q "setuptools<72" wheel
    PIP_CONSTRAINT="$constraints" "$PYTHON" -m pip install -q -r "$constraints.req"
    # compat mode keeps `import odoo` on the source tree once addon wheels
    # (queue_job) add their own odoo/addons folder to the namespace.
    PIP_CONSTRAINT="$constraints" "$PYTHON" -m pip install -q --no-build-isolation \
        -e "$src" --config-settings editable_mode=compat
    rm -f "$constraints" "$constraints.req"
}

ensure_odoo() {
    if [ "$(odoo_version)" = "18" ]; then
        say "using the Odoo 18 already importable by $PYTHON ($("$PYTHON" -c 'import odoo, os; print(os.path.dirname(odoo.__path__[0]))'))."
        return
    fi
    if [ -n "${ODOO_SRC:-}" ]; then
        say "Odoo 18 is not importable: installing it from the checkout ODOO_SRC=$ODOO_SRC."
        install_odoo_from "$ODOO_SRC"
    else
        local dest="$STATE_DIR/odoo-18.0"
        say "Odoo 18 is not importable and ODOO_SRC is not set: downloading Odoo 18.0 from Odoo's official source into $dest."
        if [ ! -d "$dest/.git" ] && ! git clone -q --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$dest" 2>/dev/null; then
            die "Odoo 18.0 is missing and could not be downloaded (no network?): set ODOO_SRC to an Odoo 18.0 checkout and run again."
        fi
        install_odoo_from "$dest"
    fi
    [ "$(odoo_version)" = "18" ] || die "Odoo 18.0 is still not importable after installing it; see the pip output above."
}

ensure_postgres() {
    command -v pg_isready >/dev/null || die "PostgreSQL client tools (pg_isready, createdb) are missing: install PostgreSQL."
    pg_isready -q || die "PostgreSQL does not answer at $PGHOST:$PGPORT (as $PGUSER): start it, or set PGHOST/PGPORT/PGUSER."
}

ensure_python_deps() {
    local constraints
    constraints="$(mktemp)"
    echo "setuptools<72" >"$constraints"
    PIP_CONSTRAINT="$constraints" "$PYTHON" -m pip install -q --disable-pip-version-check \
        -r "$REPO/requirements.txt" -r "$REPO/test-requirements.txt" \
        || { rm -f "$constraints"; die "could not install the Python requirements (see pip's message above)."; }
    rm -f "$constraints"
}

BROWSERS="google-chrome chromium chromium-browser google-chrome-stable"  # Odoo 18's search order

find_browser() {
    local name
    for name in $BROWSERS; do
        command -v "$name" 2>/dev/null && return 0
    done
    return 1
}

ensure_browser() {  # the tours and JS unit tests run in headless Chromium
    local browser
    if browser="$(find_browser)"; then
        say "browser for the tours and JS unit tests: $browser."
        return
    fi
    # Without a browser Odoo's HttpCase skips every tour: refuse instead of
    # reporting a green run that never opened a page.
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    if command -v apt-get >/dev/null && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
        say "no Chrome/Chromium found ($BROWSERS): installing Debian's chromium with apt-get."
        $sudo apt-get install -y -q chromium >/dev/null 2>&1 \
            || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q chromium; } \
            || die "apt-get could not install chromium (see above): install Chrome or Chromium, then run again."
        browser="$(find_browser)" \
            || die "chromium was installed but none of $BROWSERS is on PATH."
        say "browser for the tours and JS unit tests: $browser."
    else
        die "the browser tours and JS unit tests need Chrome or Chromium (one of: $BROWSERS) and none is installed; apt-get is not usable here (not Debian/Ubuntu, or no root/sudo): install chromium (Debian: apt-get install chromium), then run again."
    fi
}

addons_path() {  # the repo, plus every folder Odoo's addons namespace spans
    "$PYTHON" - "$REPO" <<'EOF'
import os, sys
import odoo, odoo.addons
paths = [sys.argv[1]]
root = os.path.dirname(odoo.__path__[0])
if os.path.isdir(os.path.join(root, "addons", "web")) and not os.path.isdir(
        os.path.join(odoo.__path__[0], "addons", "web")):
    paths.append(os.path.join(root, "addons"))  # an official checkout's layout
paths += [p for p in odoo.addons.__path__ if os.path.isdir(p)]
print(",".join(dict.fromkeys(os.path.realpath(p) for p in paths)))
EOF
}

write_config() {  # $1: file
    mkdir -p "$STATE_DIR"
    cat >"$1" <<EOF
[options]
addons_path = $(addons_path)
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
data_dir = $STATE_DIR/data
admin_passwd = admin
http_interface = 127.0.0.1
http_port = ${DJ_HTTP_PORT:-8069}
server_wide_modules = base,web,queue_job
without_demo = False

[queue_job]
channels = root:2,root.data_jobs:2
EOF
}

install_addons() {  # $1: config, $2: database, $3: more modules to install
    "$PYTHON" -m odoo -c "$1" -d "$2" -i "data_jobs,data_jobs_demo${3:+,$3}" \
        --stop-after-init --log-level=warn
    local state
    state="$(psql -d "$2" -Atc "SELECT string_agg(name || '=' || state, ' ' ORDER BY name) FROM ir_module_module WHERE name IN ('data_jobs', 'data_jobs_demo')")"
    [ "$state" = "data_jobs=installed data_jobs_demo=installed" ] \
        || die "the addons did not install into $2 ($state); see the log above."
}

cmd_serve() {
    ensure_odoo
    ensure_postgres
    ensure_python_deps
    local db="${DJ_DB:-data_jobs}" conf="$STATE_DIR/serve.conf"
    write_config "$conf"
    if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        say "creating the database '$db' with both addons and demo data (admin/admin)."
        createdb "$db"
        install_addons "$conf" "$db"
    else
        "$PYTHON" -m odoo -c "$conf" -d "$db" -u data_jobs,data_jobs_demo --stop-after-init --log-level=warn
    fi
    say "serving '$db' on http://127.0.0.1:${DJ_HTTP_PORT:-8069} (login admin / password admin); jobs run in the background on queue_job. Ctrl-C stops."
    exec "$PYTHON" -m odoo -c "$conf" -d "$db" --db-filter="^$db\$" --workers=0
}

write_pytest_config() {  # $1: the test config, $2: the file to write, $3: screenshots folder
    # The pytest process serves the browser tests (--odoo-http: pytest-odoo
    # starts a threaded server on a free port of its own choosing, so it never
    # meets a live-test server or `make serve`). queue_job would start its
    # runner in that server and run committed jobs behind the tests' back:
    # root:0 keeps it off there. The live tests' own servers read $1, runner on.
    sed -e 's/^channels = .*/channels = root:0/' \
        -e "s|^\[queue_job\]|screenshots = $3\n\n[queue_job]|" "$1" >"$2"
}

cmd_test() {
    ensure_odoo
    ensure_postgres
    ensure_python_deps
    ensure_browser
    local db="data_jobs_test_$$_$(date +%s)" conf="$STATE_DIR/test.conf" status=0
    local live="${db}_live" faults="${db}_faults" filestore="$STATE_DIR/data/filestore"
    local pytest_conf="$STATE_DIR/pytest.conf" artefacts="$STATE_DIR/artefacts"
    write_config "$conf"
    # Odoo writes the tours' screenshots in <screenshots>/<database>/screenshots;
    # only the last run's are kept.
    rm -rf "$artefacts"
    write_pytest_config "$conf" "$pytest_conf" "$artefacts"
    createdb "$db"
    # --force: a live server left behind (killed run) must not keep the copy alive
    trap 'dropdb --if-exists "'"$db"'" >/dev/null 2>&1 || true
          dropdb --if-exists --force "'"$live"'" >/dev/null 2>&1 || true
          dropdb --if-exists --force "'"$faults"'" >/dev/null 2>&1 || true
          rm -rf "'"$filestore/$db"'" "'"$filestore/$live"'" "'"$filestore/$faults"'"' EXIT
    say "installing data_jobs and data_jobs_demo into the throwaway database $db."
    # web_editor (the demo's sale_management brings it anyway): queue_job's
    # assets import it, and the JS unit tests load them (test_js_unit.py).
    install_addons "$conf" "$db" web_editor
    # Odoo's own test runner builds the asset bundles, committed, before its
    # browser tests; pytest-odoo does not, so each browser test would build
    # them again in its rolled-back transaction (minutes here: the tours'
    # 60 s wait for the page runs out).
    say "building the asset bundles of $db for the browser tests."
    echo "env['ir.qweb']._pregenerate_assets_bundles(); env.cr.commit()" \
        | "$PYTHON" -m odoo shell -c "$conf" -d "$db" --no-http --log-level=warn >/dev/null \
        || die "the asset bundles of $db could not be built (see the log above)."
    # tests/live start a real server on this copy: their commits and files
    # stay out of the database the addons' own tests run in.
    # The fault tests (tests/live/test_live_faults.py) kill workers and hold
    # locks: they get a copy of their own, apart from the security tests'.
    say "copying $db to $live and $faults for the live-server tests (tests/live)."
    createdb -T "$db" "$live"
    createdb -T "$db" "$faults"
    [ ! -d "$filestore/$db" ] || cp -a "$filestore/$db" "$filestore/$live"
    [ ! -d "$filestore/$db" ] || cp -a "$filestore/$db" "$filestore/$faults"
    say "running every test: the addons' own (pytest-odoo) and the repository's (tests/)."
    (cd "$REPO" && DJ_LIVE_DB="$live" DJ_FAULTS_DB="$faults" DJ_ODOO_CONFIG="$conf" "$PYTHON" -m pytest \
        -p no:cacheprovider --odoo-config="$pytest_conf" --odoo-database="$db" --odoo-http \
        data_jobs data_jobs_demo tests "$@") || status=$?
    [ "$status" -ne 5 ] || { say "pytest collected no test: that is a failure."; status=1; }
    if [ -d "$artefacts/$db/screenshots" ]; then
        say "screenshots of the browser tours: $artefacts/$db/screenshots ($(find "$artefacts/$db/screenshots" -name '*.png' | wc -l) files)."
    else
        say "no screenshot was taken (no browser test ran): $artefacts/$db/screenshots does not exist."
    fi
    return "$status"
}

case "${1:-}" in
    serve) shift; cmd_serve "$@" ;;
    test) shift; cmd_test "$@" ;;
    *) die "usage: tools/dj.sh serve | test [pytest arguments]" ;;
esac
