"""The one storage of uploaded files — attachments of tasks and timeline events (pages and API) and
the files of source documents: which types are allowed, the check of a file by its content (the
type stored and served is the one the content shows, never the client's), the cleaning of the file
name (folders, control and bidi characters), the write under a random name in UPLOAD_DIR (outside
the web root), the removal of the files of a transaction that did not commit, and the one download
rule (`send`: attachment, nosniff, the stored type).

A file is written to a temporary name and renamed into place only when complete, so a failed write
(disk full, read-only directory) leaves no half file. A file written during a database transaction
that does not commit (an error, a refusal) is deleted when the transaction ends, so no file outlives
the row that names it, and no row names a missing file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.attachments.models import Attachment
from tracker.core.errors import DomainError
from tracker.core.text import N_
from tracker.db import db

CHUNK = 64 * 1024
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")

# extension -> (kind, content type served on download)
ALLOWED = {
    "pdf": ("pdf", "application/pdf"),
    "doc": ("doc", "application/msword"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": ("xls", "application/vnd.ms-excel"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "png": ("png", "image/png"),
    "jpg": ("jpeg", "image/jpeg"),
    "jpeg": ("jpeg", "image/jpeg"),
    "gif": ("gif", "image/gif"),
    "webp": ("webp", "image/webp"),
}
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED)
ALLOWED_LABEL = N_("PDF, Word (.doc, .docx), Excel (.xls, .xlsx), ảnh (.png, .jpg, .gif, .webp)")
SERVED_TYPES = {content_type for _, content_type in ALLOWED.values()}


@dataclass(frozen=True)
class Accepted:
    """What one kind of upload accepts: its extensions (a subset of ALLOWED), in words, and the form
    field a refusal is shown under."""

    extensions: tuple[str, ...]
    label: str
    field: str

    @property
    def accept(self) -> str:  # for <input type=file accept=…>
        return ",".join(f".{ext}" for ext in self.extensions)


ATTACHMENTS = Accepted(tuple(ALLOWED), ALLOWED_LABEL, "files")
DOCUMENT_FILES = Accepted(("pdf", "doc", "docx"), N_("PDF hoặc Word (.pdf, .doc, .docx)"), "file")

log = logging.getLogger(__name__)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class AttachmentError(DomainError):
    """An uploaded file refused (type, size) or that could not be stored."""

    def __init__(self, message: str, field: str = "files"):
        super().__init__(message, field=field)


@dataclass
class Upload:
    """A checked upload, not yet stored: its bytes were read once (the request size is limited)."""

    original_name: str
    kind: str
    content_type: str
    data: bytes


def _hidden(ch: str) -> bool:
    """Control, format (bidi overrides such as U+202E, zero-width characters), private-use,
    unassigned characters and line separators: nothing a file name shows or needs."""
    return unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")


def clean_name(name: str | None, default: str = "tep-dinh-kem") -> str:
    """The file's own name (no folders, no control nor bidi characters), kept readable in
    Vietnamese: "report\u202egpj.exe" is stored as "reportgpj.exe", not shown as "reportexe.jpg"."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if not _hidden(ch))
    name = " ".join(name.split()).strip(". ")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext) if dot and len(ext) <= 8 else name[:200]
    return name or default


