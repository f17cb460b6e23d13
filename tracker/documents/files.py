"""The file of a source document (the PDF or Word copy of the văn bản), kept on disk outside the
web root under a random name, with an `Attachment` row pointing to the document.

This is a small, self-contained storage helper for documents only. The general attachments package
(`tracker/attachments/`, for tasks and timeline events) has its own; the two should be unified
later into one storage module — keep the on-disk layout (flat, random names in UPLOAD_DIR) the same.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tracker.attachments.models import Attachment
from tracker.audit import log as audit
from tracker.core.errors import DomainError
from tracker.db import db
from tracker.documents.models import Document

# extension -> (content type, the first bytes a real file of that type starts with)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
}
ACCEPT = ",".join(ALLOWED_TYPES)  # for <input type=file accept=…>
_CHUNK = 64 * 1024


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def clean_name(filename: str | None) -> str:
    """The name the user's file had, without any path or control characters (kept for download)."""
    name = unicodedata.normalize("NFC", filename or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if not name:
        return "van-ban"
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[: 200 - len(ext)] + ext
    return name


def check_file(storage: FileStorage | None) -> tuple[str, str] | None:
    """Check an uploaded document file before anything is written; returns (clean name, content
    type), or None when no file was chosen. DomainError (field "file") if it is not PDF or Word."""
    if storage is None or not storage.filename:
        return None
    name = clean_name(storage.filename)
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_TYPES:
        raise DomainError("Tệp văn bản phải là PDF hoặc Word (.pdf, .doc, .docx).", field="file")
    content_type, magics = ALLOWED_TYPES[ext]
    head = storage.stream.read(16)
    storage.stream.seek(0)
    if not head:
        raise DomainError("Tệp đã chọn trống. Hãy chọn lại tệp văn bản.", field="file")
    if not any(head.startswith(m) for m in magics):
        raise DomainError(
            f"Nội dung tệp «{name}» không phải tệp {ext[1:].upper()} hợp lệ. Hãy chọn lại tệp văn bản.",
            field="file",
        )
    return name, content_type


def store_document_file(actor, document: Document, storage: FileStorage) -> Attachment:
    """Write the file to UPLOAD_DIR under a random name and add its Attachment row (flushed, not
    committed). The caller removes the written file with `discard` if its transaction fails."""
    checked = check_file(storage)
    if checked is None:
        raise DomainError("Hãy chọn tệp văn bản.", field="file")
    name, content_type = checked
    stored_name = secrets.token_hex(24)
    target = upload_dir() / stored_name
    digest, size = hashlib.sha256(), 0
    # O_EXCL: never overwrite an existing file, whatever the odds of a name clash.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := storage.stream.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    attachment = Attachment(
        document_id=document.id,
        original_name=name,
        stored_name=stored_name,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(attachment)
    db.session.flush()
    audit.record("document.file", document, actor=actor, attachment=attachment.id, name=name, size=size)
    return attachment


def discard(attachment: Attachment | None) -> None:
    """Remove a file written for a transaction that was then rolled back."""
    if attachment is not None:
        (upload_dir() / attachment.stored_name).unlink(missing_ok=True)


def path_of(attachment: Attachment) -> Path:
    return upload_dir() / attachment.stored_name


def document_files(document: Document) -> list[Attachment]:
    """The document's files, newest first (the first is the file in force; earlier ones are kept)."""
    return list(
        db.session.scalars(
            select(Attachment)
            .where(Attachment.document_id == document.id, Attachment.task_id.is_(None))
            .order_by(Attachment.created_at.desc(), Attachment.id.desc())
        )
    )


def human_size(size: int) -> str:
    from tracker.core.dates import fmt_number

    if size < 1024 * 1024:
        return f"{fmt_number(max(1, round(size / 1024)))} KB"
    return f"{fmt_number(size / (1024 * 1024), 1)} MB"
