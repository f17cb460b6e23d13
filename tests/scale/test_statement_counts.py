"""A page costs the same number of SQL statements whether it shows 5 rows or 50: related objects are
loaded in bulk, never one query per row (the N+1 pattern that breaks at a million tasks)."""

import datetime as dt
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tracker.tasks import operations


@contextmanager
def statements(engine):
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture(autouse=True)
def _render_every_time(app):
    """These tests count what rendering a page costs: no reuse of a rendered body (test_page_cache.py)."""
    app.config["TRACKER_PAGE_CACHE"] = 0


def _cost(client, db, url, expect_rows=None):
    """Statements of one request (the second: the first warms the caches and the login)."""
    assert client.get(url).status_code == 200
    with statements(db.engine) as seen:
        response = client.get(url)
    assert response.status_code == 200
    if expect_rows is not None:
        assert response.get_data(as_text=True).count('class="row-') == expect_rows
    return len(seen)


@pytest.fixture
def province(make, db):
    root = make.agency("TINH", "Tỉnh", kind="external")
    lead = make.agency("STC", "Sở Tài chính", parent=root)
    partners = [make.agency(f"PH{i}", f"Cơ quan phối hợp {i}", parent=root) for i in range(3)]
    focal = make.user("focal", agency=lead)
    monitor = make.monitor()
    db.session.commit()
    return {"lead": lead, "partners": partners, "focal": focal, "monitor": monitor}


def _add_tasks(make, db, p, count, around=dt.date(2024, 6, 20)):
    """Tasks due alternately before `around` (overdue then) and in the week after it (due soon)."""
    for i in range(count):
        deadline = around - dt.timedelta(days=1 + i) if i % 2 == 0 else around + dt.timedelta(days=1 + i % 7)
        make.task(
            lead=p["lead"],
            coordinating=p["partners"][: i % 4],
            title=f"Nhiệm vụ {i}",
            deadline=deadline,
            assigned_on=dt.date(2024, 1, 2),
        )
    db.session.commit()


@pytest.mark.parametrize("role", ["focal", "monitor"])
def test_the_task_list_costs_the_same_statements_for_5_or_50_tasks(client, auth, make, db, province, role):
    auth.login(province[role])
    _add_tasks(make, db, province, 5)
    few = _cost(client, db, "/tasks/", expect_rows=5)
    _add_tasks(make, db, province, 45)
    many = _cost(client, db, "/tasks/", expect_rows=50)
    assert many == few


@pytest.mark.parametrize("role", ["focal", "monitor"])
def test_the_dashboard_costs_the_same_statements_for_few_or_many_tasks(
    client, auth, make, db, province, role, freeze
):
    freeze(dt.date(2024, 6, 20))
    auth.login(province[role])
    _add_tasks(make, db, province, 3)
    few = _cost(client, db, "/")
    _add_tasks(make, db, province, 30)
    many = _cost(client, db, "/")
    assert many == few


def test_the_document_page_costs_the_same_statements_for_5_or_50_tasks(client, auth, make, db, province):
    from tracker.tasks.operations import create_section

    document = make.document()
    section = create_section(province["monitor"], document, code="I", title="Cải cách thể chế")
    db.session.commit()
    auth.login(province["focal"])

    added = []

    def add(n):
        for _ in range(n):
            i = len(added)
            added.append(i)
            make.task(
                lead=province["lead"],
                document=document,
                parent=section,
                code=f"I.{i}",  # a code names one item of its document
                coordinating=province["partners"][: i % 4],
            )
        db.session.commit()

    add(5)
    few = _cost(client, db, f"/documents/{document.id}")
    add(45)
    many = _cost(client, db, f"/documents/{document.id}")
    assert many == few


def test_the_task_page_costs_the_same_statements_for_3_or_30_events(client, auth, make, db, province):
    task = make.task(
        lead=province["lead"],
        coordinating=province["partners"],
        deadline=dt.date(2030, 1, 1),
        assigned_on=dt.date(2024, 1, 2),
    )
    other_focal = make.user("focal", agency=province["partners"][0])
    db.session.commit()
    auth.login(province["focal"])

    def events(n, start):
        for i in range(n):
            day = dt.date(2024, 1, 3) + dt.timedelta(days=start + i)
            if i % 2:
                operations.post_contribution(other_focal, task, text=f"Ý kiến {i}", on=day)
            else:
                operations.post_progress(
                    province["focal"], task, text=f"Tiến độ {i}", percent=min(90, i), on=day
                )
        db.session.commit()

    events(2, 0)  # with "created": 3 events
    few = _cost(client, db, f"/tasks/{task.id}")
    events(27, 10)
    many = _cost(client, db, f"/tasks/{task.id}")
    assert many == few
