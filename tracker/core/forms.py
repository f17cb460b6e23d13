"""Saving a form without losing what the user typed.

`save_or_keep(form, fn)` runs `fn` — which calls the operations; the request commits at its end —
and when the save fails it rolls back (nothing half-written, and nothing committed at the end of
the request: `core.boundary.attempt`) and puts the failure's Vietnamese message on the form, which
the view renders again with the user's input still in it:

- a DomainError (bad input, refused action, someone else saved first): its message, on its field
  (`fields` maps an operation's field name to the form's, `default` is the field of a message that
  names none; without one it is shown at the top of the page);
- the database locked (busy) or unreachable: a message to try again later (503).

    outcome = save_or_keep(form, lambda: save(...))
    if outcome.ok:
        return redirect(...)
    return render_template(..., form=form), outcome.status
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import ValidationError

from tracker.core.boundary import Outcome, attempt
from tracker.core.text import control_characters


def is_single_line(field) -> bool:
    """A text typed on one line: an <input> text field (names, titles, symbols, e-mail addresses,
    dates…), not a <textarea>, nor a password (never shown, and a password set before with a
    tab in it must still sign in)."""
    return isinstance(field, StringField) and not isinstance(field, TextAreaField | PasswordField)


def one_line(form, field) -> None:
    """The validator every one-line field of every form carries (see `Form`)."""
    if any(control_characters(value) for value in field.raw_data or () if isinstance(value, str)):
        label = field.label.text if field.label and field.label.text else _("Ô này")
        # CONTROL_MESSAGE after the field's name, as one sentence in the page's language.
        raise ValidationError(
            _(
                "%(field)s không được chứa xuống dòng hay ký tự điều khiển (Tab, Enter…); hãy nhập trên một dòng.",
                field=label,
            )
        )


class Form(FlaskForm):
    """The base of every form of the application: each one-line text field refuses line breaks
    and control characters (`one_line`), whatever form it is in, with one Vietnamese message."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if is_single_line(field):
                field.validators = [*field.validators, one_line]
            return field


class ConfirmForm(Form):
    """A button that only carries the CSRF token (revoke, resend, switch on…)."""


def put_error(form, field: str | None, message: str) -> None:
    """Show `message` under the form's field `field`, or at the top of the page (a flash message
    shown by the page rendered next) when the form has no such field."""
    target = getattr(form, field, None) if field else None
    if target is not None and hasattr(target, "errors"):
        target.errors = [*target.errors, message]
    else:
        flash(message, "danger")


def save_or_keep(
    form, fn: Callable[[], Any], *, fields: dict[str, str] | None = None, default: str | None = None
) -> Outcome:
    """Run fn(); on failure roll back, put the message on the form and return it (see module doc)."""
    outcome = attempt(fn)
    if not outcome.ok:
        error = outcome.error
        field = (fields or {}).get(error.field, error.field) if error.field else default
        if field and getattr(form, field, None) is None:
            field = default
        put_error(form, field, _(error.message))
    return outcome
