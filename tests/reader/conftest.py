"""The reader's tests share the import tests' small province."""

from tests.imports.conftest import province  # noqa: F401
