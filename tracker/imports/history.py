"""The history an import plays for a historic row, and who plays it.

A row's status and dates become the workflow steps that would have led there (`steps`): in
progress — progress posted on the day of assignment; reported — the completion reported on its
day; done — reported, then confirmed; cancelled — stopped on its day. Both ways of writing an
import play these same steps (`operations.write_tasks`: through the verbs, or `batch`).

History on behalf of a lead agency (the system-import path)
-----------------------------------------------------------
A historic row says the lead agency reported its work done on some date. The workflow lets
only a focal point of the lead agency report (`permissions.is_lead_focal`), and that check
stays as it is. The import neither borrows a real person's account nor lets the monitor
report for an agency: it acts through `AgencyOnRecord`, a focal point of exactly that agency
which exists only inside `write_tasks` (itself refused to anyone but a monitor). Its `id` is the
importing monitor's, so each event it writes says which agency acted (agency_id) and who typed
the history in (actor_id), with the comment "Nhập từ tệp …".
"""

from __future__ import annotations

import datetime as dt

from tracker.agencies.models import Agency
from tracker.tasks import effects

# The steps the lead agency takes (through its AgencyOnRecord); the others are the monitor's.
LEAD_STEPS = ("post_progress", "report_completion", "request_extension")


def steps(row: dict, assigned_on: dt.date, comment: str) -> list[tuple[str, dict]]:
    """The verbs a checked row plays, in the order they happened, with their arguments but the actor
    and the task: [(verb name, keyword arguments)]. `comment`: "Nhập từ tệp «…»". An extension
    (the task created with its original deadline) is asked for and approved on its day, before
    what its status plays after that day. A coordinating agency's contribution carries its code as
    `by` (`by_agency`), placed on its day."""
    played = _with_extension(row, _status_steps(row, assigned_on, comment), comment)
    if row.get("former_lead"):
        note = f"{comment}: chuyển cơ quan chủ trì khi sắp xếp bộ máy."
        # After what the former lead did until that day, before what happened after it.
        _insert_on_its_day(
            played, ("move_lead", dict(successor=row["lead"], note=note, on=_day(row["moved_on"])))
        )
    for contribution in sorted(row.get("contributions") or (), key=lambda c: c["on"]):
        step = dict(text=contribution["text"], on=_day(contribution["on"]), by=contribution["agency"])
        # Before what happened after its day, and before the task was closed on its day.
        _insert_on_its_day(played, ("post_contribution", step), before_on_the_day=CLOSING_STEPS)
    return played


def _insert_on_its_day(played: list, step: tuple[str, dict], before_on_the_day=()) -> None:
    """Put `step` among the dated steps: before the first one after its day, or on its day one of
    `before_on_the_day`."""
    on = step[1]["on"]
    at = next(
        (
            i
            for i, (verb, arguments) in enumerate(played)
            if arguments["on"] is not None
            and (arguments["on"] > on or (arguments["on"] == on and verb in before_on_the_day))
        ),
        len(played),
    )
    played.insert(at, step)


def first_lead(row: dict) -> str:
    """The code of the agency a row's task is created with: its lead before a reorganisation if it
    had one (`steps` then moves it to the row's lead on the day)."""
    return row.get("former_lead") or row["lead"]


# The steps after which a coordinating agency can no longer contribute.
CLOSING_STEPS = ("confirm_completion", "cancel_task")


def by_agency(arguments: dict) -> tuple[str | None, dict]:
    """A step's acting agency when it is not the lead's (a coordinating agency's contribution: its
    code), and the verb's own arguments."""
    arguments = dict(arguments)
    return arguments.pop("by", None), arguments


def _with_extension(row: dict, played: list, comment: str) -> list[tuple[str, dict]]:
    extended_on = _day(row.get("extended_on"))
    if extended_on is None:
        return played
    extension = [
        (
            "request_extension",
            dict(new_deadline=_day(row["deadline"]), reason=f"{comment}: đã gia hạn.", on=extended_on),
        ),
        ("approve_extension", dict(comment=comment, on=extended_on)),
    ]
    before = [step for step in played if step[1]["on"] is None or step[1]["on"] <= extended_on]
    # Progress on the day of assignment comes first; what happened after the extension comes after.
    return before + extension + [step for step in played if step not in before]


def _status_steps(row: dict, assigned_on: dt.date, comment: str) -> list[tuple[str, dict]]:
    status = row["status"]
    if status == "in_progress":
        return [
            (
                "post_progress",
                dict(text=f"{comment}: đang thực hiện.", percent=row["progress"], on=assigned_on),
            )
        ]
    if status in ("reported", "done"):
        played = [
            (
                "report_completion",
                dict(
                    completed_on=_day(row["completed_on"]),
                    result_ref=row["result"],
                    note=comment,
                    on=_day(row["reported_on"]),
                ),
            )
        ]
        if status == "done":
            played.append(("confirm_completion", dict(comment=comment, on=_day(row["confirmed_on"]))))
        return played
    if status == "cancelled":
        reason = row["cancel_reason"] or "Đã dừng (theo tệp nhập)."
        return [("cancel_task", dict(reason=f"{reason} — {comment}", on=_day(row["cancelled_on"])))]
    return []


def play(verb: str, task, arguments: dict, request=None):
    """A step of `steps` as its verb's effects on `task` (a draft of the batch writer): the same
    checks, fields and rows as the verb through the ORM, without its permission check (the import as
    a whole is a monitor's). `request`: the extension request an approval decides."""
    if verb == "request_extension":
        return effects.request_extension(task, pending=False, **arguments)
    if verb == "approve_extension":
        return effects.approve_extension(task, request, new_deadline=None, **arguments)
    return _EFFECTS[verb](task, **arguments)


_EFFECTS = {
    "post_progress": effects.post_progress,
    "report_completion": effects.report_completion,
    "confirm_completion": effects.confirm_completion,
    "cancel_task": effects.cancel_task,
    "post_contribution": effects.post_contribution,
    "move_lead": effects.move_lead,
}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class AgencyOnRecord:
    """A focal point of one agency, for the history an import records on its behalf (see the
    module's docstring). Never logged in, never stored: it only carries the agency to the
    workflow's own permission check."""

    role = "focal"
    is_focal = True
    is_monitor = False
    is_admin = False
    is_leader = False
    sees_everything = False
    is_authenticated = True
    is_active = True

    def __init__(self, agency: Agency, importer):
        self.agency_id = agency.id
        self.agency = agency
        self.id = getattr(importer, "id", None)
        self.display_name = f"{agency.name} (nhập từ tệp)"


class CommandLine:
    """The server's operator running `flask import …` without `--as`: may do what a monitor
    and an admin may; recorded with no user, like the other command-line tasks and the seed."""

    id = None
    agency_id = None
    role = "admin"
    is_focal = False
    is_monitor = True
    is_admin = True
    is_leader = False
    sees_everything = True
    is_authenticated = True
    is_active = True
    display_name = "Dòng lệnh"
