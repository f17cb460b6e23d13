"""Numbers taken from a URL: ids and page numbers, bounded, so an absurd value is "not found" or the
first page instead of an overflow in the database (PostgreSQL's integer ids stop at 2**31 - 1)."""

from __future__ import annotations

from flask import abort

MAX_ID = 2**31 - 1
# The last page any list offers: beyond it the offset would only scan for nothing.
MAX_PAGE = 1_000_000


def bounded_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """An integer from a query argument or form value; None when empty, not a number or out of
    [minimum, maximum]."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or len(text) > 12:
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if minimum <= number <= maximum else None


def page_number(value) -> int:
    """A page number from a query argument: 1 when missing or absurd."""
    return bounded_int(value, minimum=1, maximum=MAX_PAGE) or 1


def refuse_absurd_ids(endpoint, values) -> None:
    """url_value_preprocessor of the app: an `<int:…>` id no database column can hold is a 404, for
    the pages and the API alike, before any view (or query) sees it."""
    if values and any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_ID for v in values.values()):
        abort(404)
