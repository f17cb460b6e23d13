"""The audit log and the task timeline in words: each recorded change as a Vietnamese sentence.

"lead: None", "completed_on: 2026-11-30" become "Cơ quan chủ trì: (trống) → Sở Tài chính",
"Ngày hoàn thành: 30/11/2026": field names by the labels the forms use (`FIELD_LABELS`, the one
table), agencies, accounts and tasks by their names, dates dd/mm/yyyy, booleans Có/Không, statuses
and other keys by their Vietnamese labels, lists joined. Every page that shows an audit entry or a
timeline event's changes goes through `describe_entries` / `describe_events`; the raw values stay in
the database (and in a "Giá trị gốc" block shown to admins only).

An interface module (it names the labels of every domain), so it may import them all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext, lazy_pgettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.agencies.models import AGENCY_KINDS, Agency
from tracker.api.models import TOKEN_SCOPES
from tracker.core.dates import fmt_date, fmt_datetime, fmt_number
from tracker.db import db
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.letterhead.settings import FIELDS as LETTERHEAD_FIELDS
from tracker.reminders.models import SWITCH_KINDS
from tracker.reminders.settings import WEEKDAYS
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, PRIORITIES, STATUSES, Task
from tracker.users.models import ROLES, User
from tracker.webhooks.models import WEBHOOK_EVENTS
from tracker.workdays.models import KIND_LABELS as CALENDAR_KINDS

EMPTY = _l("(trống)")
YES, NO = _l("Có"), _l("Không")

# What an admin reads in the "Thao tác" column; a `*` stands for the rest of the action's name.
ACTION_LABELS = {
    "auth.login": _l("Đăng nhập"),
    "auth.login_failed": _l("Đăng nhập sai"),
    "auth.lockout": _l("Tạm khóa đăng nhập"),
    "auth.login_throttled": _l("Đăng nhập bị chặn (đang tạm khóa)"),
    "auth.logout": _l("Đăng xuất"),
    "auth.logout_everywhere": _l("Đăng xuất khỏi mọi thiết bị"),
    "auth.password_change": _l("Đổi mật khẩu"),
    "auth.password_reset": _l("Đặt lại mật khẩu qua thư"),
    "auth.reset_requested": _l("Yêu cầu đặt lại mật khẩu"),
    "document.published": _l("Công khai văn bản"),
    "document.unpublished": _l("Thôi công khai văn bản"),
    "score.settings": _l("Sửa cách chấm điểm nhiệm vụ"),
    "task.escalated": _l("Báo cáo vượt cấp nhiệm vụ quá hạn"),
    "auth.reset_mail": _l("Thư đặt lại mật khẩu"),
    "auth.reset_throttled": _l("Yêu cầu đặt lại mật khẩu bị chặn"),
    "access.denied": _l("Từ chối truy cập"),
    "security.csrf_failed": _l("Biểu mẫu không hợp lệ (CSRF)"),
    "mail.not_configured": _l("Thư chưa gửi (chưa cấu hình máy chủ thư)"),
    "mail.failed": _l("Gửi thư lỗi"),
    "user.create": _l("Tạo tài khoản"),
    "user.update": _l("Sửa tài khoản"),
    "agency.create": _l("Thêm cơ quan"),
    "agency.update": _l("Sửa cơ quan"),
    "agency.alias": _l("Thêm tên gọi khác của cơ quan"),
    "agency.rename": _l("Đổi tên cơ quan"),
    "agency.merge": _l("Hợp nhất cơ quan"),
    "document.create": _l("Thêm văn bản"),
    "document.update": _l("Sửa văn bản"),
    "document.file": _l("Đính kèm tệp văn bản"),
    "attachment.upload": _l("Đính kèm tệp"),
    "task.create": _l("Giao nhiệm vụ"),
    "task.create_section": _l("Thêm mục của văn bản"),
    "task.update": _l("Sửa nhiệm vụ"),
    "task.report": _l("Báo cáo hoàn thành"),
    "task.confirm": _l("Xác nhận hoàn thành"),
    "task.returned": _l("Trả lại báo cáo"),
    "task.recalled": _l("Thu hồi báo cáo"),
    "task.redo_requested": _l("Yêu cầu thực hiện lại"),
    "task.extension_approve": _l("Đồng ý gia hạn"),
    "task.extension_reject": _l("Không đồng ý gia hạn"),
    "task.cancel": _l("Dừng nhiệm vụ"),
    "import.tasks": _l("Nhập nhiệm vụ từ bảng tính"),
    "import.programme": _l("Nhập chương trình, kế hoạch"),
    "report.export_xlsx": _l("Tải báo cáo (Excel)"),
    "report.export_docx": _l("Tải báo cáo (Word)"),
    "report.export_pdf": _l("Tải báo cáo (PDF)"),
    "tasks.export_xlsx": _l("Tải danh sách nhiệm vụ (Excel)"),
    "letterhead.settings": _l("Sửa thể thức văn bản báo cáo"),
    "reminders.settings": _l("Sửa cài đặt nhắc việc"),
    "reminders.switch_on": _l("Bật thư nhắc việc của cơ quan"),
    "reminders.switch_off": _l("Tắt thư nhắc việc của cơ quan"),
    "reminders.receive_digest": _l("Chọn nhận thư nhắc việc"),
    "reminders.resend": _l("Gửi lại thư"),
    "calendar.add": _l("Thêm ngày nghỉ, ngày làm bù"),
    "calendar.update": _l("Sửa ngày nghỉ, ngày làm bù"),
    "calendar.delete": _l("Xóa ngày nghỉ, ngày làm bù"),
    "calendar.load_official": _l("Thêm ngày nghỉ từ dữ liệu chính thức"),
    "calendar.create": _l("Tạo lịch (iCalendar)"),
    "calendar.revoke": _l("Thu hồi lịch (iCalendar)"),
    "api.token_create": _l("Tạo khóa truy cập API"),
    "api.token_revoke": _l("Thu hồi khóa truy cập API"),
    "webhook.create": _l("Thêm webhook"),
    "webhook.enable": _l("Bật webhook"),
    "webhook.disable": _l("Tắt webhook"),
    "webhook.delete": _l("Xóa webhook"),
}
# Given as a pair: in a dict literal, bandit takes this label for a hard-coded password (B105).
ACTION_LABELS.update([("user.reset_password", _l("Quản trị đặt lại mật khẩu"))])

OBJECT_LABELS = {
    "Agency": lazy_pgettext("object", "Cơ quan"),
    "Task": lazy_pgettext("object", "Nhiệm vụ"),
    "User": lazy_pgettext("object", "Tài khoản"),
    "Document": lazy_pgettext("object", "Văn bản"),
    "ExtensionRequest": _l("Đề nghị gia hạn"),
    "Attachment": _l("Tệp"),
    "OutboxMessage": _l("Thư"),
    "Webhook": _l("Webhook"),
    "ApiToken": _l("Khóa API"),
    "CalendarFeed": _l("Lịch"),
    "CalendarDay": _l("Ngày nghỉ"),
    "ImportJob": _l("Lần nhập"),
    "Setting": _l("Cài đặt"),
}

# The one table of field labels: the task's fields as its forms and timeline name them, then every
# other field or detail an audit entry records. "Type.field" or "action.field" overrides "field".
FIELD_LABELS = {
    # the escalation ladder (reminder settings) and an escalation that fired
    "escalate_head_days": _l("Số ngày quá hạn để báo thủ trưởng cơ quan"),
    "escalate_leader_days": _l("Số ngày quá hạn để báo lãnh đạo UBND tỉnh"),
    "escalate_stale_days": _l("Số ngày không cập nhật để báo thủ trưởng cơ quan"),
    "escalate_working_days": _l("Tính theo ngày làm việc"),
    "level": _l("Mức báo cáo vượt cấp"),
    "day": _l("Ngày"),
    # a task (the edit form, the timeline)
    "title": _l("Tên nhiệm vụ"),
    "code": _l("Số thứ tự"),
    "content": _l("Nội dung"),
    "lead_agency": _l("Cơ quan chủ trì"),
    "lead": _l("Cơ quan chủ trì"),
    "coordinating": _l("Cơ quan phối hợp"),
    "area": _l("Lĩnh vực"),
    "deadline_kind": _l("Loại thời hạn"),
    "deadline": _l("Thời hạn"),
    "period": _l("Chu kỳ"),
    "expected_output": _l("Sản phẩm"),
    "priority": _l("Mức độ"),
    "status": _l("Trạng thái"),
    "progress": _l("Tiến độ"),
    "completed_on": _l("Ngày hoàn thành"),
    "result_ref": _l("Kết quả"),
    "reason": _l("Lý do"),
    "document": lazy_pgettext("field", "Văn bản"),
    "task": lazy_pgettext("field", "Nhiệm vụ"),
    "changes": _l("Thay đổi"),
    # an agency (its form, merge and rename)
    "Agency.code": _l("Mã"),
    "agency.create.code": _l("Mã"),
    "Agency.name": _l("Tên cơ quan"),
    "kind": _l("Loại"),
    "parent_id": _l("Cơ quan cấp trên"),
    "emails": _l("Thư điện tử nhận thông báo"),
    "aliases": _l("Tên gọi khác"),
    "alias": _l("Tên gọi khác"),
    "is_active": _l("Đang hoạt động"),
    "successor": _l("Cơ quan tiếp nhận"),
    "on": _l("Ngày hiệu lực"),
    "users_moved": _l("Tài khoản chuyển sang cơ quan tiếp nhận"),
    "users_deactivated": _l("Tài khoản bị khóa"),
    "children": _l("Cơ quan trực thuộc chuyển sang"),
    "tasks_moved": _l("Số nhiệm vụ chuyển"),
    "coordination_moved": _l("Số nhiệm vụ phối hợp chuyển"),
    "users": _l("Số tài khoản"),
    "children_moved": _l("Số cơ quan trực thuộc chuyển"),
    # an account
    "email": _l("Thư điện tử"),
    "full_name": _l("Họ và tên"),
    "role": _l("Vai trò"),
    "agency_id": lazy_pgettext("field", "Cơ quan"),
    "active": _l("Đang hoạt động"),
    "remember": _l("Ghi nhớ đăng nhập"),
    "sent": _l("Đã gửi thư"),
    "scope": _l("Phạm vi"),
    "minutes": _l("Số phút tạm khóa"),
    # a document
    "symbol": _l("Số, ký hiệu"),
    "Document.kind": _l("Loại văn bản"),
    "issued_on": _l("Ngày ban hành"),
    "Document.title": _l("Trích yếu"),
    "issuer": _l("Cơ quan ban hành"),
    "issuer_level": _l("Cấp ban hành"),
    "province": _l("Tỉnh"),
    "is_urgent": _l("Văn bản KHẨN"),
    "attachment": _l("Tệp"),
    "name": _l("Tên"),
    "size": _l("Dung lượng (byte)"),
    # imports, reports
    "filename": _l("Tệp"),
    "created": _l("Số dòng đã nhập"),
    "skipped": _l("Số dòng bỏ qua"),
    "conflicts": _l("Số dòng trùng"),
    "documents": _l("Số văn bản mới"),
    "tasks": _l("Số nhiệm vụ"),
    "as_of": _l("Số liệu tính đến ngày"),
    "report.export_*.issuer": _l("Cấp ban hành"),
    "report.export_*.period": _l("Kỳ báo cáo"),
    "appendix_only": _l("Chỉ phụ lục"),
    "tasks.export_xlsx.filter": _l("Bộ lọc"),
    # e-mail, security
    "subject": _l("Tiêu đề thư"),
    "to": _l("Người nhận"),
    "error": _l("Lỗi"),
    "path": _l("Địa chỉ trang"),
    "method": _l("Phương thức"),
    "receive": _l("Nhận thư nhắc việc"),
    "Setting.kind": _l("Phần thư nhắc việc"),
    "reminders.switch_*.kind": _l("Phần thư nhắc việc"),
    # the reminder settings (their form's labels)
    "send_at": _l("Giờ gửi thư hằng ngày"),
    "days_before": _l("Nhắc trước thời hạn (số ngày)"),
    "due_soon_days": _l("Khoảng «sắp đến hạn» (ngày)"),
    "stale_days": _l("Chưa cập nhật sau (ngày)"),
    "behind_margin": _l("Mức chậm tiến độ (điểm %)"),
    "weekly_day": _l("Gửi thư tổng hợp cho cán bộ theo dõi vào"),
    "awaiting_days": _l("Chờ xác nhận quá (ngày)"),
    "count_working_days": _l("Tính «nhắc trước» và «sắp đến hạn» theo ngày làm việc"),
    # the calendar, feeds, API tokens, webhooks
    "days": _l("Ngày"),
    "before": _l("Trước"),
    "after": _l("Sau"),
    "filters": _l("Bộ lọc"),
    "user": lazy_pgettext("field", "Tài khoản"),
    "url": _l("Địa chỉ nhận"),
    "events": _l("Sự kiện"),
    "Webhook.name": _l("Tên"),
} | {f"letterhead.settings.{key}": label for key, (label, *_rest) in LETTERHEAD_FIELDS.items()}

# The keys some fields hold, by their labels. A (pattern, field) rule wins over a field rule.
VOCABULARIES = {
    "status": STATUSES,
    "area": AREAS,
    "deadline_kind": DEADLINE_KINDS,
    "period": PERIODS,
    "priority": PRIORITIES,
    "role": ROLES,
    "issuer_level": ISSUER_LEVELS,
    "report.export_*.issuer": ISSUER_LEVELS,
    "Agency.kind": AGENCY_KINDS,
    "Document.kind": DOCUMENT_KINDS,
    "reminders.switch_*.kind": SWITCH_KINDS,
    "api.token_create.scope": TOKEN_SCOPES,
    "scope": {
        "account_address": _l("tài khoản từ địa chỉ máy này"),
        "account": _l("tài khoản"),
        "address": _l("địa chỉ máy"),
    },
    "reason": {"too_many": _l("quá nhiều yêu cầu")},
    "events": WEBHOOK_EVENTS,
    "weekly_day": dict(enumerate(WEEKDAYS)),
}
# Fields that hold agencies (by code, or by id), accounts (by e-mail or id), tasks (by id).
AGENCY_CODES = {"lead", "lead_agency", "coordinating", "successor", "children", "province"}
AGENCY_IDS = {"parent_id", "agency_id", "report.export_*.lead"}
USER_EMAILS = {"users_moved", "users_deactivated"}
TASK_IDS = {"task"}
BOOLEANS = {
    "is_active", "active", "is_urgent", "remember", "sent", "appendix_only", "receive", "count_working_days",
    "escalate_working_days",
}  # fmt: skip
CALENDAR_ROWS = {"days", "calendar.update.before", "calendar.update.after"}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_AGENCY_REPR = re.compile(r"^<Agency (.+)>$")


@dataclass
class Line:
    """One sentence: "label: before → after" (a change) or "label: value"."""

    field: str
    label: str
    after: str
    before: str | None = None
    changed: bool = False

    def __str__(self) -> str:
        if self.changed:
            return f"{self.label}: {self.before} → {self.after}"
        return f"{self.label}: {self.after}"


def _match(table: dict | set, field: str, action: str = "", object_type: str = ""):
    """The entry of `table` for `field` in this context: action.field, Type.field, then field;
    an action pattern with `*` matches its prefix."""
    for key in (f"{action}.{field}", f"{object_type}.{field}"):
        if key in table:
            return key
    for key in table:
        if "*." in key:
            pattern, _, name = key.rpartition(".")
            if name == field and action.startswith(pattern.rstrip("*")):
                return key
    return field if field in table else None


def field_label(field: str, action: str = "", object_type: str = "") -> str:
    key = _match(FIELD_LABELS, field, action, object_type)
    if not key:
        return field
    label = FIELD_LABELS[key]
    return gettext(label) if isinstance(label, str) else str(label)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def object_label(object_type: str | None) -> str:
    return str(OBJECT_LABELS.get(object_type, object_type)) if object_type else ""


class Names:
    """Agencies, accounts and tasks by their codes and ids. Asked twice: a first pass notes what is
    wanted (`collecting`), `load` reads it all in three queries, a second pass answers."""

    def __init__(self) -> None:
        self.collecting = True
        self.wanted: dict[str, set] = {"agency_code": set(), "agency_id": set(), "user": set(), "task": set()}
        self.found: dict[str, dict] = {k: {} for k in self.wanted}

    def __call__(self, kind: str, key) -> str:
        if self.collecting:
            self.wanted[kind].add(key)
            return str(key)
        return self.found[kind].get(key, str(key))

    def load(self) -> None:
        self.collecting = False
        codes = {c for c in self.wanted["agency_code"] if c}
        ids = {int(i) for i in self.wanted["agency_id"] if str(i).isdigit()}
        if codes or ids:
            for a in db.session.execute(
                select(Agency.id, Agency.code, Agency.name).where(Agency.code.in_(codes) | Agency.id.in_(ids))
            ):
                self.found["agency_code"][a.code] = a.name
                self.found["agency_id"][a.id] = self.found["agency_id"][str(a.id)] = a.name
        emails = {e for e in self.wanted["user"] if e}
        if emails:
            for u in db.session.execute(select(User.email, User.full_name).where(User.email.in_(emails))):
                self.found["user"][u.email] = f"{u.full_name} ({u.email})" if u.full_name else u.email
        tasks = {int(i) for i in self.wanted["task"] if str(i).isdigit()}
        if tasks:
            for t in db.session.execute(select(Task.id, Task.code, Task.title).where(Task.id.in_(tasks))):
                text = f"{t.code} {t.title}" if t.code else t.title
                self.found["task"][t.id] = self.found["task"][str(t.id)] = text


def _is_empty(value) -> bool:
    return value is None or value == "" or value == "None" or value == []


def value_words(value, field: str, names: Names, action: str = "", object_type: str = "") -> str:
    """One recorded value in words."""
    if _is_empty(value):
        return str(EMPTY)
    if isinstance(value, (list, tuple)):  # noqa: UP038
        if _match(CALENDAR_ROWS, field, action, object_type):
            return "; ".join(_calendar_row(v) for v in value)
        return ", ".join(value_words(v, field, names, action, object_type) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(k, action, object_type)}: {value_words(v, k, names, action, object_type)}"
            for k, v in value.items()
        )
    if isinstance(value, bool) or (
        _match(BOOLEANS, field, action, object_type) and value in ("True", "False")
    ):
        return str(YES if value in (True, "True") else NO)
    vocabulary = _match(VOCABULARIES, field, action, object_type)
    if vocabulary is not None:
        labels = VOCABULARIES[vocabulary]
        if value in labels:
            return _label(labels[value])
        if isinstance(value, str) and value.isdigit() and int(value) in labels:
            return _label(labels[int(value)])
    if isinstance(value, str):
        agency = _AGENCY_REPR.match(value)
        if agency:
            return names("agency_code", agency.group(1))
    if _match(AGENCY_CODES, field, action, object_type):
        if isinstance(value, str) and ", " in value:
            return ", ".join(names("agency_code", c) for c in value.split(", "))
        return names("agency_code", value)
    if _match(AGENCY_IDS, field, action, object_type):
        return names("agency_id", value)
    if _match(USER_EMAILS, field, action, object_type):
        return names("user", value)
    if _match(TASK_IDS, field, action, object_type):
        return names("task", value)
    if field == "progress":
        return f"{value}\u00a0%"  # a no-break space, as core.dates.fmt_percent
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # noqa: UP038
        return fmt_number(value)
    if isinstance(value, str) and _DATE.match(value):
        return fmt_date(dt.date.fromisoformat(value))
    if isinstance(value, str) and _DATETIME.match(value):
        try:
            return fmt_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _label(label) -> str:
    """A label of a domain's table: kept in Vietnamese there (`N_`), translated here."""
    return gettext(label) if isinstance(label, str) else str(label)


