"""In Chromium: a double click on a form's button sends the form once and records one event."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tracker.tasks.models import TaskEvent

pytestmark = pytest.mark.browser


def test_a_double_click_on_save_progress_records_one_event(make, db, freeze, new_page, monkeypatch):
    """The second click comes while the server is still saving the first (a slow line): the page
    sends nothing more, and the server would record a resent form once anyway."""
    from tracker.tasks import actions

    freeze(dt.date(2024, 8, 1))
    perform = actions.perform

    def slow_perform(*args, **kwargs):
        time.sleep(1.5)
        return perform(*args, **kwargs)

    monkeypatch.setattr(actions, "perform", slow_perform)
    finance = make.agency("STC", "Sở Tài chính")
    lead = make.user("focal", agency=finance, email="daumoi@stc.test.vn")
    task = make.task(lead=finance, deadline=dt.date(2024, 9, 30))
    db.session.commit()

    page = new_page(lead)
    page.goto(f"/tasks/{task.id}")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and "/progress" in r.url else None)
    panel = page.locator("#act-progress")
    panel.locator("summary").click()
    panel.get_by_label("Nội dung tiến độ").fill("Đã họp triển khai.")
    panel.get_by_label("Tỷ lệ hoàn thành (%)").fill("30")
    button = panel.get_by_role("button", name="Lưu tiến độ")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(300)  # the first request is at the server, which is still saving it
    page.mouse.click(x, y)
    expect(page.locator(".alert-success")).to_contain_text("Đã cập nhật tiến độ.")

    assert len(posts) == 1  # the page sent the form once
    db.session.expire_all()
    events = db.session.scalar(
        select(func.count())
        .select_from(TaskEvent)
        .where(TaskEvent.task_id == task.id, TaskEvent.kind == "progress")
    )
    assert events == 1
