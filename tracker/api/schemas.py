"""JSON Schemas of the API (OpenAPI 3.1 components): what tracker.api.serialize produces and what
request bodies may hold. Requests are validated against these very schemas (tracker.api.validation)."""

from __future__ import annotations

from tracker.agencies.models import AGENCY_KINDS
from tracker.core.params import MAX_ID
from tracker.core.text import N_
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.tasks.models import AREAS, CATEGORIES, DEADLINE_KINDS, PERIODS, PRIORITIES, STATUSES
from tracker.tasks.queries import SORTS
from tracker.tasks.rules import TEXT_LIMITS
from tracker.users.models import ROLES


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    t = schema.get("type")
    out = dict(schema)
    out["type"] = [t, "null"] if isinstance(t, str) else [*t, "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


STR = {"type": "string"}
INT = {"type": "integer"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}


def text(max_length: int, min_length: int = 0) -> dict:
    schema = {"type": "string", "maxLength": max_length}
    if min_length:
        schema["minLength"] = min_length
    return schema


# The task texts written over several lines (a <textarea> on the pages); every other string of a
# request is one line and refuses line breaks and control characters (api.validation.check).
MULTILINE = {"title", "content", "note", "text", "reason", "comment", "message"}


def task_text(field: str, min_length: int = 0) -> dict:
    """A text the task operations cap (tasks.rules.TEXT_LIMITS): the cap is documented here, and the
    operation refuses a longer value with the same message as on the pages (`x-cap` tells the
    validation to leave it to the operation)."""
    schema = text(TEXT_LIMITS[field], min_length)
    schema["x-cap"] = field
    if field in MULTILINE:
        schema["x-multiline"] = True
    return schema


def obj(properties: dict, required: list | None = None, closed: bool = True) -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


AGENCY_REF = obj({"id": INT, "code": STR, "name": STR})

COMPONENTS: dict[str, dict] = {
    "Error": obj(
        {
            "error": obj({"code": STR, "message": STR, "message_en": STR, "field": nullable(STR)}),
            "current": ref("Task"),
            # A deadline on a day off (code deadline_on_day_off): which day, and the next working day.
            "day_off": obj({"date": DATE, "name": STR, "next_working_day": DATE}),
        },
        required=["error"],
    ),
    "AgencyRef": AGENCY_REF,
    "Agency": obj(
        {
            "id": INT,
            "code": STR,
            "name": STR,
            "kind": {"type": "string", "enum": list(AGENCY_KINDS)},
            "kind_label": STR,
            "parent_id": nullable(INT),
            "is_active": {"type": "boolean"},
            "successor_id": nullable(INT),
            "emails": {"type": "array", "items": STR},
        }
    ),
    "User": obj(
        {
            "id": INT,
            "email": STR,
            "full_name": STR,
            "role": {"type": "string", "enum": list(ROLES)},
            "role_label": STR,
            "agency": {"oneOf": [ref("AgencyRef"), {"type": "null"}]},
            "active": {"type": "boolean"},
        }
    ),
    "Document": obj(
        {
            "id": INT,
            "symbol": STR,
            "kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
            "kind_label": STR,
            "issuer": STR,
            "issuer_level": {"type": "string", "enum": list(ISSUER_LEVELS)},
            "issued_on": DATE,
            "title": STR,
            "is_urgent": {"type": "boolean"},
            "url": STR,
        }
    ),
    "Task": obj(
        {
            "id": INT,
            "version": INT,
            "url": STR,
            "document": obj({"id": INT, "symbol": STR}),
            "parent_id": nullable(INT),
            "series_id": nullable(INT),
            "is_section": {"type": "boolean"},
            "code": STR,
            "title": STR,
            "content": STR,
            "lead_agency": {"oneOf": [ref("AgencyRef"), {"type": "null"}]},
            "coordinating_agencies": {"type": "array", "items": ref("AgencyRef")},
            "area": {"type": "string", "enum": list(AREAS)},
            "area_label": STR,
            "assigned_on": DATE,
            "deadline_kind": {"type": "string", "enum": list(DEADLINE_KINDS)},
            "period": nullable({"type": "string", "enum": list(PERIODS)}),
            "period_label": nullable(STR),
            "deadline": nullable(DATE),
            "original_deadline": nullable(DATE),
            "deadline_state": nullable({"type": "string", "enum": ["overdue", "due_soon", "ok"]}),
            "expected_output": STR,
            "priority": {"type": "string", "enum": list(PRIORITIES)},
            "status": {"type": "string", "enum": list(STATUSES)},
            "status_label": STR,
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "completed_on": nullable(DATE),
            "reported_on": nullable(DATE),
            "confirmed_on": nullable(DATE),
            "result_ref": STR,
            "result_note": STR,
            "returned_reason": nullable(STR),
            "cancel_reason": nullable(STR),
            "extension_count": INT,
            "last_update_on": nullable(DATE),
            "created_at": DATETIME,
            "updated_at": DATETIME,
        }
    ),
    "TaskEvent": obj(
        {
            "id": INT,
            "task_id": INT,
            "kind": STR,
            "on_date": DATE,
            "at": DATETIME,
            "actor": {"oneOf": [obj({"id": INT, "name": STR}), {"type": "null"}]},
            "agency": {"oneOf": [ref("AgencyRef"), {"type": "null"}]},
            "changes": {"type": "object", "additionalProperties": {"type": "array"}},
            "comment": STR,
        }
    ),
    "ExtensionRequest": obj(
        {
            "id": INT,
            "task_id": INT,
            "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
            "requested_at": DATETIME,
            "current_deadline": nullable(DATE),
            "requested_deadline": DATE,
            "reason": STR,
            "decided_at": nullable(DATETIME),
            "decision_note": STR,
        }
    ),
    "Attachment": obj(
        {
            "id": INT,
            "task_id": nullable(INT),
            "document_id": nullable(INT),
            "event_id": nullable(INT),
            "name": STR,
            "content_type": STR,
            "size": INT,
            "sha256": STR,
            "created_at": DATETIME,
            "download_url": STR,
        }
    ),
}
# The keys of `flask report summary --format json` (Counts.as_dict); a rate is a fraction, 0 to 1.
RATE = {"type": "number", "minimum": 0, "maximum": 1}
REPORT_FIGURES = {
    "total": INT,
    "done_on_time": INT,
    "done_late": INT,
    "awaiting_confirmation": INT,
    "overdue": INT,
    "in_progress_on_time": INT,
    "due_soon": INT,
    "extended": INT,
    "completion_rate": RATE,
}
COMPONENTS["ReportFigures"] = obj(REPORT_FIGURES)
# `from` and `to` are the period, null for all tasks of the chosen documents; `as_of` is D.
REPORT_HEAD = {
    "as_of": DATE,
    "from": nullable(DATE),
    "to": nullable(DATE),
    "scope": nullable(STR),  # the named scope asked for (tracker.reports.scopes), or null
    "sentence": STR,  # what the figures count, in one sentence
}
COMPONENTS["ReportSummary"] = obj({**REPORT_HEAD, "figures": ref("ReportFigures")})
# A row of `flask report by-agency --format json` (Row.as_dict): rank, agency code and name, figures.
COMPONENTS["ReportAgencyRow"] = obj(
    {
        "rank": INT,
        "agency": STR,
        "name": STR,
        **REPORT_FIGURES,
        "on_time_rate": RATE,
        # The overdue tasks as of D by how long they were overdue.
        "overdue_1_30": INT,
        "overdue_31_90": INT,
        "overdue_over_90": INT,
    }
)
# A row of `flask report score --format json` (ScoreRow.as_dict); on_time_rate null: no task due.
NUMBER = {"type": "number", "minimum": 0}
COMPONENTS["AgencyScoreRow"] = obj(
    {
        "rank": INT,
        "agency": STR,
        "name": STR,
        "tasks": INT,
        "on_time": INT,
        "on_time_rate": nullable(RATE),
        "overdue": INT,
        "points": NUMBER,
        "max_points": NUMBER,
    }
)
COMPONENTS["AgencyScores"] = obj(
    {
        "year": INT,
        "from": DATE,
        "to": DATE,
        "as_of": DATE,
        "rows": {"type": "array", "items": ref("AgencyScoreRow")},
    }
)
COMPONENTS["ReportByAgency"] = obj(
    {
        **REPORT_HEAD,
        "rows": {"type": "array", "items": ref("ReportAgencyRow")},
        "total": ref("ReportFigures"),
    }
)


def page_of(name: str) -> dict:
    return obj(
        {
            "items": {"type": "array", "items": ref(name)},
            "page": INT,
            "per_page": INT,
            "total": INT,
            "pages": INT,
        }
    )


for _name in ("Task", "TaskEvent", "Agency", "User", "Document", "Attachment", "ExtensionRequest"):
    COMPONENTS[f"{_name}Page"] = page_of(_name)


def q(name: str, schema: dict, description: str = "") -> dict:
    param = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


def flag(name: str, description: str) -> dict:
    return q(name, {"type": "boolean"}, description)


PAGING = [
    q("page", {"type": "integer", "minimum": 1, "maximum": 100000}, N_("Trang (bắt đầu từ 1).")),
    q(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": 200},
        N_("Số mục mỗi trang (mặc định 50, tối đa 200)."),
    ),
]

TASK_FILTERS = [
    q(
        "q",
        text(200),
        N_(
            "Tìm trong số, ký hiệu văn bản, số thứ tự, tên, nội dung, tên cơ quan (không phân biệt dấu); phù hợp nhất trước."
        ),
    ),
    q("document", ID, N_("Mã số (id) văn bản.")),
    q("lead", ID, N_("Cơ quan chủ trì (id), kể cả các cơ quan cấp dưới.")),
    q("coord", ID, N_("Cơ quan phối hợp (id), kể cả các cơ quan cấp dưới.")),
    q(
        "status",
        {"type": "array", "items": {"type": "string", "enum": list(STATUSES)}, "maxItems": 5},
        N_("Trạng thái; lặp lại để chọn nhiều."),
    ),
    q(
        "category",
        {"type": "string", "enum": list(CATEGORIES)},
        N_("Phân loại theo Biểu mẫu 01 (tính đến hôm nay)."),
    ),
    q("area", {"type": "string", "enum": list(AREAS)}, N_("Lĩnh vực.")),
    q("deadline_from", DATE, N_("Thời hạn từ ngày (YYYY-MM-DD).")),
    q("deadline_to", DATE, N_("Thời hạn đến ngày (YYYY-MM-DD).")),
    flag("due_soon", N_("Sắp đến hạn (trong 7 ngày).")),
    flag("overdue", N_("Quá hạn chưa hoàn thành.")),
    flag("urgent", N_("Khẩn.")),
    flag("returned", N_("Bị trả lại, đang thực hiện lại.")),
    flag("ext_pending", N_("Có đề nghị gia hạn đang chờ.")),
    q(
        "sort",
        {"type": "string", "enum": list(SORTS)},
        N_("Sắp xếp (mặc định: deadline). Luôn kèm id để thứ tự ổn định."),
    ),
]

VERSION = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
REASON = task_text("reason", 1)
COMMENT = task_text("comment")

# Keep a deadline that falls on a day off (refused with 422 deadline_on_day_off without it).
ACCEPT_DAY_OFF = {"type": "boolean"}

TASK_FIELDS = {
    "title": task_text("title", 1),
    "content": task_text("content"),
    "code": task_text("code"),
    "area": {"type": "string", "enum": list(AREAS)},
    "deadline_kind": {"type": "string", "enum": list(DEADLINE_KINDS)},
    "deadline": nullable(DATE),
    "period": nullable({"type": "string", "enum": list(PERIODS)}),
    "expected_output": task_text("expected_output"),
    "priority": {"type": "string", "enum": list(PRIORITIES)},
    "lead_agency_id": ID,
    "coordinating_agency_ids": {"type": "array", "items": ID, "maxItems": 100, "uniqueItems": True},
}

TASK_CREATE = obj(
    {
        "document_id": ID,
        "parent_id": nullable(ID),
        "assigned_on": nullable(DATE),
        "accept_day_off": ACCEPT_DAY_OFF,
        **TASK_FIELDS,
    },
    required=["document_id", "title", "lead_agency_id"],
)
TASK_UPDATE = obj(
    {"version": VERSION, "comment": COMMENT, "accept_day_off": ACCEPT_DAY_OFF, **TASK_FIELDS}, required=[]
)

BODIES = {
    "progress": obj(
        {
            "text": task_text("text", 1),
            "percent": nullable({"type": "integer", "minimum": 0, "maximum": 100}),
            "version": VERSION,
        },
        required=["text"],
    ),
    "report": obj(
        {
            "completed_on": DATE,
            "result_ref": task_text("result_ref"),
            "note": task_text("note"),
            "version": VERSION,
        },
        required=["completed_on"],
    ),
    "confirm": obj({"comment": COMMENT, "version": VERSION}, required=[]),
    "reason": obj({"reason": REASON, "version": VERSION}, required=["reason"]),
    "contribution": obj({"text": task_text("text", 1)}, required=["text"]),
    "extension": obj(
        {"new_deadline": DATE, "reason": REASON, "accept_day_off": ACCEPT_DAY_OFF},
        required=["new_deadline", "reason"],
    ),
    "approve": obj(
        {"comment": COMMENT, "new_deadline": nullable(DATE), "accept_day_off": ACCEPT_DAY_OFF}, required=[]
    ),
    "reject": obj({"comment": task_text("comment", 1)}, required=["comment"]),
    "remind": obj({"message": task_text("message", 1)}, required=["message"]),
    "remind_many": obj(
        {
            "task_ids": {"type": "array", "items": ID, "minItems": 1, "maxItems": 500, "uniqueItems": True},
            "message": task_text("message", 1),
        },
        required=["task_ids", "message"],
    ),
}
