"""The demo's 2024 administrative reform (CCHC) plan: 61 tasks and their history up to Q3/2024."""

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
            completed = between(rng, D(2024, 2, 15), min(task.deadline, D(2024, 9, 5)))
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
            completed = between(
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
