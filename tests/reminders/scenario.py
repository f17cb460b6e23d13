"""A prepared agency with one task of each kind a digest speaks about, as of DAY (a Thursday)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tracker.tasks import operations

DAY = dt.date(2024, 6, 20)
D = dt.date


def finance_agency(make, db):
    """Sở Tài chính with two notification addresses, a focal point who wants the digest, one who
    opted out and one whose account is locked; and every kind of task."""
    stc = make.agency(
        code="STC", name="Sở Tài chính", emails="stc@khanhhoa.gov.vn; vanthu.stc@khanhhoa.gov.vn"
    )
    focal = make.user("focal", agency=stc, email="daumoi.stc@khanhhoa.gov.vn", name="Phạm Thị Tài Chính")
    opted_out = make.user("focal", agency=stc, email="khongnhan.stc@khanhhoa.gov.vn")
    opted_out.receive_digest = False
    locked = make.user("focal", agency=stc, email="nghiviec.stc@khanhhoa.gov.vn")
    locked.active = False
    monitor = make.monitor()
    doc = make.document(symbol="110/KH-UBND", issued_on=D(2024, 1, 10))

    def task(title, deadline, assigned_on=D(2024, 6, 1), **kw):
        return make.task(
            lead=stc, document=doc, deadline=deadline, assigned_on=assigned_on, title=title, **kw
        )

    t = SimpleNamespace(agency=stc, focal=focal, opted_out=opted_out, monitor=monitor, document=doc)
    t.overdue_10 = task("Giao dự toán ngân sách năm 2024", D(2024, 6, 10))
    t.overdue_5 = task("Thực hiện cơ chế tự chủ tài chính", D(2024, 6, 15))
    t.overdue_1 = task("Đẩy nhanh giải ngân vốn đầu tư công", D(2024, 6, 19))
    t.today = task("Báo cáo tình hình thu chi ngân sách 6 tháng", D(2024, 6, 20))
    t.soon_3 = task("Rà soát quy chế chi tiêu nội bộ", D(2024, 6, 23))
    t.soon_5 = task("Tổng hợp đề xuất kế hoạch đầu tư công trung hạn", D(2024, 6, 25))
    t.far = task("Xây dựng đề án sắp xếp đơn vị sự nghiệp", D(2024, 9, 30))
    t.behind = task("Số hóa hồ sơ quyết toán", D(2024, 7, 10), assigned_on=D(2024, 5, 1))
    operations.post_progress(focal, t.behind, text="Đã số hóa 30 % hồ sơ.", percent=30, on=D(2024, 6, 15))
    t.stale = task("Thường xuyên công khai ngân sách theo quy định", None, assigned_on=D(2024, 4, 1))
    t.returned = task("Ban hành quy chế quản lý tài sản công", D(2024, 8, 31))
    operations.report_completion(
        focal, t.returned, completed_on=D(2024, 6, 10), result_ref="12/QĐ-STC", on=D(2024, 6, 10)
    )
    operations.return_report(monitor, t.returned, reason="Thiếu danh mục tài sản kèm theo", on=D(2024, 6, 12))
    t.reported = task("Báo cáo kết quả thực hành tiết kiệm", D(2024, 6, 18))
    operations.report_completion(focal, t.reported, completed_on=D(2024, 6, 17), on=D(2024, 6, 17))
    t.done = task("Hướng dẫn lập dự toán", D(2024, 6, 5))
    operations.report_completion(focal, t.done, completed_on=D(2024, 6, 4), on=D(2024, 6, 4))
    operations.confirm_completion(monitor, t.done, on=D(2024, 6, 6))
    t.cancelled = task("Nhiệm vụ đã dừng", D(2024, 6, 8))
    operations.cancel_task(monitor, t.cancelled, reason="Không còn phù hợp", on=D(2024, 6, 9))
    db.session.flush()
    return t


def quiet_agency(make, doc=None, deadline=D(2024, 6, 25)):
    """An agency whose only task is due in 5 days (in the window, but not a reminder day), on track
    and updated yesterday."""
    agency = make.agency(code="STP", name="Sở Tư pháp", emails="stp@khanhhoa.gov.vn")
    focal = make.user("focal", agency=agency)
    task = make.task(
        lead=agency,
        document=doc,
        deadline=deadline,
        assigned_on=D(2024, 6, 10),
        title="Rà soát văn bản quy phạm pháp luật",
    )
    operations.post_progress(focal, task, text="Đã rà soát 80 % văn bản.", percent=80, on=D(2024, 6, 19))
    return agency, task
