"""JSON errors of the API: a stable code, a Vietnamese and an English message, the field at fault.

    {"error": {"code": "invalid", "message": "…", "message_en": "…", "field": "completed_on"}}

Nothing else goes out: no stack trace, no object of another agency (a task a user may not see is
simply "not_found", whether it exists or not).
"""

from __future__ import annotations

from flask import jsonify

from tracker.core.boundary import DATABASE_BUSY, STALE_MESSAGE
from tracker.core.errors import DomainError

# Codes of plain HTTP errors, with their messages.
HTTP_ERRORS: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "Yêu cầu không đúng định dạng.", "The request is malformed."),
    401: (
        "unauthorized",
        "Cần khóa truy cập hợp lệ (Authorization: Bearer …).",
        "A valid access token is required (Authorization: Bearer …).",
    ),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này.", "You may not do this."),
    404: ("not_found", "Không tìm thấy.", "Not found."),
    405: (
        "method_not_allowed",
        "Phương thức không được hỗ trợ ở địa chỉ này.",
        "This method is not allowed on this resource.",
    ),
    409: ("conflict", "Xung đột với trạng thái hiện tại.", "Conflicts with the current state."),
    413: (
        "payload_too_large",
        "Dữ liệu gửi lên vượt quá giới hạn cho phép.",
        "The request body is too large.",
    ),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ.", "Unsupported media type."),
    422: ("invalid", "Dữ liệu không hợp lệ.", "Invalid data."),
    428: (
        "precondition_required",
        "Cần gửi kèm phiên bản (version hoặc If-Match).",
        "The version is required (a `version` field or an If-Match header).",
    ),
    429: ("rate_limited", "Quá nhiều yêu cầu; hãy thử lại sau.", "Too many requests; try again later."),
    500: ("server_error", "Hệ thống gặp sự cố; thay đổi chưa được lưu.", "Server error; nothing was saved."),
}

# English for the messages the domain operations raise (Vietnamese is what they carry).
_ENGLISH = {
    "Hãy nhập ngày hoàn thành.": "Enter the completion date.",
    "Ngày hoàn thành không thể ở tương lai.": "The completion date cannot be in the future.",
    "Hãy ghi nội dung tiến độ.": "Write the progress text.",
    "Tỷ lệ tiến độ phải từ 0 đến 100 %.": "Progress must be between 0 and 100 %.",
    "Hãy nêu lý do.": "Give a reason.",
    "Hãy nêu lý do đề nghị gia hạn.": "Give the reason for the extension request.",
    "Hãy nêu lý do không đồng ý.": "Give the reason for the rejection.",
    "Hãy nêu lý do dừng nhiệm vụ.": "Give the reason for cancelling the task.",
    "Hãy ghi nội dung đôn đốc.": "Write the reminder message.",
    "Nhiệm vụ đã được đôn đốc hôm nay với cùng nội dung; thư đôn đốc không gửi lại.": (
        "This task was already reminded today with the same text; the reminder is not sent again."
    ),
    "Hãy ghi nội dung ý kiến phối hợp.": "Write the contribution.",
    "Nhiệm vụ này đã có một đề nghị gia hạn đang chờ xử lý.": "This task already has a pending extension request.",
    "Chỉ nhiệm vụ có thời hạn cụ thể mới đề nghị gia hạn được.": "Only a task with a fixed deadline can be extended.",
    "Đề nghị gia hạn này đã được xử lý.": "This extension request was already decided.",
    "Thời hạn mới phải sau thời hạn hiện tại.": "The new deadline must be after the current one.",
    "Thời hạn không thể trước ngày giao nhiệm vụ.": "The deadline cannot be before the assignment date.",
    "Nhiệm vụ có thời hạn cần một ngày hết hạn.": "A task with a fixed deadline needs its date.",
    "Tên nhiệm vụ không được để trống.": "The title cannot be empty.",
    "Mỗi nhiệm vụ cần đúng một cơ quan chủ trì.": "Each task needs exactly one lead agency.",
    "Chỉ cán bộ theo dõi mới được thực hiện thao tác này.": "Only a monitor may do this.",
    "Chỉ đầu mối của cơ quan chủ trì mới được thực hiện thao tác này.": "Only a focal point of the lead agency may do this.",
    "Chỉ đầu mối của cơ quan phối hợp mới gửi được ý kiến phối hợp.": "Only a focal point of a coordinating agency may post a contribution.",
    "Bạn không có quyền thu hồi báo cáo này.": "You may not recall this report.",
    "Đây là một mục của văn bản, không phải nhiệm vụ.": "This is a section of the document, not a task.",
    STALE_MESSAGE: "The data was just changed by someone else while you saved; nothing was written. Read it again and retry.",
    DATABASE_BUSY: "Not saved: the database is busy or unreachable for the moment; try again in a few minutes.",
    # Report parameters (tracker.reports.params), shared with the CLI.
    "Cần cả ngày đầu kỳ «from» và ngày cuối kỳ «to».": "Give both the period's start `from` and its end `to`.",
    "Cần kỳ báo cáo («from» và «to») hoặc ít nhất một văn bản «document».": "Give a period (`from` and `to`) or at least one `document`.",
    "Ngày cuối kỳ «to» không được trước ngày đầu kỳ «from».": "The period's end `to` cannot be before its start `from`.",
}
# Messages that name what was asked for: English by their beginning.
_ENGLISH_PREFIXES = {
    "Không có văn bản «": "No such document (by number and symbol) among those you may see.",
    "Không có cơ quan mã «": "No agency has this code.",
}

