"""Generated, deterministic activity history for the demo, played through the real operations."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.seed.loader import reorganisations
from tracker.tasks import operations
from tracker.tasks.models import Task
from tracker.users.models import User

D = dt.date
Q3_FROM, Q3_TO = D(2024, 6, 15), D(2024, 9, 14)

PROGRESS_NOTES = [
    "Đã ban hành kế hoạch triển khai, phân công phòng chuyên môn thực hiện.",
    "Đang dự thảo văn bản, lấy ý kiến các cơ quan liên quan.",
    "Đã tổ chức họp triển khai; đang tổng hợp ý kiến góp ý.",
    "Hoàn thành dự thảo, đang trình lãnh đạo xem xét.",
    "Đã gửi thẩm định; đang tiếp thu, giải trình ý kiến.",
    "Đang triển khai thực hiện theo kế hoạch.",
]


@dataclass
class Actors:
    monitor: User
    focal: dict[int, User]

    def lead(self, task: Task) -> User:
        return self.focal[task.lead_agency_id]


@dataclass
class Block:
    documents: list[Document]
    tasks: list[Task] = field(default_factory=list)
    steps: list = field(default_factory=list)


def _merge_dates() -> dict[str, D]:
    return {old: since for old, _new, since in reorganisations()}


_MERGES: dict[str, D] | None = None


def cap_for(task: Task, now: D) -> D:
    """The last day the seed may act on a task: today, or the day before its lead agency merges."""
    global _MERGES
    if _MERGES is None:
        _MERGES = _merge_dates()
    code = task.lead_agency.code if task.lead_agency else ""
    merge = _MERGES.get(code)
    return min(now, merge - dt.timedelta(days=1)) if merge else now


def _between(rng: random.Random, start: D, end: D) -> D:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def play(
    task: Task,
    actors: Actors,
    rng: random.Random,
    *,
    fate: str,
    cap: D,
    completed: D | None = None,
    reported: D | None = None,
    confirmed: D | None = None,
    progress_until: D | None = None,
) -> None:
    """Carry one task through its history: progress posts, then (by fate) a completion report and
    its confirmation. Dates beyond `cap` are not played."""
    lead = actors.lead(task)
    start = task.assigned_on
    last_progress = min(progress_until or cap, reported or cap, cap)
    posts = rng.randint(1, 3)
    day = start
    for i in range(posts):
        day = _between(rng, day + dt.timedelta(days=3), min(last_progress, day + dt.timedelta(days=60)))
        if day > last_progress or day > cap:
            break
        if reported and day >= reported:
            break
        percent = min(90, 20 * (i + 1) + rng.randint(0, 15))
        operations.post_progress(lead, task, text=rng.choice(PROGRESS_NOTES), percent=percent, on=day)
    if fate in ("open", "new"):
        return
    if reported is None or reported > cap or completed is None:
        return
    completed = max(completed, task.assigned_on)
    reported = max(reported, completed, task.last_update_on or start)
    operations.report_completion(
        lead,
        task,
        completed_on=completed,
        on=reported,
        result_ref=f"Văn bản số {rng.randint(100, 3999)}/{task.lead_agency.code}",
        note="Đã hoàn thành nhiệm vụ, gửi kèm văn bản kết quả.",
    )
    if fate == "returned":
        back = reported + dt.timedelta(days=rng.randint(2, 6))
        if back <= cap:
            operations.return_report(
                actors.monitor,
                task,
                on=back,
                reason="Kết quả chưa đủ hồ sơ chứng minh; đề nghị bổ sung văn bản ban hành.",
            )
        return
    if fate == "done" and confirmed is not None and confirmed <= cap:
        operations.confirm_completion(actors.monitor, task, on=max(confirmed, reported))


def simulate_source_task(task: Task, actors: Actors, rng: random.Random, now: D) -> None:
    """History for a task of the real documents, by where its deadline lies relative to today."""
    if task.is_section:
        return
    if task.is_series:
        for occurrence in db.session.scalars(
            select(Task).where(Task.series_id == task.id).order_by(Task.deadline)
        ):
            simulate_source_task(occurrence, actors, rng, now)
        return
    cap = cap_for(task, now)
    if task.assigned_on > cap:
        return
    deadline = task.deadline
    if deadline is None:  # ongoing
        if rng.random() < 0.2:
            done_on = _between(rng, task.assigned_on + dt.timedelta(days=60), cap - dt.timedelta(days=20))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=done_on,
                reported=done_on + dt.timedelta(days=2),
                confirmed=done_on + dt.timedelta(days=7),
            )
        else:
            play(task, actors, rng, fate="open", cap=cap)
        return
    if deadline < now - dt.timedelta(days=20):
        roll = rng.random()
        if deadline < now - dt.timedelta(days=365):
            # Long past: settled one way or the other, none left pending for years.
            roll = roll * 0.86
        if roll < 0.74:
            completed = _between(rng, max(task.assigned_on, deadline - dt.timedelta(days=40)), deadline)
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=rng.randint(0, 4)),
                confirmed=completed + dt.timedelta(days=rng.randint(5, 15)),
            )
        elif roll < 0.86:
            completed = deadline + dt.timedelta(days=rng.randint(3, 45))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=rng.randint(0, 4)),
                confirmed=completed + dt.timedelta(days=rng.randint(5, 15)),
            )
        elif roll < 0.92:
            completed = _between(
                rng, max(task.assigned_on, cap - dt.timedelta(days=25)), cap - dt.timedelta(days=5)
            )
            play(
                task,
                actors,
                rng,
                fate="reported",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=2),
            )
        else:
            play(task, actors, rng, fate="open", cap=cap)
    else:
        roll = rng.random()
        if roll < 0.15:
            completed = _between(rng, max(task.assigned_on, cap - dt.timedelta(days=15)), cap)
            play(task, actors, rng, fate="reported", cap=cap, completed=completed, reported=cap)
        else:
            play(task, actors, rng, fate="open", cap=cap)


# ---------------------------------------------------------------- Q3/2024: tasks from the Government

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
            completed = _between(rng, a + dt.timedelta(days=3), latest)
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
            completed = _between(
                rng, a + dt.timedelta(days=2), min(task.deadline, Q3_TO - dt.timedelta(days=1))
            )
            reported = _between(rng, completed, Q3_TO)
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
            completed = _between(rng, Q3_TO + dt.timedelta(days=5), task.deadline + dt.timedelta(days=5))
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


# ---------------------------------------------------------------- the 2024 CCHC plan (61 tasks)

PLAN_ITEMS = [
    ("chi_dao_dieu_hanh", "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2024", "SNV"),
    ("chi_dao_dieu_hanh", "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, địa phương", "SNV"),
    ("chi_dao_dieu_hanh", "Triển khai khảo sát sự hài lòng của người dân, tổ chức năm 2024", "SNV"),
    ("chi_dao_dieu_hanh", "Tổ chức Hội nghị đối thoại với doanh nghiệp, nhà đầu tư", "SKHDT"),
    ("chi_dao_dieu_hanh", "Đánh giá, xếp hạng kết quả cải cách hành chính các cơ quan năm 2024", "SNV"),
    ("chi_dao_dieu_hanh", "Tập huấn nghiệp vụ cải cách hành chính cho cán bộ, công chức", "SNV"),
    ("chi_dao_dieu_hanh", "Xây dựng chuyên mục cải cách hành chính trên Báo Khánh Hòa", "STTTT"),
    ("chi_dao_dieu_hanh", "Báo cáo cải cách hành chính định kỳ quý, 6 tháng, năm", "SNV"),
    ("the_che", "Xây dựng Kế hoạch kiểm tra, rà soát văn bản quy phạm pháp luật năm 2024", "STP"),
    ("the_che", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "STP"),
    ("the_che", "Theo dõi tình hình thi hành pháp luật năm 2024", "STP"),
    ("the_che", "Tham mưu ban hành quy định phân cấp quản lý nhà nước trên địa bàn tỉnh", "SNV"),
    ("the_che", "Xây dựng chính sách đặc thù phát triển tỉnh theo Nghị quyết 55/2022/QH15", "SKHDT"),
    ("the_che", "Tổ chức phổ biến, giáo dục pháp luật cho cán bộ, công chức và nhân dân", "STP"),
    ("the_che", "Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính", "STP"),
    ("tthc", "Rà soát, đơn giản hóa thủ tục hành chính năm 2024", "VPUBND"),
    ("tthc", "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết", "VPUBND"),
    ("tthc", "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia", "VPUBND"),
    ("tthc", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "VPUBND"),
    ("tthc", "Nâng cao tỷ lệ hồ sơ giải quyết đúng hạn tại Trung tâm Phục vụ hành chính công", "VPUBND"),
    ("tthc", "Triển khai cơ chế một cửa, một cửa liên thông không phụ thuộc địa giới hành chính", "VPUBND"),
    ("tthc", "Thực hiện thanh toán trực tuyến phí, lệ phí thủ tục hành chính", "STC"),
    ("tthc", "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính", "VPUBND"),
    ("tthc", "Rà soát thủ tục hành chính lĩnh vực đất đai", "STNMT"),
    ("tthc", "Rà soát thủ tục hành chính lĩnh vực xây dựng", "SXD"),
    ("to_chuc_bo_may", "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh", "SNV"),
    ("to_chuc_bo_may", "Sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 - 2025", "SNV"),
    ("to_chuc_bo_may", "Thực hiện tinh giản biên chế năm 2024", "SNV"),
    ("to_chuc_bo_may", "Rà soát, sắp xếp các đơn vị sự nghiệp công lập", "SNV"),
    ("to_chuc_bo_may", "Kiểm tra việc thực hiện phân cấp, ủy quyền", "SNV"),
    ("to_chuc_bo_may", "Xây dựng đề án vị trí việc làm các cơ quan, đơn vị", "SNV"),
    ("cong_vu", "Tuyển dụng công chức, viên chức năm 2024", "SNV"),
    ("cong_vu", "Đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024", "SNV"),
    ("cong_vu", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức", "SNV"),
    ("cong_vu", "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính", "SNV"),
    ("cong_vu", "Triển khai phần mềm quản lý hồ sơ cán bộ, công chức", "SNV"),
    ("cong_vu", "Thực hiện chính sách thu hút, trọng dụng nhân tài", "SNV"),
    ("cong_vu", "Xây dựng văn hóa công vụ tại các cơ quan hành chính", "SNV"),
    ("tai_chinh_cong", "Giao dự toán ngân sách, quyền tự chủ tài chính cho các cơ quan", "STC"),
    ("tai_chinh_cong", "Thực hiện cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập", "STC"),
    ("tai_chinh_cong", "Quản lý, sử dụng tài sản công theo quy định", "STC"),
    ("tai_chinh_cong", "Đẩy nhanh giải ngân vốn đầu tư công năm 2024", "SKHDT"),
    ("tai_chinh_cong", "Công khai ngân sách nhà nước theo quy định", "STC"),
    ("tai_chinh_cong", "Kiểm soát chi ngân sách nhà nước qua Kho bạc", "STC"),
    ("tai_chinh_cong", "Thực hiện giá dịch vụ sự nghiệp công tính đủ chi phí", "STC"),
    ("chinh_quyen_so", "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh", "STTTT"),
    ("chinh_quyen_so", "Triển khai Đề án 06 về dữ liệu dân cư, định danh điện tử", "STTTT"),
    ("chinh_quyen_so", "Xây dựng Kho dữ liệu dùng chung của tỉnh", "STTTT"),
    ("chinh_quyen_so", "Bảo đảm an toàn thông tin mạng cho các hệ thống của tỉnh", "STTTT"),
    ("chinh_quyen_so", "Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "STTTT"),
    ("chinh_quyen_so", "Nâng cao tỷ lệ văn bản điện tử có chữ ký số", "STTTT"),
    ("chinh_quyen_so", "Duy trì Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", "SKHCN"),
    ("chinh_quyen_so", "Triển khai Đề án thí điểm Khu dân cư điện tử", "SNV"),
    ("chinh_quyen_so", "Phát triển đô thị thông minh tỉnh Khánh Hòa", "STTTT"),
    ("chinh_quyen_so", "Tổ chức Hội nghị chuyển đổi số tỉnh năm 2024", "STTTT"),
    ("chinh_quyen_so", "Cập nhật Kiến trúc chính quyền điện tử tỉnh phiên bản 3.0", "STTTT"),
    ("chinh_quyen_so", "Đào tạo kỹ năng số cho cán bộ, công chức", "STTTT"),
    ("chinh_quyen_so", "Xây dựng cơ sở dữ liệu ngành tư pháp", "STP"),
    ("chinh_quyen_so", "Xây dựng cơ sở dữ liệu đất đai của tỉnh", "STNMT"),
    ("chinh_quyen_so", "Triển khai hệ thống camera giám sát tại Trung tâm Phục vụ hành chính công", "VPUBND"),
    ("chinh_quyen_so", "Ứng dụng trí tuệ nhân tạo hỗ trợ giải đáp thủ tục hành chính", "STTTT"),
]


def plan_2024(monitor: User, by_code: dict[str, Agency], rng: random.Random) -> Block:
    """Kế hoạch CCHC năm 2024: 61 tasks, of which 19 done as of 14/9/2024 (31,15 %)."""
    if len(PLAN_ITEMS) != 61:
        raise ValueError("the 2024 plan has 61 items")
    document = Document(
        symbol="110/KH-UBND",
        kind="plan",
        issuer="UBND tỉnh Khánh Hòa",
        issuer_level="committee",
        province=by_code["KH"],
        issued_on=D(2024, 1, 8),
        title="Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2024",
        created_by_id=monitor.id,
    )
    db.session.add(document)
    db.session.flush()
    block = Block(documents=[document])
    done_by_q3 = set(rng.sample(range(61), 19))
    quarter_ends = [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31)]
    for i, (area, title, lead_code) in enumerate(PLAN_ITEMS):
        lead = by_code.get(lead_code) or by_code["SNV"]
        if i in done_by_q3:
            deadline = quarter_ends[rng.randint(0, 2)]
        else:
            deadline = quarter_ends[rng.randint(1, 3)]
        task = operations.create_task(
            monitor,
            document,
            title=title,
            lead_agency=lead,
            code=str(i + 1),
            area=area,
            assigned_on=document.issued_on,
            deadline_kind="date",
            deadline=deadline,
            expected_output="Báo cáo kết quả thực hiện",
        )
        block.tasks.append(task)
        block.steps.append(_plan_step(task, i in done_by_q3, rng))
    return block


def _plan_step(task: Task, done_by_q3: bool, rng: random.Random):
    def step(actors: Actors, now: D) -> None:
        cap = cap_for(task, now)
        if done_by_q3:
            completed = _between(rng, D(2024, 2, 15), min(task.deadline, D(2024, 9, 5)))
            reported = completed + dt.timedelta(days=rng.randint(0, 3))
            confirmed = min(reported + dt.timedelta(days=rng.randint(1, 5)), Q3_TO)
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
            return
        roll = rng.random()
        if roll < 0.8:
            completed = _between(
                rng,
                max(Q3_TO - dt.timedelta(days=20), task.assigned_on),
                task.deadline + dt.timedelta(days=30),
            )
            reported = max(completed, Q3_TO) + dt.timedelta(days=rng.randint(1, 10))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=reported,
                confirmed=reported + dt.timedelta(days=rng.randint(3, 20)),
                progress_until=Q3_TO,
            )
        else:
            play(task, actors, rng, fate="open", cap=cap)

    return step


# ---------------------------------------------------------------- a recent letter, relative to today

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
