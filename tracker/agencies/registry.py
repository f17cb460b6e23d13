"""The agency registry as the importers see it: who may be named, in which province.

Pure: built from plain `AgencyInfo` records, which come from the database
(`agency_infos`) or from `seed/agencies.yaml` (`infos_from_seed`). A document of
one province names "Sở Nội vụ" meaning its own Sở Nội vụ, so a province's matcher knows that
province's agencies, under their short names too ("Sở Nội vụ tỉnh Bình Định" is "Sở Nội vụ"),
and the bodies outside every province (Chính phủ, the ministries…), never another province's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.agencies.models import ISSUER_KINDS
from tracker.agencies.names import AgencyMatcher, AgencyRef, fold

__all__ = ["AgencyInfo", "Registry", "infos_from_seed"]


@dataclass(frozen=True)
class AgencyInfo:
    code: str
    name: str
    kind: str
    root: str  # the code of its top-level ancestor (itself at the top)
    aliases: tuple[str, ...] = ()
    active: bool = True
    successor: str | None = None
    parent: str | None = None
    emails: str = ""
    id: int | None = None
    inactive_since: dt.date | None = None  # the day it stopped (merged into its successor)

    @property
    def is_active(self) -> bool:
        return self.active


@dataclass
class Registry:
    """Every agency, by code, and the matchers of each province (built when first asked)."""

    infos: list[AgencyInfo]
    by_code: dict[str, AgencyInfo] = field(init=False)
    _matchers: dict[str | None, AgencyMatcher] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.by_code = {a.code.upper(): a for a in self.infos}
        # A province is a top-level agency with agencies of the province under it.
        self.provinces = sorted(
            {a.root for a in self.infos if a.root != a.code and a.kind not in ISSUER_KINDS}
        )

    def get(self, code: str | None) -> AgencyInfo | None:
        return self.by_code.get((code or "").strip().upper())

    def in_province(self, province: str | None) -> list[AgencyInfo]:
        """The agencies a document of `province` may name (all of them when None)."""
        if province is None:
            return list(self.infos)
        return [a for a in self.infos if a.root == province or a.root not in self.provinces]

    def matcher(self, province: str | None = None) -> AgencyMatcher:
        if province not in self._matchers:
            self._matchers[province] = AgencyMatcher(self.refs(province))
        return self._matchers[province]

    def refs(self, province: str | None = None) -> list[AgencyRef]:
        """AgencyRefs for the matcher: a province's agencies also under their names without
        the province ("Sở Nội vụ tỉnh Bình Định" -> "Sở Nội vụ tỉnh", "Sở Nội vụ")."""
        suffix = ""
        root = self.get(province) if province else None
        if root is not None:
            short = root.name
            for head in ("Tỉnh ", "Thành phố "):
                if short.startswith(head):
                    short = short[len(head) :]
            suffix = fold(" " + short)
        refs = []
        for a in self.in_province(province):
            aliases = list(a.aliases)
            if suffix and a.root == province:
                for name in (a.name, *a.aliases):
                    if fold(name).endswith(suffix) and len(name) > len(suffix):
                        short = name[: len(name) - len(suffix)].rstrip()
                        aliases.append(short)
                        if fold(short).endswith(" tinh"):
                            aliases.append(short[: -len(" tỉnh")].rstrip())
            refs.append(AgencyRef(a.code, a.name, a.kind, tuple(dict.fromkeys(aliases))))
        return refs

    def members(self, kind: str, province: str | None, *, active_only: bool = True) -> list[AgencyInfo]:
        """The agencies a fan-out group ("@department") reaches in a province, by name."""
        found = [
            a
            for a in self.infos
            if a.kind == kind and (province is None or a.root == province) and (a.active or not active_only)
        ]
        return sorted(found, key=lambda a: fold(a.name))

    def current(self, code: str) -> AgencyInfo | None:
        """The agency that holds `code`'s duties today: itself, or its successor after a merge."""
        seen = set()
        agency = self.get(code)
        while agency is not None and not agency.active and agency.successor and agency.code not in seen:
            seen.add(agency.code)
            agency = self.get(agency.successor)
        return agency


def infos_from_seed(rows: Iterable[dict], *, merged: bool = False) -> list[AgencyInfo]:
    """AgencyInfos from the rows of seed/agencies.yaml (all active, as the seed loads them;
    with `merged`, the agencies merged away are inactive)."""
    rows = list(rows)
    parent = {r["code"]: r.get("parent") for r in rows}

    def root(code: str) -> str:
        while parent.get(code):
            code = parent[code]
        return code

    out = []
    for r in rows:
        aliases = r.get("aliases") or []
        emails = r.get("emails") or []
        out.append(
            AgencyInfo(
                code=r["code"],
                name=r["name"],
                kind=r.get("kind", "department"),
                root=root(r["code"]),
                aliases=tuple(aliases if isinstance(aliases, list) else [aliases]),
                active=not (merged and r.get("successor")) and r.get("active", True),
                successor=r.get("successor"),
                parent=r.get("parent"),
                emails="; ".join(emails) if isinstance(emails, list) else str(emails),
            )
        )
    return out


# ── from the database ───────────────────────────────────────────────────────────────────
def agency_infos() -> list[AgencyInfo]:
    """The registry's records of every agency in the database."""
    from sqlalchemy import select

    from tracker.agencies.models import Agency
    from tracker.db import db

    agencies = db.session.scalars(select(Agency)).all()
    by_id = {a.id: a for a in agencies}

    def root(a: Agency) -> str:
        first = a.path.strip("/").split("/")[0] if a.path and a.path != "/" else ""
        top = by_id.get(int(first)) if first.isdigit() else None
        return top.code if top else a.code

    return [
        AgencyInfo(
            code=a.code,
            name=a.name,
            kind=a.kind,
            root=root(a),
            aliases=tuple(a.alias_list),
            active=a.is_active,
            successor=by_id[a.successor_id].code if a.successor_id in by_id else None,
            parent=by_id[a.parent_id].code if a.parent_id in by_id else None,
            emails=a.emails,
            id=a.id,
            inactive_since=a.inactive_since,
        )
        for a in agencies
    ]


def load_registry() -> Registry:
    """The registry of the agencies in the database, as the importers and the reader see them."""
    return Registry(agency_infos())