_ENGLISH_BY_CODE = {
    "invalid": "The request was refused: see `message` and `field`.",
    "forbidden": "You may not do this.",
    "not_found": "Not found.",
    "conflict": "The task was changed by someone else since you read it; the current state is in `current`.",
    "invalid_transition": "This action is not possible in the task's current status.",
}


class ApiError(Exception):
    """An error raised by the API layer itself (authentication, validation, preconditions)."""

    def __init__(
        self,
        status: int,
        code: str | None = None,
        message: str | None = None,
        message_en: str | None = None,
        *,
        field: str | None = None,
        headers: dict | None = None,
    ):
        default_code, default_vi, default_en = HTTP_ERRORS.get(status, HTTP_ERRORS[400])
        super().__init__(message or default_vi)
        self.status = status
        self.code = code or default_code
        self.message = message or default_vi
        self.message_en = message_en or default_en
        self.field = field
        self.headers = headers or {}


def english(message: str, code: str) -> str:
    if message in _ENGLISH:
        return _ENGLISH[message]
    for prefix, text in _ENGLISH_PREFIXES.items():
        if message.startswith(prefix):
            return text
    if message.startswith("Không thể thực hiện thao tác này khi nhiệm vụ đang ở trạng thái"):
        return _ENGLISH_BY_CODE["invalid_transition"]
    return _ENGLISH_BY_CODE.get(code, _ENGLISH_BY_CODE["invalid"])


def error_body(code: str, message: str, message_en: str, field: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "message_en": message_en, "field": field}}


def error_response(
    status: int,
    code: str,
    message: str,
    message_en: str,
    field: str | None = None,
    headers: dict | None = None,
    extra: dict | None = None,
):
    body = error_body(code, message, message_en, field)
    if extra:
        body.update(extra)
    response = jsonify(body)
    response.status_code = status
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def http_error_response(status: int, headers: dict | None = None):
    """The JSON body of a plain HTTP error under /api/ (used by the app's error handlers)."""
    code, message, message_en = HTTP_ERRORS.get(status, HTTP_ERRORS[500])
    return error_response(status, code, message, message_en, headers=headers)


def api_error_response(e: ApiError):
    return error_response(e.status, e.code, e.message, e.message_en, e.field, e.headers)


def domain_error_response(e: DomainError, task=None):
    """A refused operation. A conflict (409: stale version, impossible transition) carries the
    task's current state, which the caller may read (it was loaded through the permission check)."""
    extra = None
    current = getattr(e, "current", None) or task
    if e.http_status == 409 and current is not None:
        from tracker.api.serialize import task_json

        extra = {"current": task_json(current)}
    details = getattr(e, "details", None)
    if callable(details):  # a deadline on a day off: which day it is (tracker.workdays.deadlines)
        extra = {**(extra or {}), "day_off": details()}
    message_en = getattr(e, "message_en", None) or english(e.message, e.code)
    return error_response(e.http_status, e.code, e.message, message_en, e.field, extra=extra)
