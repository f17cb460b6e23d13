"""Layouts, agencies and deadlines of other provinces' and the central government's documents
(the labelled corpus, docs/import-extraction.md), each in a few lines."""

from __future__ import annotations

import datetime as dt

from tracker.reader.programme import read_programme
from tracker.reader.score import registry


def read(text: str):
    return read_programme(text, registry().matcher(None))


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n.children)


def tasks(text: str):
    return [n for n in walk(read(text)) if n.is_task]


def leads(node) -> list[str]:
    return [f"@{m.group}" if m.group else " ".join(m.name.split()) for m in node.lead]


def test_the_plan_a_decision_issues_is_read_after_the_decisions_signature():
    text = """QUYẾT ĐỊNH
Về việc ban hành Kế hoạch kiểm kê
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê.
Nơi nhận:
- Như Điều 2;
KT. CHỦ TỊCH
KẾ HOẠCH
Kiểm kê tài sản công
I. NHIỆM VỤ
1. Sở Tài chính
- Tổng hợp kết quả kiểm kê, báo cáo Bộ Tài chính trước ngày 31/5/2026.
"""
    (task,) = tasks(text)
    assert leads(task) == ["Sở Tài chính"]
    assert task.deadline == dt.date(2026, 5, 31)


def test_central_bodies_the_registry_does_not_know_are_read_and_named():
    (task,) = tasks(
        "1. Bộ trưởng Bộ Y tế chỉ đạo các bệnh viện bảo đảm thuốc, hoàn thành trước ngày 30/11/2025."
    )
    assert leads(task) == ["Bộ Y tế"]
    (task,) = tasks("1. Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giãn nợ.")
    assert leads(task) == ["Ngân hàng Nhà nước Việt Nam"]
    (task,) = tasks("1. Giao Đảng ủy Chính phủ chủ trì, phối hợp với Ban Tổ chức Trung ương xây dựng đề án.")
    assert leads(task) == ["Đảng ủy Chính phủ"]
    (task,) = tasks("1. Bộ Tài chính và Ngân hàng Nhà nước Việt Nam nghiên cứu chính sách bảo hiểm.")
    assert leads(task) == ["Bộ Tài chính", "Ngân hàng Nhà nước Việt Nam"]
    (task,) = tasks("1. Viện kiểm sát nhân dân tỉnh tăng cường công tác bảo vệ bí mật nhà nước.")
    assert leads(task) == ["Viện kiểm sát nhân dân tỉnh"]


def test_state_groups_and_provinces_listed_by_name_are_one_lead_each():
    (task,) = tasks(
        "5. Các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội bảo đảm thông tin."
    )
    assert leads(task) == [
        "Tập đoàn Bưu chính Viễn thông Việt Nam",
        "Tập đoàn Công nghiệp - Viễn thông Quân đội",
    ]
    (task,) = tasks(
        "1. Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa và Lâm Đồng tiếp tục khắc phục."
    )
    assert leads(task) == [
        "Ủy ban nhân dân tỉnh Đắk Lắk",
        "Ủy ban nhân dân tỉnh Khánh Hòa",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
    ]
    (task,) = tasks("b) Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh tiến độ.")
    assert leads(task) == [
        "Ủy ban nhân dân thành phố Hà Nội",
        "Ủy ban nhân dân tỉnh Bắc Ninh",
        "Ủy ban nhân dân tỉnh Gia Lai",
    ]


def test_ministries_and_provinces_together_are_named_as_the_document_names_them():
    (task,) = tasks(
        "3. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ; Ủy ban nhân dân các tỉnh, thành phố trực "
        "thuộc trung ương khẩn trương triển khai."
    )
    assert leads(task) == [
        "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    ]
    (task,) = tasks("e) Các bộ, ngành, địa phương khẩn trương đăng ký các công trình.")
    assert leads(task) == ["các bộ, ngành", "@district"]


def test_a_national_document_gives_tasks_to_ministries_a_provinces_document_does_not():
    national = "CHÍNH PHỦ\nNGHỊ QUYẾT\n1. Bộ Công an chủ trì, phối hợp với Bộ Tư pháp rà soát văn bản.\n"
    (task,) = tasks(national)
    assert leads(task) == ["Bộ Công an"]
    provincial = "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nKẾ HOẠCH\n1. Tổng hợp, báo cáo Bộ Công an kết quả.\n"
    (task,) = tasks(provincial)
    assert leads(task) == []


def test_a_provinces_localities_after_the_reform_are_its_communes():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nBắc Ninh, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\n"
        "1. Các cơ quan, đơn vị, địa phương xây dựng kế hoạch thực hiện.\n"
        "2. UBND các xã, phường, đặc khu tổ chức tuyên truyền.\n"
    )
    first, second = tasks(text)
    assert leads(first) == ["@department", "@public_unit", "@commune"]
    assert leads(second) == ["@commune"]


