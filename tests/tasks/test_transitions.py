"""The whole transition table: every workflow action from every status, through the operations.

An action refused in a status raises InvalidTransition and writes nothing; an allowed one moves the
task to the status the workflow of DOMAIN.md says."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tasks.conftest import STATUSES
from tracker.core.errors import InvalidTransition
from tracker.tasks import operations

# action -> {starting status: resulting status, or None when the action is refused there}
TABLE = {
    "post_progress":      {"new": "in_progress", "in_progress": "in_progress", "reported": None, "done": None, "cancelled": None},
    "report_completion":  {"new": "reported", "in_progress": "reported", "reported": None, "done": None, "cancelled": None},
    "request_extension":  {"new": "new", "in_progress": "in_progress", "reported": None, "done": None, "cancelled": None},
    "post_contribution":  {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": None, "cancelled": None},
    "confirm_completion": {"new": None, "in_progress": None, "reported": "done", "done": None, "cancelled": None},
    "return_report":      {"new": None, "in_progress": None, "reported": "in_progress", "done": None, "cancelled": None},
    "recall_report":      {"new": None, "in_progress": None, "reported": "in_progress", "done": None, "cancelled": None},
    "request_redo":       {"new": None, "in_progress": None, "reported": None, "done": "in_progress", "cancelled": None},
    "approve_extension":  {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": None, "cancelled": None},
    "reject_extension":   {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": "done", "cancelled": None},
    "cancel_task":        {"new": "cancelled", "in_progress": "cancelled", "reported": "cancelled", "done": None, "cancelled": None},
    "remind":             {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": None, "cancelled": None},
    "move_lead":          {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": None, "cancelled": None},
    "update_task":        {"new": "new", "in_progress": "in_progress", "reported": "reported", "done": "done", "cancelled": "cancelled"},
}  # fmt: skip

EXTENSION_ACTIONS = ("approve_extension", "reject_extension")


def run(world, action: str, task):
    """Call the operation as the user who may take the action (so only the transition decides)."""
    u = world.users
    if action == "post_progress":
        return operations.post_progress(u["lead"], task, text="Tiến độ mới", percent=60)
    if action == "report_completion":
        return operations.report_completion(
            u["lead"], task, completed_on=dt.date(2024, 7, 30), result_ref="20/BC"
        )
    if action == "request_extension":
        return operations.request_extension(
            u["lead"], task, new_deadline=dt.date(2024, 11, 30), reason="Lý do"
        )
    if action == "post_contribution":
        return operations.post_contribution(u["coordinating"], task, text="Sở Tư pháp góp ý dự thảo")
    if action == "confirm_completion":
        return operations.confirm_completion(u["monitor"], task)
    if action == "return_report":
        return operations.return_report(u["monitor"], task, reason="Thiếu văn bản kết quả")
    if action == "recall_report":
        return operations.recall_report(u["monitor"], task, reason="Báo cáo nhầm")
    if action == "request_redo":
        return operations.request_redo(u["monitor"], task, reason="Kết quả chưa đạt")
    if action == "approve_extension":
        return operations.approve_extension(u["monitor"], world.any_request(task))
    if action == "reject_extension":
        return operations.reject_extension(u["monitor"], world.any_request(task), comment="Không đủ căn cứ")
    if action == "cancel_task":
        return operations.cancel_task(u["monitor"], task, reason="Không còn phù hợp")
    if action == "remind":
        return operations.remind(u["monitor"], [task], message="Đề nghị khẩn trương")
    if action == "move_lead":
        return operations.move_lead(None, task, world.agencies["other"], note="Sáp nhập")
    if action == "update_task":
        return operations.update_task(u["monitor"], task, task.version, expected_output="Báo cáo UBND tỉnh")
    raise AssertionError(action)


def test_the_table_covers_every_operation_and_status():
    assert set(TABLE) == set(operations.TRANSITIONS) | {"update_task"}
    assert all(set(row) == set(STATUSES) for row in TABLE.values())


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", list(TABLE))
def test_transition(world, db, action, status):
    task = world.task(status, extension=action in EXTENSION_ACTIONS)
    expected = TABLE[action][status]
    before = (task.status, task.deadline, task.completed_on, world.event_count(task))
    if expected is None:
        with pytest.raises(InvalidTransition) as refused:
            run(world, action, task)
        assert refused.value.message  # a Vietnamese sentence for the user
        assert (task.status, task.deadline, task.completed_on, world.event_count(task)) == before
        return
    run(world, action, task)
    db.session.flush()
    assert task.status == expected
    assert world.event_count(task) > before[3]  # every change leaves a trace on the timeline


def test_confirmation_keeps_the_agencys_completion_date(world):
    task = world.task("reported")
    operations.confirm_completion(world.monitor, task)
    assert task.completed_on == dt.date(2024, 7, 15)
    assert task.confirmed_on == dt.date(2024, 8, 1)


def test_an_approved_extension_becomes_the_deadline_in_force_and_the_original_stays(world):
    task = world.task("in_progress", extension=True)
    operations.approve_extension(world.monitor, world.pending(task))
    assert task.deadline == dt.date(2024, 12, 31)
    assert task.original_deadline == dt.date(2024, 9, 30)
    assert task.extension_count == 1


def test_a_rejected_extension_leaves_the_deadline(world):
    task = world.task("in_progress", extension=True)
    operations.reject_extension(world.monitor, world.pending(task), comment="Không đủ căn cứ")
    assert task.deadline == dt.date(2024, 9, 30)
    assert world.pending(task) is None


def test_an_extension_request_is_decided_once(world):
    task = world.task("in_progress", extension=True)
    req = world.pending(task)
    operations.approve_extension(world.monitor, req)
    with pytest.raises(InvalidTransition):
        operations.reject_extension(world.monitor, req, comment="Đổi ý")
    with pytest.raises(InvalidTransition):
        operations.approve_extension(world.monitor, req)


def test_cancelling_rejects_the_pending_extension(world):
    task = world.task("in_progress", extension=True)
    operations.cancel_task(world.monitor, task, reason="Không còn phù hợp")
    assert world.pending(task) is None
    assert world.any_request(task).status == "rejected"
