"""The feeds tests use the API tests' world and client."""

from tests.api.conftest import api, world  # noqa: F401