def test_deadlines_of_other_documents_and_the_traps():
    from tracker.tasks.deadlines import find_deadline

    def d(text, year=2025):
        found = find_deadline(text, year=year)
        return (found.kind, found.date, found.period) if found else None

    assert d("báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2025.") == (
        "date",
        dt.date(2025, 12, 15),
        None,
    )
    assert d("hoàn thành trong tháng 12 năm 2025") == ("date", dt.date(2025, 12, 31), None)
    assert d("xong trước ngày 15/12") == ("date", dt.date(2025, 12, 15), None)  # the document's year
    assert d("Thời gian thực hiện: năm 2025 và các năm tiếp theo.") is None  # from then on
    assert d("Thời gian thực hiện: Quý IV năm 2025 và các năm tiếp theo.") is None
    assert d("Thời gian thực hiện: Từ 01/7/2025.") is None  # a start, not an end
    assert d("Thời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026.") == (
        "date",
        dt.date(2026, 3, 31),
        None,
    )
    assert d("Thời gian thực hiện: năm 2026 - 2027.") is None  # a span is a horizon
    assert d("điều chỉnh quy hoạch hạ tầng viễn thông đến năm 2030.") is None  # a plan's horizon
    assert d("Nghị quyết số 16-NQ/TU ngày 19/10/2021 của Tỉnh ủy") is None  # a cited document's date
    assert d("Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6)")[0] == "periodic"


def test_a_field_broken_over_lines_and_a_heading_in_capitals_broken_over_lines():
    text = """KẾ HOẠCH
II. NỘI
DUNG
1. Tổ chức tập huấn chuyên sâu
- Cơ quan chủ trì: Bộ Công
an.
- Thời hạn ban hành: trước
ngày 01 tháng 01 năm 2026.
"""
    nodes = read(text)
    assert nodes[0].text == "NỘI DUNG" and not nodes[0].is_task
    (task,) = tasks(text)
    assert leads(task) == ["Bộ Công an"]
    assert task.deadline == dt.date(2026, 1, 1)


def test_an_annex_table_pasted_one_cell_per_line_gives_one_task_per_row():
    text = """CÔNG VĂN
1. Khẩn trương xử lý các kiến nghị cụ thể (Phụ lục kèm theo), hoàn thành trước ngày 15/12/2025.
Nơi nhận:
- Như trên;
|
KT. TRƯỞNG BAN
|
PHỤ LỤC
|
TT
|
Tỉnh kiến nghị
|
Thông tin đề xuất
|
Bộ phụ trách tiếp nhận, xử lý
|
|
1
|
Lào Cai
|
Đề nghị hỗ trợ kinh phí cải tạo trụ sở cấp xã
|
Bộ Tài chính
|
|
2
|
Hà Tĩnh
|
Đề nghị điều chỉnh Nghị định số 150/2025/NĐ-CP
|
Bộ Nội vụ
|
"""
    rows = [n for n in tasks(text) if n.ref.startswith("PL")]
    assert [r.text for r in rows] == [
        "Đề nghị hỗ trợ kinh phí cải tạo trụ sở cấp xã",
        "Đề nghị điều chỉnh Nghị định số 150/2025/NĐ-CP",
    ]
    assert [leads(r) for r in rows] == [["Bộ Tài chính"], ["Bộ Nội vụ"]]
    assert {r.deadline for r in rows} == {dt.date(2025, 12, 15)}  # the body item that sends to the annex


