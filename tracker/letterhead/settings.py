"""The letterhead of the reports that go out (Nghị định 30/2020/NĐ-CP, Phụ lục I): who issues them,
where, under which symbol, who signs and who receives them. Stored in the `settings` table under one
key, changed by an admin from Quản trị → Thể thức văn bản báo cáo (every change audited).

Until an admin fills it in, the placeholders (……) show in the documents where the province's values
go, so a report never goes out under another province's name."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from flask_babel import gettext as _

from tracker.audit.models import Setting
from tracker.core.errors import DomainError
from tracker.core.text import N_
from tracker.db import db

SETTING_KEY = "report_letterhead"
BLANK = "……"

# Field -> (label, required, max length, max lines). The order is the form's.
FIELDS = {
    "parent_body": (N_("Tên cơ quan chủ quản"), False, 120, 2),
    "issuing_body": (N_("Tên cơ quan ban hành"), True, 120, 3),
    "full_name": (N_("Tên đầy đủ trong nội dung"), True, 120, 1),
    "short_name": (N_("Tên viết tắt trong nội dung"), True, 60, 1),
    "locality": (N_("Địa bàn"), True, 80, 1),
    "place": (N_("Địa danh ghi ngày tháng"), True, 40, 1),
    "symbol_suffix": (N_("Ký hiệu báo cáo"), True, 30, 1),
    "addressee": (N_("Kính gửi"), False, 200, 1),
    "recipients": (N_("Nơi nhận"), True, 1500, 25),
    "signer_position": (N_("Thẩm quyền, chức vụ người ký"), True, 160, 4),
    "signer_name": (N_("Họ và tên người ký"), False, 80, 1),
}
SYMBOL = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9.\-]*$")


@dataclass
class Letterhead:
    # Above the issuing body, not bold (e.g. "UBND TỈNH KHÁNH HÒA" over "SỞ NỘI VỤ"); empty for the UBND.
    parent_body: str = ""
    # Bold, one line each: "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA".
    issuing_body: str = f"ỦY BAN NHÂN DÂN\nTỈNH {BLANK}"
    # How the body names the issuer first ("Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt là UBND tỉnh)")
    # and after.
    full_name: str = f"Ủy ban nhân dân tỉnh {BLANK}"
    short_name: str = "UBND tỉnh"
    # "trên địa bàn tỉnh Khánh Hòa".
    locality: str = f"tỉnh {BLANK}"
    # "Khánh Hòa, ngày 18 tháng 9 năm 2024".
    place: str = BLANK
    # "Số: 317/BC-UBND".
    symbol_suffix: str = "BC-UBND"
    # "Kính gửi: Bộ Nội vụ."; empty: no "Kính gửi" line.
    addressee: str = ""
    # "Nơi nhận:", one a line, without the leading dash.
    recipients: list[str] | None = None
    # "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    signer_position: str = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    signer_name: str = ""

    def __post_init__(self):
        if self.recipients is None:
            self.recipients = ["Như trên;", "Lưu: VT."]

    @property
    def issuing_lines(self) -> list[str]:
        return [line for line in self.issuing_body.splitlines() if line.strip()]

    @property
    def parent_lines(self) -> list[str]:
        return [line for line in self.parent_body.splitlines() if line.strip()]

    @property
    def signer_lines(self) -> list[str]:
        return [line for line in self.signer_position.splitlines() if line.strip()]

    @property
    def is_placeholder(self) -> bool:
        """True while the province's values are not filled in yet."""
        return BLANK in self.issuing_body or BLANK in self.place

    def as_dict(self) -> dict:
        return asdict(self)


def _lines(text) -> list[str]:
    if isinstance(text, list | tuple):
        text = "\n".join(str(t) for t in text)
    out = []
    for line in str(text or "").splitlines():
        line = line.strip()
        # The layout writes the dash of each recipient; one typed is not doubled.
        line = re.sub(r"^[-–•+]\s*", "", line)
        if line:
            out.append(line)
    return out


def validate(values: dict) -> Letterhead:
    """A Letterhead from form values (missing keys keep the values in force); DomainError naming the
    field on the first bad value."""
    merged = {**load().as_dict(), **values}
    clean: dict = {}
    for name, (label, required, max_length, max_lines) in FIELDS.items():
        raw = merged.get(name)
        lines = _lines(raw) if name == "recipients" else [ln.strip() for ln in str(raw or "").splitlines()]
        lines = [ln for ln in lines if ln]
        if required and not lines:
            raise DomainError(_("Hãy nhập «%(label)s».", label=_(label)), field=name)
        if len(lines) > max_lines:
            raise DomainError(
                _("«%(label)s» có tối đa %(max_lines)s dòng.", label=_(label), max_lines=max_lines),
                field=name,
            )
        if any(len(ln) > max_length for ln in lines):
            raise DomainError(
                _(
                    "Mỗi dòng của «%(label)s» dài tối đa %(max_length)s ký tự.",
                    label=_(label),
                    max_length=max_length,
                ),
                field=name,
            )
        clean[name] = lines if name == "recipients" else "\n".join(lines)
    suffix = clean["symbol_suffix"].upper().lstrip("/")
    if not SYMBOL.match(suffix):
        raise DomainError(
            "Ký hiệu báo cáo gồm chữ in hoa, chữ số và dấu gạch nối, ví dụ BC-UBND hoặc BC-SNV.",
            field="symbol_suffix",
        )
    clean["symbol_suffix"] = suffix
    return Letterhead(**clean)


def load() -> Letterhead:
    """The letterhead in force: the placeholders, overridden by what is stored (unknown keys ignored)."""
    row = db.session.get(Setting, SETTING_KEY)
    defaults = Letterhead()
    if row is None or not isinstance(row.value, dict):
        return defaults
    known = {f.name for f in fields(Letterhead)}
    stored = {k: v for k, v in row.value.items() if k in known}
    try:
        return Letterhead(**{**defaults.as_dict(), **stored})
    except (TypeError, ValueError):
        return defaults