def _calendar_row(row) -> str:
    if isinstance(row, (list, tuple)) and len(row) == 3:  # noqa: UP038
        day, kind, name = row
        when = fmt_date(dt.date.fromisoformat(day)) if _DATE.match(str(day)) else str(day)
        return f"{when} ({CALENDAR_KINDS.get(kind, kind)}{': ' + name if name else ''})"
    return str(row)


def _lines(details: dict, names: Names, action: str = "", object_type: str = "") -> list[Line]:
    lines = []
    for field, value in (details or {}).items():
        if field == "changes" and isinstance(value, dict):
            lines += _change_lines(value, names, action, object_type)
            continue
        label = field_label(field, action, object_type)
        lines.append(Line(field, label, value_words(value, field, names, action, object_type)))
    return lines


def _change_lines(changes: dict, names: Names, action: str = "", object_type: str = "") -> list[Line]:
    lines = []
    for field, pair in changes.items():
        label = field_label(field, action, object_type)
        if isinstance(pair, (list, tuple)) and len(pair) == 2:  # noqa: UP038
            before, after = (value_words(v, field, names, action, object_type) for v in pair)
            lines.append(Line(field, label, after, before, changed=True))
        else:
            lines.append(Line(field, label, value_words(pair, field, names, action, object_type)))
    return lines


def describe(action: str, object_type: str | None, details: dict) -> list[Line]:
    """One entry's details in words (loads the names it needs)."""
    return describe_entries([_Entry(0, action, object_type, details)])[0]


@dataclass
class _Entry:
    id: int
    action: str
    object_type: str | None
    details: dict


def describe_entries(entries: Iterable) -> dict[int, list[Line]]:
    """The audit entries' details in words, by entry id, with the names of a page read at once."""
    entries = list(entries)
    names = Names()
    for _pass in range(2):
        out = {e.id: _lines(e.details, names, e.action, e.object_type or "") for e in entries}
        if names.collecting:
            names.load()
    return out


def describe_events(events: Iterable) -> dict[int, list[Line]]:
    """The timeline events' changes in words, by event id (a task's creation shows no status)."""
    events = list(events)
    names = Names()
    for _pass in range(2):
        out = {
            e.id: [
                line
                for line in _change_lines(e.changes or {}, names, "", "Task")
                if not (e.kind == "created" and line.field == "status")
            ]
            for e in events
        }
        if names.collecting:
            names.load()
    return out


def raw(values) -> str:
    """The values as stored (for the "Giá trị gốc" block admins may open)."""
    return json.dumps(values, ensure_ascii=False, default=str)
