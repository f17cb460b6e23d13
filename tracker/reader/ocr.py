"""Reading a scan: Tesseract OCR with its Vietnamese data, on images and on PDF pages without text.

Tesseract is a program of the operating system (Debian's `tesseract-ocr` and `tesseract-ocr-vie`,
installed by `scripts/system_deps.sh`); it is run once per page, one thread each, and gives its
words with their boxes (TSV), which `lines.assemble` puts back into paragraphs as for a PDF's
text layer. Where it is not installed, the upload is refused with a message that says so.

Limits, checked before anything large is decoded: the image's size from its header
(`MAX_IMAGE_PIXELS`), the number of pages (`MAX_OCR_PAGES`), and the time per page.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess  # nosec B404
import warnings
from collections.abc import Callable

from tracker.core.errors import FileError
from tracker.reader.lines import Page, Run

__all__ = [
    "MAX_IMAGE_PIXELS",
    "MAX_OCR_PAGES",
    "image_pages",
    "ready",
    "recognise",
    "recognise_file",
    "require_ocr",
]

MAX_OCR_PAGES = 40  # a scan of more pages is refused (OCR takes a few seconds a page)
MAX_IMAGE_PIXELS = 60_000_000  # an A3 page at 600 dpi; checked from the header before decoding
PAGE_SECONDS = 120  # one page's recognition may take this long, then it is abandoned
IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "TIFF": "TIFF", "BMP": "BMP", "WEBP": "WEBP", "MPO": "JPEG"}


def _settings() -> tuple[str, str]:
    """(the tesseract command, its language) from the app's config (TRACKER_TESSERACT,
    TRACKER_OCR_LANG), or the defaults outside an app."""
    try:
        from flask import current_app

        config = current_app.config
        return config.get("TESSERACT", "tesseract"), config.get("OCR_LANG", "vie")
    except RuntimeError:
        return os.environ.get("TRACKER_TESSERACT", "tesseract"), os.environ.get("TRACKER_OCR_LANG", "vie")


@functools.lru_cache(maxsize=8)
def _languages(command: str) -> frozenset[str] | None:
    """The languages `command` knows, or None when there is no such program."""
    path = shutil.which(command)
    if path is None:
        return None
    try:
        # A fixed argument list, no shell.
        done = subprocess.run(  # noqa: S603  # nosec B603
            [path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    words = (done.stdout + "\n" + done.stderr).split()
    return frozenset(w for w in words if w.isalpha() or "_" in w)


def require_ocr(name: str) -> tuple[str, str]:
    """The command and language to recognise `name` with; a FileError that says what to install
    when Tesseract or its Vietnamese data is missing."""
    command, lang = _settings()
    langs = _languages(command)
    if langs is None:
        raise FileError(
            f"Tệp «{name}» là bản quét (ảnh, không có lớp chữ) nên cần nhận dạng chữ (OCR), nhưng máy chủ "
            "chưa cài phần mềm nhận dạng chữ Tesseract (gói tesseract-ocr và tesseract-ocr-vie). "
            "Hãy báo quản trị viên cài đặt, hoặc dán nội dung văn bản vào ô bên dưới."
        )
    missing = [part for part in lang.split("+") if part not in langs]
    if missing:
        raise FileError(
            f"Tệp «{name}» là bản quét nên cần nhận dạng chữ (OCR), nhưng Tesseract trên máy chủ chưa có "
            f"dữ liệu ngôn ngữ {', '.join(missing)} (gói tesseract-ocr-vie cho tiếng Việt). "
            "Hãy báo quản trị viên cài đặt, hoặc dán nội dung văn bản vào ô bên dưới."
        )
    return command, lang


def ready() -> bool:
    """Whether Tesseract and the configured language are there (to draw scanned pages at all)."""
    command, lang = _settings()
    langs = _languages(command)
    return langs is not None and all(part in langs for part in lang.split("+"))


def recognise(image, command: str, lang: str) -> Page:
    """The words Tesseract reads on a PIL image, as a page of runs in pixels."""
    out = io.BytesIO()
    image.save(out, format="PPM")  # uncompressed: quicker to write than PNG, Tesseract reads it
    return Page(image.width, image.height, _tesseract("stdin", out.getvalue(), command, lang))


def recognise_file(path: str, command: str, lang: str) -> list[Run]:
    """The words Tesseract reads on an image file (a PDF page drawn by `pdfworker`), in pixels."""
    return _tesseract(path, None, command, lang)


def _tesseract(source: str, data: bytes | None, command: str, lang: str) -> list[Run]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        # A fixed argument list, no shell.
        done = subprocess.run(  # noqa: S603  # nosec B603
            [shutil.which(command) or command, source, "stdout", "-l", lang, "--psm", "3", "tsv"],
            input=data,
            capture_output=True,
            timeout=PAGE_SECONDS,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise FileError(
            "Nhận dạng chữ một trang của bản quét quá lâu; hãy tải lên bản quét rõ hơn."
        ) from None
    except OSError:
        raise FileError("Không chạy được phần mềm nhận dạng chữ Tesseract trên máy chủ.") from None
    if done.returncode != 0:
        raise FileError("Phần mềm nhận dạng chữ không đọc được một trang của bản quét.")
    return _runs(done.stdout.decode("utf-8", "replace"))


# OCR reads the dot after an item's number as a comma now and then ("4, Nâng cao", "II, NHIỆM VỤ"),
# and a bold star before it as "#": at the start of a line that is the item's number.
_NUMBER_MISREAD = re.compile(r"^([*_]*)#?((?:\d{1,2}|[IVX]{1,4})),(?=\s|[*_])")


def _runs(tsv: str) -> list[Run]:
    """Tesseract's words grouped into its lines, one run a line."""
    lines: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        try:
            if float(row["conf"]) < 0:
                continue
        except (KeyError, ValueError):
            continue
        lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    runs = []
    for words in lines.values():
        left = [int(w["left"]) for w in words]
        top = [int(w["top"]) for w in words]
        right = [int(w["left"]) + int(w["width"]) for w in words]
        bottom = [int(w["top"]) + int(w["height"]) for w in words]
        text = _NUMBER_MISREAD.sub(r"\1\2.", " ".join(w["text"].strip() for w in words))
        runs.append(Run(min(left), min(top), max(right), max(bottom), text))
    return runs


