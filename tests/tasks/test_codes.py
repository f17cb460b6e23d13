"""A code names one item of its document: the tasks sharing it are that item given to several lead
agencies (same title); another item cannot take it, the same agency cannot get it twice, and the
page, the operation and the import refuse the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.tasks.test_edit import open_form
from tracker.core.errors import DomainError
from tracker.tasks import operations as ops
from tracker.tasks.models import Task


def _tasks(db, document=None) -> int:
    db.session.expire_all()
    query = select(func.count()).select_from(Task)
    if document is not None:
        query = query.where(Task.document_id == document.id)
    return db.session.scalar(query)


@pytest.fixture
def plan(make, db):
    doc = make.document(symbol="91-KL/TU")
    a, b = make.agency("SKHDT", "Sở Kế hoạch và Đầu tư"), make.agency("SXD", "Sở Xây dựng")
    make.task(
        lead=a, document=doc, code="III.4.d", title="Xây dựng Đề án tổ chức lại Trung tâm Xúc tiến đầu tư"
    )
    db.session.commit()
    return {"doc": doc, "a": a, "b": b}


def test_another_item_cannot_take_a_code_of_the_document(plan, make, db):
    with pytest.raises(DomainError, match="«III.4.d» đã dùng cho nhiệm vụ khác") as refused:
        make.task(lead=plan["b"], document=plan["doc"], code="III.4.d", title="Đề án đô thị loại I")
    assert refused.value.field == "code"
    db.session.rollback()
    assert _tasks(db, plan["doc"]) == 1


def test_d_and_dj_are_two_codes_and_a_fan_out_shares_its_code(plan, make, db):
    make.task(lead=plan["b"], document=plan["doc"], code="III.4.đ", title="Đề án đô thị loại I")
    # The same item given to a second lead agency (a fan-out): the same code and title.
    make.task(
        lead=plan["b"],
        document=plan["doc"],
        code="III.4.d",
        title="Xây dựng  Đề án tổ chức lại Trung tâm xúc tiến đầu tư",
    )
    db.session.commit()
    assert _tasks(db, plan["doc"]) == 3
    # The code is the document's: another document may use it for anything.
    make.task(lead=plan["b"], document=make.document(), code="III.4.d", title="Việc khác")


def test_the_same_item_is_not_given_twice_to_one_agency(plan, make, db):
    with pytest.raises(DomainError, match="đã giao cho cơ quan chủ trì này"):
        make.task(
            lead=plan["a"],
            document=plan["doc"],
            code="III.4.d",
            title="Xây dựng Đề án tổ chức lại Trung tâm Xúc tiến đầu tư",
        )
    db.session.rollback()
    doc = db.session.get(type(plan["doc"]), plan["doc"].id)
    monitor = make.monitor()
    with pytest.raises(DomainError, match="đã giao cho cơ quan chủ trì này"):
        ops.fan_out(
            monitor,
            doc,
            [plan["b"], plan["b"]],
            title="Việc mới",
            code="III.9",
            deadline=dt.date(2024, 6, 30),
        )


def test_a_section_code_is_its_own(plan, make, db):
    monitor = make.monitor()
    with pytest.raises(DomainError, match="đã dùng cho mục"):
        ops.create_section(monitor, plan["doc"], code="III.4.d", title="Mục trùng")
    ops.create_section(monitor, plan["doc"], code="III.5", title="Cải cách chế độ công vụ")
    db.session.flush()
    with pytest.raises(DomainError, match="đã dùng cho mục «Cải cách chế độ công vụ»"):
        make.task(lead=plan["b"], document=plan["doc"], code="III.5", title="Một nhiệm vụ")


def test_an_edit_cannot_move_a_task_onto_another_items_code(plan, make, db):
    other = make.task(lead=plan["b"], document=plan["doc"], code="III.4.e", title="Đề án đô thị loại I")
    db.session.commit()
    with pytest.raises(DomainError, match="«III.4.d» đã dùng cho nhiệm vụ khác"):
        ops.update_task(make.monitor(), other, other.version, code="III.4.d")
    db.session.rollback()
    assert db.session.get(Task, other.id).code == "III.4.e"
    # Renaming its own code, or keeping it while editing other fields, is fine.
    ops.update_task(make.monitor(), other, other.version, code="III.4.đ", title="Đề án đô thị loại I (sửa)")
    db.session.commit()
    assert db.session.get(Task, other.id).code == "III.4.đ"


def test_the_edit_page_says_why_and_keeps_the_task(plan, make, db, client, auth):
    other = make.task(lead=plan["b"], document=plan["doc"], code="III.4.e", title="Đề án đô thị loại I")
    db.session.commit()
    auth.login(make.monitor())
    data = open_form(client, other) | {"code": "III.4.d"}
    response = client.post(f"/tasks/{other.id}/edit", data=data)
    assert response.status_code in (200, 422)
    assert "«III.4.d» đã dùng cho nhiệm vụ khác" in response.get_data(as_text=True)
    assert db.session.get(Task, other.id).code == "III.4.e"
