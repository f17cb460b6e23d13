"""The text of a PDF: its text layer (as e-office systems send signed documents), and OCR for
the pages that have none (a scan).

PDFium (pypdfium2) gives each page's text in boxes, which `lines.assemble` puts back into the
paragraphs of the document the PDF was made from; a page without text is drawn at 300 dpi and
read by Tesseract (`ocr`). PDFium runs in a child process (`pdfworker`) that the operating
system stops past a memory and CPU limit, since a small PDF can inflate to gigabytes; the
number of pages, of scanned pages and the text's length are checked there as it reads, and the
size of a drawn page before it is drawn.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from tracker.core.errors import FileError
from tracker.reader import ocr
from tracker.reader.lines import Page, Run

__all__ = ["MAX_PDF_PAGES", "pdf_pages"]

MAX_PDF_PAGES = 500  # a programme with its appendices is far shorter
MAX_MEMORY = 1024 * 1024 * 1024  # what the PDF's reader may use (a 300-page PDF needs a tenth)
MAX_CPU_SECONDS = 120
WORKER = Path(__file__).with_name("pdfworker.py")


def pdf_pages(
    name: str, data: bytes, max_text: int, progress: Callable[..., None] | None = None
) -> list[Page]:
    """The pages of a PDF as runs of text (in points, top-down); scanned pages through OCR
    (`progress(done, total)` for the pages read, `progress(done, total, True)` for those recognised)."""
    with tempfile.TemporaryDirectory(prefix="tracker-pdf-") as folder:
        render = ocr.ready()
        messages = _work(name, data, max_text, folder if render else None, progress)
        pages: dict[int, Page] = {}
        scans = [m for m in messages if "runs" not in m]
        if scans:
            command, lang = ocr.require_ocr(name)
        for m in messages:
            if "runs" in m:
                pages[m["page"]] = Page(m["width"], m["height"], [Run(*r) for r in m["runs"]])
        if scans and progress:
            progress(0, len(scans), True)
        for done, m in enumerate(scans, start=1):
            found = ocr.recognise_file(m["image"], command, lang)
            s = m["scale"]
            runs = [Run(r.x0 / s, r.top / s, r.x1 / s, r.bottom / s, r.text) for r in found]
            pages[m["page"]] = Page(m["width"], m["height"], runs)
            if progress:
                progress(done, len(scans), True)
        return [pages[i] for i in sorted(pages)]


def _work(name: str, data: bytes, max_text: int, render: str | None, progress) -> list[dict]:
    """What the worker says of each page, in order; a FileError for what it refuses."""
    command = [
        sys.executable,
        "-I",
        str(WORKER),
        f"--max-pages={MAX_PDF_PAGES}",
        f"--max-text={max_text}",
        f"--max-scans={ocr.MAX_OCR_PAGES}",
        f"--max-memory={MAX_MEMORY}",
        f"--max-cpu={MAX_CPU_SECONDS}",
    ] + ([f"--render-dir={render}"] if render else [])
    # A fixed argument list, no shell; the PDF goes on stdin.
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    timer = threading.Timer(MAX_CPU_SECONDS * 2, process.kill)  # waiting on a lock is no CPU time
    timer.start()
    try:
        try:
            process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:
            pass
        messages, total = [], 0
        for raw in process.stdout:
            m = json.loads(raw)
            if "error" in m:
                raise _refusal(name, m)
            if "pages" in m:
                total = m["pages"]
            elif "page" in m:
                messages.append(m)
                if progress and "runs" in m:
                    progress(len(messages), total)
            elif m.get("done"):
                return messages
    finally:
        timer.cancel()
        process.stdout.close()
        process.wait()
    raise FileError(
        f"Tệp PDF «{name}» quá phức tạp hoặc bị hỏng: không đọc được trong giới hạn bộ nhớ và thời gian "
        "cho phép. Hãy lưu lại (in ra PDF) từ phần mềm soạn thảo, hoặc dán nội dung văn bản."
    )


def _refusal(name: str, m: dict) -> FileError:
    if m["error"] == "password":
        return FileError(f"Tệp PDF «{name}» được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
    if m["error"] == "pages":
        if not m.get("count"):
            return FileError(f"Tệp PDF «{name}» không có trang nào.")
        return FileError(f"Tệp PDF «{name}» có {m['count']} trang; tối đa {MAX_PDF_PAGES} trang một lần.")
    if m["error"] == "long":
        from tracker.reader.sources import too_long

        return too_long(name)
    if m["error"] == "scans":
        return FileError(
            f"Tệp PDF «{name}» có {m['count']} trang là bản quét; tối đa {ocr.MAX_OCR_PAGES} trang "
            "nhận dạng chữ một lần. Hãy tách tệp, hoặc dùng bản PDF có lớp chữ."
        )
    return FileError(f"Tệp «{name}» không phải tệp PDF đọc được hoặc đã bị hỏng.")
