"""The life of one synthetic task: the workflow verbs' own effects, stored in plain Python.

Each method below plays one verb's effects (`tracker.tasks.effects`: the same checks, the same task
fields, the same event) on the task's fields held here, and stores the rows they describe — the event
and the reportable state span (`effects.next_span`), as `tracker.tasks.recording.store` does through
the ORM — so a million tasks can be generated without the ORM. A step the verb refuses is skipped, as
the real operation would refuse it. (Audit entries and webhooks are not generated for synthetic
data.) `tests/seed/test_synthetic.py` replays the events and compares them with the spans, and plays
a sample through the real operations.
"""

from __future__ import annotations

import datetime as dt
import random

from tracker.core.errors import DomainError
from tracker.seed import synthetic_words as words
from tracker.tasks import effects

DAY = dt.timedelta(days=1)

# Who takes each step: the lead agency's focal point, a coordinating agency's, or a monitor.
ACTORS = {"progress": "lead", "reported": "lead", "extension_requested": "lead", "contribution": "coord"}


class TaskLife:
    """A task's workflow from its assignment: its fields (a Task's names), events, state spans and
    extension requests."""

    __slots__ = (
        "assigned_on",
        "lead_code",
        "lead_agency_id",
        "is_section",
        "deadline_kind",
        "status",
        "progress",
        "deadline",
        "original_deadline",
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
        "spans",
        "requests",
        "pending",
    )

    def __init__(self, assigned: dt.date, deadline: dt.date | None, lead_code: str | None, lead_id=None):
        self.assigned_on = assigned
        self.lead_code = lead_code
        self.lead_agency_id = lead_id
        self.is_section = False
        self.deadline_kind = "date" if deadline is not None else "ongoing"
        self.status = "new"
        self.progress = 0
        self.deadline = self.original_deadline = deadline
        self.completed_on = self.reported_on = self.confirmed_on = None
        self.returned_reason = self.cancel_reason = None
        self.extension_count = 0
        self.last_update_on = None
        self.result_ref = self.result_note = ""
        # (on_date, kind, changes as stored, comment, actor) with actor 'lead', 'monitor' or 'coord'
        self.events: list[tuple] = []
        self.spans: list[effects.StateSpan] = []
        self.requests: list[effects.RequestDraft] = []
        self.pending: effects.RequestDraft | None = None

    @property
    def assigned(self) -> dt.date:
        return self.assigned_on

    @property
    def states(self) -> list[list]:
        """[valid_from, valid_to, status, deadline, completed_on] of each span."""
        return [[s.valid_from, s.valid_to, s.status, s.deadline, s.completed_on] for s in self.spans]

    # ------------------------------------------------------------ storing a verb's effects

    def _store(self, done: effects.Effects) -> None:
        self.events.append(
            (done.on, done.kind, done.event_changes(), done.comment, ACTORS.get(done.kind, "monitor"))
        )
        if done.state:
            values = effects.state_values(self)
            start = effects.next_span(
                self.spans[-1] if self.spans else None, values, done.on, self.assigned_on
            )
            if start is not None:
                self.spans.append(effects.StateSpan(start, values))

    def _play(self, verb, *args, **kwargs) -> bool:
        """Store `verb`'s effects on this task; False (nothing changed) when the verb refuses."""
        try:
            done = verb(self, *args, **kwargs)
        except DomainError:
            return False
        self._store(done)
        return True

    # ------------------------------------------------------------ the verbs

    def create(self, occurrence: bool = False) -> None:
        if occurrence:
            self._store(effects.occurrence_created(self))
        else:
            self._store(effects.created(self, lead_code=self.lead_code, symbol=""))

    def post_progress(self, on, text, percent) -> bool:
        return self._play(effects.post_progress, text=text, percent=percent, on=on)

    def report_completion(self, on, completed_on, result_ref, note) -> bool:
        return self._play(
            effects.report_completion, completed_on=completed_on, result_ref=result_ref, note=note, on=on
        )

    def confirm_completion(self, on) -> bool:
        return self._play(effects.confirm_completion, comment="", on=on)

    def back_to_work(self, on, kind, reason) -> bool:
        """return_report ('returned'), recall_report ('recalled'), request_redo ('redo_requested')."""
        action = next(a for a, k in effects.BACK_TO_WORK.items() if k == kind)
        return self._play(effects.back_to_work, action=action, reason=reason, on=on)

    def request_extension(self, on, new_deadline, reason) -> bool:
        try:
            done = effects.request_extension(
                self, new_deadline=new_deadline, reason=reason, on=on, pending=self.pending is not None
            )
        except DomainError:
            return False
        self.pending = effects.RequestDraft(on, done.request)
        self.requests.append(self.pending)
        self._store(done)
        return True

    def _decide(self, verb, on, **kwargs) -> bool:
        request = self.pending
        if request is None or not self._play(verb, request, on=on, **kwargs):
            return False
        request.decided_on = on
        self.pending = None
        return True

    def approve_extension(self, on, comment="") -> bool:
        return self._decide(effects.approve_extension, on, new_deadline=None, comment=comment)

    def reject_extension(self, on, comment) -> bool:
        return self._decide(effects.reject_extension, on, comment=comment)

    def cancel(self, on, reason) -> bool:
        pending = [self.pending] if self.pending is not None else []
        if not self._play(effects.cancel_task, reason=reason, on=on, pending=pending):
            return False
        self.pending = None
        return True

    def contribute(self, on, text) -> bool:
        return self._play(effects.post_contribution, text=text, on=on)

    def remind(self, on, message) -> bool:
        return self._play(effects.remind, message=message, on=on)


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
    open_overdue: float = 0.0,
) -> TaskLife:
    """Draw a plausible history for a task assigned on `life.assigned` and play it up to `cap`
    (the last day of the data set): progress, extension, completion report, return, confirmation,
    cancellation, reminders. Steps a real operation would refuse are skipped, as it would.

    `open_overdue`: the chance that a task whose deadline has passed by `cap` is still open on it
    (never reported done nor stopped: progress, reminders), for data shaped like another tracker's
    (Redmine's 30 %); 0 keeps the natural history, and the same seed the same data."""
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
    if open_overdue and deadline is not None and deadline < cap and rng.random() < open_overdue:
        roll = 2.0  # left open past its deadline: no completion, no cancellation below
    # Tasks long past their deadline were mostly finished (late) or stopped; recent ones may be open.
    old = deadline is not None and deadline < cap - 365 * DAY
    if deadline is None:
        if roll < 0.3:
            completed = start + rng.randint(30, 700) * DAY
    elif roll < 0.72:
        completed = _between(rng, max(start, deadline - 40 * DAY), deadline)
    elif roll < (0.95 if old else 0.88):
        completed = deadline + rng.randint(1, 150) * DAY
    elif roll <= 1.0 and old and rng.random() < 0.5:
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
    if rng.random() < 0.03 and roll <= 1.0:
        add(start + rng.randint(10, 400) * DAY, life.cancel, rng.choice(words.CANCEL_REASONS))

    plan.sort(key=lambda p: (p[0], p[1]))
    for day, _order, method, args in plan:
        if day > cap:
            break
        method(day, *args)
        if life.status == "cancelled":
            break
    return life
