"""Registering source documents, and the helpers for adding their tasks (positions, fan-out groups).

Like every operation: permission and validation here, events/audit written, flush but never commit.
The tasks themselves are created by `tracker.tasks.operations` (create_task, create_section, fan_out)
at the place `tracker.tasks.placement` finds for them.
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.audit import log as audit
from tracker.core.dates import fmt_date, today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.core.text import N_
from tracker.db import db, utcnow
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS, Document

# The groups a directive is addressed to ("Các sở, ban, ngành, UBND các huyện…"), by agency kind.
FAN_OUT_GROUPS = {
    "department": N_("Các sở, ban, ngành"),
    "district": N_("UBND cấp huyện"),
    "commune": N_("UBND cấp xã"),
    "central": N_("Cơ quan ngành dọc"),
    "public_unit": N_("Đơn vị sự nghiệp"),
}

_FIELDS = ("symbol", "kind", "issuer", "issuer_level", "province_id", "issued_on", "title", "is_urgent")


def _require_manage(actor) -> None:
    if not actor.is_monitor:
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới đăng ký và sửa được văn bản."))


def normalise_symbol(symbol: str) -> str:
    """'91 - KL/TU ' -> '91-KL/TU': no spaces around - and /, single spaces elsewhere."""
    text = " ".join((symbol or "").split())
    return re.sub(r"\s*([-/])\s*", r"\1", text)


def _symbol_key(symbol: str) -> str:
    return normalise_symbol(symbol).replace(" ", "").casefold()


def find_by_symbol(symbol: str, exclude: Document | None = None) -> Document | None:
    """The document with this number/symbol, ignoring case and spacing ('91-kl/tu' = '91-KL/TU')."""
    key = _symbol_key(symbol)
    # Compared in Python: SQLite's lower() does not fold Vietnamese letters such as Đ.
    for doc_id, existing in db.session.execute(select(Document.id, Document.symbol)):
        if _symbol_key(existing) == key and (exclude is None or doc_id != exclude.id):
            return db.session.get(Document, doc_id)
    return None


def _validate(values: dict, document: Document | None = None) -> dict:
    symbol = normalise_symbol(values.get("symbol") or "")
    if not symbol:
        raise DomainError(_("Hãy nhập số, ký hiệu văn bản (ví dụ 1889/UBND-KSTT)."), field="symbol")
    if len(symbol) > 120:
        raise DomainError(_("Số, ký hiệu quá dài (tối đa 120 ký tự)."), field="symbol")
    clash = find_by_symbol(symbol, exclude=document)
    if clash is not None:
        raise DomainError(
            _(
                "Văn bản số «%(symbol)s» đã được đăng ký (ngày ban hành %(day)s). "
                "Hãy kiểm tra lại số, ký hiệu hoặc mở văn bản đã có để thêm nhiệm vụ.",
                symbol=clash.symbol,
                day=fmt_date(clash.issued_on),
            ),
            field="symbol",
        )
    if values.get("kind") not in DOCUMENT_KINDS:
        raise DomainError(_("Hãy chọn loại văn bản."), field="kind")
    if values.get("issuer_level") not in ISSUER_LEVELS:
        raise DomainError(_("Hãy chọn cấp ban hành."), field="issuer_level")
    issued_on = values.get("issued_on")
    if not isinstance(issued_on, dt.date):
        raise DomainError(_("Hãy nhập ngày ban hành (ngày/tháng/năm)."), field="issued_on")
    if issued_on > today():
        raise DomainError(_("Ngày ban hành không thể ở tương lai."), field="issued_on")
    title = (values.get("title") or "").strip()
    if not title:
        raise DomainError(_("Hãy nhập trích yếu nội dung văn bản."), field="title")
    province = values.get("province")
    if province is not None and province.kind not in ISSUER_KINDS:
        raise DomainError(_("Hãy chọn tỉnh trong danh sách."), field="province_id")
    return {
        "symbol": symbol,
        "kind": values["kind"],
        "issuer": (values.get("issuer") or "").strip()[:255],
        "issuer_level": values["issuer_level"],
        "province_id": province.id if province is not None else None,
        "issued_on": issued_on,
        "title": title,
        "is_urgent": bool(values.get("is_urgent")),
    }


def register_document(
    actor,
    *,
    symbol: str,
    kind: str,
    issued_on: dt.date,
    title: str,
    issuer: str = "",
    issuer_level: str = "committee",
    province: Agency | None = None,
    is_urgent: bool = False,
) -> Document:
    """Register a source document (văn bản giao nhiệm vụ). Monitors and admins only; the number/symbol
    must not be registered already."""
    _require_manage(actor)
    clean = _validate(
        dict(
            symbol=symbol,
            kind=kind,
            issued_on=issued_on,
            title=title,
            issuer=issuer,
            issuer_level=issuer_level,
            province=province,
            is_urgent=is_urgent,
        )
    )
    document = Document(created_by_id=getattr(actor, "id", None), **clean)
    db.session.add(document)
    db.session.flush()
    audit.record("document.create", document, actor=actor, symbol=document.symbol)
    return document


def update_document(
    actor,
    document: Document,
    *,
    symbol: str,
    kind: str,
    issued_on: dt.date,
    title: str,
    issuer: str = "",
    issuer_level: str = "committee",
    province: Agency | None = None,
    is_urgent: bool = False,
) -> dict:
    """Correct a document's particulars. Monitors and admins only. Its tasks keep their own dates.
    Returns the changes (field -> (old, new)), all written to the audit log."""
    _require_manage(actor)
    clean = _validate(
        dict(
            symbol=symbol,
            kind=kind,
            issued_on=issued_on,
            title=title,
            issuer=issuer,
            issuer_level=issuer_level,
            province=province,
            is_urgent=is_urgent,
        ),
        document,
    )
    changes = {k: (getattr(document, k), v) for k, v in clean.items() if getattr(document, k) != v}
    for key, (_old, new) in changes.items():
        setattr(document, key, new)
    if changes:
        db.session.flush()
        audit.record(
            "document.update",
            document,
            actor=actor,
            changes={k: [str(o), str(n)] for k, (o, n) in changes.items()},
        )
    return changes


# ---------------------------------------------------------------- the public programme page


def set_published(actor, document: Document, published: bool) -> bool:
    """Publish a document on the public programme page (/cong-khai/), or withdraw it: a monitor's
    decision (the command line acts without an account, actor None), audited. Returns whether
    anything changed (publishing a published document does not)."""
    if actor is not None and not actor.is_monitor:
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới công khai hoặc thôi công khai được văn bản."))
    if document.is_published == published:
        return False
    if published:
        document.published_at = utcnow()
        document.published_by_id = getattr(actor, "id", None)
    else:
        document.published_at = None
        document.published_by_id = None
    audit.record(
        "document.published" if published else "document.unpublished",
        document,
        actor=actor,
        symbol=document.symbol,
    )
    db.session.flush()
    return True
