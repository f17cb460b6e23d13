"""The demo's recent letter: tasks due in the coming days and overdue ones, relative to today."""

from __future__ import annotations

import datetime as dt
import random

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.seed.history import PROGRESS_NOTES, Actors, D
from tracker.tasks import operations
from tracker.tasks.models import Task
from tracker.users.models import User

RECENT_ITEMS = [
    # (lead, days from today to the deadline, fate, title)
    ("STC", 1, "open", "Tổng hợp dự toán kinh phí thực hiện cải cách hành chính năm tới"),
    ("STC", 3, "open", "Báo cáo tình hình giải ngân vốn đầu tư công 10 tháng"),
    ("STC", 7, "extension", "Rà soát, đề xuất phương án tự chủ tài chính của đơn vị sự nghiệp"),
    ("STC", -4, "open", "Báo cáo kết quả thực hiện Chỉ số PAR INDEX năm trước, nội dung tài chính công"),
    ("SKHCN", 2, "open", "Cập nhật Kiến trúc chính quyền số của tỉnh sau sắp xếp"),
    ("SKHCN", 6, "reported", "Báo cáo tỷ lệ hồ sơ trực tuyến toàn trình"),
    ("SKHCN", -9, "open", "Triển khai ứng dụng chữ ký số cho cán bộ cấp xã"),
    ("STP", 3, "returned", "Rà soát văn bản quy phạm pháp luật sau sắp xếp tổ chức bộ máy"),
    ("STP", 14, "open", "Tổ chức tuyên truyền pháp luật về cải cách hành chính"),
    ("STP", -2, "reported", "Báo cáo công tác kiểm tra văn bản quy phạm pháp luật"),
    ("SNV", 5, "open", "Tổng hợp báo cáo cải cách hành chính quý IV"),
    ("SNV", 21, "open", "Xây dựng Kế hoạch cải cách hành chính năm sau"),
    ("NT", 1, "open", "Báo cáo kết quả giải quyết hồ sơ thủ tục hành chính trễ hạn"),
    ("NT", -6, "open", "Khắc phục tồn tại sau kiểm tra cải cách hành chính"),
    ("NT", 30, "done", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa"),
]


def recent_letter(
    monitor: User, by_code: dict[str, Agency], actors: Actors, rng: random.Random, now: D
) -> tuple[Document, list[Task]]:
    issued = now - dt.timedelta(days=40)
    document = Document(
        symbol=f"{4000 + now.timetuple().tm_yday}/UBND-KSTT",
        kind="official_letter",
        issuer="UBND tỉnh Khánh Hòa",
        issuer_level="committee",
        province=by_code["KH"],
        issued_on=issued,
        is_urgent=True,
        created_by_id=monitor.id,
        title="V/v đôn đốc thực hiện các nhiệm vụ cải cách hành chính trọng tâm cuối năm",
    )
    db.session.add(document)
    db.session.flush()
    nha_trang = next((a for a in by_code.values() if a.kind == "district" and "Nha Trang" in a.name), None)
    tasks = []
    for n, (code, days, fate, title) in enumerate(RECENT_ITEMS, start=1):
        lead = nha_trang if code == "NT" else by_code[code]
        coordinating = [by_code["SNV"]] if code != "SNV" else [by_code["VPUBND"]]
        task = operations.create_task(
            monitor,
            document,
            title=title,
            lead_agency=lead,
            coordinating=coordinating,
            code=str(n),
            content=f"{title}. Báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ).",
            area="chi_dao_dieu_hanh",
            assigned_on=issued,
            deadline_kind="date",
            deadline=now + dt.timedelta(days=days),
            expected_output="Báo cáo UBND tỉnh",
            priority="urgent" if days <= 1 else "normal",
        )
        tasks.append(task)
        lead_user = actors.lead(task)
        operations.post_progress(
            lead_user,
            task,
            text=rng.choice(PROGRESS_NOTES),
            percent=rng.randint(20, 60),
            on=issued + dt.timedelta(days=rng.randint(5, 20)),
        )
        if fate in ("reported", "returned", "done"):
            completed = now - dt.timedelta(days=rng.randint(3, 8))
            operations.report_completion(
                lead_user,
                task,
                completed_on=completed,
                on=completed + dt.timedelta(days=1),
                result_ref=f"Báo cáo số {rng.randint(100, 999)}/BC-{lead.code}",
            )
            if fate == "returned":
                operations.return_report(
                    monitor,
                    task,
                    on=now - dt.timedelta(days=1),
                    reason="Báo cáo chưa có số liệu so sánh cùng kỳ; đề nghị bổ sung.",
                )
            if fate == "done":
                operations.confirm_completion(monitor, task, on=now - dt.timedelta(days=1))
        if fate == "extension":
            operations.request_extension(
                lead_user,
                task,
                new_deadline=now + dt.timedelta(days=21),
                reason="Cần chờ số liệu quyết toán của các đơn vị trực thuộc.",
                on=now - dt.timedelta(days=2),
            )
        if days < 0 and fate == "open":
            operations.remind(
                monitor,
                [task],
                on=now + dt.timedelta(days=days + 1),
                message="Đề nghị khẩn trương hoàn thành, báo cáo kết quả về UBND tỉnh.",
            )
    return document, tasks
