"""Errors the domain operations raise; views and the API turn them into clear Vietnamese messages."""


class DomainError(Exception):
    """A refused action: `message` is shown to the user as it is (Vietnamese)."""

    code = "invalid"
    http_status = 422

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class StaleObject(DomainError):
    """Someone else saved the object since the form was opened."""

    code = "conflict"
    http_status = 409

    def __init__(self, message: str, *, current=None):
        super().__init__(message)
        self.current = current


class InvalidTransition(DomainError):
    code = "invalid_transition"
    http_status = 409


class FileError(ValueError):
    """The file as a whole cannot be read; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
