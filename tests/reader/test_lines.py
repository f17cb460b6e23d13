"""Laid-out lines (a PDF's text layer, OCR's words) back into a word processor's paragraphs."""

from __future__ import annotations

from tracker.reader.lines import Page, Run, assemble

LEFT, RIGHT, CHAR = 72.0, 523.0, 5.0  # an A4 page's text column, 5 pt a character


def line(text: str, top: float, left: float = LEFT, width: float | None = None) -> Run:
    return Run(left, top, left + (width if width is not None else len(text) * CHAR), top + 10, text)


def page(*runs: Run) -> Page:
    return Page(595, 842, list(runs))


def full(text: str, top: float) -> Run:
    """A line that reaches the right margin (justified)."""
    return line(text, top, width=RIGHT - LEFT)


def test_a_paragraph_broken_over_lines_is_one_line_again_and_a_short_line_ends_it():
    text = assemble(
        [
            page(
                full("a) Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật do Ủy ban nhân dân", 100),
                full("tỉnh ban hành, kiến nghị sửa đổi, bổ sung, thay thế hoặc bãi bỏ những văn bản", 114),
                line("không còn phù hợp; hoàn thành trước ngày 30/9/2024.", 128),
                line("b) Sở Nội vụ kiểm tra công vụ.", 142),
            )
        ]
    )
    assert text.splitlines() == [
        "a) Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật do Ủy ban nhân dân tỉnh ban hành, "
        "kiến nghị sửa đổi, bổ sung, thay thế hoặc bãi bỏ những văn bản không còn phù hợp; hoàn thành "
        "trước ngày 30/9/2024.",
        "b) Sở Nội vụ kiểm tra công vụ.",
    ]


def test_a_short_word_that_would_have_fitted_starts_a_new_line_and_a_full_line_before_an_item_too():
    text = assemble(
        [
            page(
                line("1. Nhiệm vụ chung", 100),
                line("Các sở triển khai.", 114),  # "Các" would have fitted after "chung": a new paragraph
                full("2. Sở Tài chính bố trí kinh phí thực hiện kế hoạch theo quy định hiện hành.", 128),
                line("3. Sở Xây dựng báo cáo.", 142),  # the line above was full, but it ended a sentence
            )
        ]
    )
    assert text.splitlines() == [
        "1. Nhiệm vụ chung",
        "Các sở triển khai.",
        "2. Sở Tài chính bố trí kinh phí thực hiện kế hoạch theo quy định hiện hành.",
        "3. Sở Xây dựng báo cáo.",
    ]


def test_a_wider_gap_is_a_blank_line_and_a_hyphenated_word_is_joined():
    text = assemble(
        [
            page(
                line("II. NHIỆM VỤ", 100),
                line("1. Sở Khoa học và Công nghệ triển khai nền tảng số.", 114),
                line("2. Sở Tài chính.", 128),
                full("3. Triển khai hệ thống quản lý văn bản và hồ sơ công việc trên nền tảng infor-", 156),
                line("mation management của tỉnh.", 170),
            )
        ]
    )
    assert text.splitlines() == [
        "II. NHIỆM VỤ",
        "1. Sở Khoa học và Công nghệ triển khai nền tảng số.",
        "2. Sở Tài chính.",
        "",
        "3. Triển khai hệ thống quản lý văn bản và hồ sơ công việc trên nền tảng information management của tỉnh.",
    ]


def test_running_headers_and_page_numbers_are_dropped_and_a_paragraph_goes_on_over_the_page():
    header = "UBND TỈNH KHÁNH HÒA — Kế hoạch số 45/KH-UBND"
    first = page(
        line(header, 40),
        line("1. Sở Nội vụ chủ trì.", 100),
        full("2. Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật do Ủy ban nhân dân", 114),
        line("1", 800, left=295, width=5),
    )
    second = page(
        line(header, 40),
        line("- 2 -", 60, left=285, width=25),
        line("tỉnh ban hành.", 100),
        line("3. Sở Xây dựng báo cáo.", 114),
        line("2", 800, left=295, width=5),
    )
    text = assemble([first, second])
    assert header not in text and "- 2 -" not in text
    assert text.splitlines() == [
        "1. Sở Nội vụ chủ trì.",
        "2. Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật do Ủy ban nhân dân tỉnh ban hành.",
        "3. Sở Xây dựng báo cáo.",
    ]


def test_a_line_at_the_top_of_every_page_that_is_part_of_the_text_stays():
    pages = [
        page(line("- Sở Nội vụ báo cáo kết quả.", 72), line(f"Việc thứ {n}.", 86), line("Kết thúc.", 100))
        for n in range(3)
    ]
    assert assemble(pages).count("- Sở Nội vụ báo cáo kết quả.") == 3


def test_cells_of_a_row_far_apart_stay_apart():
    text = assemble(
        [
            page(
                line("1", 100, width=5),
                line("Rà soát văn bản", 100, left=120),
                line("Sở Tư pháp", 100, left=400),
            )
        ]
    )
    assert text.strip() == "| 1 | Rà soát văn bản | Sở Tư pháp |"