def _zip_members(data: bytes) -> set[str]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {i.filename for i in zf.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        return set()


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are, by their content, or None if not one we accept."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(_OLE):
        # Old Office files: the stream names of the compound file say which program made it.
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
        return None
    if data.startswith(b"PK\x03\x04"):
        members = _zip_members(data)
        if "[Content_Types].xml" not in members:
            return None
        if any(m.startswith("word/") for m in members):
            return "docx"
        if any(m.startswith("xl/") for m in members):
            return "xlsx"
    return None


def max_file_bytes() -> int:
    return int(current_app.config.get("ATTACHMENT_MAX_BYTES") or current_app.config["MAX_CONTENT_LENGTH"])


def check_upload(file_storage, accepted: Accepted = ATTACHMENTS) -> Upload | None:
    """Read and check one uploaded file; None when the field was left empty. Raises AttachmentError
    (on `accepted.field`). The same check, with the same messages, for every door: the pages' files,
    the documents' files, the API's uploads."""
    if file_storage is None or not getattr(file_storage, "filename", ""):
        return None
    name = clean_name(file_storage.filename)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in accepted.extensions:
        raise AttachmentError(
            _(
                "Tệp «%(name)s» không thuộc loại được phép. Chỉ nhận: %(types)s.",
                name=name,
                types=_(accepted.label),
            ),
            accepted.field,
        )
    limit = max_file_bytes()
    data = file_storage.stream.read(limit + 1)
    if len(data) > limit:
        raise AttachmentError(
            _("Tệp «%(name)s» vượt quá giới hạn %(mb)s MB.", name=name, mb=limit // (1024 * 1024)),
            accepted.field,
        )
    if not data:
        raise AttachmentError(_("Tệp «%(name)s» trống.", name=name), accepted.field)
    kind, content_type = ALLOWED[ext]
    if sniff(data) != kind:
        raise AttachmentError(
            _(
                "Nội dung tệp «%(name)s» không phải tệp %(type)s hợp lệ (có thể tệp bị đổi đuôi hoặc hỏng). "
                "Chỉ nhận: %(types)s.",
                name=name,
                type=ext.upper(),
                types=_(accepted.label),
            ),
            accepted.field,
        )
    return Upload(original_name=name, kind=kind, content_type=content_type, data=data)


def check_uploads(files, accepted: Accepted = ATTACHMENTS) -> list[Upload]:
    """Check every file of a multiple-file field before anything is written."""
    uploads = [u for u in (check_upload(f, accepted) for f in files or []) if u is not None]
    if len(uploads) > 10:
        raise AttachmentError(_("Mỗi lần chỉ đính kèm tối đa 10 tệp."), accepted.field)
    return uploads


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


# Names given by the writers of UPLOAD_DIR before there was one storage, kept flat: the API's
# uploads (40 hex digits) and the documents' files (48). Their files are still read.
FLAT_NAME = re.compile(r"^[0-9a-f]{40}$|^[0-9a-f]{48}$")


def path_of(attachment: Attachment) -> Path | None:
    """Where an attachment's bytes are: sharded by the first two characters of its name, or flat
    for the files stored before there was one storage; None for a name no writer would have given."""
    name = attachment.stored_name or ""
    if STORED_NAME.match(name):
        return upload_dir() / name[:2] / name
    if FLAT_NAME.match(name):
        return upload_dir() / name
    return None


def _write(target: Path, data: bytes) -> None:
    """Write to a temporary file next to the target, then rename: the target is whole or absent."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            for start in range(0, len(data), CHUNK):
                fh.write(data[start : start + CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def store(upload: Upload, *, actor=None, task=None, event=None, document=None) -> Attachment:
    """Write the file and add its row to the session (the caller commits). Raises AttachmentError
    when the file cannot be written; nothing is left behind then."""
    stored_name = secrets.token_hex(16)
    target = upload_dir() / stored_name[:2] / stored_name
    try:
        _write(target, upload.data)
    except OSError as exc:
        log.error("Could not store an attachment in %s: %s", upload_dir(), exc)
        raise AttachmentError(
            _(
                "Không lưu được tệp đính kèm do lỗi lưu trữ trên máy chủ (ổ đĩa đầy hoặc không ghi được). "
                "Chưa có gì được ghi nhận; hãy thử lại sau hoặc báo quản trị hệ thống."
            ),
            "file" if document is not None and task is None else "files",
        ) from exc
    _pending(db.session).append(target)
    attachment = Attachment(
        original_name=upload.original_name,
        stored_name=stored_name,
        content_type=upload.content_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        uploaded_by_id=getattr(actor, "id", None),
        task_id=getattr(task, "id", None),
        event_id=getattr(event, "id", None),
        document_id=getattr(document, "id", None),
    )
    db.session.add(attachment)
    return attachment


def store_all(uploads: list[Upload], **links) -> list[Attachment]:
    if not uploads:
        return []
    db.session.flush()  # the event / task must have its id
    return [store(u, **links) for u in uploads]


# ---------------------------------------------------------------- the one download rule


def served_type(attachment: Attachment) -> str:
    """The type a download is served as: the one stored from the file's content; a file stored
    before that rule with a client's type (text/html…) goes out as plain bytes."""
    return attachment.content_type if attachment.content_type in SERVED_TYPES else "application/octet-stream"


def send(attachment: Attachment, *, missing: Callable[[], None]):
    """The response of every download of a stored file (task and event files, document files, the
    API): always a download (Content-Disposition: attachment, with the cleaned name), never sniffed
    by the browser, the stored type, never cached by a shared cache. `missing()` is called (and
    must raise) when the file is not on disk."""
    path = path_of(attachment)
    if path is None or not path.is_file():
        missing()
    response = send_file(
        path,
        mimetype=served_type(attachment),
        as_attachment=True,
        download_name=clean_name(attachment.original_name),
        max_age=0,
        conditional=True,
        etag=attachment.sha256 or True,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- files of transactions that did not commit

_KEY = "tracker_new_files"


def _pending(session) -> list[Path]:
    return session.info.setdefault(_KEY, [])


@event.listens_for(Session, "after_commit")
def _keep_committed_files(session):
    if not session.in_nested_transaction():
        session.info.pop(_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _delete_uncommitted_files(session, transaction):
    if transaction.parent is not None or transaction.nested:
        return
    for path in session.info.pop(_KEY, []):
        try:
            path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - nothing better to do than leave it
            log.warning("Could not remove the uncommitted attachment %s", path)
