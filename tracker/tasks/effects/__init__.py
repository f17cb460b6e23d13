"""What each workflow verb does to a task, defined once, in plain Python: its checks (the transition
table and `tracker.tasks.rules`), the task fields it sets, and the rows it writes, as data (`Effects`:
the timeline event, whether the reportable state span moves, the audit entry, the webhook).

Nothing here reads or writes the database; `task` is anything with the Task's attributes. Four writers
only store what these functions return:

- the operations (`tracker.tasks.operations`, `tracker.tasks.assigning`) through the ORM
  (`tracker.tasks.recording.store`);
- the import's batch writer (`tracker.imports.batch`), rows of many tasks at once;
- the synthetic history (`tracker.seed.synthetic_history`), a million tasks without the ORM;
- the agency reorganisation, through the `move_lead` and `move_coordination` operations.

A verb checks everything before it changes anything: refused, it leaves the task as it was.
"""

from tracker.tasks.effects.base import (
    BACK_TO_WORK,
    CANCELLED_NOTE,
    STATE_FIELDS,
    TRANSITIONS,
    Effects,
    RequestDraft,
    StateSpan,
    business_day,
    check_transition,
    event_changes,
    event_values,
    next_span,
    search_text,
    state_values,
)
from tracker.tasks.effects.creating import (
    EDITABLE_FIELDS,
    created,
    edit,
    new_task_fields,
    occurrence_created,
    section_created,
    section_fields,
)
from tracker.tasks.effects.workflow import (
    approve_extension,
    back_to_work,
    cancel_task,
    confirm_completion,
    move_coordination,
    move_lead,
    post_contribution,
    post_progress,
    reject_extension,
    remind,
    report_completion,
    request_extension,
)

__all__ = [
    "RequestDraft",
    "BACK_TO_WORK",
    "CANCELLED_NOTE",
    "EDITABLE_FIELDS",
    "STATE_FIELDS",
    "TRANSITIONS",
    "Effects",
    "StateSpan",
    "approve_extension",
    "back_to_work",
    "business_day",
    "cancel_task",
    "check_transition",
    "confirm_completion",
    "created",
    "edit",
    "event_changes",
    "event_values",
    "move_coordination",
    "move_lead",
    "new_task_fields",
    "next_span",
    "occurrence_created",
    "post_contribution",
    "post_progress",
    "reject_extension",
    "remind",
    "report_completion",
    "request_extension",
    "search_text",
    "section_created",
    "section_fields",
    "state_values",
]
