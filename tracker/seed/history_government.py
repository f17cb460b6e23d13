"""The demo's Q3/2024 tasks from the Government (the figures of Báo cáo 317/BC-UBND), with their
history played through the real operations (tracker.seed.history)."""

from __future__ import annotations

import datetime as dt
import random

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.seed.history import Q3_TO, Actors, Block, D, between, cap_for, play
from tracker.tasks import operations
from tracker.tasks.models import Task
from tracker.users.models import User

GOVERNMENT_DOCUMENTS = [
    # (symbol, kind, issuer, level, issued_on, title, tasks)
    (
        "97/NQ-CP",
        "resolution",
        "Chính phủ",
        D(2024, 6, 20),
        "Nghị quyết phiên họp Chính phủ thường kỳ tháng 5 năm 2024",
        18,
    ),
    (
        "63/CĐ-TTg",
        "directive",
        "Thủ tướng Chính phủ",
        D(2024, 6, 24),
        "Công điện về tập trung tháo gỡ khó khăn, thúc đẩy giải ngân vốn đầu tư công",
        12,
    ),
    (
        "108/NQ-CP",
        "resolution",
        "Chính phủ",
        D(2024, 7, 5),
        "Nghị quyết phiên họp Chính phủ chuyên đề về xây dựng pháp luật tháng 6 năm 2024",
        16,
    ),
    (
        "21/CT-TTg",
        "directive",
        "Thủ tướng Chính phủ",
        D(2024, 7, 12),
        "Chỉ thị về đẩy mạnh cải cách thủ tục hành chính, cắt giảm giấy tờ công dân",
        14,
    ),
    (
        "117/NQ-CP",
        "resolution",
        "Chính phủ",
        D(2024, 7, 25),
        "Nghị quyết phiên họp Chính phủ thường kỳ tháng 6 năm 2024",
        17,
    ),
    (
        "74/CĐ-TTg",
        "directive",
        "Thủ tướng Chính phủ",
        D(2024, 7, 31),
        "Công điện về chủ động ứng phó mưa lũ, bảo đảm an toàn hồ đập",
        10,
    ),
    (
        "129/NQ-CP",
        "resolution",
        "Chính phủ",
        D(2024, 8, 8),
        "Nghị quyết về các nhiệm vụ, giải pháp thúc đẩy chuyển đổi số quốc gia",
        15,
    ),
    (
        "24/CT-TTg",
        "directive",
        "Thủ tướng Chính phủ",
        D(2024, 8, 16),
        "Chỉ thị về tăng cường thực thi nhiệm vụ, công vụ, chấn chỉnh tình trạng né tránh trách nhiệm",
        13,
    ),
    (
        "140/NQ-CP",
        "resolution",
        "Chính phủ",
        D(2024, 9, 3),
        "Nghị quyết phiên họp Chính phủ thường kỳ tháng 8 năm 2024",
        12,
    ),
]
GOV_TOPICS = [
    "Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
    "Đẩy nhanh tiến độ giải ngân vốn đầu tư công được giao",
    "Báo cáo tình hình triển khai Đề án 06 trên địa bàn tỉnh",
    "Hoàn thiện cơ sở dữ liệu chuyên ngành, kết nối với Cơ sở dữ liệu quốc gia về dân cư",
    "Tổ chức thực hiện dịch vụ công trực tuyến toàn trình",
    "Kiểm tra, xử lý tình trạng né tránh, đùn đẩy trách nhiệm của cán bộ, công chức",
    "Xây dựng phương án ứng phó thiên tai, bảo đảm an toàn công trình",
    "Tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng các dự án trọng điểm",
    "Rà soát văn bản quy phạm pháp luật của tỉnh để sửa đổi, bổ sung",
    "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Thực hiện chế độ báo cáo định kỳ trên Hệ thống thông tin báo cáo Chính phủ",
    "Tăng cường thanh tra, kiểm tra công vụ, kỷ luật, kỷ cương hành chính",
]
GOV_AREAS = ["chi_dao_dieu_hanh", "tthc", "chinh_quyen_so", "cong_vu", "the_che", "tai_chinh_cong"]


