"""The reader reads what a province sends: .docx with tables, PDFs (their text layer), scans."""

from __future__ import annotations

import io
import struct
import zlib

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from tracker.core.errors import FileError
from tracker.reader.programme import read_programme
from tracker.reader.sources import MAX_TEXT, document_text

from .files import corpus, needs_libreoffice, needs_poppler, needs_tesseract, to_pdf, to_png
from .test_programme import MATCHER, by_ref, leads


def tree(text: str) -> list[dict]:
    """The reader's proposed tree, flat, as the review would show it (spacing inside an item's
    wording aside, and where in the text it was read: a PDF's text is not the .txt's)."""
    out = []

    def visit(nodes):
        for node in nodes:
            d = node.to_dict()
            d.pop("source", None)
            d.pop("children")
            d["text"] = " ".join(d["text"].split())
            out.append(d)
            visit(node.children)

    visit(read_programme(text, MATCHER))
    return out


# ── .docx ─────────────────────────────────────────────────────────────────────────────────
def _table_docx(merged: bool = True) -> bytes:
    document = docx.Document()
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    rows = [
        ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
        ("1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2024"),
        ("2", "Xây dựng cơ sở dữ liệu cán bộ", "Sở Nội vụ", "Công an tỉnh", "Tháng 10/2024"),
        ("3", "Kiểm tra công vụ | đột xuất", "" if merged else "Sở Nội vụ", "", "Hằng năm"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if merged:
        table.cell(2, 2).merge(table.cell(3, 2))  # "Sở Nội vụ" leads rows 2 and 3: one merged cell
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Sở Nội vụ theo dõi, đôn đốc.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_table_reads_as_rows_between_bars_in_document_order():
    text = document_text("kehoach.docx", _table_docx())
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "II. NHIỆM VỤ CỤ THỂ"
    assert (
        lines[1] == "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |"
    )
    assert lines[2] == "| 1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Sở Nội vụ | Quý III/2024 |"
    # A cell merged down repeats the text above; a bar inside a cell cannot split it.
    assert lines[4] == "| 3 | Kiểm tra công vụ / đột xuất | Sở Nội vụ |  | Hằng năm |"
    assert lines[5:] == ["III. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ theo dõi, đôn đốc."]


def test_a_word_table_gives_one_task_a_row_with_its_lead_and_deadline():
    refs = by_ref(read_programme(document_text("kehoach.docx", _table_docx()), MATCHER))
    assert [leads(refs[f"II.{n}"]) for n in (1, 2, 3)] == [["STP"], ["SNV"], ["SNV"]]
    assert str(refs["II.1"].deadline) == "2024-09-30" and refs["II.3"].period == "yearly"
    assert leads(refs["III.1"]) == ["SNV"]


# ── PDF: the text layer ───────────────────────────────────────────────────────────────────
@needs_libreoffice
def test_a_pdf_made_from_a_corpus_document_reads_the_same_as_its_text(tmp_path):
    source = tmp_path / "kehoach.txt"
    source.write_bytes(corpus("18").read_bytes())
    pdf = to_pdf(source, tmp_path)
    from_pdf = tree(document_text("kehoach.pdf", pdf))
    from_text = tree(source.read_text(encoding="utf-8"))
    assert len(from_text) > 40 and sum(1 for n in from_text if n["is_task"]) > 20
    assert from_pdf == from_text


def _long_docx() -> bytes:
    """Three pages or so of a plan typed in Word: justified paragraphs wrapping over lines, a
    running header, the page number in the footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "UBND TỈNH KHÁNH HÒA — Kế hoạch số 45/KH-UBND"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    footer._p.append(field)

    def para(text):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    para("II. NHIỆM VỤ, GIẢI PHÁP")
    body = (
        "rà soát, đánh giá toàn bộ các thủ tục hành chính đang áp dụng tại cơ quan, đơn vị, kiến nghị đơn giản "
        "hóa thành phần hồ sơ, rút ngắn thời gian giải quyết và tăng cường thực hiện trên môi trường điện tử, "
        "bảo đảm công khai, minh bạch, thuận lợi cho người dân và doanh nghiệp"
    )
    agencies = ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Khoa học và Công nghệ"]
    for section_no in range(1, 5):
        para(f"{section_no}. Nhóm nhiệm vụ thứ {section_no}")
        for n, agency in enumerate(agencies):
            letter = "abcde"[n]
            para(
                f"{letter}) {agency} chủ trì, phối hợp Văn phòng UBND tỉnh {body}; hoàn thành trước ngày {n + 10}/12/2024."
            )
            para(f"- {agency} báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 tháng 12 năm 2024.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@needs_libreoffice
def test_a_pdf_saved_from_word_reads_like_the_docx_without_headers_footers_or_broken_lines(tmp_path):
    source = tmp_path / "kehoach.docx"
    source.write_bytes(_long_docx())
    pdf = to_pdf(source, tmp_path)
    text = document_text("kehoach.pdf", pdf)
    assert "UBND TỈNH KHÁNH HÒA — Kế hoạch" not in text  # the running header, on every page
    assert not any(line.strip().isdigit() for line in text.splitlines())  # the page numbers
    # Each paragraph is one line again, as in the .docx.
    assert "Sở Tư pháp chủ trì, phối hợp Văn phòng UBND tỉnh rà soát, đánh giá toàn bộ" in text
    assert "cho người dân và doanh nghiệp; hoàn thành trước ngày 10/12/2024." in text
    assert tree(text) == tree(document_text("kehoach.docx", source.read_bytes()))
    assert len(tree(text)) == 1 + 4 * 11


@needs_libreoffice
def test_a_table_in_a_pdf_reads_as_its_rows_with_the_lines_of_each_cell_together(tmp_path):
    source = tmp_path / "bang.docx"
    source.write_bytes(_table_docx(merged=False))
    text = document_text("bang.pdf", to_pdf(source, tmp_path))
    # Each cell wraps over two or three lines in the PDF; the row comes back whole.
    assert "| 1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Sở Nội vụ | Quý III/2024 |" in text
    assert tree(text) == tree(document_text("bang.docx", source.read_bytes()))


# ── scans: OCR ───────────────────────────────────────────────────────────────────────────
SCANNED = """\
II. NHIỆM VỤ
1. Cải cách thể chế
a) Sở Tư pháp chủ trì, phối hợp Sở Nội vụ rà soát văn bản quy phạm pháp luật; hoàn thành trước ngày 30/9/2024.
b) Sở Nội vụ xây dựng kế hoạch kiểm tra công vụ, hoàn thành trong Quý IV năm 2024.
c) Sở Tài chính hướng dẫn lập dự toán kinh phí cải cách hành chính năm 2025.
2. Chuyển đổi số
a) Sở Khoa học và Công nghệ triển khai nền tảng số dùng chung; hoàn thành trước ngày 31/12/2024.
b) Sở Xây dựng số hóa hồ sơ cấp phép xây dựng.
"""


def _found(text: str) -> list[tuple[str, list[str]]]:
    return [
        (ref, tuple(leads(node)))
        for ref, node in by_ref(read_programme(text, MATCHER)).items()
        if node.is_task
    ]


@needs_libreoffice
@needs_poppler
@needs_tesseract
def test_a_scanned_page_is_read_by_ocr_and_its_items_found(tmp_path):
    source = tmp_path / "scan.txt"
    source.write_text(SCANNED, encoding="utf-8")
    (png,) = to_png(to_pdf(source, tmp_path), tmp_path, 1, 1)
    expected = _found(SCANNED)
    assert len(expected) == 5
    found = _found(document_text("scan.png", png))
    assert len(set(found) & set(expected)) >= 4  # OCR may misread a letter; the structure holds
    # A scanned PDF (pages that are only images) goes through OCR as well.
    pdf = io.BytesIO()
    Image.open(io.BytesIO(png)).save(pdf, "PDF", resolution=300)
    assert len(set(_found(document_text("scan.pdf", pdf.getvalue()))) & set(expected)) >= 4


@needs_libreoffice
@needs_poppler
@needs_tesseract
@pytest.mark.slow
def test_a_scanned_page_of_a_corpus_document_reads_most_of_its_items(tmp_path):
    source = tmp_path / "kehoach.txt"
    source.write_bytes(corpus("18").read_bytes())
    pdf = to_pdf(source, tmp_path)
    import pypdfium2 as pdfium

    whole, layer = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    layer.import_pages(whole, [2, 3])
    out = io.BytesIO()
    layer.save(out)
    layer.close()
    whole.close()
    expected = {ref for ref, _ in _found(document_text("p.pdf", out.getvalue()))}
    scans = to_png(pdf, tmp_path, 3, 4)
    images = [Image.open(io.BytesIO(p)) for p in scans]
    tiff = io.BytesIO()
    images[0].save(tiff, "TIFF", save_all=True, append_images=images[1:])
    found = {ref for ref, _ in _found(document_text("scan.tif", tiff.getvalue()))}
    assert len(expected) >= 8
    assert len(found & expected) >= 0.8 * len(expected), (sorted(found), sorted(expected))


def test_without_tesseract_a_scan_is_refused_with_what_to_install(app, tmp_path):
    image = io.BytesIO()
    Image.new("L", (400, 300), 255).save(image, "PNG")
    app.config["TESSERACT"] = str(tmp_path / "no-such-tesseract")
    with app.app_context(), pytest.raises(FileError) as refused:
        document_text("scan.png", image.getvalue())
    assert "chưa cài phần mềm nhận dạng chữ Tesseract" in refused.value.message
    assert "tesseract-ocr-vie" in refused.value.message


# ── limits ───────────────────────────────────────────────────────────────────────────────
def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height, with no pixels behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IEND", b"")
    )


def _blank_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF of a few hundred kilobytes whose content inflates to `megabytes` MB of
    text-drawing operators: parsed whole, it takes gigabytes."""
    chunk = b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * 150_000 + b"ET\n"
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes * 2**20 // len(chunk))) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_pdf_that_inflates_to_gigabytes_is_refused_within_the_memory_limit():
    bomb = _bomb_pdf(60)
    assert len(bomb) < 200_000
    with pytest.raises(FileError, match="quá phức tạp hoặc bị hỏng"):
        document_text("bom.pdf", bomb)


def test_limits_are_checked_before_the_work_with_a_clear_message():
    with pytest.raises(FileError, match="quá lớn"):
        document_text("anh.png", _png_header(40_000, 40_000))  # 1,6 billion pixels: never decoded
    with pytest.raises(FileError, match="quá lớn"):
        document_text("anh.png", _png_header(9_000, 9_000))  # 81 million: past the reader's own limit
    with pytest.raises(FileError, match="có 501 trang; tối đa 500 trang"):
        document_text("dai.pdf", _blank_pdf(501))
    with pytest.raises(FileError, match="41 trang là bản quét; tối đa 40 trang"):
        document_text("quet.pdf", _blank_pdf(41))
    with pytest.raises(FileError, match="quá dài"):
        document_text("dai.txt", ("Sở Nội vụ kiểm tra. " * (MAX_TEXT // 10)).encode())
    with pytest.raises(FileError, match="không phải tệp PDF đọc được"):
        document_text("hong.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF")
    with pytest.raises(FileError, match="không phải ảnh đọc được"):
        document_text("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
