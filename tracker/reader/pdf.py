"""The text of a PDF: its text layer (as e-office systems send signed documents), and OCR for
the pages that have none (a scan).

PDFium (pypdfium2) gives each page's text in boxes, which `lines.assemble` puts back into the
paragraphs of the document the PDF was made from; a page without text is drawn at 300 dpi and
read by Tesseract (`ocr`). One page at a time, closed once read, so a long PDF keeps little in
memory. Limits, checked before a page is parsed or drawn: the number of pages, the text's
length as it is read, the size of a drawn page.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.core.errors import FileError
from tracker.reader import ocr
from tracker.reader.lines import Page, Run

__all__ = ["MAX_PDF_PAGES", "pdf_pages"]

MAX_PDF_PAGES = 500  # a programme with its appendices is far shorter
DPI = 300  # what Tesseract reads best
MAX_RENDER_PIXELS = 20_000_000  # a page drawn for OCR (A4 at 300 dpi is 8,7 million)
_MIN_TEXT = 15  # fewer characters than this on a page: no text layer (a scan), or only a stamp


def pdf_pages(
    name: str, data: bytes, max_text: int, progress: Callable[[int, int], None] | None = None
) -> list[Page]:
    """The pages of a PDF as runs of text (in points, top-down); scanned pages through OCR."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise FileError(f"Tệp PDF «{name}» được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.") from None
        raise FileError(f"Tệp «{name}» không phải tệp PDF đọc được hoặc đã bị hỏng.") from None
    try:
        count = len(document)
        if count == 0:
            raise FileError(f"Tệp PDF «{name}» không có trang nào.")
        if count > MAX_PDF_PAGES:
            raise FileError(f"Tệp PDF «{name}» có {count} trang; tối đa {MAX_PDF_PAGES} trang một lần.")
        pages: list[Page | None] = []
        scanned: list[int] = []
        length = 0
        for index in range(count):
            page = document[index]
            try:
                found = _text_layer(page)
            finally:
                page.close()
            if found is None:
                scanned.append(index)
            else:
                length += sum(len(r.text) for r in found.runs)
                if length > max_text:
                    from tracker.reader.sources import too_long

                    raise too_long(name)
            pages.append(found)
            if progress and not scanned:
                progress(index + 1, count)
        if scanned:
            _recognise(name, document, pages, scanned, progress)
        return [p for p in pages if p is not None]
    finally:
        document.close()


def _text_layer(page) -> Page | None:
    """The page's text in boxes, or None when it has (almost) none."""
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() < _MIN_TEXT:
            return None
        width, height = page.get_size()
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append(Run(left, height - top, right, height - bottom, text))
        if sum(len(r.text.strip()) for r in runs) < _MIN_TEXT:
            return None
        return Page(width, height, runs)
    finally:
        textpage.close()


def _recognise(name: str, document, pages: list, scanned: list[int], progress) -> None:
    """OCR for the pages without a text layer, in place in `pages` (in points, as the others)."""
    if len(scanned) > ocr.MAX_OCR_PAGES:
        raise FileError(
            f"Tệp PDF «{name}» có {len(scanned)} trang là bản quét; tối đa {ocr.MAX_OCR_PAGES} trang "
            "nhận dạng chữ một lần. Hãy tách tệp, hoặc dùng bản PDF có lớp chữ."
        )
    command, lang = ocr.require_ocr(name)
    for done, index in enumerate(scanned, start=1):
        page = document[index]
        try:
            width, height = page.get_size()
            scale = DPI / 72
            if width * height * scale * scale > MAX_RENDER_PIXELS:
                scale = (MAX_RENDER_PIXELS / (width * height)) ** 0.5
            image = page.render(scale=scale, grayscale=True).to_pil()
        finally:
            page.close()
        found = ocr.recognise(image, command, lang)
        image.close()
        runs = [Run(r.x0 / scale, r.top / scale, r.x1 / scale, r.bottom / scale, r.text) for r in found.runs]
        pages[index] = Page(width, height, runs)
        if progress:
            progress(done, len(scanned))
