"""The official days off and làm bù days of 2020–2027, as the Government announced them.

Each year lists:
- the public holidays of the Labour Code (Bộ luật Lao động 2012 Điều 115 until 2020; Bộ luật Lao động
  2019 Điều 112 from 2021: Tết Dương lịch 1 ngày, Tết Âm lịch 5 ngày, Giỗ Tổ Hùng Vương 10/3 âm lịch,
  30/4, 1/5, Quốc khánh 2/9 and, from 2021, one more day, 1/9 or 3/9), and the day off in lieu
  (nghỉ bù, Điều 111 khoản 3) when a holiday falls on a Saturday or Sunday — kind "holiday";
- the whole Tết Nguyên đán break as announced, weekends included — kind "holiday";
- a working day swapped into a day off (nghỉ hoán đổi) — kind "break";
- the Saturday worked in exchange (làm bù) — kind "working".

Lunar dates (mùng 1 Tết; Giỗ Tổ 10/3 âm lịch), Vietnamese calendar (UTC+7):
2020 25/01, 02/04 · 2021 12/02, 21/04 · 2022 01/02, 10/04 · 2023 22/01, 29/04 · 2024 10/02, 18/04 ·
2025 29/01, 07/04 · 2026 17/02, 26/04 · 2027 06/02, 16/04.

The database holds the calendar the application uses (seeded from here by a migration; an admin adds
the next years under Quản trị → Ngày nghỉ lễ). This module is the reference the seed and the tests
read, and what `official_calendar()` is built from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

KIND_HOLIDAY = "holiday"  # ngày lễ, Tết (Bộ luật Lao động) and the day off in lieu, and a Tết break
KIND_BREAK = "break"  # a working day made a day off by a swap (nghỉ hoán đổi)
KIND_WORKING = "working"  # a Saturday or Sunday worked in exchange (làm bù)
KINDS = (KIND_HOLIDAY, KIND_BREAK, KIND_WORKING)

TET_DUONG = "Tết Dương lịch"
TET = "Tết Nguyên đán"
GIO_TO = "Giỗ Tổ Hùng Vương"
CHIEN_THANG = "Ngày Chiến thắng"
LAO_DONG = "Ngày Quốc tế Lao động"
QUOC_KHANH = "Quốc khánh"
VAN_HOA = "Ngày Văn hóa Việt Nam"


def _bu(name: str) -> str:
    return f"Nghỉ bù {name}"


# Where each year comes from.
SOURCES: dict[int, str] = {
    2020: "Bộ luật Lao động 2012, Điều 115 (Tết Âm lịch 5 ngày, Quốc khánh 1 ngày); Tết Canh Tý nghỉ "
    "23/01–29/01/2020 theo thông báo của Bộ LĐTBXH được Thủ tướng đồng ý. Không hoán đổi ngày làm việc.",
    2021: "Bộ luật Lao động 2019, Điều 112 (Quốc khánh 2 ngày từ 2021) và Điều 111 khoản 3 (nghỉ bù); "
    "Tết Tân Sửu nghỉ 10/02–16/02/2021 theo thông báo của Bộ LĐTBXH; 1/5 trùng thứ Bảy, nghỉ bù 03/05; "
    "Quốc khánh 02–03/09. Không hoán đổi ngày làm việc.",
    2022: "Bộ luật Lao động 2019, Điều 111–112; Tết Nhâm Dần nghỉ 29/01–06/02/2022 theo thông báo của "
    "Bộ LĐTBXH; 01/01 (thứ Bảy) nghỉ bù 03/01; Giỗ Tổ (Chủ nhật 10/04) nghỉ bù 11/04; 30/4, 1/5 (thứ "
    "Bảy, Chủ nhật) nghỉ bù 02–03/05; Quốc khánh 01–02/09. Không hoán đổi ngày làm việc.",
    2023: "Bộ luật Lao động 2019, Điều 111–112; Tết Quý Mão nghỉ 20/01–26/01/2023 theo thông báo của "
    "Bộ LĐTBXH; 01/01 (Chủ nhật) nghỉ bù 02/01; Giỗ Tổ (thứ Bảy 29/04), 30/4 (Chủ nhật), 1/5: nghỉ "
    "29/04–03/05; Quốc khánh 01–02/09 (thứ Bảy), nghỉ bù 04/09. Không hoán đổi ngày làm việc.",
    2024: "Bộ luật Lao động 2019, Điều 112; Tết Giáp Thìn nghỉ 08/02–14/02/2024 theo thông báo của Bộ "
    "LĐTBXH; 30/4–1/5: nghỉ 27/04–01/05, hoán đổi thứ Hai 29/04 với thứ Bảy 04/05 (Công văn "
    "2450/VPCP-KGVX năm 2024 truyền đạt ý kiến Thủ tướng); Quốc khánh 02–03/09 (nghỉ 31/08–03/09).",
    2025: "Thông báo 6150/TB-BLĐTBXH (11/2024) theo ý kiến của Thủ tướng: Tết Ất Tỵ nghỉ 25/01–02/02/2025; "
    "30/4–1/5: nghỉ 30/04–04/05, hoán đổi thứ Sáu 02/05 với thứ Bảy 26/04; Quốc khánh 01–02/09 "
    "(nghỉ 30/08–02/09). Tết Dương lịch nghỉ 01/01, không hoán đổi.",
    2026: "Văn bản 12729/VPCP-KGVX ngày 25/12/2025: Tết Dương lịch nghỉ 01–04/01/2026, hoán đổi thứ Sáu "
    "02/01 với thứ Bảy 10/01. Thủ tướng đồng ý phương án của Bộ Nội vụ (10/2025): Tết Bính Ngọ nghỉ "
    "14/02–22/02/2026; Quốc khánh 01–02/09, hoán đổi thứ Hai 31/08 với thứ Bảy 22/08 (nghỉ 29/08–02/09). "
    "Giỗ Tổ (Chủ nhật 26/04) nghỉ bù 27/04; 30/4–1/5 thứ Năm, thứ Sáu. Ngày Văn hóa Việt Nam 24/11: "
    "Nghị quyết 80-NQ/TW và Nghị quyết 30/NQ-CP (2026) giao sửa Điều 112 Bộ luật Lao động — kiểm tra lại "
    "khi Bộ luật sửa đổi có hiệu lực.",
    2027: "Chưa có thông báo chính thức: các ngày lễ theo Điều 111–112 Bộ luật Lao động 2019. Tết Đinh Mùi "
    "(mùng 1 là thứ Bảy 06/02/2027) dự kiến nghỉ 04/02–10/02 như các năm mùng 1 rơi vào thứ Bảy (2020, "
    "2024); Quốc khánh nghỉ thêm thứ Sáu 03/09; 1/5 (thứ Bảy) nghỉ bù 03/05. Cập nhật khi Chính phủ công "
    "bố (Quản trị → Ngày nghỉ lễ).",
}

# (first day, last day or None, kind, name); ranges are every day, weekends included.
_ENTRIES: dict[int, tuple[tuple[str, str | None, str, str], ...]] = {
    2020: (
        ("2020-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2020-01-23", "2020-01-29", KIND_HOLIDAY, TET),
        ("2020-04-02", None, KIND_HOLIDAY, GIO_TO),
        ("2020-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2020-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2020-09-02", None, KIND_HOLIDAY, QUOC_KHANH),
    ),
    2021: (
        ("2021-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2021-02-10", "2021-02-16", KIND_HOLIDAY, TET),
        ("2021-04-21", None, KIND_HOLIDAY, GIO_TO),
        ("2021-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2021-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2021-05-03", None, KIND_HOLIDAY, _bu(LAO_DONG)),
        ("2021-09-02", "2021-09-03", KIND_HOLIDAY, QUOC_KHANH),
    ),
    2022: (
        ("2022-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2022-01-03", None, KIND_HOLIDAY, _bu(TET_DUONG)),
        ("2022-01-29", "2022-02-06", KIND_HOLIDAY, TET),
        ("2022-04-10", None, KIND_HOLIDAY, GIO_TO),
        ("2022-04-11", None, KIND_HOLIDAY, _bu(GIO_TO)),
        ("2022-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2022-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2022-05-02", None, KIND_HOLIDAY, _bu(CHIEN_THANG)),
        ("2022-05-03", None, KIND_HOLIDAY, _bu(LAO_DONG)),
        ("2022-09-01", "2022-09-02", KIND_HOLIDAY, QUOC_KHANH),
    ),
    2023: (
        ("2023-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2023-01-02", None, KIND_HOLIDAY, _bu(TET_DUONG)),
        ("2023-01-20", "2023-01-26", KIND_HOLIDAY, TET),
        ("2023-04-29", None, KIND_HOLIDAY, GIO_TO),
        ("2023-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2023-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2023-05-02", None, KIND_HOLIDAY, _bu(GIO_TO)),
        ("2023-05-03", None, KIND_HOLIDAY, _bu(CHIEN_THANG)),
        ("2023-09-01", "2023-09-02", KIND_HOLIDAY, QUOC_KHANH),
        ("2023-09-04", None, KIND_HOLIDAY, _bu(QUOC_KHANH)),
    ),
    2024: (
        ("2024-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2024-02-08", "2024-02-14", KIND_HOLIDAY, TET),
        ("2024-04-18", None, KIND_HOLIDAY, GIO_TO),
        ("2024-04-29", None, KIND_BREAK, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)"),
        ("2024-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2024-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2024-05-04", None, KIND_WORKING, "Làm bù cho thứ Hai 29/04/2024"),
        ("2024-09-02", "2024-09-03", KIND_HOLIDAY, QUOC_KHANH),
    ),
    2025: (
        ("2025-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2025-01-25", "2025-02-02", KIND_HOLIDAY, TET),
        ("2025-04-07", None, KIND_HOLIDAY, GIO_TO),
        ("2025-04-26", None, KIND_WORKING, "Làm bù cho thứ Sáu 02/05/2025"),
        ("2025-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2025-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2025-05-02", None, KIND_BREAK, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)"),
        ("2025-09-01", "2025-09-02", KIND_HOLIDAY, QUOC_KHANH),
    ),
    2026: (
        ("2026-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2026-01-02", None, KIND_BREAK, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)"),
        ("2026-01-10", None, KIND_WORKING, "Làm bù cho thứ Sáu 02/01/2026"),
        ("2026-02-14", "2026-02-22", KIND_HOLIDAY, TET),
        ("2026-04-26", None, KIND_HOLIDAY, GIO_TO),
        ("2026-04-27", None, KIND_HOLIDAY, _bu(GIO_TO)),
        ("2026-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2026-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2026-08-22", None, KIND_WORKING, "Làm bù cho thứ Hai 31/08/2026"),
        ("2026-08-31", None, KIND_BREAK, "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)"),
        ("2026-09-01", "2026-09-02", KIND_HOLIDAY, QUOC_KHANH),
        ("2026-11-24", None, KIND_HOLIDAY, VAN_HOA),
    ),
    2027: (
        ("2027-01-01", None, KIND_HOLIDAY, TET_DUONG),
        ("2027-02-04", "2027-02-10", KIND_HOLIDAY, TET),
        ("2027-04-16", None, KIND_HOLIDAY, GIO_TO),
        ("2027-04-30", None, KIND_HOLIDAY, CHIEN_THANG),
        ("2027-05-01", None, KIND_HOLIDAY, LAO_DONG),
        ("2027-05-03", None, KIND_HOLIDAY, _bu(LAO_DONG)),
        ("2027-09-02", "2027-09-03", KIND_HOLIDAY, QUOC_KHANH),
        ("2027-11-24", None, KIND_HOLIDAY, VAN_HOA),
    ),
}

YEARS = tuple(sorted(_ENTRIES))


@dataclass(frozen=True)
class OfficialDay:
    date: dt.date
    kind: str
    name: str

    @property
    def year(self) -> int:
        return self.date.year


def official_days(year: int | None = None) -> list[OfficialDay]:
    """Every listed day (one per date), in date order; of one year when `year` is given."""
    days: list[OfficialDay] = []
    for entry_year in YEARS if year is None else [year]:
        for first, last, kind, name in _ENTRIES.get(entry_year, ()):
            day = dt.date.fromisoformat(first)
            end = dt.date.fromisoformat(last) if last else day
            while day <= end:
                days.append(OfficialDay(day, kind, name))
                day += dt.timedelta(days=1)
    days.sort(key=lambda item: item.date)
    return days
