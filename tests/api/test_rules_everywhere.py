"""Each rule that decides whether a task change is allowed lives in the operation: the page, the API
and the import refuse the same input with the same Vietnamese message, and write nothing.

(The API fixtures hold the world: Sở Tài chính and Sở Tư pháp under the province, a document of
01/03/2024, today 01/07/2024.)"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from sqlalchemy import func, select

from tests.imports.test_spreadsheet import INFOS
from tests.tasks.workflow_http import edit_data
from tracker.agencies.registry import Registry
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import DocumentInfo, TaskContext, parse_tasks, symbol_key
from tracker.tasks import rules
from tracker.tasks.models import Task, TaskEvent
from tracker.tasks.rules import TEXT_LIMITS, too_long_message

PASSWORD_LOGIN = "/login"


def _login(client, user):
    from tests.conftest import TEST_PASSWORD

    client.post(PASSWORD_LOGIN, data={"email": user.email, "password": TEST_PASSWORD})


def _page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Task))


def _add_task_form(lead_id, **overrides) -> dict:
    data = {
        "title": "Rà soát thủ tục hành chính",
        "code": "9",
        "parent_id": "0",
        "content": "",
        "area": "tthc",
        "assigned_on": "01/03/2024",
        "deadline_kind": "date",
        "deadline": "30/09/2024",
        "period": "",
        "expected_output": "",
        "priority": "normal",
        "lead_agency_id": str(lead_id),
    }
    data.update(overrides)
    return data


def _api_task(lead_id, doc_id, **overrides) -> dict:
    body = {
        "document_id": doc_id,
        "title": "Rà soát thủ tục hành chính",
        "lead_agency_id": lead_id,
        "deadline_kind": "date",
        "deadline": "2024-09-30",
    }
    body.update(overrides)
    return body


def _import_errors(doc, **cells) -> list[str]:
    """The messages of the import's check of one row of `doc` (an existing document)."""
    values = {
        "Văn bản": doc.symbol,
        "Số thứ tự": "9",
        "Tên nhiệm vụ": "Rà soát thủ tục hành chính",
        "Nội dung": "",
        "Cơ quan chủ trì": "STC",
        "Ngày giao": "01/03/2024",
        "Thời hạn": "30/09/2024",
    }
    values.update(cells)
    headers = list(values)
    from tests.imports.conftest import csv_bytes

    context = TaskContext(
        Registry(INFOS),
        {symbol_key(doc.symbol): DocumentInfo(doc.id, doc.symbol, doc.issued_on)},
        {},
        dt.date(2024, 7, 1),
    )
    result = parse_tasks(read_sheet("nhiemvu.csv", csv_bytes([list(values.values())], headers)), context)
    return [e.message for e in result.errors]


def _api_error(response) -> str:
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["message"]


@pytest.fixture
def monitor_token(api, world):
    return api.token(world.monitor)


def test_an_external_body_cannot_lead_on_the_page_the_api_or_the_import(
    client, api, world, monitor_token, make, db
):
    province = db.session.get(type(world.stc), world.stc.parent_id)
    expected = f"«{province.name}» là cơ quan ngoài tỉnh (cơ quan ban hành), không chủ trì nhiệm vụ."
    before = _count(db)
    # The API: create, and change the lead of a task.
    response = api.post("/tasks", monitor_token, json=_api_task(province.id, world.doc.id))
    assert _api_error(response) == expected
    response = api.patch(
        f"/tasks/{world.stc_task.id}",
        monitor_token,
        json={"version": world.stc_task.version, "lead_agency_id": province.id},
    )
    assert _api_error(response) == expected
    # The page: the list does not offer it; a crafted form gets the same refusal.
    _login(client, world.monitor)
    response = client.post(f"/documents/{world.doc.id}/tasks/new", data=_add_task_form(province.id))
    assert response.status_code == 422 and expected in _page_text(response)
    task = world.stc_task
    response = client.post(f"/tasks/{task.id}/edit", data=edit_data(task, lead_agency=str(province.id)))
    assert expected in _page_text(response)
    # The import: the row names the province itself as its lead.
    assert _import_errors(world.doc, **{"Cơ quan chủ trì": "Chính phủ"}) == [
        "«Chính phủ» là cơ quan ngoài tỉnh (cơ quan ban hành), không chủ trì nhiệm vụ."
    ]
    db.session.expire_all()
    assert _count(db) == before and world.stc_task.lead_agency_id == world.stc.id


def test_an_inactive_agency_cannot_lead_on_the_page_or_the_api(client, api, world, monitor_token, make, db):
    gone = make.agency(
        "SKHDT", "Sở Kế hoạch và Đầu tư", parent=db.session.get(type(world.stc), world.stc.parent_id)
    )
    gone.is_active = False
    db.session.commit()
    expected = "Cơ quan «Sở Kế hoạch và Đầu tư» đã ngừng hoạt động."
    response = api.post("/tasks", monitor_token, json=_api_task(gone.id, world.doc.id))
    assert _api_error(response) == expected
    _login(client, world.monitor)
    response = client.post(f"/documents/{world.doc.id}/tasks/new", data=_add_task_form(gone.id))
    assert response.status_code == 422 and expected in _page_text(response)


def test_a_task_is_assigned_on_or_after_its_documents_date_everywhere(client, api, world, monitor_token, db):
    expected = "Ngày giao không thể trước ngày ban hành văn bản (01/03/2024)."
    before = _count(db)
    response = api.post(
        "/tasks", monitor_token, json=_api_task(world.stc.id, world.doc.id, assigned_on="2024-02-29")
    )
    assert _api_error(response) == expected
    _login(client, world.monitor)
    response = client.post(
        f"/documents/{world.doc.id}/tasks/new", data=_add_task_form(world.stc.id, assigned_on="29/02/2024")
    )
    assert response.status_code == 422 and expected in _page_text(response)
    assert _import_errors(world.doc, **{"Ngày giao": "29/02/2024"}) == [expected]
    assert _count(db) == before
    # The day of the document itself is fine, on every path.
    assert _import_errors(world.doc, **{"Ngày giao": "01/03/2024"}) == []