def image_pages(name: str, data: bytes, progress: Callable[..., None] | None = None) -> list[Page]:
    """The pages of an image file (a multi-page TIFF has several), recognised one by one."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked below
            image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError:
        raise FileError(f"Ảnh «{name}» quá lớn; hãy quét ở 300 dpi.") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise FileError(f"Tệp «{name}» không phải ảnh đọc được (PNG, JPEG, TIFF) hoặc đã bị hỏng.") from None
    if image.format not in IMAGE_FORMATS:
        raise FileError(f"Ảnh «{name}» có định dạng {image.format}; hãy dùng PNG, JPEG hoặc TIFF.")
    if image.width * image.height > MAX_IMAGE_PIXELS:
        raise FileError(
            f"Ảnh «{name}» quá lớn ({image.width} × {image.height} điểm ảnh); hãy quét ở 300 dpi."
        )
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_OCR_PAGES:
        raise FileError(f"Ảnh «{name}» có {frames} trang; tối đa {MAX_OCR_PAGES} trang một lần.")
    command, lang = require_ocr(name)
    pages = []
    if progress:
        progress(0, frames, True)
    for index in range(frames):
        image.seek(index)
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise FileError(
                f"Ảnh «{name}» quá lớn ({image.width} × {image.height} điểm ảnh); hãy quét ở 300 dpi."
            )
        try:
            grey = image.convert("L")
        except (OSError, ValueError, Image.DecompressionBombError):
            raise FileError(f"Ảnh «{name}» bị hỏng, không đọc được.") from None
        pages.append(recognise(grey, command, lang))
        if progress:
            progress(index + 1, frames, True)
    return pages
