"""Repository tests (pure io, packaging, README rendering) need no database.

pytest-odoo (test-requirements.txt) adds an autouse fixture that builds an
Odoo registry and fails without a database; the same-named fixture here
replaces it, so ``pytest tests`` also runs on a machine without PostgreSQL.

Only when no database is given: this conftest lies outside pytest's rootdir
(``data_jobs/pyproject.toml``), so its fixtures apply to every test of the
session, the addons' own included. Replacing them during ``make test`` (which
passes ``--odoo-database``) left the addons' tests without their registry
preloaded and without Odoo's ``test_enable`` flag (pytest-odoo's
``enable_odoo_test_flag`` is never replaced: it needs no database).
"""

import sys

import pytest

if not any(arg.startswith("--odoo-database") for arg in sys.argv):

    @pytest.fixture(scope="session", autouse=True)
    def load_registry():
        yield