def test_a_heading_that_names_a_body_gives_its_bullets_that_lead():
    text = """ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
CHỈ THỊ
7. Báo và Phát thanh, Truyền hình thành phố
a) Chủ động chỉ đạo, định hướng đẩy mạnh công tác tuyên truyền.
5. Cục Di sản văn hóa: Chủ trì, phối hợp với các đơn vị tham mưu Lãnh đạo Bộ.
"""
    first, second = tasks(text)
    assert leads(first) == ["Báo và Phát thanh, Truyền hình thành phố"]
    assert leads(second) == ["Cục Di sản văn hóa"]
    (third,) = tasks("CHÍNH PHỦ\n1.4. Bảo đảm an sinh xã hội\na) Thực hiện chi trả gộp 03 tháng lương hưu.\n")
    assert leads(third) == []  # a heading of work names no body


def test_the_answer_to_a_request_names_its_lead_after_the_colon_and_bo_tri_is_no_ministry():
    (task,) = tasks(
        "CHÍNH PHỦ\n2. Về đề nghị Bộ Nội vụ tham mưu ban hành cơ chế: Bộ Nội vụ nghiên cứu đề xuất.\n"
    )
    assert leads(task) == ["Bộ Nội vụ"]
    (task,) = tasks("CHÍNH PHỦ\n(3) Bố trí chỗ ở tạm; huy động lực lượng hỗ trợ Nhân dân.\n")
    assert leads(task) == []
    (task,) = tasks("CHÍNH PHỦ\nb) Bộ Tài chính, Bộ Công\nThương, Bộ Công an chỉ đạo các tập đoàn.\n")
    assert leads(task) == ["Bộ Tài chính", "Bộ Công Thương", "Bộ Công an"]


def test_giving_a_list_of_bodies_the_lead_gives_it_to_each():
    (task,) = tasks(
        "- Giao Đảng uỷ Toà án nhân dân tối cao, Đảng uỷ Viện Kiểm sát nhân dân tối cao chủ trì, phối hợp "
        "với các cơ quan liên quan xây dựng đề án."
    )
    assert leads(task) == ["Đảng uỷ Toà án nhân dân tối cao", "Đảng uỷ Viện Kiểm sát nhân dân tối cao"]
    (task,) = tasks("- Giao Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương chủ trì nghiên cứu.")
    assert leads(task) == ["Đảng uỷ Mặt trận Tổ quốc", "các đoàn thể Trung ương"]
    (task,) = tasks("4. Đài truyền hình Việt Nam chủ trì đạo diễn chương trình.")
    assert leads(task) == ["Đài truyền hình Việt Nam"]


def test_a_heading_naming_a_body_broken_over_two_lines():
    (task,) = tasks(
        "BỘ VĂN HÓA\n**5. Cục\nDi sản văn hóa:** Chủ trì, phối hợp với các đơn vị tham mưu Lãnh đạo Bộ.\n"
    )
    assert leads(task) == ["Cục Di sản văn hóa"]


def test_a_list_of_groups_goes_on_past_a_lone_don_vi_and_ends_on_a_whole_word():
    (task,) = tasks("1. Các Sở, ngành, đơn vị, UBND cấp xã căn cứ Kế hoạch triển khai thực hiện.")
    assert leads(task) == ["@department", "@commune"]
    (task,) = tasks("1. Ủy ban nhân dân các phường, xã, đặc khu chủ động bố trí kinh phí thực hiện.")
    assert leads(task) == ["@commune"]
    (task,) = tasks("1. Các Sở, ban, ngành của Thành phố, UBND phường, xã phối hợp triển khai.")
    assert leads(task) == ["@department", "@commune"]


def test_a_lead_named_mid_sentence():
    (task,) = tasks("1. Xây dựng kế hoạch rà soát văn bản, do Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ.")
    assert leads(task) == ["Sở Tư pháp"]
    (task,) = tasks(
        "1. Đối với 355 nhiệm vụ cần ban hành văn bản (danh mục kèm theo), các Bộ, cơ quan ngang Bộ "
        "khẩn trương rà soát, ban hành văn bản hướng dẫn."
    )
    assert leads(task) == ["các bộ, cơ quan ngang bộ"]
    (task,) = tasks(
        "1. Đối với 10 nhiệm vụ cần điều chỉnh thẩm quyền, yêu cầu các Bộ: Nông nghiệp và Môi trường; "
        "Xây dựng xây dựng phương án đề xuất."
    )
    assert leads(task) == ["Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng"]
    (task,) = tasks(
        "1. Giao Quân uỷ Trung ương căn cứ Kết luận số 126-KL/TW của Bộ Chính trị, Ban Bí thư chủ trì "
        "xây dựng kế hoạch."
    )
    assert leads(task) == ["Quân uỷ Trung ương"]


