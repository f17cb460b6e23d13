"""The workflow tests' small province (see tests/tasks/conftest.py) is reused here."""

from tests.tasks.conftest import sign_in, world  # noqa: F401
