"""Changing the letterhead of the reports that go out. Admins only; audited; flushes, the caller commits."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.audit import log as audit
from tracker.audit.models import Setting
from tracker.core.errors import PermissionDenied
from tracker.db import db, utcnow
from tracker.letterhead import settings


def update_letterhead(actor, values: dict) -> settings.Letterhead:
    """Set the issuing body, its parent, the place, the symbol, the recipients and the signer of the
    Word / PDF report. Only an admin may; a bad value raises DomainError naming the field and
    changes nothing; the audit entry lists each changed field as [before, after]."""
    if actor is None or not getattr(actor, "is_admin", False):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới thay đổi được thể thức văn bản báo cáo."))
    before = settings.load().as_dict()
    after = settings.validate(values)
    row = db.session.get(Setting, settings.SETTING_KEY)
    if row is None:
        row = Setting(key=settings.SETTING_KEY)
        db.session.add(row)
    row.value = after.as_dict()
    row.updated_by_id = actor.id
    row.updated_at = utcnow()
    changes = {k: [v, after.as_dict()[k]] for k, v in before.items() if after.as_dict()[k] != v}
    audit.record("letterhead.settings", row, actor=actor, changes=changes)
    db.session.flush()
    return after