def test_mixed_and_long_lists_of_central_bodies():
    (task,) = tasks(
        "1. Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên đôn đốc chủ đầu tư triển khai dự án."
    )
    assert leads(task) == [
        "Bộ Xây dựng",
        "Bộ Quốc phòng",
        "Ủy ban nhân dân tỉnh Ninh Bình",
        "Ủy ban nhân dân tỉnh Hưng Yên",
    ]
    (task,) = tasks(
        "BỘ CHÍNH TRỊ\n1. Giao Ban Tổ chức Trung ương, Văn phòng Trung ương Đảng; các Đảng uỷ: Chính phủ; "
        "Quốc hội; Mặt trận Tổ quốc, các đoàn thể Trung ương; Toà án nhân dân tối cao; Bộ Tư pháp và các "
        "cấp uỷ căn cứ Kết luận này để tổ chức thực hiện."
    )
    assert leads(task) == [
        "Ban Tổ chức Trung ương",
        "Văn phòng Trung ương Đảng",
        "Đảng uỷ Chính phủ",
        "Đảng uỷ Quốc hội",
        "Đảng uỷ Mặt trận Tổ quốc",
        "các đoàn thể Trung ương",
        "Đảng uỷ Toà án nhân dân tối cao",
        "Đảng uỷ Bộ Tư pháp",
    ]
    (task,) = tasks(
        "THỦ TƯỚNG CHÍNH PHỦ\n1. Tập đoàn Công nghiệp - Viễn thông Quân đội, Tập đoàn Bưu chính Viễn thông "
        "Việt Nam chủ trì, phối hợp với Bộ Xây dựng bảo đảm đường truyền."
    )
    assert leads(task) == [
        "Tập đoàn Công nghiệp - Viễn thông Quân đội",
        "Tập đoàn Bưu chính Viễn thông Việt Nam",
    ]


def test_directives_under_an_assessment_are_tasks_led_by_the_sentence_that_opens_them():
    text = """I. ĐÁNH GIÁ CHUNG
Thành phố đã rất nỗ lực vượt qua khó khăn trong thời gian qua.
Để tiếp tục vận hành chính quyền địa phương 02 cấp, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:
1. Rà soát, bố trí cán bộ phù hợp với năng lực.
2. Thúc đẩy mạnh mẽ chuyển đổi số.
"""
    found = tasks(text)
    assert [n.ref for n in found] == ["I.1", "I.2"]
    assert all(leads(n) == ["Ủy ban nhân dân thành phố Đà Nẵng"] for n in found)


def test_a_section_that_names_nobody_is_headings_when_the_tasks_name_leads_elsewhere():
    text = """III. NHIỆM VỤ, GIẢI PHÁP
1. Rà soát quy hoạch mạng lưới trường lớp.
2. Bố trí quỹ đất xây dựng trường mầm non.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Giáo dục và Đào tạo chủ trì rà soát quy hoạch mạng lưới trường lớp.
2. Sở Nông nghiệp và Môi trường bố trí quỹ đất xây dựng trường mầm non.
"""
    assert [n.ref for n in tasks(text)] == ["IV.1", "IV.2"]


def test_a_heading_broken_after_a_bodys_first_word_is_no_task():
    text = """V. TỔ CHỨC THỰC HIỆN
2.1. Sở
Tài chính
a) Tham mưu bố trí kinh phí thực hiện Kế hoạch.
2.2. Sở
Nội vụ
a) Hướng dẫn kiện toàn bộ máy.
"""
    found = tasks(text)
    assert [n.ref for n in found] == ["V.1.a", "V.2.a"]
    assert leads(found[0]) == ["Sở Tài chính"]


