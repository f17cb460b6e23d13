"""No page offers the browser's own date input (<input type="date"> shows mm/dd/yyyy in most
browsers): every date is the one Vietnamese date field. Crawled as each role, following the links a
user can follow from the home page."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from urllib.parse import urlsplit

import pytest

from tests.conftest import AuthActions

NATIVE_DATE = re.compile(r"<input[^>]*\btype=[\"']?(date|datetime-local|month|week)\b", re.I)
HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')
# Downloads, feeds, the API's JSON and actions that sign out or change the language are not pages.
SKIP = re.compile(
    r"^/(static|api/v|attachments|logout|lang)|export|\.(xlsx|docx|pdf|ics|csv|json)\b|/download"
)
LIMIT = 80


@pytest.fixture
def province(make, db, freeze):
    freeze(dt.date(2024, 8, 1))
    finance = make.agency("STC", "Sở Tài chính")
    users = {
        "admin": make.user("admin", agency=None, email="quantri@test.vn"),
        "monitor": make.user("monitor", agency=None, email="theodoi@test.vn"),
        "leader": make.user("leader", agency=None, email="lanhdao@test.vn"),
        "focal": make.user("focal", agency=finance, email="daumoi@stc.test.vn"),
    }
    document = make.document("91-KL/TU", issued_on=dt.date(2024, 1, 10))
    tasks = [make.task(lead=finance, document=document, deadline=dt.date(2024, 9, 30)) for _ in range(2)]
    db.session.commit()
    return users, tasks


def _crawl(client, start_pages):
    seen, queue, pages = set(), deque(start_pages), {}
    while queue and len(pages) < LIMIT:
        url = queue.popleft()
        path = urlsplit(url).path
        # One visit per page (a task list's pages and sorts are the same form).
        key = path if "/tasks/" != path else url.split("&page=")[0]
        if key in seen or SKIP.search(url):
            continue
        seen.add(key)
        response = client.get(url)
        html = response.get_data(as_text=True)
        response.close()
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        pages[url] = html
        queue.extend(h.replace("&amp;", "&") for h in HREF.findall(html))
    return pages


@pytest.mark.parametrize("role", ["admin", "monitor", "leader", "focal"])
def test_no_page_offers_the_browsers_date_input(role, province, client, app):
    users, tasks = province
    AuthActions(client).login(users[role])
    start = ["/", "/tasks/", "/documents/", "/reports/", f"/tasks/{tasks[0].id}"]
    if role in ("admin", "monitor"):
        start += ["/documents/new", f"/tasks/{tasks[0].id}/edit", "/reminders/outbox", "/admin/holidays"]
    pages = _crawl(client, start)
    assert len(pages) >= 5
    offending = [url for url, html in pages.items() if NATIVE_DATE.search(html)]
    assert offending == []
    # Nor the browser's English "Choose Files / No file chosen": every file input is the one file field.
    bare_files = [
        url
        for url, html in pages.items()
        for tag in re.findall(r"<input[^>]*type=\"file\"[^>]*>", html)
        if "file-field-input" not in tag
    ]
    assert bare_files == []
    # The date fields are there, as the one field: a text input with the calendar beside it.
    fields = sum(html.count("data-date-field") for html in pages.values())
    assert fields > 0
    task_page = pages[f"/tasks/{tasks[0].id}"]
    if role == "focal":
        assert 'name="report-completed_on"' in task_page or "completed_on" in task_page
