"""The Word report as PDF, converted by LibreOffice headless where the server has it (Debian's
`libreoffice-writer`): the PDF is the Word document itself, page for page, not another layout.

Where LibreOffice is missing, `available()` is False: the page hides the PDF button and the route
answers with a message that says so (the print view's "In" still makes a PDF in the browser)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess  # nosec B404
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from flask_babel import gettext

from tracker.core.errors import DomainError
from tracker.core.text import N_

TIMEOUT_SECONDS = 180
UNAVAILABLE = N_(
    "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF. Hãy tải bản Word (.docx), "
    "hoặc mở «Bản in» và chọn «Lưu dưới dạng PDF» trong hộp thoại in."
)
# One LibreOffice profile for the server's user, used by one conversion at a time (a thread lock in
# the process, a file lock between the web workers): two instances sharing a profile would fail, and
# a fresh profile for every conversion costs seconds.
_lock = threading.Lock()


class ConversionError(DomainError):
    """The PDF could not be made. The message is kept untranslated: the conversion runs while the
    Vietnamese document is made, the page that says so speaks the session's language
    (`in_language`, under that language)."""

    http_status = 503

    def __init__(self, text: str, **params):
        super().__init__(text % params if params else text)
        self.text, self.params = text, params

    def in_language(self) -> str:
        return gettext(self.text, **self.params)


def _binary() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def available() -> bool:
    return _binary() is not None


def _profile() -> Path:
    return Path(tempfile.gettempdir()) / f"tracker-libreoffice-{os.getuid()}"


@contextmanager
def _exclusive():
    """This process's and the other workers' conversions one at a time."""
    with _lock, open(f"{_profile()}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def docx_to_pdf(docx: bytes, name: str = "bao-cao") -> bytes:
    """The PDF of a .docx; ConversionError with a Vietnamese message if it cannot be made here."""
    binary = _binary()
    if binary is None:
        raise ConversionError(UNAVAILABLE)
    with _exclusive(), tempfile.TemporaryDirectory(prefix="tracker-pdf-") as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
        try:
            subprocess.run(  # noqa: S603  # nosec B603
                [
                    binary,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={_profile().as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
            raise ConversionError(
                N_("LibreOffice không chuyển được báo cáo sang PDF (%(error)s)."), error=type(e).__name__
            ) from e
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise ConversionError(N_("LibreOffice không tạo ra tệp PDF của báo cáo."))
        return target.read_bytes()
