"""The demo's working days: a conclusion notice whose deadlines are "N ngày làm việc" counted across a
public holiday, a task due on the next holiday (the monitor kept the date: flagged on its page), and
reminders that count working days ("nhắc trước 3 ngày làm việc")."""

from __future__ import annotations

import datetime as dt

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.reminders import operations as reminder_ops
from tracker.tasks import operations
from tracker.tasks.models import Task
from tracker.users.models import User
from tracker.workdays.store import current_calendar


def _named_weekday_off(start: dt.date, step: int) -> dt.date | None:
    """The nearest listed weekday off (a holiday, a day of a break) from `start` going by `step` days."""
    cal = current_calendar()
    for offset in range(1, 400):
        day = start + dt.timedelta(days=step * offset)
        if day.weekday() < 5 and cal.is_day_off(day) and cal.name_of(day):
            return day
    return None


def working_days_notice(
    monitor: User, by_code: dict[str, Agency], now: dt.date
) -> tuple[Document, list[Task]]:
    cal = current_calendar()
    past = _named_weekday_off(now, -1) or now - dt.timedelta(days=30)
    coming = _named_weekday_off(now + dt.timedelta(days=2), 1)
    if coming is None:  # beyond the years the calendar lists: the next Sunday is a day off too
        coming = now + dt.timedelta(days=6 - now.weekday() or 7)
    # Signed six working days before the last holiday: its "10 ngày làm việc" run across it.
    signed = cal.add_working_days(past, -6)
    document = Document(
        symbol=f"{500 + now.timetuple().tm_yday}/TB-UBND",
        kind="conclusion_notice",
        issuer="UBND tỉnh Khánh Hòa",
        issuer_level="committee",
        province=by_code["KH"],
        issued_on=signed,
        created_by_id=monitor.id,
        title="Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp về cải cách thủ tục hành chính",
    )
    db.session.add(document)
    db.session.flush()
    common = dict(area="tthc", expected_output="Báo cáo UBND tỉnh")
    tasks = [
        operations.create_task(
            monitor,
            document,
            title="Báo cáo kết quả rà soát thủ tục hành chính liên thông",
            lead_agency=by_code["SNV"],
            code="1",
            content="Trong 10 ngày làm việc kể từ ngày ký Thông báo, báo cáo UBND tỉnh kết quả rà soát.",
            assigned_on=signed,
            deadline=cal.add_working_days(signed, 10),
            deadline_phrase="trong 10 ngày làm việc kể từ ngày ký",
            **common,
        ),
        operations.create_task(
            monitor,
            document,
            title="Công khai quy trình nội bộ giải quyết thủ tục hành chính",
            lead_agency=by_code["STP"],
            code="2",
            content="Trong 15 ngày làm việc kể từ ngày giao, hoàn thành công khai trên Cổng dịch vụ công.",
            assigned_on=now,
            deadline=cal.add_working_days(now, 15),
            deadline_phrase="trong 15 ngày làm việc kể từ ngày giao",
            **common,
        ),
        # The notice gives a date that is a public holiday; the monitor kept it (flagged on the page).
        operations.create_task(
            monitor,
            document,
            title="Tổng hợp kiến nghị của doanh nghiệp về thủ tục đầu tư",
            lead_agency=by_code["STC"],
            code="3",
            content="Tổng hợp, phân loại kiến nghị; đề xuất UBND tỉnh phương án xử lý.",
            assigned_on=now,
            deadline=coming,
            deadline_phrase=f"trước ngày {coming:%d/%m/%Y}",
            accept_day_off=True,
            **common,
        ),
    ]
    reminder_ops.update_settings(monitor, {"count_working_days": True})
    return document, tasks
