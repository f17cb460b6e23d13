"""The life of one synthetic task, written exactly as the workflow operations would have written it.

`tracker.tasks.operations` is the reference: each method below mirrors one verb — the same
preconditions, the same event (`kind`, `changes` as {field: [old, new]}, comment), the same task
fields, and the same reportable state spans as `operations.record_state` — but in plain Python, so a
million tasks can be generated without the ORM. `tests/seed/test_synthetic.py` replays the events and
compares them with the spans, and plays a sample through the real operations.
"""

from __future__ import annotations

import datetime as dt
import random

from tracker.seed import synthetic_words as words

DAY = dt.timedelta(days=1)
OPEN = ("new", "in_progress")


def _v(value):
    return value.isoformat() if isinstance(value, dt.date) else value


class TaskLife:
    """A task's workflow from its assignment: events, state spans, extension requests, final fields."""

    __slots__ = (
        "assigned",
        "lead_code",
        "status",
        "progress",
        "deadline",
        "completed_on",
        "reported_on",
        "confirmed_on",
        "returned_reason",
        "cancel_reason",
        "extension_count",
        "last_update_on",
        "result_ref",
        "result_note",
        "events",
        "states",
        "requests",
        "pending",
    )

    def __init__(self, assigned: dt.date, deadline: dt.date | None, lead_code: str | None):
        self.assigned = assigned
        self.lead_code = lead_code
        self.status = "new"
        self.progress = 0
        self.deadline = deadline
        self.completed_on = self.reported_on = self.confirmed_on = None
        self.returned_reason = self.cancel_reason = None
        self.extension_count = 0
        self.last_update_on = None
        self.result_ref = self.result_note = ""
        # (on_date, kind, changes, comment, actor) with actor 'lead', 'monitor' or 'coord'
        self.events: list[tuple] = []
        # [valid_from, valid_to, status, deadline, completed_on]
        self.states: list[list] = []
        # [requested_on, current_deadline, requested_deadline, reason, status, decided_on, note]
        self.requests: list[list] = []
        self.pending: list | None = None

    # ------------------------------------------------------------ what every operation does

    def _event(self, on, kind, changes, comment="", actor="lead"):
        self.events.append((on, kind, {k: [_v(o), _v(n)] for k, (o, n) in changes.items()}, comment, actor))

    def _record_state(self, on: dt.date) -> None:
        """operations.record_state, for a task whose lead agency does not change."""
        values = [self.status, self.deadline, self.completed_on]
        if not self.states:
            self.states.append([min(on, self.assigned), None, *values])
            return
        current = self.states[-1]
        if current[2:] == values:
            return
        if on <= current[0] <= self.assigned:
            current[2:] = values
            return
        if on < current[0]:
            raise ValueError("history out of order")
        if on == current[0] or on <= self.assigned:
            current[2:] = values
            return
        current[1] = on
        self.states.append([on, None, *values])

    # ------------------------------------------------------------ the verbs

    def create(self, occurrence: bool = False) -> None:
        changes = {"status": (None, "new")}
        if not occurrence:
            changes["lead_agency"] = (None, self.lead_code)
        self._event(self.assigned, "created", changes, actor="monitor")
        self._record_state(self.assigned)

    def post_progress(self, on, text, percent) -> bool:
        if self.status not in OPEN:
            return False
        changes = {}
        if percent != self.progress:
            changes["progress"] = (self.progress, percent)
            self.progress = percent
        if self.status == "new":
            changes["status"] = ("new", "in_progress")
            self.status = "in_progress"
        self.last_update_on = on
        self._event(on, "progress", changes, text)
        self._record_state(on)
        return True

    def report_completion(self, on, completed_on, result_ref, note) -> bool:
        if self.status not in OPEN or completed_on > on or completed_on < self.assigned:
            return False
        changes = {"status": (self.status, "reported"), "completed_on": (self.completed_on, completed_on)}
        if result_ref and result_ref != self.result_ref:
            changes["result_ref"] = (self.result_ref, result_ref)
        self.status = "reported"
        self.completed_on = completed_on
        self.reported_on = on
        self.result_ref = result_ref or self.result_ref
        self.result_note = note or self.result_note
        self.returned_reason = None
        self.last_update_on = on
        self._event(on, "reported", changes, note)
        self._record_state(on)
        return True

    def confirm_completion(self, on) -> bool:
        if self.status != "reported":
            return False
        self.status = "done"
        self.confirmed_on = on
        old = self.progress
        self.progress = 100
        self.last_update_on = on
        self._event(
            on, "confirmed", {"status": ("reported", "done"), "progress": (old, 100)}, actor="monitor"
        )
        self._record_state(on)
        return True

    def back_to_work(self, on, kind, reason) -> bool:
        """return_report ('returned'), recall_report ('recalled'), request_redo ('redo_requested')."""
        allowed = ("done",) if kind == "redo_requested" else ("reported",)
        if self.status not in allowed:
            return False
        old = self.status
        changes = {"status": (old, "in_progress"), "completed_on": (self.completed_on, None)}
        self.status = "in_progress"
        self.completed_on = self.reported_on = self.confirmed_on = None
        self.returned_reason = reason
        if old == "done":
            changes["progress"] = (self.progress, min(self.progress, 90))
            self.progress = min(self.progress, 90)
        self.last_update_on = on
        self._event(on, kind, changes, reason, actor="monitor")
        self._record_state(on)
        return True

    def request_extension(self, on, new_deadline, reason) -> bool:
        if self.status not in OPEN or self.deadline is None or new_deadline <= self.deadline or self.pending:
            return False
        self.pending = [on, self.deadline, new_deadline, reason, "pending", None, ""]
        self.requests.append(self.pending)
        self.last_update_on = on
        self._event(on, "extension_requested", {"deadline": (self.deadline, new_deadline)}, reason)
        return True

    def approve_extension(self, on, comment="") -> bool:
        req = self.pending
        if req is None or self.status not in ("new", "in_progress", "reported") or req[2] <= self.deadline:
            return False
        req[4], req[5], req[6] = "approved", on, comment
        self.pending = None
        old = self.deadline
        self.deadline = req[2]
        self.extension_count += 1
        self.last_update_on = on
        self._event(on, "extension_approved", {"deadline": (old, self.deadline)}, comment, actor="monitor")
        self._record_state(on)
        return True

    def reject_extension(self, on, comment) -> bool:
        req = self.pending
        if req is None:
            return False
        req[4], req[5], req[6] = "rejected", on, comment
        self.pending = None
        self._event(on, "extension_rejected", {}, comment, actor="monitor")
        return True

    def cancel(self, on, reason) -> bool:
        if self.status not in ("new", "in_progress", "reported"):
            return False
        old = self.status
        self.status = "cancelled"
        self.cancel_reason = reason
        self.last_update_on = on
        if self.pending is not None:
            self.pending[4], self.pending[6] = "rejected", "Nhiệm vụ đã dừng."
            self.pending = None
        self._event(on, "cancelled", {"status": (old, "cancelled")}, reason, actor="monitor")
        self._record_state(on)
        return True

    def contribute(self, on, text) -> bool:
        if self.status not in ("new", "in_progress", "reported"):
            return False
        self._event(on, "contribution", {}, text, actor="coord")
        return True

    def remind(self, on, message) -> bool:
        if self.status not in ("new", "in_progress", "reported"):
            return False
        self._event(on, "reminder", {}, message, actor="monitor")
        return True


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def simulate(
    rng: random.Random,
    life: TaskLife,
    *,
    cap: dt.date,
    has_coordinators: bool,
    occurrence: bool = False,
    result_prefix: str = "",
) -> TaskLife:
    """Draw a plausible history for a task assigned on `life.assigned` and play it up to `cap`
    (the last day of the data set): progress, extension, completion report, return, confirmation,
    cancellation, reminders. Steps a real operation would refuse are skipped, as it would."""
    life.create(occurrence=occurrence)
    start = life.assigned
    if start > cap:
        return life  # an occurrence of a future period: created, nothing done yet
    deadline = life.deadline
    plan: list[tuple] = []  # (date, order, method, args)

    def add(day, method, *args):
        plan.append((day, len(plan), method, args))

    ext_decided = None
    if deadline is not None and deadline - start > 20 * DAY and rng.random() < 0.08:
        asked = max(start + DAY, deadline - rng.randint(1, 20) * DAY)
        new = deadline + rng.choice((30, 45, 60, 90)) * DAY
        add(asked, life.request_extension, new, rng.choice(words.EXTENSION_REASONS))
        ext_decided = asked + rng.randint(1, 7) * DAY
        if rng.random() < 0.75:
            add(ext_decided, life.approve_extension, "Đồng ý gia hạn.")
            deadline = new
        else:
            add(ext_decided, life.reject_extension, "Không đồng ý; đề nghị hoàn thành đúng thời hạn.")

    completed = None
    roll = rng.random()
    # Tasks long past their deadline were mostly finished (late) or stopped; recent ones may be open.
    old = deadline is not None and deadline < cap - 365 * DAY
    if deadline is None:
        if roll < 0.3:
            completed = start + rng.randint(30, 700) * DAY
    elif roll < 0.72:
        completed = _between(rng, max(start, deadline - 40 * DAY), deadline)
    elif roll < (0.95 if old else 0.88):
        completed = deadline + rng.randint(1, 150) * DAY
    elif old and rng.random() < 0.5:
        add(deadline + rng.randint(30, 300) * DAY, life.cancel, rng.choice(words.CANCEL_REASONS))
    first_end = cap
    if completed is not None:
        reported = max(completed + rng.randint(0, 5) * DAY, ext_decided or start)
        first_end = reported
        ref = f"{rng.randint(10, 9999)}/{result_prefix}"
        add(
            reported,
            life.report_completion,
            completed,
            ref,
            "Đã hoàn thành nhiệm vụ, gửi kèm văn bản kết quả.",
        )
        last = reported
        if rng.random() < 0.08:
            back = reported + rng.randint(2, 10) * DAY
            add(back, life.back_to_work, "returned", rng.choice(words.RETURN_REASONS))
            again = back + rng.randint(3, 30) * DAY
            add(
                again,
                life.report_completion,
                again - rng.randint(0, 3) * DAY,
                ref,
                "Đã bổ sung hồ sơ theo yêu cầu.",
            )
            last = again
        if rng.random() < 0.97:
            confirmed = last + rng.randint(2, 20) * DAY
            add(confirmed, life.confirm_completion)
            if rng.random() < 0.01:
                redo = confirmed + rng.randint(10, 60) * DAY
                add(redo, life.back_to_work, "redo_requested", "Kết quả chưa đạt; đề nghị thực hiện lại.")
    day = start
    for i in range(rng.randint(1, 3)):
        day = _between(rng, day + 3 * DAY, min(first_end, day + 60 * DAY))
        if day >= first_end:
            break
        add(
            day,
            life.post_progress,
            rng.choice(words.PROGRESS_NOTES),
            min(90, 20 * (i + 1) + rng.randint(0, 15)),
        )
    if has_coordinators and rng.random() < 0.3:
        add(_between(rng, start + 5 * DAY, first_end), life.contribute, rng.choice(words.CONTRIBUTIONS))
    if deadline is not None and (completed is None or completed > deadline) and rng.random() < 0.25:
        add(
            deadline + rng.randint(3, 30) * DAY,
            life.remind,
            "Đề nghị khẩn trương hoàn thành nhiệm vụ quá hạn.",
        )
    if rng.random() < 0.03:
        add(start + rng.randint(10, 400) * DAY, life.cancel, rng.choice(words.CANCEL_REASONS))

    plan.sort(key=lambda p: (p[0], p[1]))
    for day, _order, method, args in plan:
        if day > cap:
            break
        method(day, *args)
        if life.status == "cancelled":
            break
    return life
