"""A small province for the workflow tests: a lead agency, a coordinating agency and an unrelated
one, with one user of every role, and tasks brought to any status through the real operations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from tracker.tasks import operations
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent

TODAY = dt.date(2024, 8, 1)
ASSIGNED = dt.date(2024, 1, 10)
DEADLINE = dt.date(2024, 9, 30)
COMPLETED = dt.date(2024, 7, 15)
STATUSES = ("new", "in_progress", "reported", "done", "cancelled")
ROLES = ("admin", "monitor", "leader", "lead", "coordinating", "other")


@dataclass
class World:
    db: object
    make: object
    users: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    document: object = None

    @property
    def monitor(self):
        return self.users["monitor"]

    @property
    def lead(self):
        return self.users["lead"]

    def task(self, status: str = "new", *, extension: bool = False, **kw) -> Task:
        """A task of the lead agency (the coordinating agency coordinates) in `status`, reached through
        the operations; with `extension`, an extension request is made (and left pending) first."""
        kw.setdefault("deadline", DEADLINE)
        task = self.make.task(
            lead=self.agencies["lead"],
            document=self.document,
            coordinating=[self.agencies["coordinating"]],
            **kw,
        )
        lead, monitor = self.users["lead"], self.users["monitor"]
        if extension:
            operations.request_extension(
                lead, task, new_deadline=dt.date(2024, 12, 31), reason="Chờ ý kiến Bộ", on=dt.date(2024, 5, 2)
            )
        if status in ("in_progress", "reported", "done", "cancelled"):
            operations.post_progress(lead, task, text="Đã triển khai", percent=40, on=dt.date(2024, 5, 5))
        if status in ("reported", "done"):
            operations.report_completion(
                lead, task, completed_on=COMPLETED, result_ref="15/BC-STC", on=dt.date(2024, 7, 16)
            )
        if status == "done":
            operations.confirm_completion(monitor, task, on=dt.date(2024, 7, 20))
        if status == "cancelled":
            operations.cancel_task(monitor, task, reason="Không còn phù hợp", on=dt.date(2024, 7, 1))
        self.db.session.flush()
        assert task.status == status
        return task

    def pending(self, task: Task) -> ExtensionRequest | None:
        return self.db.session.scalar(
            select(ExtensionRequest).where(
                ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
            )
        )

    def any_request(self, task: Task) -> ExtensionRequest | None:
        return self.db.session.scalar(
            select(ExtensionRequest)
            .where(ExtensionRequest.task_id == task.id)
            .order_by(ExtensionRequest.id.desc())
        )

    def event_count(self, task: Task) -> int:
        return self.db.session.scalar(
            select(func.count()).select_from(TaskEvent).where(TaskEvent.task_id == task.id)
        )


@pytest.fixture
def world(make, db, freeze) -> World:
    freeze(TODAY)
    province = make.agency("TINH", "UBND tỉnh Khánh Hòa", kind="external")
    w = World(db=db, make=make)
    w.agencies = {
        "lead": make.agency("STC", "Sở Tài chính", parent=province),
        "coordinating": make.agency("STP", "Sở Tư pháp", parent=province),
        "other": make.agency("SYT", "Sở Y tế", parent=province),
    }
    w.users = {
        "admin": make.user("admin", agency=None, email="admin@test.vn", name="Quản trị"),
        "monitor": make.monitor(),
        "leader": make.user("leader", agency=None, email="lanhdao@test.vn", name="Lãnh đạo"),
        "lead": make.user("focal", agency=w.agencies["lead"], email="stc@test.vn", name="Đầu mối Tài chính"),
        "coordinating": make.user(
            "focal", agency=w.agencies["coordinating"], email="stp@test.vn", name="Đầu mối Tư pháp"
        ),
        "other": make.user("focal", agency=w.agencies["other"], email="syt@test.vn", name="Đầu mối Y tế"),
    }
    w.document = make.document("91-KL/TU", issued_on=ASSIGNED)
    db.session.commit()
    return w


@pytest.fixture
def sign_in(client):
    """Sign a user in by their session cookie (as the login page would) without hashing a password:
    the matrix tests sign in hundreds of times; tests/auth covers the login page itself."""

    def _sign_in(user):
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = user.get_id()
            session["_fresh"] = True

    return _sign_in
