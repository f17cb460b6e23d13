"""Changing the scoring rules. Admins only (the command line and the seed act without an account);
audited with each changed field as [before, after]; flushes, the caller commits."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.audit import log as audit
from tracker.audit.models import Setting
from tracker.core.errors import PermissionDenied
from tracker.db import db, utcnow
from tracker.scores import settings


def update_score_settings(actor, values: dict) -> settings.ScoreSettings:
    if actor is not None and not getattr(actor, "is_admin", False):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới thay đổi được cách chấm điểm."))
    before = settings.load().as_dict()
    after = settings.validate(values)
    row = db.session.get(Setting, settings.SETTING_KEY)
    if row is None:
        row = Setting(key=settings.SETTING_KEY)
        db.session.add(row)
    row.value = after.as_dict()
    row.updated_by_id = getattr(actor, "id", None)
    row.updated_at = utcnow()
    changes = {k: [v, after.as_dict()[k]] for k, v in before.items() if after.as_dict()[k] != v}
    audit.record("score.settings", row, actor=actor, changes=changes)
    db.session.flush()
    return after