def _departments(by_code: dict[str, Agency], province: str = "KH") -> list[Agency]:
    root = by_code[province]
    return sorted(
        (
            a
            for a in by_code.values()
            if a.kind == "department" and a.path.startswith(root.path) and a.is_active
        ),
        key=lambda a: a.code,
    )


def government_q3_2024(monitor: User, by_code: dict[str, Agency], rng: random.Random) -> Block:
    """127 tasks assigned in Q3/2024 (15/6–14/9) by Chính phủ / Thủ tướng, with fates that give
    86 done on time, 19 awaiting confirmation, 22 in progress within the deadline as of 14/9/2024."""
    departments = _departments(by_code)
    others = ["awaiting"] * 19 + ["in_progress"] * 22
    rng.shuffle(others)
    # The last document (3/9) is too recent for work to be finished and confirmed by 14/9.
    last_count = GOVERNMENT_DOCUMENTS[-1][-1]
    first = others[last_count:] + ["on_time"] * 86
    rng.shuffle(first)
    fates = first + others[:last_count]
    block = Block(documents=[])
    i = 0
    for symbol, kind, issuer, issued_on, title, count in GOVERNMENT_DOCUMENTS:
        document = Document(
            symbol=symbol,
            kind=kind,
            issuer=issuer,
            issuer_level="government",
            province=by_code["KH"],
            issued_on=issued_on,
            title=title,
            created_by_id=monitor.id,
            is_urgent=kind == "directive" and "CĐ" in symbol,
        )
        db.session.add(document)
        db.session.flush()
        block.documents.append(document)
        for n in range(1, count + 1):
            fate = fates[i]
            i += 1
            lead = departments[(i * 5) % len(departments)]  # spread over every department
            topic = GOV_TOPICS[(i * 5 + n) % len(GOV_TOPICS)]
            if fate == "in_progress":
                deadline = Q3_TO + dt.timedelta(days=rng.randint(0, 100))
            else:
                deadline = issued_on + dt.timedelta(days=rng.randint(20, 75))
            task = operations.create_task(
                monitor,
                document,
                title=topic,
                lead_agency=lead,
                code=str(n),
                content=f"{topic}; báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Văn phòng UBND tỉnh).",
                area=GOV_AREAS[n % len(GOV_AREAS)],
                assigned_on=issued_on,
                deadline_kind="date",
                deadline=deadline,
                expected_output="Báo cáo UBND tỉnh",
            )
            block.tasks.append(task)
            block.steps.append(_q3_step(task, fate, rng))
    return block


def _q3_step(task: Task, fate: str, rng: random.Random):
    def step(actors: Actors, now: D) -> None:
        cap = cap_for(task, now)
        a = task.assigned_on
        if fate == "on_time":
            latest = min(task.deadline, Q3_TO - dt.timedelta(days=3))
            completed = between(rng, a + dt.timedelta(days=3), latest)
            reported = min(completed + dt.timedelta(days=rng.randint(0, 2)), Q3_TO - dt.timedelta(days=2))
            confirmed = min(reported + dt.timedelta(days=rng.randint(1, 6)), Q3_TO)
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=reported,
                confirmed=confirmed,
            )
        elif fate == "awaiting":
            completed = between(
                rng, a + dt.timedelta(days=2), min(task.deadline, Q3_TO - dt.timedelta(days=1))
            )
            reported = between(rng, completed, Q3_TO)
            confirmed = Q3_TO + dt.timedelta(days=rng.randint(3, 30))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=reported,
                confirmed=confirmed,
            )
        else:
            completed = between(rng, Q3_TO + dt.timedelta(days=5), task.deadline + dt.timedelta(days=5))
            reported = completed + dt.timedelta(days=rng.randint(0, 3))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=reported,
                confirmed=reported + dt.timedelta(days=rng.randint(2, 12)),
                progress_until=Q3_TO,
            )

    return step
