"""The OpenAPI 3.1 document, assembled from the operations the routes declare (tracker.api.core.PATHS)
and the schemas of tracker.api.schemas, and the app's own browsable page of it (no CDN)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from tracker.api.core import PATHS, endpoint
from tracker.api.schemas import COMPONENTS
from tracker.core.text import N_

TAGS = [
    {"name": "users", "description": N_("Tài khoản (người dùng của khóa; danh sách: quản trị).")},
    {"name": "agencies", "description": N_("Cơ quan, đơn vị.")},
    {"name": "documents", "description": N_("Văn bản giao nhiệm vụ.")},
    {"name": "tasks", "description": N_("Nhiệm vụ: danh sách, chi tiết, giao, sửa, diễn biến.")},
    {
        "name": "workflow",
        "description": N_("Các bước xử lý: tiến độ, báo cáo hoàn thành, xác nhận, trả lại, gia hạn…"),
    },
    {"name": "attachments", "description": N_("Tệp đính kèm.")},
    {"name": "reports", "description": N_("Báo cáo tổng hợp tại ngày D.")},
    {"name": "meta", "description": N_("Tài liệu API.")},
]

DESCRIPTION = N_("""API của hệ thống Theo dõi nhiệm vụ.

* Xác thực: `Authorization: Bearer <khóa>`; khóa tạo ở trang «Khóa truy cập API, lịch» hoặc bằng
  `flask --app tracker create-token EMAIL`. Khóa «read» chỉ đọc; «write» đọc và ghi. Mọi thao tác
  ghi chỉ nhận khóa (không nhận phiên đăng nhập trình duyệt).
* Quyền như trên trang web: đầu mối chỉ thấy nhiệm vụ của cơ quan mình (và cấp dưới); nhiệm vụ ngoài
  phạm vi trả về 404.
* Lỗi: `{"error": {"code", "message" (tiếng Việt), "message_en", "field"}}`.
* Khóa lạc quan: `version` trong thân (hoặc `If-Match`); phiên bản cũ → 409 kèm `current`.
* Thời hạn rơi vào ngày nghỉ (lễ, Tết, cuối tuần theo lịch Quản trị → Ngày nghỉ lễ) khi giao, sửa,
  đề nghị hoặc đồng ý gia hạn: 422 `deadline_on_day_off` kèm `day_off` (ngày, tên, ngày làm việc tiếp
  theo); gửi lại với `accept_day_off: true` để vẫn giữ thời hạn đó.
* Giới hạn số yêu cầu theo khóa (cửa sổ cố định); vượt → 429 với `Retry-After`.
""")


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": N_("Theo dõi nhiệm vụ — API"), "version": "1.0.0", "description": DESCRIPTION},
        "servers": [{"url": "/api/v1"}],
        "tags": TAGS,
        "paths": {path: dict(sorted(ops.items())) for path, ops in sorted(PATHS.items())},
        "components": {
            "schemas": COMPONENTS,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": N_("Khóa truy cập cá nhân (trk_…)."),
                }
            },
        },
    }


@endpoint(
    "/openapi.json",
    summary=N_("Tài liệu OpenAPI 3.1 này"),
    tag="meta",
    public=True,
    success=(200, {"type": "object"}),
)
def openapi(args, body):
    return document()


def said(text: str | None) -> str:
    """A text of the OpenAPI document (Vietnamese, marked for the catalog where it is written) in the
    language of the documentation page."""
    from tracker.api import reports

    if not text:
        return ""
    if text == reports.scope_help():
        return reports.scope_help(_)
    return _(text)


@endpoint(
    "/docs",
    summary=N_("Trang xem tài liệu API"),
    tag="meta",
    public=True,
    success=(200, None),
    produces={"text/html": {"schema": {"type": "string"}}},
)
def docs(args, body):
    spec = document()
    operations = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            operations.append({"path": "/api/v1" + path, "method": method.upper(), **op})
    by_tag = {t["name"]: [o for o in operations if o["tags"][0] == t["name"]] for t in spec["tags"]}
    return render_template(
        "api/docs.html",
        spec=spec,
        by_tag=by_tag,
        tags=spec["tags"],
        base_url=current_app.config["BASE_URL"],
        said=said,
    )
