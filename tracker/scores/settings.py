"""The scoring rules of «thực hiện nhiệm vụ UBND tỉnh giao» (Bộ chỉ số cải cách hành chính): they
differ by province and year, so an admin sets them (Quản trị → Cách chấm điểm nhiệm vụ), stored in
the `settings` table under one key; every change is audited (`tracker.scores.operations`).

- `max_points`: the criterion's maximum;
- `bands`: (lowest on-time rate in %, points), highest first — a rate at or above a band's rate
  earns its points, below the last band none ("100 %: 3 điểm; 80 – dưới 100 %: 2 điểm; …");
- `overdue_deduction`: points taken off for each task still overdue at the cut-off (not below 0);
- which tasks count: the issuer levels of their documents, their areas (none listed: all);
- the period: the official reporting year (15/12 of the year before – 14/12) or the calendar year;
- which agencies are scored: their kinds (departments, district People's Committees) in one province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

from flask_babel import gettext as _

from tracker.agencies.models import AGENCY_KINDS
from tracker.audit.models import Setting
from tracker.core.dates import fmt_number
from tracker.core.errors import DomainError
from tracker.core.text import N_
from tracker.db import db
from tracker.documents.models import ISSUER_LEVELS
from tracker.tasks.models import AREAS

SETTING_KEY = "agency_score"
PERIODS = {
    "official": N_("Năm báo cáo chính thức (15/12 năm trước – 14/12)"),
    "calendar": N_("Năm dương lịch (01/01 – 31/12)"),
}
MAX_BANDS = 10


def _default_bands() -> list[list[float]]:
    return [[100.0, 3.0], [80.0, 2.0], [50.0, 1.0]]


@dataclass
class ScoreSettings:
    max_points: float = 3.0
    bands: list = field(default_factory=_default_bands)  # [[rate %, points], …], highest rate first
    overdue_deduction: float = 0.0
    issuer_levels: list = field(default_factory=lambda: ["committee"])
    areas: list = field(default_factory=list)  # empty: every area
    period: str = "official"
    agency_kinds: list = field(default_factory=lambda: ["department", "district"])
    # The code of the province (the top of the agency tree) whose agencies are scored; "": all.
    province: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        """The period of `year`: the tasks assigned in it are scored; its end is the cut-off."""
        if self.period == "calendar":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        return dt.date(year - 1, 12, 15), dt.date(year, 12, 14)

    def band_points(self, rate: float | None) -> float:
        """The points of an on-time rate (a fraction; None: no task due, full points)."""
        if rate is None:
            return self.max_points
        percent = round(rate * 100, 6)
        for low, points in self.bands:
            if percent >= low:
                return float(points)
        return 0.0

    def band_lines(self) -> list[str]:
        """'Từ 100 %: 3 điểm', 'Từ 80 % đến dưới 100 %: 2 điểm', …, 'Dưới 50 %: 0 điểm'."""
        out, upper = [], None
        for low, points in self.bands:
            rate = f"{fmt_number(low, 2 if low % 1 else 0)} %"
            if upper is None:
                text = _("Từ %(rate)s trở lên", rate=rate) if low < 100 else rate
            else:
                text = _(
                    "Từ %(rate)s đến dưới %(upper)s %%",
                    rate=rate,
                    upper=fmt_number(upper, 2 if upper % 1 else 0),
                )
            out.append(
                _("%(band)s: %(points)s điểm", band=text, points=fmt_number(points, 2 if points % 1 else 0))
            )
            upper = low
        if upper is not None and upper > 0:
            out.append(_("Dưới %(upper)s %%: 0 điểm", upper=fmt_number(upper, 2 if upper % 1 else 0)))
        return out

    @property
    def bands_text(self) -> str:
        """The bands as the form shows them: one 'rate = points' a line."""
        return "\n".join(
            f"{fmt_number(low, 2 if low % 1 else 0)} = {fmt_number(points, 2 if points % 1 else 0)}"
            for low, points in self.bands
        )

    @property
    def issuer_labels(self) -> list[str]:
        return [_(ISSUER_LEVELS.get(k, k)) for k in self.issuer_levels]

    @property
    def area_labels(self) -> list[str]:
        return [_(AREAS.get(k, k)) for k in self.areas]

    @property
    def kind_labels(self) -> list[str]:
        return [AGENCY_KINDS.get(k, k) for k in self.agency_kinds]


def _number(value, label: str, name: str, low: float, high: float) -> float:
    try:
        number = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise DomainError(f"{label} phải là một số, ví dụ 2,5.", field=name) from None
    if not low <= number <= high:
        raise DomainError(f"{label} phải từ {fmt_number(low, 0)} đến {fmt_number(high, 0)}.", field=name)
    return round(number, 2)


def parse_bands(text: str, max_points: float) -> list[list[float]]:
    """'100 = 3\\n80 = 2' (or '100: 3; 80: 2') -> [[100.0, 3.0], [80.0, 2.0]]; DomainError otherwise."""
    bands: list[list[float]] = []
    for raw in (text or "").replace(";", "\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        sep = "=" if "=" in line else ":" if ":" in line else None
        if sep is None:
            raise DomainError(f"Dòng «{line}»: hãy ghi «tỷ lệ (%) = số điểm», ví dụ «80 = 2».", field="bands")
        rate_text, points_text = line.split(sep, 1)
        rate = _number(rate_text.replace("%", ""), f"Tỷ lệ ở dòng «{line}»", "bands", 0, 100)
        points = _number(points_text.replace("điểm", ""), f"Số điểm ở dòng «{line}»", "bands", 0, max_points)
        bands.append([rate, points])
    if not bands:
        raise DomainError("Hãy nhập ít nhất một mức, ví dụ «100 = 3».", field="bands")
    if len(bands) > MAX_BANDS:
        raise DomainError(f"Tối đa {MAX_BANDS} mức điểm.", field="bands")
    bands.sort(key=lambda b: -b[0])
    rates = [b[0] for b in bands]
    if len(set(rates)) != len(rates):
        raise DomainError("Hai mức có cùng tỷ lệ; mỗi tỷ lệ chỉ ghi một lần.", field="bands")
    for (_hr, high), (lr, low) in zip(bands, bands[1:], strict=False):
        if low > high:
            raise DomainError(
                f"Mức {fmt_number(lr, 0)} % không được nhiều điểm hơn mức tỷ lệ cao hơn nó.", field="bands"
            )
    return bands


def _choices(values, allowed: dict, label: str, name: str, required: bool) -> list[str]:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",") if v.strip()]
    out = []
    for value in values or []:
        value = str(value).strip()
        if value not in allowed:
            raise DomainError(
                f"{label} «{value}» không hợp lệ; chọn trong: {', '.join(allowed)}.", field=name
            )
        if value not in out:
            out.append(value)
    if required and not out:
        raise DomainError(f"Hãy chọn ít nhất một {label.lower()}.", field=name)
    return [k for k in allowed if k in out]  # in the list's order


def validate(values: dict) -> ScoreSettings:
    """ScoreSettings from the form's (or the seed's) values, over those in force; DomainError naming
    the field on the first bad one."""
    merged = {**load().as_dict(), **values}
    max_points = _number(merged["max_points"], "Điểm tối đa", "max_points", 0.25, 100)
    bands = merged["bands"]
    if isinstance(bands, str):
        bands = parse_bands(bands, max_points)
    else:
        bands = parse_bands("\n".join(f"{r} = {p}" for r, p in bands), max_points)
    deduction = _number(
        merged["overdue_deduction"], "Điểm trừ mỗi nhiệm vụ quá hạn", "overdue_deduction", 0, max_points
    )
    if merged["period"] not in PERIODS:
        raise DomainError("Kỳ chấm điểm không hợp lệ.", field="period")
    return ScoreSettings(
        max_points=max_points,
        bands=bands,
        overdue_deduction=deduction,
        issuer_levels=_choices(merged["issuer_levels"], ISSUER_LEVELS, "Cấp ban hành", "issuer_levels", True),
        areas=_choices(merged["areas"], AREAS, "Lĩnh vực", "areas", False),
        period=merged["period"],
        agency_kinds=_choices(merged["agency_kinds"], AGENCY_KINDS, "Loại cơ quan", "agency_kinds", True),
        province=_province(merged.get("province") or ""),
    )


def _province(code: str) -> str:
    from sqlalchemy import func, select

    from tracker.agencies.models import Agency

    code = code.strip()
    if not code:
        return ""
    found = db.session.scalar(
        select(Agency.code).where(func.upper(Agency.code) == code.upper(), Agency.parent_id.is_(None))
    )
    if found is None:
        raise DomainError(f"Không có tỉnh mã «{code}» (cơ quan cấp cao nhất).", field="province")
    return found


def load() -> ScoreSettings:
    """The settings in force: defaults, overridden by what is stored (unknown keys ignored)."""
    row = db.session.get(Setting, SETTING_KEY)
    defaults = ScoreSettings()
    if row is None or not isinstance(row.value, dict):
        return defaults
    known = {f.name for f in fields(ScoreSettings)}
    stored = {k: v for k, v in row.value.items() if k in known}
    try:
        return ScoreSettings(**{**defaults.as_dict(), **stored})
    except (TypeError, ValueError):
        return defaults
