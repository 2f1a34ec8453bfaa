"""Repository tests (pure io, packaging, README rendering) need no database.

pytest-odoo (test-requirements.txt) adds autouse fixtures that build an Odoo
registry and fail without one; these same-named fixtures replace them here, so
``pytest tests`` also runs on a machine without PostgreSQL.
"""

import pytest


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="module", autouse=True)
def enable_odoo_test_flag():
    yield
