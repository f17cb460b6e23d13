"""Bulk actions on a selection of the task list (monitors): confirm, remind (đôn đốc), change deadline.

Step 1 (from the list) names the action and the tasks — ticked rows or the whole filtered list.
Step 2 is a confirmation page listing the tasks the action will apply to and those skipped, with
the reason (each task is tried in a savepoint that is rolled back, so the reasons are the
operations' own). Applying runs every task's operation in one transaction: a task the operation
refuses is skipped (its savepoint rolled back) and listed; the rest commit together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from tracker.core.dates import fmt_date
from tracker.core.errors import DomainError
from tracker.core.text import NC_
from tracker.db import db
from tracker.tasks import effects, operations
from tracker.tasks.models import STATUSES, Task

BULK_ACTIONS = {
    "confirm": NC_("action", "Xác nhận hoàn thành"),
    "remind": NC_("action", "Đôn đốc"),
    "deadline": NC_("action", "Đổi thời hạn"),
}


def done_message(action: str, n: int) -> str:
    """What the monitor is told once the bulk action is done on `n` tasks."""
    if action == "confirm":
        return ngettext(
            "Đã xác nhận hoàn thành %(num)s nhiệm vụ.", "Đã xác nhận hoàn thành %(num)s nhiệm vụ.", n
        )
    if action == "remind":
        return ngettext("Đã đôn đốc %(num)s nhiệm vụ.", "Đã đôn đốc %(num)s nhiệm vụ.", n)
    return ngettext("Đã đổi thời hạn %(num)s nhiệm vụ.", "Đã đổi thời hạn %(num)s nhiệm vụ.", n)


MAX_TASKS = 500


@dataclass
class Inputs:
    message: str = ""
    new_deadline: dt.date | None = None
    comment: str = ""


def _change_deadline(user, task: Task, inputs: Inputs) -> None:
    if task.status not in ("new", "in_progress", "reported"):
        raise DomainError(
            _("Nhiệm vụ ở trạng thái «%(status)s», không đổi thời hạn.", status=_(STATUSES[task.status]))
        )
    if task.deadline_kind != "date":
        raise DomainError(_("Nhiệm vụ thường xuyên hoặc định kỳ, không có thời hạn cụ thể để đổi."))
    if inputs.new_deadline is None:
        return  # the preview before a date is chosen
    if task.deadline == inputs.new_deadline:
        raise DomainError(_("Thời hạn đã là %(day)s.", day=fmt_date(task.deadline)))
    operations.update_task(
        user,
        task,
        None,
        deadline=inputs.new_deadline,
        comment=inputs.comment or "Đổi thời hạn theo danh sách",
    )


def _run(action: str, user, task: Task, inputs: Inputs) -> None:
    """The operation of a bulk action on one task; raises DomainError when it does not apply."""
    if action == "confirm":
        operations.confirm_completion(user, task, comment=inputs.comment)
    elif action == "remind":
        # Only the per-task rule of operations.remind: the reminder itself is sent once for the
        # whole selection by apply(), which calls the operation (so e-mails are grouped by agency
        # and no message is queued while the confirmation page is only being shown).
        effects.check_transition(task, "remind")
        if inputs.message and operations.already_reminded(task, inputs.message):
            raise DomainError(_(operations.ALREADY_REMINDED))
    elif action == "deadline":
        _change_deadline(user, task, inputs)


def classify(
    action: str, user, tasks: list[Task], inputs: Inputs
) -> tuple[list[Task], list[tuple[Task, str]]]:
    """Which tasks the action applies to, and why the others are skipped. Writes nothing."""
    ok, skipped = [], []
    for task in tasks:
        savepoint = db.session.begin_nested()
        try:
            _run(action, user, task, inputs)
        except DomainError as e:
            skipped.append((task, e.message))
        else:
            ok.append(task)
        finally:
            savepoint.rollback()
    return ok, skipped


def apply(action: str, user, tasks: list[Task], inputs: Inputs) -> tuple[list[Task], list[tuple[Task, str]]]:
    """Apply the action to each task it applies to (caller commits once)."""
    if action == "remind":
        ok, skipped = classify(action, user, tasks, inputs)
        if ok:
            operations.remind(user, ok, message=inputs.message)  # one message per lead agency
        return ok, skipped
    done, skipped = [], []
    for task in tasks:
        try:
            with db.session.begin_nested():
                _run(action, user, task, inputs)
        except DomainError as e:
            skipped.append((task, e.message))
        else:
            done.append(task)
    return done, skipped
