"""Task lists stay usable at a million tasks: a capped count, bounded filter choices, deadline order."""

import datetime as dt
import re

from tracker.tasks.views import listing as task_views


def _count_shown(page: str) -> str:
    return re.search(r'fs-6">([^<]*) nhiệm vụ</small>', page).group(1)


def test_a_list_longer_than_the_count_cap_says_more_than_and_still_pages(app, client, auth, make, db):
    app.config.update(TRACKER_COUNT_CAP=5, TRACKER_PAGE_SIZE=3)
    lead = make.agency()
    for i in range(8):
        make.task(lead=lead, title=f"Nhiệm vụ số {i}")
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/tasks/").get_data(as_text=True)
    assert _count_shown(page) == "hơn 5"
    assert page.count('class="row-') == 3
    assert "page=2" in page
    third = client.get("/tasks/?page=3").get_data(as_text=True)
    assert third.count('class="row-') == 2  # pages past the cap stay reachable by their address


def test_a_list_under_the_cap_shows_the_exact_count(client, auth, make, db):
    lead = make.agency()
    for i in range(4):
        make.task(lead=lead, title=f"Nhiệm vụ số {i}")
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/tasks/").get_data(as_text=True)
    assert _count_shown(page) == "4"


def test_tasks_without_a_deadline_come_after_those_with_one(client, auth, make, db):
    lead = make.agency()
    make.task(lead=lead, title="Thường xuyên", deadline=None)
    make.task(lead=lead, title="Hạn sau", deadline=dt.date(2024, 9, 30))
    make.task(lead=lead, title="Hạn trước", deadline=dt.date(2024, 3, 31))
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/tasks/").get_data(as_text=True)
    titles = re.findall(r'class="fw-semibold">([^<]+)</a>', page)
    assert titles == ["Hạn trước", "Hạn sau", "Thường xuyên"]


def test_the_filter_offers_the_newest_documents_and_always_the_selected_one(
    monkeypatch, client, auth, make, db
):
    monkeypatch.setattr(task_views, "FILTER_CHOICES_MAX", 2)
    lead = make.agency()
    docs = [make.document(symbol=f"{i}/KH-UBND", issued_on=dt.date(2024, 1, 1 + i)) for i in range(4)]
    for doc in docs:
        make.task(lead=lead, document=doc)
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/tasks/").get_data(as_text=True)
    offered = re.findall(r'<option value="\d+" *(?:selected)?>(\d/KH-UBND)</option>', page)
    assert offered == ["3/KH-UBND", "2/KH-UBND"]
    page = client.get(f"/tasks/?document={docs[0].id}").get_data(as_text=True)
    offered = re.findall(r'<option value="\d+" *(?:selected)?>(\d/KH-UBND)</option>', page)
    assert "0/KH-UBND" in offered and len(offered) == 3


def test_a_monitors_home_counts_are_computed_once_and_follow_every_change(client, auth, make, db, freeze):
    from tests.scale.test_statement_counts import statements
    from tracker.tasks import operations

    freeze(dt.date(2024, 7, 1))
    lead = make.agency()
    focal = make.user("focal", agency=lead)
    task = make.task(lead=lead, deadline=dt.date(2024, 9, 30), assigned_on=dt.date(2024, 6, 3))
    make.task(lead=lead, deadline=dt.date(2024, 6, 30), assigned_on=dt.date(2024, 6, 3))
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    with statements(db.engine) as first:
        assert client.get("/").status_code == 200
    with statements(db.engine) as again:
        page = client.get("/").get_data(as_text=True)
    assert len(again) < len(first)  # the counts came from the memo
    assert "0 báo cáo hoàn thành chờ xác nhận" in page
    operations.report_completion(focal, task, completed_on=dt.date(2024, 6, 28), on=dt.date(2024, 7, 1))
    db.session.commit()
    with statements(db.engine) as after:
        page = client.get("/").get_data(as_text=True)
    # Recomputed: the history changed (the calendar of days off, read by the first page, is not).
    calendar_read = [s for s in first if "FROM calendar_days" in s and "FROM users" not in s]
    assert len(after) == len(first) - len(calendar_read)
    assert "1 báo cáo hoàn thành chờ xác nhận" in page
