"""Managing agencies: create, edit (incl. moving in the tree), activate/deactivate (admins only);
remember another name of an agency (monitors too)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.agencies.models import AGENCY_KINDS, Agency
from tracker.audit import log as audit
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_\-.Đ]{0,39}$")
EMAIL_RE = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")


def _require_admin(actor) -> None:
    if actor is not None and not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới quản lý được danh mục cơ quan."))


def normalise_head_email(raw: str | None) -> str:
    """The head's one address (thủ trưởng cơ quan), copied on an escalated digest; "" for none."""
    email = (raw or "").strip().lower()
    if email and not EMAIL_RE.match(email):
        raise DomainError(
            _("Địa chỉ thư điện tử của thủ trưởng không hợp lệ: %(email)s.", email=email), field="head_email"
        )
    return email[:255]


def normalise_emails(raw: str | list[str]) -> str:
    items = raw if isinstance(raw, list) else re.split(r"[;,\s]+", raw or "")
    emails = [e.strip().lower() for e in items if e and e.strip()]
    bad = [e for e in emails if not EMAIL_RE.match(e)]
    if bad:
        raise DomainError(
            _("Địa chỉ thư điện tử không hợp lệ: %(items)s.", items=", ".join(bad)), field="emails"
        )
    return "; ".join(dict.fromkeys(emails))


def name_taken_message(name: str, existing_name: str, existing_code: str, active: bool = True) -> str:
    if not active:
        return _(
            "Tên «%(name)s» trùng với cơ quan đã có «%(existing)s» (mã %(code)s, đã ngừng hoạt động) khi không "
            "phân biệt chữ hoa, chữ thường và dấu. Hãy đặt tên khác.",
            name=name,
            existing=existing_name,
            code=existing_code,
        )
    return _(
        "Tên «%(name)s» trùng với cơ quan đã có «%(existing)s» (mã %(code)s) khi không phân biệt chữ hoa, "
        "chữ thường và dấu. Hãy đặt tên khác.",
        name=name,
        existing=existing_name,
        code=existing_code,
    )


def check_name(name: str | None, agency: Agency | None = None) -> str:
    """The agency name as stored (names.clean_name), refused when empty, too long, or equal to
    another agency's name up to case and diacritics (names.name_key). The one check of every
    agency name: created or edited on the page, renamed, imported, created from the reader."""
    from tracker.agencies.names import clean_name, name_key

    name = clean_name(name)
    if not name:
        raise DomainError(_("Tên cơ quan không được để trống."), field="name")
    if len(name) > 255:
        raise DomainError(_("Tên cơ quan quá dài (tối đa 255 ký tự)."), field="name")
    if agency is not None and name == agency.name:
        return name  # unchanged: a name stored before this check is not refused on every edit
    key = name_key(name)
    rows = db.session.execute(select(Agency.id, Agency.code, Agency.name, Agency.is_active)).all()
    for other_id, other_code, other_name, other_active in rows:
        if (agency is None or other_id != agency.id) and name_key(other_name) == key:
            raise DomainError(name_taken_message(name, other_name, other_code, other_active), field="name")
    return name


def _validate(code: str, name: str, kind: str, parent: Agency | None, agency: Agency | None = None) -> None:
    if not CODE_RE.match(code or ""):
        raise DomainError(_("Mã cơ quan chỉ gồm chữ in hoa, số, gạch nối (tối đa 40 ký tự)."), field="code")
    if kind not in AGENCY_KINDS:
        raise DomainError(_("Loại cơ quan không hợp lệ."), field="kind")
    clash = db.session.scalar(select(Agency).where(func.upper(Agency.code) == code.upper()))
    if clash is not None and clash is not agency:
        raise DomainError(
            _("Mã «%(code)s» đã được dùng cho %(name)s.", code=code, name=clash.name), field="code"
        )
    if agency is not None and parent is not None and parent.path.startswith(agency.path):
        raise DomainError(
            _("Không thể đặt một cơ quan dưới chính nó hoặc cơ quan cấp dưới của nó."), field="parent"
        )


def create_agency(
    actor,
    *,
    code: str,
    name: str,
    kind: str = "department",
    parent: Agency | None = None,
    emails: str | list[str] = "",
    aliases: str = "",
    is_active: bool = True,
    head_email: str = "",
) -> Agency:
    _require_admin(actor)
    code = (code or "").strip().upper()
    _validate(code, name, kind, parent)
    name = check_name(name)
    agency = Agency(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        emails=normalise_emails(emails),
        head_email=normalise_head_email(head_email),
        aliases=aliases or "",
        is_active=is_active,
    )
    db.session.add(agency)
    db.session.flush()
    agency.refresh_path()
    audit.record("agency.create", agency, actor=actor, code=code)
    return agency


def _refresh_subtree(agency: Agency) -> None:
    agency.refresh_path()
    for child in agency.children:
        _refresh_subtree(child)


def update_agency(
    actor,
    agency: Agency,
    *,
    code: str,
    name: str,
    kind: str,
    parent: Agency | None,
    emails: str | list[str],
    aliases: str = "",
    is_active: bool = True,
    head_email: str | None = None,
) -> dict:
    _require_admin(actor)
    code = (code or "").strip().upper()
    _validate(code, name, kind, parent, agency)
    new = {
        "code": code,
        "name": check_name(name, agency),
        "kind": kind,
        "parent_id": parent.id if parent else None,
        "emails": normalise_emails(emails),
        "aliases": aliases or "",
        "is_active": is_active,
    }
    if head_email is not None:
        new["head_email"] = normalise_head_email(head_email)
    changes = {k: (getattr(agency, k), v) for k, v in new.items() if getattr(agency, k) != v}
    for k, v in new.items():
        setattr(agency, k, v)
    agency.parent = parent
    if "parent_id" in changes:
        db.session.flush()
        _refresh_subtree(agency)
    if changes:
        audit.record(
            "agency.update",
            agency,
            actor=actor,
            changes={k: [str(o), str(n)] for k, (o, n) in changes.items()},
        )
    return changes


def add_alias(actor, agency: Agency, alias: str) -> bool:
    """Remember `alias` as another name of `agency` (how a document wrote it), so the reader
    matches it from then on. Monitors and admins: the review of a programme is where a monitor
    meets a name the registry does not know. Refused when the name already means another
    agency of the same province. Returns False when the agency already has that name."""
    from tracker.agencies.names import normalize
    from tracker.agencies.registry import load_registry

    if actor is not None and not actor.is_monitor:
        raise PermissionDenied(
            _("Chỉ cán bộ theo dõi hoặc quản trị viên mới ghi nhớ được tên gọi của cơ quan.")
        )
    alias = " ".join((alias or "").split())
    if not alias or len(alias) > 255:
        raise DomainError(_("Tên gọi khác phải có từ 1 đến 255 ký tự."), field="aliases")
    if ";" in alias:
        raise DomainError(_("Tên gọi khác không được chứa dấu «;»."), field="aliases")
    wanted = normalize(alias)
    if wanted in {normalize(name) for name in (agency.name, *agency.alias_list)}:
        return False
    registry = load_registry()
    info = registry.get(agency.code)
    province = info.root if info is not None and info.root in registry.provinces else None
    other = registry.matcher(province).match(alias)
    if other is not None and other.code != agency.code:
        raise DomainError(
            _(
                "«%(alias)s» đã là tên của %(name)s (%(code)s).",
                alias=alias,
                name=other.name,
                code=other.code,
            ),
            field="aliases",
        )
    agency.aliases = "; ".join([*agency.alias_list, alias])
    audit.record("agency.alias", agency, actor=actor, alias=alias)
    return True
