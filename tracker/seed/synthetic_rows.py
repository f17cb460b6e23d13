"""The synthetic data set's constants and the columns of each table it writes (in the bulk writer's
order), with the JSON of an event's changes written as the database stores it."""

from __future__ import annotations

import datetime as dt
import json

# The published password of the synthetic accounts (benchmarks log in with it), not a secret.
SYNTHETIC_PASSWORD = "demo-2026"  # noqa: S105  # nosec B105
DEFAULT_UNTIL = dt.date(2026, 11, 15)
MAIL = "synthetic.tracker.vn"
DAY = dt.timedelta(days=1)

AGENCY_COLS = (
    "id",
    "code",
    "name",
    "kind",
    "parent_id",
    "path",
    "emails",
    "aliases",
    "is_active",
    "successor_id",
    "inactive_since",
    "created_at",
)
USER_COLS = (
    "id",
    "email",
    "full_name",
    "password_hash",
    "role",
    "agency_id",
    "active",
    "session_token",
    "receive_digest",
    "language",
    "created_at",
    "last_login_at",
)
DOC_COLS = (
    "id",
    "symbol",
    "kind",
    "issuer",
    "issuer_level",
    "province_id",
    "issued_on",
    "title",
    "is_urgent",
    "created_by_id",
    "created_at",
)
TASK_COLS = (
    "id",
    "document_id",
    "parent_id",
    "code",
    "position",
    "is_section",
    "series_id",
    "period_label",
    "title",
    "content",
    "search_text",
    "lead_agency_id",
    "area",
    "assigned_on",
    "deadline_kind",
    "period",
    "deadline",
    "original_deadline",
    "deadline_phrase",
    "expected_output",
    "priority",
    "status",
    "progress",
    "completed_on",
    "reported_on",
    "confirmed_on",
    "result_ref",
    "result_note",
    "returned_reason",
    "cancel_reason",
    "extension_count",
    "last_update_on",
    "created_by_id",
    "created_at",
    "updated_at",
    "version",
)
COORD_COLS = ("task_id", "agency_id")
EVENT_COLS = ("id", "task_id", "actor_id", "agency_id", "at", "on_date", "kind", "changes", "comment")
STATE_COLS = (
    "id",
    "task_id",
    "valid_from",
    "valid_to",
    "status",
    "deadline",
    "completed_on",
    "lead_agency_id",
    "assigned_on",
)
EXT_COLS = (
    "id",
    "task_id",
    "requested_by_id",
    "requested_at",
    "current_deadline",
    "requested_deadline",
    "reason",
    "status",
    "decided_by_id",
    "decided_at",
    "decision_note",
)
TABLES = (
    ("documents", DOC_COLS),
    ("tasks", TASK_COLS),
    ("task_coordinators", COORD_COLS),
    ("task_events", EVENT_COLS),
    ("task_states", STATE_COLS),
    ("extension_requests", EXT_COLS),
)


def _json_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def to_json(changes: dict) -> str:
    """{field: [old, new]} as JSON; the values here are statuses, ISO dates, codes and integers, so
    the general encoder (much slower) is only needed when a string holds a quote or a backslash."""
    parts = []
    for key, (old, new) in changes.items():
        if (isinstance(old, str) and ('"' in old or "\\" in old)) or (
            isinstance(new, str) and ('"' in new or "\\" in new)
        ):
            return json.dumps(changes, ensure_ascii=False)
        parts.append(f'"{key}": [{_json_value(old)}, {_json_value(new)}]')
    return "{" + ", ".join(parts) + "}"
