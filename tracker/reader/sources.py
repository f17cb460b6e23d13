"""The text of an uploaded programme, whatever it came as: the reader's one way in.

    document_text(filename, data)  ->  the text `programme.read_programme` reads

- .txt / .md: UTF-8 text as it is;
- .docx: paragraphs and tables, Word's numbering written back (`wordfile`);
- .pdf: the text layer, laid back into paragraphs (`pdf`, `lines`); pages without one (a scan)
  through OCR (`ocr`);
- .png, .jpg, .tif (a scan or a photo of the document): OCR.

The kind is told by the file's first bytes, not its name. Everything refused is refused with a
Vietnamese message (`FileError`) and nothing kept. The limits of each kind (pages, image size,
the text's length) are checked before the big work, and `MAX_TEXT` bounds what any kind gives.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from tracker.core import limits
from tracker.core.errors import FileError
from tracker.core.limits import MAX_TEXT

__all__ = ["ACCEPT", "MAX_TEXT", "document_text", "needs_ocr", "too_long"]

ACCEPT = ".docx,.pdf,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff"

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


def too_long(name: str) -> FileError:
    return limits.text_too_long(name)


def _is_image(data: bytes) -> bool:
    return any(data.startswith(magic) for magic in _IMAGES) and (
        not data.startswith(b"RIFF") or data[8:12] == b"WEBP"
    )


def needs_ocr(data: bytes) -> bool:
    """Whether reading `data` may take OCR, i.e. long: an image, or any PDF (a scan or not)."""
    return data[:5] == b"%PDF-" or _is_image(data)


def document_text(filename: str, data: bytes, progress: Callable[..., None] | None = None) -> str:
    """The text of an upload (see the module's docstring); `progress(done, total)` is told of
    each page read, `progress(done, total, True)` of each page recognised by OCR. A FileError
    with a Vietnamese message for anything it cannot read."""
    name = filename or "tệp"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data.strip():
        raise FileError(f"Tệp «{name}» rỗng.")
    if data[:4] == b"PK\x03\x04":
        from tracker.reader.wordfile import docx_text

        text = docx_text(name, data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileError(
            f"Tệp «{name}» là văn bản Word 97–2003 (.doc). Hãy lưu lại dưới dạng .docx rồi tải lên, "
            "hoặc dán nội dung vào ô văn bản."
        )
    elif data[:1024].lstrip()[:5] == b"%PDF-":
        from tracker.reader.lines import assemble
        from tracker.reader.pdf import pdf_pages

        text = assemble(pdf_pages(name, data, MAX_TEXT, progress))
    elif _is_image(data):
        from tracker.reader.lines import assemble
        from tracker.reader.ocr import image_pages

        text = assemble(image_pages(name, data, progress))
    elif ext in ("docx", "doc", "xlsx", "pdf", "png", "jpg", "jpeg", "tif", "tiff"):
        raise FileError(f"Tệp «{name}» bị hỏng hoặc không phải loại tệp như tên của nó (.{ext}).")
    else:
        try:
            text = codecs.decode(data, "utf-8-sig")
        except UnicodeDecodeError:
            raise FileError(
                f"Tệp «{name}» không dùng bảng mã UTF-8. Hãy lưu lại dạng UTF-8 hoặc dán nội dung vào ô văn bản."
            ) from None
    if len(text) > MAX_TEXT:
        raise too_long(name)
    if not text.strip():
        raise FileError(f"Không đọc được chữ nào trong tệp «{name}».")
    return text
