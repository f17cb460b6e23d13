"""The named scopes of a report: which tasks it counts, in the words of the forms people fill.

A scope is defined here once; the report page (its «Phạm vi» list, default `form01`, the Biểu mẫu 01
item 5 that the Ministry's form asks for), the command line (`report summary --scope`), the API
(`scope=`) and the exports made from them all read it through `tracker.reports.params.apply_scope`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.core.dates import fmt_date, fmt_number
from tracker.core.text import N_
from tracker.documents.models import ISSUER_LEVELS


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    # The issuer whose tasks are counted ("" = every issuer); a filter chosen on top replaces it.
    issuer_level: str = ""
    # Every task of the CCHC plan (or of the documents chosen), whenever assigned: "lũy kế".
    cumulative: bool = False


FORM01 = Scope(
    "form01",
    N_("Biểu mẫu 01, mục 5 — nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao"),
    issuer_level="government",
)
PROVINCE = Scope("province", N_("Nhiệm vụ UBND tỉnh giao"), issuer_level="committee")
PLAN = Scope("plan", N_("Kế hoạch CCHC (lũy kế)"), cumulative=True)
ALL = Scope("all", N_("Tất cả"))

SCOPES: dict[str, Scope] = {s.key: s for s in (FORM01, PROVINCE, PLAN, ALL)}
# What the report page opens on; the command line and the API count what their filters say (`all`).
PAGE_DEFAULT = FORM01.key
# The report page's links made before the named scopes ("period": tasks assigned in the period,
# "documents": every task of the documents chosen).
ALIASES = {"period": ALL.key, "documents": PLAN.key}


def find(key: str | None) -> Scope | None:
    """The scope named `key` (or an old alias); None when there is no such scope."""
    key = (key or "").strip()
    return SCOPES.get(ALIASES.get(key, key))


def sentence(
    total: int,
    *,
    issuer_level: str,
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date,
    documents: list[str],
) -> str:
    """One sentence saying what the figures count: '127 nhiệm vụ do Chính phủ, Thủ tướng Chính phủ
    giao, nhận trong kỳ 15/06/2024 – 14/09/2024, số liệu đến hết ngày 14/09/2024'."""
    n = fmt_number(total)
    issuer = _(ISSUER_LEVELS.get(issuer_level, issuer_level)) if issuer_level else ""
    of = ", ".join(documents)
    if issuer and of:
        first = _("%(n)s nhiệm vụ do %(issuer)s giao của %(documents)s", n=n, issuer=issuer, documents=of)
    elif issuer:
        first = _("%(n)s nhiệm vụ do %(issuer)s giao", n=n, issuer=issuer)
    elif of:
        first = _("%(n)s nhiệm vụ của %(documents)s", n=n, documents=of)
    else:
        first = _("%(n)s nhiệm vụ", n=n)
    parts = [first]
    if start is not None and end is not None:
        parts.append(_("nhận trong kỳ %(start)s – %(end)s", start=fmt_date(start), end=fmt_date(end)))
    else:
        parts.append(_("lũy kế từ khi giao"))
    parts.append(_("số liệu đến hết ngày %(day)s", day=fmt_date(as_of)))
    return ", ".join(parts)
