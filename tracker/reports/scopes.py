"""The named scopes of a report: which tasks it counts, in the words of the forms people fill.

A scope is defined here once; the report page (its «Phạm vi» list, default `form01`, the Biểu mẫu 01
item 5 that the Ministry's form asks for), the command line (`report summary --scope`), the API
(`scope=`) and the exports made from them all read it through `tracker.reports.params.apply_scope`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.core.dates import fmt_date, fmt_number
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
    "Biểu mẫu 01, mục 5 — nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao",
    issuer_level="government",
)
PROVINCE = Scope("province", "Nhiệm vụ UBND tỉnh giao", issuer_level="committee")
PLAN = Scope("plan", "Kế hoạch CCHC (lũy kế)", cumulative=True)
ALL = Scope("all", "Tất cả")

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
    parts = [f"{fmt_number(total)} nhiệm vụ"]
    if issuer_level:
        parts[0] += f" do {ISSUER_LEVELS.get(issuer_level, issuer_level)} giao"
    if documents:
        parts[0] += " của " + ", ".join(documents)
    if start is not None and end is not None:
        parts.append(f"nhận trong kỳ {fmt_date(start)} – {fmt_date(end)}")
    else:
        parts.append("lũy kế từ khi giao")
    parts.append(f"số liệu đến hết ngày {fmt_date(as_of)}")
    return ", ".join(parts)
