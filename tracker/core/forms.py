"""Saving a form without losing what the user typed.

`save_or_keep(form, fn)` runs `fn` — which calls the operations and commits — and when the save
fails it rolls back (nothing half-written) and puts a Vietnamese message on the form, which the
view renders again with the user's input still in it:

- a DomainError (bad input, refused action, someone else saved first): its message, on its field;
- the database locked (busy) or unreachable (OperationalError): a message to try again later.

    outcome = save_or_keep(form, lambda: save(...))
    if outcome.ok:
        return redirect(...)
    return render_template(..., form=form), outcome.status
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import OperationalError

from tracker.core.concurrency import stale_guard
from tracker.core.errors import DomainError
from tracker.db import db

logger = logging.getLogger(__name__)

DATABASE_BUSY = (
    "Chưa lưu được: cơ sở dữ liệu đang bận hoặc tạm thời không truy cập được. "
    "Thông tin bạn nhập vẫn còn trên biểu mẫu; hãy thử lưu lại sau ít phút."
)


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    message: str | None = None
    status: int = 200


def _put_error(form, field: str | None, message: str) -> None:
    target = getattr(form, field, None) if field else None
    if target is not None and hasattr(target, "errors"):
        if not isinstance(target.errors, list):
            target.errors = list(target.errors)
        target.errors.append(message)
    else:
        # WTForms renders form.form_errors for errors not tied to a field.
        form.form_errors.append(message)


def save_or_keep(form, fn: Callable[[], Any]) -> Outcome:
    """Run fn(); on failure roll back, put the message on the form and return it (see module doc)."""
    try:
        with stale_guard():
            value = fn()
    except DomainError as e:
        db.session.rollback()
        _put_error(form, e.field, e.message)
        return Outcome(False, message=e.message, status=e.http_status if e.http_status != 422 else 200)
    except OperationalError as e:
        db.session.rollback()
        logger.warning("Save refused by the database: %s", e.orig)
        _put_error(form, None, DATABASE_BUSY)
        return Outcome(False, message=DATABASE_BUSY, status=503)
    return Outcome(True, value=value)
