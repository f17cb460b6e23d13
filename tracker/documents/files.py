"""The file of a source document (the PDF or Word copy of the văn bản): an `Attachment` row pointing
to the document, checked, stored and served by the one storage of files (`attachments.storage`)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tracker.attachments import storage
from tracker.attachments.models import Attachment
from tracker.audit import log as audit
from tracker.core.errors import DomainError
from tracker.db import db
from tracker.documents.models import Document

ACCEPT = storage.DOCUMENT_FILES.accept  # for <input type=file accept=…>


def check_file(file: FileStorage | None) -> storage.Upload | None:
    """Check an uploaded document file before anything is written (PDF or Word, by its content);
    None when no file was chosen. AttachmentError (field "file") if it is refused."""
    upload = storage.check_upload(file, storage.DOCUMENT_FILES)
    if upload is not None:
        upload.original_name = storage.clean_name(file.filename, default="van-ban")
    return upload


def store_document_file(actor, document: Document, file: FileStorage | storage.Upload) -> Attachment:
    """Store the file and add its Attachment row (flushed, not committed); the file is removed if
    the transaction does not commit."""
    upload = file if isinstance(file, storage.Upload) else check_file(file)
    if upload is None:
        raise DomainError(_("Hãy chọn tệp văn bản."), field="file")
    db.session.flush()  # the document has its id
    attachment = storage.store(upload, actor=actor, document=document)
    db.session.flush()
    audit.record(
        "document.file",
        document,
        actor=actor,
        attachment=attachment.id,
        name=attachment.original_name,
        size=attachment.size,
    )
    return attachment


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
