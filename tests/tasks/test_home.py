"""A focal point's home page puts its own agency's work first: overdue, due soon, returned (with why)."""

from __future__ import annotations

import datetime as dt

from tests.tasks.test_actions import plain
from tracker.tasks import operations


def test_a_focal_points_home_shows_its_agencys_overdue_due_soon_and_returned_tasks(
    world, client, sign_in, db
):
    late = world.task("in_progress", deadline=dt.date(2024, 7, 20), title="Nhiệm vụ đã quá hạn")
    soon = world.task("new", deadline=dt.date(2024, 8, 6), title="Nhiệm vụ sắp đến hạn")
    returned = world.task("reported", title="Nhiệm vụ bị trả lại")
    operations.return_report(world.monitor, returned, reason="Chưa có Quyết định ban hành")
    coordinated = world.make.task(
        lead=world.agencies["other"],
        document=world.document,
        coordinating=[world.agencies["lead"]],
        title="Sở Y tế chủ trì, Tài chính phối hợp",
        deadline=dt.date(2024, 7, 1),
    )
    db.session.commit()
    sign_in(world.lead)
    page = plain(client.get("/"))
    summary = "Nhiệm vụ của Sở Tài chính Số liệu đến ngày 01/08/2024 Quá hạn 1 Sắp đến hạn 1 Bị trả lại 1 Chờ xác nhận 0"
    assert summary in page  # the agency's own work at a glance, first
    page = page[page.index(summary) + len(summary) :]
    assert page.index("Quá hạn") < page.index("Sắp đến hạn")
    assert page.index("Sắp đến hạn") < page.index("Bị trả lại, cần xử lý")
    overdue = page[page.index("Quá hạn") : page.index("Sắp đến hạn")]
    assert late.title in overdue and coordinated.title not in overdue  # its own work first
    assert soon.title in page[page.index("Sắp đến hạn") : page.index("Bị trả lại, cần xử lý")]
    assert "Bị trả lại: Chưa có Quyết định ban hành" in page
    assert "Nhiệm vụ cơ quan phối hợp thực hiện" in page and coordinated.title in page


def test_the_home_page_counts_stay(world, client, sign_in, db):
    world.task("reported")
    db.session.commit()
    sign_in(world.monitor)
    page = plain(client.get("/"))
    assert "Chờ xác nhận" in page and "1 báo cáo hoàn thành chờ xác nhận" in page
    assert "Mở danh sách việc cần xử lý" in page


def test_the_status_rows_add_up_to_the_total_and_what_is_left_out_is_said(world, client, sign_in, db):
    """A cancelled task and a task assigned after today are not in the total: the rows (the same tasks
    as the total) add up to it, and the page says what it leaves out."""
    import re

    world.task("in_progress")
    world.task("done")
    world.task("cancelled")
    later = world.make.document(issued_on=dt.date(2024, 8, 1))
    world.make.task(
        lead=world.agencies["lead"],
        document=later,
        assigned_on=dt.date(2024, 8, 20),
        deadline=dt.date(2024, 9, 30),
    )
    db.session.commit()
    for user in (world.monitor, world.lead):
        sign_in(user)
        page = plain(client.get("/"))
        card = page[page.index("Theo trạng thái") :].replace(" .", ".")  # (plain() spaces the tags)
        rows = re.findall(r"(Chưa thực hiện|Đang thực hiện|Chờ xác nhận|Đã hoàn thành) (\d+)", card)
        total = int(re.search(r"Tổng số (\d+)", card).group(1))
        assert [name for name, _n in rows] == [
            "Chưa thực hiện",
            "Đang thực hiện",
            "Chờ xác nhận",
            "Đã hoàn thành",
        ]
        assert sum(int(n) for _name, n in rows) == total == 2
        assert "Không tính vào tổng số: 1 nhiệm vụ chưa đến ngày giao; 1 nhiệm vụ đã dừng." in card
