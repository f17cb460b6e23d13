"""The columns of the import files (DOMAIN.md, "Import format"), and reading their cells.

Headers may be the keys (`lead_agency`) or the Vietnamese headers ("Cơ quan chủ trì"), in any
case and with or without diacritics, a "(*)" or a note in brackets ("Ngày giao (dd/mm/yyyy)").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from openpyxl.utils import get_column_letter as cell_letter

from tracker.agencies.models import AGENCY_KINDS
from tracker.agencies.names import fold
from tracker.core import limits
from tracker.core.dates import check_date_range
from tracker.core.text import N_
from tracker.tasks.deadlines import DeadlineError, parse_date
from tracker.tasks.models import AREAS, STATUSES

__all__ = ["AGENCY_COLUMNS", "TASK_COLUMNS", "Column", "Issue", "cell_letter", "map_headers"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Vietnamese header of the template
    required: bool = False
    synonyms: tuple[str, ...] = ()
    note: str = ""  # what the template's guide says about it


TASK_COLUMNS: tuple[Column, ...] = (
    Column(
        "document",
        "Văn bản",
        True,
        ("so ky hieu van ban", "so, ky hieu van ban", "van ban giao nhiem vu"),
        N_("Số, ký hiệu của văn bản giao nhiệm vụ, ví dụ 91-KL/TU. Văn bản chưa có sẽ được tạo."),
    ),
    Column(
        "code",
        "Số thứ tự",
        False,
        ("stt", "tt", "ma", "ma nhiem vu", "so tt"),
        N_("Vị trí trong văn bản, ví dụ III.3.b.2; nhiệm vụ cha là dòng có số thứ tự là phần đầu (III.3.b)."),
    ),
    Column("title", "Tên nhiệm vụ", True, ("nhiem vu", "ten"), N_("Tên ngắn gọn của nhiệm vụ.")),
    Column(
        "content", "Nội dung", False, ("noi dung nhiem vu", "noi dung chi tiet"), N_("Toàn văn nội dung.")
    ),
    Column(
        "lead_agency",
        "Cơ quan chủ trì",
        True,
        ("chu tri", "don vi chu tri", "co quan, don vi chu tri"),
        N_("Mã hoặc tên đầy đủ của cơ quan trong danh mục. Để trống ở dòng chỉ là tiêu đề mục."),
    ),
    Column(
        "coordinating_agencies",
        "Cơ quan phối hợp",
        False,
        ("phoi hop", "don vi phoi hop"),
        N_("Mã hoặc tên, cách nhau bằng dấu chấm phẩy (;)."),
    ),
    Column("area", "Lĩnh vực", False, (), N_("Chọn trong danh sách; để trống là «Khác».")),
    Column("assigned_on", "Ngày giao", True, ("ngay giao nhiem vu",), N_("dd/mm/yyyy hoặc yyyy-mm-dd.")),
    Column(
        "deadline",
        "Thời hạn",
        False,
        ("han", "thoi han hoan thanh", "han hoan thanh"),
        N_(
            "Một ngày (dd/mm/yyyy) hoặc cách ghi của văn bản: «Quý I năm 2023», «trong tháng 3 năm 2024», "
            "«hằng quý»…; để trống là Thường xuyên."
        ),
    ),
    Column(
        "original_deadline",
        "Thời hạn ban đầu",
        False,
        ("han ban dau", "thoi han goc", "thoi han truoc khi gia han"),
        N_(
            "Với nhiệm vụ đã được gia hạn: thời hạn trước khi gia hạn (dd/mm/yyyy); «Thời hạn» là thời hạn "
            "sau gia hạn."
        ),
    ),
    Column(
        "extended_on",
        "Ngày gia hạn",
        False,
        ("ngay dong y gia han", "ngay duyet gia han", "ngay chap thuan gia han"),
        N_("Ngày đồng ý gia hạn; để trống là ngày của thời hạn ban đầu."),
    ),
    Column(
        "extended_to",
        "Gia hạn đến",
        False,
        ("han moi", "thoi han sau gia han", "gia han den ngay", "thoi han gia han"),
        N_("Thời hạn mới sau gia hạn; ghi ở đây hoặc ở cột «Thời hạn»."),
    ),
    Column(
        "status",
        "Trạng thái",
        False,
        ("tinh trang", "ket qua thuc hien"),
        N_(
            "Chưa thực hiện, Đang thực hiện, Chờ xác nhận, Đã hoàn thành, Đã dừng; để trống là Chưa thực hiện."
        ),
    ),
    Column(
        "reported_on",
        "Ngày báo cáo hoàn thành",
        False,
        ("ngay bao cao",),
        N_("Với Chờ xác nhận và Đã hoàn thành."),
    ),
    Column(
        "completed_on",
        "Ngày hoàn thành",
        False,
        (),
        N_("Ngày của văn bản kết quả; với Chờ xác nhận và Đã hoàn thành."),
    ),
    Column("confirmed_on", "Ngày xác nhận", False, ("ngay xac nhan hoan thanh",), N_("Với Đã hoàn thành.")),
    Column(
        "expected_output",
        "Sản phẩm",
        False,
        ("san pham dau ra", "ket qua du kien"),
        N_("Ví dụ: Báo cáo UBND tỉnh."),
    ),
    Column(
        "result",
        "Kết quả",
        False,
        ("so ky hieu ket qua", "van ban ket qua"),
        N_("Số, ký hiệu văn bản kết quả (với nhiệm vụ đã hoàn thành)."),
    ),
    Column("progress", "Tiến độ (%)", False, ("tien do", "ty le"), N_("Với Đang thực hiện: 0–100.")),
    Column("priority", "Mức độ", False, ("do khan", "khan"), N_("«Khẩn» hoặc để trống.")),
    Column(
        "cancelled_on",
        "Ngày dừng",
        False,
        ("ngay dung thuc hien", "ngay dung nhiem vu"),
        N_("Với Đã dừng; để trống là ngày giao."),
    ),
    Column("cancel_reason", "Lý do dừng", False, (), N_("Với Đã dừng.")),
    Column(
        "former_lead",
        "Cơ quan chủ trì trước sắp xếp",
        False,
        ("co quan chu tri truoc", "co quan chu tri cu", "chu tri truoc sap xep", "co quan chu tri ban dau"),
        N_(
            "Với nhiệm vụ đã chuyển cơ quan chủ trì khi sắp xếp bộ máy: cơ quan chủ trì lúc giao; «Cơ quan "
            "chủ trì» là cơ quan hiện nay."
        ),
    ),
    Column(
        "moved_on",
        "Ngày chuyển giao",
        False,
        ("ngay chuyen chu tri", "ngay sap xep", "ngay chuyen giao nhiem vu"),
        N_(
            "Ngày nhiệm vụ chuyển sang cơ quan chủ trì hiện nay; để trống là ngày cơ quan cũ ngừng hoạt động."
        ),
    ),
    Column(
        "contributions",
        "Ý kiến phối hợp",
        False,
        ("y kien cua co quan phoi hop", "ket qua phoi hop", "noi dung phoi hop", "y kien tham gia"),
        N_(
            "Mỗi dòng một ý kiến: «Cơ quan (dd/mm/yyyy): nội dung»; cơ quan là một cơ quan phối hợp của "
            "nhiệm vụ; không ghi ngày là ngày giao."
        ),
    ),
)

AGENCY_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã", True, ("ma co quan", "ma don vi"), N_("Chữ in hoa, số, gạch nối; ví dụ SNV.")),
    Column("name", "Tên cơ quan", True, ("ten", "ten don vi", "ten co quan, don vi"), N_("Tên đầy đủ.")),
    Column(
        "kind", "Loại", False, ("loai co quan",), N_("Sở, ban, ngành cấp tỉnh; UBND cấp huyện; UBND cấp xã…")
    ),
    Column("parent", "Cơ quan cấp trên", False, ("cap tren", "ma cap tren"), N_("Mã của cơ quan cấp trên.")),
    Column(
        "emails", "Thư điện tử", False, ("email", "e-mail", "dia chi thu dien tu"), N_("Cách nhau bằng ;")
    ),
    Column("aliases", "Tên gọi khác", False, ("ten khac", "ten viet tat"), N_("Cách nhau bằng ;")),
)


@dataclass
class Issue:
    """An error or a warning about a row (`row` None: the whole file) and a column."""

    row: int | None
    column: str | None
    message: str

    def __post_init__(self):
        self.message = limits.shorten_quoted(self.message)
        self.column = limits.shorten(self.column) if self.column else self.column

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Headers:
    """Where each known column is (0-based), and what the file's header row said."""

    index: dict[str, int] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # key -> header as written
    ignored: list[str] = field(default_factory=list)

    def name(self, key: str, columns: tuple[Column, ...]) -> str:
        if key in self.written:
            return self.written[key]
        return next((c.header for c in columns if c.key == key), key)