def test_a_task_is_not_switched_into_a_periodic_series_on_the_page_or_the_api(
    client, api, world, monitor_token, db
):
    task = world.stc_task
    with pytest.raises(Exception) as refused:
        rules.check_kind_change(task, "periodic", "quarterly")
    expected = refused.value.message
    response = api.patch(
        f"/tasks/{task.id}",
        monitor_token,
        json={"version": task.version, "deadline_kind": "periodic", "period": "quarterly", "deadline": None},
    )
    assert _api_error(response) == expected
    _login(client, world.monitor)
    response = client.post(
        f"/tasks/{task.id}/edit",
        data=edit_data(task, deadline_kind="periodic", period="quarterly", deadline=""),
    )
    assert expected in _page_text(response)
    db.session.expire_all()
    assert task.deadline_kind == "date"
    assert (
        db.session.scalar(
            select(func.count()).where(TaskEvent.task_id == task.id, TaskEvent.kind == "edited")
        )
        == 0
    )


def test_one_content_cap_on_creation_edit_api_and_import(client, api, world, monitor_token, db):
    cap = TEXT_LIMITS["content"]
    too_long = "x" * (cap + 1)
    expected = too_long_message("content", cap + 1)
    assert expected == "Nội dung quá dài: 20.001 ký tự, tối đa 20.000 ký tự."
    before = _count(db)
    # Creation, which had no cap: refused on the page, the API and the import alike.
    _login(client, world.monitor)
    response = client.post(
        f"/documents/{world.doc.id}/tasks/new", data=_add_task_form(world.stc.id, content=too_long)
    )
    assert response.status_code == 422 and expected in _page_text(response)
    assert (
        _api_error(
            api.post("/tasks", monitor_token, json=_api_task(world.stc.id, world.doc.id, content=too_long))
        )
        == expected
    )
    assert _import_errors(world.doc, **{"Nội dung": too_long}) == [expected]
    assert _count(db) == before
    # Editing: the same cap, the same message.
    task = world.stc_task
    response = client.post(f"/tasks/{task.id}/edit", data=edit_data(task, content=too_long))
    assert expected in _page_text(response)
    response = api.patch(
        f"/tasks/{task.id}", monitor_token, json={"version": task.version, "content": too_long}
    )
    assert _api_error(response) == expected
    # Exactly the cap is accepted, and the task can then be saved again from its edit page.
    at_cap = "y" * cap
    assert (
        api.post(
            "/tasks", monitor_token, json=_api_task(world.stc.id, world.doc.id, content=at_cap)
        ).status_code
        == 201
    )
    created = db.session.scalar(select(Task).order_by(Task.id.desc()))
    response = client.post(f"/tasks/{created.id}/edit", data=edit_data(created, expected_output="Báo cáo"))
    assert response.status_code == 302
    db.session.expire_all()
    assert created.expected_output == "Báo cáo"


def test_a_text_stored_before_the_cap_can_be_kept_when_the_task_is_edited(client, world, db):
    """A task whose content is over the cap (written before the cap existed) is not stuck: an edit that
    keeps the content as it is saves; only a new over-long value is refused."""
    task = world.stc_task
    db.session.execute(Task.__table__.update().where(Task.id == task.id).values(content="z" * 200_000))
    db.session.commit()
    db.session.expire_all()
    _login(client, world.monitor)
    response = client.post(f"/tasks/{task.id}/edit", data=edit_data(task, expected_output="Quyết định"))
    assert response.status_code == 302
    db.session.expire_all()
    assert task.expected_output == "Quyết định" and len(task.content) == 200_000


def test_one_cap_on_a_workflow_text_on_the_page_and_the_api(client, api, world, db):
    too_long = "t" * (TEXT_LIMITS["text"] + 1)
    expected = too_long_message("text", len(too_long))
    token = api.token(world.stc_focal)
    task = world.stc_task
    response = api.post(f"/tasks/{task.id}/progress", token, json={"text": too_long, "percent": 10})
    assert _api_error(response) == expected
    _login(client, world.stc_focal)
    response = client.post(
        f"/tasks/{task.id}/progress", data={"progress-text": too_long, "progress-percent": "10"}
    )
    assert expected in _page_text(response)
    assert (
        db.session.scalar(
            select(func.count()).where(TaskEvent.task_id == task.id, TaskEvent.kind == "progress")
        )
        == 0
    )


def test_a_task_of_200_000_characters_is_refused_alike_on_the_page_the_api_and_the_import(
    client, api, world, monitor_token, db
):
    """The finding's own figure: content of 200.000 characters (ten times the cap) is refused with
    the operation's one message, not by a limit of one door (request size, a form validator)."""
    huge = "x" * 200_000
    expected = too_long_message("content", 200_000)
    assert expected == "Nội dung quá dài: 200.000 ký tự, tối đa 20.000 ký tự."
    before = _count(db)
    _login(client, world.monitor)
    response = client.post(
        f"/documents/{world.doc.id}/tasks/new", data=_add_task_form(world.stc.id, content=huge)
    )
    assert response.status_code == 422 and expected in _page_text(response)
    response = api.post("/tasks", monitor_token, json=_api_task(world.stc.id, world.doc.id, content=huge))
    assert _api_error(response) == expected
    assert _import_errors(world.doc, **{"Nội dung": huge}) == [expected]
    assert _count(db) == before
