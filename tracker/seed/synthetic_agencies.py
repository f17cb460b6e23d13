"""The synthetic agency trees: 63 provinces of departments, districts and communes, each agency with
one focal point, plus the national monitors (a part of `SyntheticData`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from itertools import accumulate

from tracker.seed import synthetic_words as words
from tracker.seed.synthetic_rows import AGENCY_COLS, MAIL, USER_COLS


def split_province(m: int) -> dict[str, int]:
    """How many agencies of each kind a province of `m` agencies has."""
    if m >= 40:
        rest = m - 30
        districts = max(1, rest // 12)
        return {
            "department": 20,
            "central": 5,
            "organisation": 3,
            "public_unit": 2,
            "district": districts,
            "commune": rest - districts,
        }
    departments = max(1, min(20, round(m * 0.5)))
    districts = min(m - departments, max(1 if m >= 3 else 0, round(m * 0.15)))
    return {
        "department": departments,
        "central": 0,
        "organisation": 0,
        "public_unit": 0,
        "district": districts,
        "commune": m - departments - districts,
    }


@dataclass
class Province:
    code: str
    name: str  # "tỉnh An Giang"
    root: int
    departments: list[int] = field(default_factory=list)
    districts: list[int] = field(default_factory=list)
    leads: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)
    number: int = 0  # the running number of its documents


class AgencyTrees:
    """The agencies and accounts of the data set (a part of SyntheticData)."""

    def agencies_and_users(self) -> None:
        rng, agencies, users = self.rng, [], []

        def agency(code, name, kind, parent: int | None, path: str, email=True) -> int:
            aid = self._id("agencies")
            own = f"{path}{aid}/"
            agencies.append(
                (
                    aid,
                    code,
                    name,
                    kind,
                    parent,
                    own,
                    f"{code.lower()}@{MAIL}" if email else "",
                    "",
                    True,
                    None,
                    None,
                    self.created_at,
                )
            )
            self.codes[aid] = code
            return aid

        monitor_agency = None
        base, extra = divmod(self.n_agencies, len(words.PROVINCES))
        for index, (prefix, pname) in enumerate(words.PROVINCES):
            code = f"T{index + 1:02d}"
            province = Province(
                code=code,
                name=f"{prefix.lower()} {pname}",
                root=agency(code, f"{prefix} {pname}", "external", None, "/", email=False),
            )
            for suffix, label in (
                ("TU", "Tỉnh ủy"),
                ("HDND", "Hội đồng nhân dân"),
                ("UBND", "Ủy ban nhân dân"),
            ):
                agency(f"{code}-{suffix}", f"{label} {province.name}", "external", None, "/", email=False)
            root_path = f"/{province.root}/"
            split = split_province(base + (1 if index < extra else 0))
            for i in range(split["department"]):
                suffix, label, weight = words.DEPARTMENTS[i % len(words.DEPARTMENTS)]
                aid = agency(
                    f"{code}-{suffix}", f"{label} {province.name}", "department", province.root, root_path
                )
                province.departments.append(aid)
                province.leads.append(aid)
                province.weights.append(2.0 * weight)
                if monitor_agency is None and suffix == "SNV":
                    monitor_agency = aid
            for kind, names in (
                ("central", words.CENTRAL),
                ("organisation", words.ORGANISATIONS),
                ("public_unit", words.PUBLIC_UNITS),
            ):
                for i in range(split[kind]):
                    suffix, label = names[i % len(names)]
                    province.leads.append(
                        agency(f"{code}-{suffix}", f"{label} {province.name}", kind, province.root, root_path)
                    )
                    province.weights.append(1.0)
            for j in range(split["district"]):
                dkind = rng.choices(
                    [k for k, _w in words.DISTRICT_KINDS], [w for _k, w in words.DISTRICT_KINDS]
                )[0]
                dname = " ".join(rng.sample(words.DISTRICT_WORDS, 2))
                did = agency(
                    f"{code}-H{j + 1:02d}", f"UBND {dkind} {dname}", "district", province.root, root_path
                )
                province.districts.append(did)
                province.leads.append(did)
                province.weights.append(4.0)
            for k in range(split["commune"]):
                did = province.districts[k % len(province.districts)] if province.districts else province.root
                dpath = f"{root_path}{did}/" if province.districts else root_path
                ckind = rng.choices(
                    [c for c, _w in words.COMMUNE_KINDS], [w for _c, w in words.COMMUNE_KINDS]
                )[0]
                cname = " ".join(rng.sample(words.DISTRICT_WORDS, 2))
                district_code = self.codes[did]
                province.leads.append(
                    agency(f"{district_code}-X{k + 1:03d}", f"UBND {ckind} {cname}", "commune", did, dpath)
                )
                province.weights.append(0.25)
            province.cum = list(accumulate(province.weights))
            self.provinces.append(province)
        stamp0 = self.created_at

        def user(email, role, name, agency_id):
            uid = self._id("users")
            users.append(
                (
                    uid,
                    email,
                    name,
                    self.password_hash,
                    role,
                    agency_id,
                    True,
                    secrets.token_urlsafe(16),
                    True,
                    None,
                    stamp0,
                    None,
                )
            )
            return uid

        self.admin = user(f"admin@{MAIL}", "admin", "Quản trị hệ thống", None)
        self.monitor = user(f"theodoi@{MAIL}", "monitor", "Cán bộ theo dõi", monitor_agency)
        user(f"lanhdao@{MAIL}", "leader", "Lãnh đạo", None)
        for province in self.provinces:
            for aid in province.leads:
                self.focal[aid] = user(
                    f"daumoi.{self.codes[aid].lower()}@{MAIL}", "focal", f"Đầu mối {self.codes[aid]}", aid
                )
        self.w.write("agencies", AGENCY_COLS, agencies)
        self.w.write("users", USER_COLS, users)
        self.province_cum = list(accumulate(len(p.leads) for p in self.provinces))
        self.kinds = list(words.DOCUMENT_KINDS)
        self.kind_cum = list(accumulate(v[2] for v in words.DOCUMENT_KINDS.values()))
        self.areas = list(words.AREA_WEIGHTS)
        self.area_cum = list(accumulate(words.AREA_WEIGHTS.values()))