def _header_key(text: str) -> str:
    text = re.sub(r"\(\s*\*\s*\)|\*", "", text or "")
    text = re.sub(r"\((?!%).*?\)", "", text)  # a note: "Ngày giao (dd/mm/yyyy)"
    return " ".join(re.sub(r"[^a-z0-9%,\- ]", " ", fold(text)).split()).strip(" ,-")


def map_headers(headers: list[str], columns: tuple[Column, ...]) -> tuple[Headers, list[Issue]]:
    """Which column holds what; errors for a missing required column or a column given twice."""
    names: dict[str, str] = {}
    for c in columns:
        for alias in (c.key, c.key.replace("_", " "), c.header, *c.synonyms):
            names.setdefault(_header_key(alias), c.key)
    found = Headers()
    issues: list[Issue] = []
    for i, header in enumerate(headers):
        if not header:
            continue
        key = names.get(_header_key(header))
        if key is None:
            found.ignored.append(header)
            continue
        if key in found.index:
            issues.append(
                Issue(None, header, f"Cột «{header}» trùng với cột «{found.written[key]}»; chỉ giữ một cột.")
            )
            continue
        found.index[key] = i
        found.written[key] = header
    missing = [c for c in columns if c.required and c.key not in found.index]
    if missing:
        listed = ", ".join(f"«{c.header}» ({c.key})" for c in missing)
        issues.append(
            Issue(
                None,
                None,
                f"Thiếu cột bắt buộc: {listed}. Dòng tiêu đề đọc được: "
                + (", ".join(f"«{h}»" for h in headers if h) or "trống")
                + ".",
            )
        )
    return found, issues


