"""Report endpoints: /reports/summary (Biểu mẫu 01, item 5), /reports/by-agency and /reports/score
(the agency score of the CCHC index, tracker.scores).

The reports module computes them, for the API as for the report pages and the CLI: the same
parameters (tracker.reports.params), the same scoping (a focal point counts only its agency and
those below it, whatever it asks for: tracker.reports.queries.scope), the same classification
(tracker.reports.classify.tally) and the same JSON keys (Counts.as_dict, Row.as_dict).
"""

from __future__ import annotations

from flask_login import current_user

from tracker.api.core import endpoint
from tracker.api.schemas import DATE, q, text
from tracker.core.text import N_
from tracker.documents.models import ISSUER_LEVELS
from tracker.reports import classify, queries, scopes
from tracker.reports.params import report_filter
from tracker.tasks.models import AREAS

# The `scope` parameter's help names the scopes with their labels (tracker.reports.scopes).
SCOPE_HELP = N_("Phạm vi có tên: %(scopes)s. Không nêu: theo các tham số khác (như `all`).")


def scope_help(say=None) -> str:
    """The help of `scope`: as the OpenAPI document has it (Vietnamese), or said by `say` (gettext,
    on the documentation page)."""
    say = say or (lambda text, **values: text % values if values else text)
    return say(SCOPE_HELP, scopes="; ".join(f"`{s.key}` = {say(s.label)}" for s in scopes.SCOPES.values()))


REPORT_PARAMS = [
    q(
        "from",
        DATE,
        N_("Đầu kỳ báo cáo: tính các nhiệm vụ giao từ ngày này đến `to` (cần cả `from` và `to`)."),
    ),
    q("to", DATE, N_("Cuối kỳ báo cáo.")),
    q("as_of", DATE, N_("Ngày chốt số liệu D (mặc định: cuối kỳ `to`; không có kỳ thì hôm nay).")),
    q(
        "document",
        {"type": "array", "items": text(120, 1), "maxItems": 50},
        N_(
            "Số, ký hiệu văn bản (lặp lại được). Không có kỳ: toàn bộ nhiệm vụ của các văn bản này. "
            "Cần kỳ (`from`, `to`) hoặc ít nhất một văn bản."
        ),
    ),
    q(
        "agency",
        text(40, 1),
        N_(
            "Mã cơ quan chủ trì (gồm đơn vị trực thuộc). Khóa của đầu mối chỉ tính được "
            "cơ quan mình và cấp dưới, dù nêu cơ quan khác."
        ),
    ),
    q("issuer", {"type": "string", "enum": list(ISSUER_LEVELS)}, N_("Cấp ban hành văn bản.")),
    q("area", {"type": "string", "enum": list(AREAS)}, N_("Lĩnh vực.")),
    q(
        "scope",
        {"type": "string", "enum": list(scopes.SCOPES)},
        scope_help(),
    ),
    q(
        "group",
        {"type": "string", "enum": list(queries.GROUPINGS), "default": "historic"},
        N_("Cơ quan chủ trì tại ngày D (historic) hay cơ quan hiện nay, sau sáp nhập (current)."),
    ),
]
DESCRIPTION = N_(
    "Cùng tham số và cùng khóa với lệnh `flask report summary|by-agency --format json`. "
    "Trạng thái của từng nhiệm vụ vào cuối ngày D (theo lịch sử), không phải hôm nay."
)
DESCRIPTION_RANKED = N_(
    "Cùng tham số và cùng khóa với lệnh `flask report summary|by-agency --format json`. "
    "Trạng thái của từng nhiệm vụ vào cuối ngày D (theo lịch sử), không phải hôm nay. "
    "Các dòng xếp theo tỷ lệ hoàn thành đúng hạn."
)


def _scoped_filter(args):
    """The report's filter from the query, as the token's user may run it, and its WHERE clauses."""
    user = current_user._get_current_object()
    rf = report_filter(
        start=args.get("from"),
        end=args.get("to"),
        as_of=args.get("as_of"),
        documents=args.get("document", ()),
        agency=args.get("agency"),
        issuer=args.get("issuer"),
        area=args.get("area"),
        grouping=args.get("group"),
        scope=args.get("scope"),
        user=user,
    )
    return user, *queries.scope(user, rf)


def _head(rf, total) -> dict:
    return {
        "as_of": rf.as_of.isoformat(),
        "from": rf.period.start.isoformat() if rf.period else None,
        "to": rf.period.end.isoformat() if rf.period else None,
        "scope": rf.scope or None,
        "sentence": rf.scope_sentence(total.total),
    }


@endpoint(
    "/reports/summary",
    summary=N_("Tổng hợp theo Biểu mẫu 01 (mục 5) tại ngày D"),
    tag="reports",
    description=DESCRIPTION,
    query=REPORT_PARAMS,
    success=(200, "ReportSummary"),
)
def summary(args, body):
    _user, rf, where = _scoped_filter(args)
    figures = classify.tally(rf.as_of, where)
    return {**_head(rf, figures), "figures": figures.as_dict()}


@endpoint(
    "/reports/by-agency",
    summary=N_("Số liệu theo cơ quan chủ trì tại ngày D, xếp hạng"),
    tag="reports",
    description=DESCRIPTION_RANKED,
    query=REPORT_PARAMS,
    success=(200, "ReportByAgency"),
)
def by_agency(args, body):
    user, rf, where = _scoped_filter(args)
    total = classify.tally(rf.as_of, where)
    return {
        **_head(rf, total),
        "rows": [row.as_dict() for row in queries.by_agency(user, rf, where)],
        "total": total.as_dict(),
    }


@endpoint(
    "/reports/score",
    summary=N_("Chấm điểm «thực hiện nhiệm vụ UBND tỉnh giao» theo cơ quan tại ngày D"),
    tag="reports",
    description=N_(
        "Cùng khóa với lệnh `flask report score --year N --format json`, theo cách chấm điểm "
        "quản trị đã đặt. Khóa của đầu mối chỉ nhận dòng của cơ quan mình và cấp dưới."
    ),
    query=[
        q(
            "year",
            {"type": "integer", "minimum": 2000, "maximum": 2100},
            N_("Năm chấm điểm (mặc định: năm nay)."),
        ),
        q("as_of", DATE, N_("Ngày chốt số liệu D (mặc định: ngày chốt của năm, hoặc hôm nay nếu chưa đến).")),
    ],
    success=(200, "AgencyScores"),
)
def score(args, body):

    from tracker.core.dates import today
    from tracker.db import db
    from tracker.scores.compute import score_board
    from tracker.tasks.permissions import scope_agency_ids

    user = current_user._get_current_object()
    scope = None
    if not user.sees_everything:
        scope = set(db.session.scalars(scope_agency_ids(user))) if user.agency_id else set()
    board = score_board(args.get("year") or today().year, args.get("as_of"), scope)
    return {**board.head(), "rows": [row.as_dict() for row in board.rows]}