def test_lone_bullets_and_a_pipe_table_whose_rows_spill_over_lines():
    text = """II. NHIỆM VỤ
1. Tuyên truyền, phổ biến Luật
-
Tổ chức hội nghị phổ biến Luật cho cán bộ, công chức.
Cơ quan chủ trì: Sở Khoa học và Công nghệ.
-
Biên soạn tài liệu hỏi đáp về Luật.
Cơ quan chủ trì: Sở TP.
Thời gian hoàn thành: Quý I/2026.
Nơi nhận:
- Như trên;
PHỤ LỤC
| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Xây dựng cơ sở dữ liệu | Sở KH&CN | Sở TC | Tháng 6/2026 |
| 2 | Ban hành quy chế khai thác
dữ liệu dùng chung | BQL KKT tỉnh | Các Sở, ngành | Quý II/2026 |
"""
    found = tasks(text)
    assert [n.ref for n in found] == ["II.1.1", "II.1.2", "PL.1", "PL.2"]
    assert leads(found[0]) == ["Sở Khoa học và Công nghệ"]
    assert [m.agency for m in found[1].lead] == ["STP"]
    assert found[1].deadline == dt.date(2026, 3, 31)
    assert [m.agency for m in found[2].lead] == ["SKHCN"]
    assert [m.agency for m in found[2].coordinating] == ["STC"]
    assert "dữ liệu dùng chung" in found[3].text
    assert leads(found[3]) == ["BQL KKT tỉnh"]
    assert found[3].deadline == dt.date(2026, 6, 30)


def test_a_request_is_marked_and_so_are_the_items_under_it():
    text = """IV. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp chủ trì tổng hợp kết quả thực hiện.
2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội:
a) Tuyên truyền, vận động Nhân dân tham gia.
b) Giám sát việc thực hiện Kế hoạch.
3. Đề nghị Tòa án nhân dân tỉnh đẩy nhanh việc xét xử các vụ án.
"""
    assert [(n.ref, n.request) for n in tasks(text)] == [
        ("IV.1", False),
        ("IV.2.a", True),
        ("IV.2.b", True),
        ("IV.3", True),
    ]


def test_a_decisions_article_that_assigns_is_a_task_the_formal_ones_are_not():
    text = """QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu giai đoạn 2026 - 2030.
Điều 2. Giao Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành triển khai thực hiện Kế hoạch này.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Chánh Văn phòng UBND tỉnh, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định này.
KẾ HOẠCH
Xuất khẩu giai đoạn 2026 - 2030
I. NHIỆM VỤ
1. Sở Công Thương tổ chức hội chợ xuất khẩu hằng năm.
"""
    found = tasks(text)
    assert [n.ref for n in found] == ["2", "I.1"]
    assert leads(found[0]) == ["Sở Công Thương"]


def test_a_headed_list_of_short_names_after_a_group_word_is_one_body_each():
    (task,) = tasks(
        "8. Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp\nvà Môi trường, Văn hóa, Thể thao và Du lịch, "
        "Ngoại giao, Tập đoàn Điện lực Việt Nam theo chức năng khẩn trương rà soát."
    )
    assert leads(task) == [
        "Bộ Tài chính",
        "Bộ Xây dựng",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Ngoại giao",
        "Tập đoàn Điện lực Việt Nam",
    ]
    (task,) = tasks("1. Các Sở: Nội vụ, Khoa học và Công nghệ rà soát biên chế.")
    assert [m.agency for m in task.lead] == ["SNV", "SKHCN"]


def test_a_day_without_a_year_in_a_sentence_that_says_every_year_is_a_yearly_deadline():
    (task,) = tasks(
        "1. Các sở, ban, ngành có trách nhiệm xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo kết quả "
        "thực hiện trước ngày 20/11 về Sở Tư pháp để tổng hợp."
    )
    assert (task.deadline_kind, task.period) == ("periodic", "yearly")
    (task,) = tasks("1. Sở Tư pháp tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12 hàng năm.")
    assert (task.deadline_kind, task.period) == ("periodic", "yearly")
    (task,) = tasks("1. Sở Tư pháp báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12/2025.")
    assert task.deadline == dt.date(2025, 12, 25)


