"""Attachments of a task through the API: list, upload (multipart), metadata and download.

Who may see a file is who may see its task (or its document); who may add one: monitors and the
focal points of the task's lead or coordinating agencies.
"""

from __future__ import annotations

import dataclasses

from flask import request
from flask_login import current_user
from sqlalchemy import select

from tracker.api.core import endpoint
from tracker.api.errors import ApiError
from tracker.api.resources import load_task, paginate
from tracker.api.schemas import PAGING
from tracker.api.serialize import attachment_json
from tracker.api.validation import invalid
from tracker.attachments import storage
from tracker.attachments.models import Attachment
from tracker.audit import log as audit
from tracker.core.access import refuse
from tracker.core.text import N_
from tracker.db import db
from tracker.tasks import operations, permissions
from tracker.tasks.permissions import get_document_or_404, get_task_or_404

# Any bytes make a file, so the part has no JSON type to violate (a multipart part is always text).
UPLOAD_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"contentMediaType": "application/octet-stream", "description": N_("Nội dung tệp.")}
    },
    "required": ["file"],
}


@endpoint(
    "/tasks/<int:task_id>/attachments",
    summary=N_("Tệp đính kèm của nhiệm vụ"),
    tag="attachments",
    query=PAGING,
    success=(200, "AttachmentPage"),
)
def task_attachments(task_id: int, args, body):
    task = load_task(task_id)
    stmt = (
        select(Attachment).where(Attachment.task_id == task.id).order_by(Attachment.created_at, Attachment.id)
    )
    return paginate(stmt, args, attachment_json)


@endpoint(
    "/tasks/<int:task_id>/attachments",
    "POST",
    summary=N_("Đính kèm tệp vào nhiệm vụ"),
    tag="attachments",
    description=N_("multipart/form-data với trường `file`; giới hạn dung lượng như trang web."),
    multipart=UPLOAD_SCHEMA,
    success=(201, "Attachment"),
    statuses=("413",),
)
def upload_attachment(task_id: int, args, body):
    task = load_task(task_id)
    actor = current_user._get_current_object()
    if not (
        permissions.can_manage(actor)
        or permissions.is_lead_focal(actor, task)
        or permissions.is_coordinating_focal(actor, task)
    ):
        raise ApiError(
            403,
            "forbidden",
            "Bạn không được đính kèm tệp vào nhiệm vụ này.",
            "You may not attach files to this task.",
        )
    if not request.mimetype or request.mimetype != "multipart/form-data":
        raise ApiError(
            400,
            "bad_request",
            "Cần gửi multipart/form-data với trường «file».",
            "Send multipart/form-data with a `file` field.",
        )
    file = request.files.get("file")
    if file is None:
        raise invalid("file", "bắt buộc phải có tệp.", "a file is required.")
    # The one storage: the pages' check by content, allowed types, name cleaning, stored type, and
    # the file removed if the request rolls back. A refusal is the pages' message (422).
    upload = storage.check_upload(file, dataclasses.replace(storage.ATTACHMENTS, field="file"))
    if upload is None:  # a part without a file name
        raise invalid("file", "bắt buộc phải có tệp.", "a file is required.")
    event = operations.add_event(task, actor, "attachment", {}, upload.original_name)
    [att] = storage.store_all([upload], actor=actor, task=task, event=event)
    db.session.flush()
    audit.record("attachment.upload", att, actor=actor, task=task.id, name=att.original_name, size=att.size)
    return attachment_json(att), 201


def load_attachment(attachment_id: int) -> Attachment:
    att = db.session.get(Attachment, attachment_id)
    if att is None:
        refuse(404, object="attachment", id=attachment_id)
    # Visible through its task, else through its document; 404 either way if not.
    if att.task_id is not None:
        get_task_or_404(att.task_id)
    elif att.document_id is not None:
        get_document_or_404(att.document_id)
    elif not current_user.sees_everything:
        refuse(404, object="attachment", id=attachment_id)
    return att


@endpoint(
    "/attachments/<int:attachment_id>",
    summary=N_("Thông tin một tệp đính kèm"),
    tag="attachments",
    success=(200, "Attachment"),
)
def attachment(attachment_id: int, args, body):
    return attachment_json(load_attachment(attachment_id))


@endpoint(
    "/attachments/<int:attachment_id>/content",
    summary=N_("Tải tệp đính kèm"),
    tag="attachments",
    success=(200, None),
    produces={"*/*": {"schema": {}}},
)
def attachment_content(attachment_id: int, args, body):
    att = load_attachment(attachment_id)
    return storage.send(att, missing=lambda: refuse(404, object="attachment_file", id=attachment_id))
