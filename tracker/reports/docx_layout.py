"""The typography of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) in python-docx:
Times New Roman, A4, the margins, short rules under the issuing body and the motto, fixed-width
tables whose columns never split a word, page numbers from the second page on.

Elements python-docx has no API for are written into the OOXML in the order the schema requires,
so Word opens the file without a repair prompt."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
A4 = (Mm(210), Mm(297))
# Nghị định 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
PORTRAIT_WIDTH_CM = 21.0 - 3.0 - 1.5  # 16.5 cm of text
LANDSCAPE_WIDTH_CM = 29.7 - 3.0 - 1.5  # 25.2 cm of text
CELL_MARGIN_CM = 0.19  # Word's default left and right cell margin

ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Children of w:pPr that come after w:pBdr, and of w:tcPr after w:noWrap, in schema order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_NOWRAP = ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def font(run, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # East Asian and complex-script slots too, or Word falls back to another face for Vietnamese.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def setup(doc) -> None:
    """Times New Roman 14 pt as the Normal style, no spacing unless asked."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def page(section, landscape: bool = False) -> None:
    """A4, portrait or landscape, with the margins of Nghị định 30."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)


def page_numbers(section, restart: bool = True) -> None:
    """The page number at the top centre, from the section's second page on (Nghị định 30); the
    appendix is numbered on its own (`restart`)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = p.add_run("2")
    font(run, BODY_PT)
    field.append(run._r)
    p._p.append(field)
    first = section.first_page_header
    first.is_linked_to_previous = False
    if restart:
        sect_pr = section._sectPr
        num = sect_pr.find(qn("w:pgNumType"))
        if num is None:
            num = OxmlElement("w:pgNumType")
            sect_pr.insert_element_before(num, *_AFTER_PGNUMTYPE)
        num.set(qn("w:start"), "1")


def para(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent_cm: float = 0,
    keep: bool = False,
    line: float = 1.0,
):
    """A paragraph of one run. `indent_cm`: first-line indent of a body paragraph."""
    p = container.add_paragraph()
    p.alignment = ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    if indent_cm:
        fmt.first_line_indent = Cm(indent_cm)
    fmt.keep_with_next = keep
    if text:
        font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def rule(container, width_cm: float, box_cm: float, before: float = 0, after: float = 0):
    """A centred horizontal line `width_cm` long in a box `box_cm` wide (the line under the issuing
    body, under the motto, under the summary): the top border of an empty, indented paragraph."""
    p = para(container, before=before, after=after)
    side = max((box_cm - width_cm) / 2, 0)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(side)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *_AFTER_PBDR)
    # An empty paragraph still takes the height of its font: keep the gap small.
    mark_pr = OxmlElement("w:rPr")
    mark = OxmlElement("w:sz")
    mark.set(qn("w:val"), "4")
    mark_pr.append(mark)
    p_pr.insert_element_before(mark_pr, "w:sectPr", "w:pPrChange")
    return p


def table(container, rows: int, cols: int, widths_cm: list[float], *, borders: bool = True):
    """A table of fixed column widths (written in the grid, which LibreOffice reads, and in every
    cell, which Word reads), centred, with or without the grid lines."""
    t = container.add_table(rows=rows, cols=cols)
    if borders:
        t.style = "Table Grid"
    else:
        no_borders(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False  # w:tblLayout type="fixed": the widths hold whatever the text
    widths(t, widths_cm)
    return t


def widths(t, widths_cm: list[float]) -> None:
    """The grid's column widths, and each cell's: a merged cell gets the sum of the columns it spans."""
    for column, width in zip(t.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in t.rows:
        column = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[column : column + span]))
            column += span


def no_borders(t) -> None:
    tbl_pr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def no_wrap(cell) -> None:
    """A cell whose text never wraps (numbers, STT): Word widens nothing, it keeps the line whole."""
    tc_pr = cell._tc.get_or_add_tcPr()
    if tc_pr.find(qn("w:noWrap")) is None:
        tc_pr.insert_element_before(OxmlElement("w:noWrap"), *_AFTER_NOWRAP)


def row_props(row, header: bool = False) -> None:
    """A row never split over two pages; a header row repeated on each page (schema order:
    cantSplit before tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    tr_pr.append(el)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def cell(
    c,
    text,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    size: float = TABLE_PT,
    wrap: bool = True,
) -> None:
    """A table cell's text (several lines if the text has line breaks), vertically centred."""
    lines = ("" if text is None else str(text)).split("\n")
    c.text = ""
    first = c.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else c.add_paragraph()
        p.alignment = ALIGN[align]
        if line:
            font(p.add_run(line), size=size, bold=bold, italic=italic)
    c.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    if not wrap:
        no_wrap(c)


def page_break_before(p) -> None:
    p.paragraph_format.page_break_before = True
