"""The calendar's verbs: add days off or làm bù days (one day or a range), change or remove them, load
the official days of a year. Admins only; each writes the audit log and flushes, the caller commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.audit import log as audit
from tracker.core.dates import WEEKDAY_NAMES, fmt_date
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.workdays import store
from tracker.workdays.models import CalendarDay
from tracker.workdays.official import KIND_WORKING, KINDS, official_days

MAX_RANGE_DAYS = 31
NAME_MAX = 160


def _require_admin(actor) -> None:
    # The CLI acts without an account (actor None), as the other commands that change data.
    if actor is not None and not getattr(actor, "is_admin", False):
        raise PermissionDenied(_("Chỉ quản trị mới thay đổi được lịch ngày nghỉ."))


def _days(first: dt.date | None, last: dt.date | None) -> list[dt.date]:
    if first is None:
        raise DomainError(_("Hãy nhập ngày (ngày/tháng/năm)."), field="first")
    last = last or first
    if last < first:
        raise DomainError(_("Ngày kết thúc không thể trước ngày bắt đầu."), field="last")
    count = (last - first).days + 1
    if count > MAX_RANGE_DAYS:
        raise DomainError(
            _(
                "Mỗi lần thêm tối đa %(MAX_RANGE_DAYS)s ngày (đã chọn %(count)s ngày); hãy kiểm tra lại ngày kết thúc.",
                MAX_RANGE_DAYS=MAX_RANGE_DAYS,
                count=count,
            ),
            field="last",
        )
    if not 2000 <= first.year <= 2100 or not 2000 <= last.year <= 2100:
        raise DomainError(_("Năm phải từ 2000 đến 2100."), field="first")
    return [first + dt.timedelta(days=i) for i in range(count)]


def _check(days: list[dt.date], kind: str, name: str, keep: Sequence[CalendarDay] = ()) -> str:
    """The name, cleaned; DomainError (with the field) when the days, kind or name are not right.
    `keep`: the rows being replaced, which may hold the same dates."""
    if kind not in KINDS:
        raise DomainError(_("Loại ngày không hợp lệ; hãy chọn lại."), field="kind")
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Hãy nhập tên, ví dụ: Tết Nguyên đán."), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("Tên dài quá %(NAME_MAX)s ký tự.", NAME_MAX=NAME_MAX), field="name")
    if kind == KIND_WORKING:
        weekdays = [d for d in days if d.weekday() < 5]
        if weekdays:
            d = weekdays[0]
            raise DomainError(
                _(
                    "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: %(value)s là %(WEEKDAY_NAMES)s.",
                    value=fmt_date(d),
                    WEEKDAY_NAMES=WEEKDAY_NAMES[d.weekday()],
                ),
                field="first",
            )
    kept = {row.id for row in keep}
    taken = [
        row
        for row in db.session.scalars(
            select(CalendarDay).where(CalendarDay.day.in_(days)).order_by(CalendarDay.day)
        )
        if row.id not in kept
    ]
    if taken:
        listed = ", ".join(f"{fmt_date(r.day)} («{r.name}»)" for r in taken[:5])
        more = _(" và %(value)s ngày khác", value=len(taken) - 5) if len(taken) > 5 else ""
        raise DomainError(
            _(
                "Đã có trong lịch: %(listed)s%(more)s. Hãy sửa hoặc xóa những ngày đó trước.",
                listed=listed,
                more=more,
            ),
            field="first",
        )
    return name


def _values(rows: Sequence[CalendarDay]) -> list[list[str]]:
    return [[r.day.isoformat(), r.kind, r.name] for r in rows]


def add_days(
    actor, *, first: dt.date | None, last: dt.date | None = None, kind: str, name: str
) -> list[CalendarDay]:
    """List one day, or every day from `first` to `last` (weekends included), as days off (kind
    holiday or break) or làm bù days (kind working: Saturdays and Sundays only). Admins only."""
    _require_admin(actor)
    days = _days(first, last)
    name = _check(days, kind, name)
    rows = [
        CalendarDay(day=d, year=d.year, kind=kind, name=name, updated_by_id=getattr(actor, "id", None))
        for d in days
    ]
    db.session.add_all(rows)
    db.session.flush()
    audit.record("calendar.add", rows[0], actor=actor, days=_values(rows))
    store.forget()
    return rows


def replace_days(
    actor,
    rows: Sequence[CalendarDay],
    *,
    first: dt.date | None,
    last: dt.date | None = None,
    kind: str,
    name: str,
) -> list[CalendarDay]:
    """Change listed days (one, or a run of them): they become `first`…`last` with this kind and name.
    Admins only; the audit entry keeps what they were."""
    _require_admin(actor)
    if not rows:
        raise DomainError(_("Không tìm thấy ngày cần sửa; có thể nó vừa bị xóa."))
    days = _days(first, last)
    name = _check(days, kind, name, keep=rows)
    before = _values(rows)
    by_day = {r.day: r for r in rows}
    actor_id = getattr(actor, "id", None)
    for row in rows:
        if row.day not in days:
            db.session.delete(row)
    db.session.flush()  # a date given up and taken again by another row stays unique
    after = []
    for d in days:
        row = by_day.get(d)
        if row is None:
            row = CalendarDay(day=d, year=d.year)
            db.session.add(row)
        row.kind, row.name, row.updated_by_id = kind, name, actor_id
        after.append(row)
    db.session.flush()
    audit.record("calendar.update", after[0], actor=actor, before=before, after=_values(after))
    store.forget()
    return after


def delete_days(actor, rows: Sequence[CalendarDay]) -> int:
    """Remove listed days (they follow the weekday rule again). Admins only."""
    _require_admin(actor)
    if not rows:
        raise DomainError(_("Không tìm thấy ngày cần xóa; có thể nó vừa bị xóa."))
    values = _values(rows)
    first = rows[0]
    audit.record("calendar.delete", first, actor=actor, days=values)
    for row in rows:
        db.session.delete(row)
    db.session.flush()
    store.forget()
    return len(values)


def load_official(actor, years: Sequence[int] | None = None) -> list[CalendarDay]:
    """Add the official days (tracker/workdays/official.py) of these years (all by default) that the
    calendar does not list yet; a date the admin already listed otherwise is left as it is."""
    _require_admin(actor)
    wanted = [d for d in official_days() if years is None or d.year in set(years)]
    listed = set(
        db.session.scalars(select(CalendarDay.day).where(CalendarDay.day.in_([d.date for d in wanted])))
    )
    actor_id = getattr(actor, "id", None)
    rows = [
        CalendarDay(day=d.date, year=d.year, kind=d.kind, name=d.name, updated_by_id=actor_id)
        for d in wanted
        if d.date not in listed
    ]
    if rows:
        db.session.add_all(rows)
        db.session.flush()
        audit.record("calendar.load_official", rows[0], actor=actor, days=_values(rows))
        store.forget()
    return rows
