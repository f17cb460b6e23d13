"""The reminders' verbs: change the settings, switch a part of an agency's digest off or on, choose to
receive the digest. Each checks who may do it, writes the audit log and flushes; the caller commits."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.audit import log as audit
from tracker.audit.models import Setting
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db, utcnow
from tracker.reminders import settings
from tracker.reminders.models import SWITCH_KINDS, ReminderSwitch
from tracker.tasks import permissions


def _require_manage(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ theo dõi hoặc quản trị mới thay đổi được cài đặt nhắc việc."))


def update_settings(actor, values: dict) -> settings.ReminderSettings:
    """Monitors and admins set the hour, the days-before list, the weekly day and the thresholds."""
    _require_manage(actor)
    before = settings.load()
    after = settings.validate(values)
    row = db.session.get(Setting, settings.SETTING_KEY)
    if row is None:
        row = Setting(key=settings.SETTING_KEY)
        db.session.add(row)
    row.value = after.as_dict()
    row.updated_by_id = actor.id
    row.updated_at = utcnow()
    changes = {k: [v, after.as_dict()[k]] for k, v in before.as_dict().items() if after.as_dict()[k] != v}
    audit.record("reminders.settings", row, actor=actor, changes=changes)
    db.session.flush()
    return after


def set_switch(actor, agency, kind: str, enabled: bool) -> None:
    """Switch a part of one agency's daily digest off (enabled=False) or back on."""
    _require_manage(actor)
    if kind not in SWITCH_KINDS:
        raise DomainError(_("Loại nhắc việc không hợp lệ."), field="kind")
    if agency is None:
        raise DomainError(_("Hãy chọn cơ quan."), field="agency_id")
    row = db.session.get(ReminderSwitch, (agency.id, kind))
    if enabled and row is not None:
        db.session.delete(row)
    elif not enabled and row is None:
        db.session.add(ReminderSwitch(agency_id=agency.id, kind=kind, created_by_id=actor.id))
    else:
        return
    audit.record("reminders.switch_on" if enabled else "reminders.switch_off", agency, actor=actor, kind=kind)
    db.session.flush()


def set_receive_digest(actor, receive: bool) -> None:
    """A user chooses whether to receive the reminder e-mails addressed to people (a focal point: its
    agency's daily digest, which the agency's own addresses always receive; a monitor: the weekly overview)."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Hãy đăng nhập."))
    if bool(actor.receive_digest) == bool(receive):
        return
    actor.receive_digest = bool(receive)
    audit.record("reminders.receive_digest", actor, actor=actor, receive=bool(receive))
    db.session.flush()