def test_names_broken_by_a_line_break_inside_a_list_are_read_whole():
    (task,) = tasks(
        "4. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt\nNam, Thông tấn xã Việt Nam và hệ thống các cơ quan "
        "báo chí phối hợp với các Bộ tăng thời lượng tuyên truyền."
    )
    assert leads(task) == [
        "Đài Truyền hình Việt Nam",
        "Đài Tiếng nói Việt Nam",
        "Thông tấn xã Việt Nam",
        "các cơ quan báo chí",
    ]
    (task,) = tasks(
        "II. NHIỆM VỤ\n1. Tuyên truyền Luật.\n- Cơ quan thực hiện: Sở Tư pháp; Báo và Phát thanh\n"
        "Truyền hình Lai Châu và các sở, ngành có liên quan."
    )
    assert leads(task) == ["Sở Tư pháp", "Báo và Phát thanh Truyền hình Lai Châu", "@department"]


def test_a_closing_sentence_after_the_last_item_sets_no_lead_and_is_no_task():
    text = """V. TỔ CHỨC THỰC HIỆN
1. Sở Giáo dục và Đào tạo chủ trì hướng dẫn thực hiện Kế hoạch.
2. Ủy ban nhân dân các xã, phường
Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện Chương trình trên địa bàn.
Ủy ban nhân dân tỉnh giao Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh triển khai thực hiện./.
"""
    found = tasks(text)
    assert [leads(n) for n in found] == [["Sở Giáo dục và Đào tạo"], ["@commune"]]
    assert "Giám đốc các sở" not in found[1].text
    text = """IV. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp chủ trì theo dõi việc thực hiện Kế hoạch.
2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị kịp thời phản ánh về Sở Tư pháp.
"""
    assert [n.ref for n in tasks(text)] == ["IV.1"]


def test_a_heading_sentence_that_asks_party_bodies_by_kind_leads_the_items_under_it():
    text = """2. Yêu cầu các cấp uỷ, tổ chức đảng, các cơ quan chức năng trong quá trình triển khai cần hết sức khẩn trương, chủ động, không để chậm trễ.
2.1. Tập trung lãnh đạo, chỉ đạo việc xây dựng văn kiện đại hội.
2.2. Tích cực lắng nghe, tiếp thu ý kiến của Nhân dân.
"""
    found = [n for n in tasks(text) if n.ref != "2"]
    assert [leads(n) for n in found] == [["các cấp uỷ", "tổ chức đảng", "các cơ quan chức năng"]] * 2
    (task,) = tasks(
        "1. Cấp ủy, chính quyền Thành phố phải xác định việc vận hành chính quyền là nhiệm vụ trọng tâm."
    )
    assert leads(task) == []


def test_the_documents_issuer_only_asks_or_reports_what_it_did():
    text = """CHÍNH PHỦ
NGHỊ QUYẾT
5. Chính phủ trân trọng đề nghị
Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên, các tổ chức chính trị xã hội, Hội Chữ thập đỏ Việt Nam chủ động vận động, kêu gọi ủng hộ người dân.
"""
    (task,) = tasks(text)
    assert leads(task) == [
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "các tổ chức chính trị xã hội",
        "Hội Chữ thập đỏ Việt Nam",
    ]
    text = """THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ
3. Về đề nghị Bộ Khoa học và Công nghệ rà soát cơ sở dữ liệu: Về vấn đề này, Chính phủ đã ban hành Nghị quyết số 214/NQ-CP. Các bộ, ngành trên cơ sở nhiệm vụ được giao hoàn thiện cơ sở dữ liệu.
"""
    (task,) = tasks(text)
    assert leads(task) == ["các bộ, ngành"]


def test_a_heading_naming_a_role_or_whose_duties_leads_its_bullets():
    text = """IV. TỔ CHỨC THỰC HIỆN
1. Trưởng Ban Chỉ đạo
- Chỉ đạo việc kiểm kê tài sản công trên địa bàn tỉnh.
2. Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu):
- Đôn đốc các đơn vị trực thuộc thực hiện kiểm kê.
"""
    found = tasks(text)
    assert [leads(n) for n in found] == [["Trưởng Ban Chỉ đạo"], ["cơ quan quản lý cấp trên"]]
