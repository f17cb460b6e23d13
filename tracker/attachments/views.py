"""Downloading attachments: only by who may see the task or document they belong to."""

from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

from tracker.attachments import storage
from tracker.attachments.models import Attachment
from tracker.core.access import refuse
from tracker.db import db
from tracker.tasks.permissions import get_document_or_404, get_task_or_404

bp = Blueprint("attachments", __name__, url_prefix="/attachments")


@bp.route("/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        refuse(404, object="attachment", id=attachment_id)
    if attachment.task_id is not None:
        get_task_or_404(attachment.task_id)
    elif attachment.document_id is not None:
        get_document_or_404(attachment.document_id)
    else:
        refuse(404, object="attachment", id=attachment_id)
    return storage.send(attachment, missing=lambda: refuse(404, object="attachment_file", id=attachment_id))