# ── cells ───────────────────────────────────────────────────────────────────────────────
def text(value) -> str:
    """A cell as text: numbers without a spurious ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).replace("\r", "").split(" ")).strip()


def date_cell(value) -> dt.date | None:
    """A date cell (an Excel date, dd/mm/yyyy or yyyy-mm-dd); None when empty; DeadlineError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float):
        raise DeadlineError(f"«{text(value)}» là một số, không phải ngày (nhập theo dạng dd/mm/yyyy)")
    else:
        day = parse_date(str(value))
    try:
        return check_date_range(day, text(value))
    except ValueError as e:
        raise DeadlineError(str(e)) from None


def _labels(mapping: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    out = {fold(k): k for k in mapping} | {fold(v): k for k, v in mapping.items()}
    out |= {fold(k): v for k, v in extra.items()}
    return out


STATUS_NAMES = _labels(
    STATUSES,
    {
        "mới": "new",
        "chưa": "new",
        "đang": "in_progress",
        "đang triển khai": "in_progress",
        "đã báo cáo": "reported",
        "đã báo cáo hoàn thành": "reported",
        "chờ xác nhận hoàn thành": "reported",
        "hoàn thành": "done",
        "đã xong": "done",
        "dừng": "cancelled",
        "đã hủy": "cancelled",
        "hủy": "cancelled",
        "in progress": "in_progress",
    },
)
AREA_NAMES = _labels(
    AREAS,
    {
        "cải cách thủ tục hành chính": "tthc",
        "thủ tục hành chính": "tthc",
        "thể chế": "the_che",
        "tổ chức bộ máy": "to_chuc_bo_may",
        "công vụ": "cong_vu",
        "cải cách công vụ": "cong_vu",
        "tài chính công": "tai_chinh_cong",
        "chính quyền điện tử": "chinh_quyen_so",
        "chính quyền số": "chinh_quyen_so",
        "chuyển đổi số": "chinh_quyen_so",
        "chính quyền điện tử / chính quyền số": "chinh_quyen_so",
        "chỉ đạo, điều hành": "chi_dao_dieu_hanh",
        "khac": "other",
    },
)
KIND_NAMES = _labels(
    AGENCY_KINDS,
    {
        "sở": "department",
        "sở, ban, ngành": "department",
        "ban": "department",
        "huyện": "district",
        "ubnd cấp huyện": "district",
        "ubnd huyện": "district",
        "xã": "commune",
        "ubnd cấp xã": "commune",
        "đơn vị sự nghiệp": "public_unit",
        "ngành dọc": "central",
        "cơ quan ngành dọc": "central",
        "tổ chức chính trị - xã hội": "organisation",
        "đoàn thể": "organisation",
        "ngoài tỉnh": "external",
        "trung ương": "external",
    },
)


def choice(value: str, names: dict[str, str]) -> str | None:
    """The key a label names ("Đã hoàn thành" -> done), case and diacritics ignored."""
    key = fold(value).strip(" .")
    key = " ".join(key.split())
    return names.get(key) or names.get(key.replace(",", "").replace("  ", " "))


def split_list(value: str) -> list[str]:
    """Names separated by ";" or new lines (a comma belongs to names like "Sở Lao động, …")."""
    return [p.strip() for p in re.split(r"[;\n]", value or "") if p.strip()]
