"""JSON representations of the domain objects (their schemas are in tracker.api.schemas)."""

from __future__ import annotations

import datetime as dt

from flask import url_for

from tracker.core.urls import absolute_url
from tracker.tasks.ui import deadline_state


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _ts(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def agency_ref(agency) -> dict | None:
    if agency is None:
        return None
    return {"id": agency.id, "code": agency.code, "name": agency.name}


def agency_json(agency) -> dict:
    return {
        "id": agency.id,
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "kind_label": agency.kind_label,
        "parent_id": agency.parent_id,
        "is_active": bool(agency.is_active),
        "successor_id": agency.successor_id,
        "emails": agency.email_list,
    }


def user_json(user) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "role_label": user.role_label,
        "agency": agency_ref(user.agency),
        "active": bool(user.active),
    }


def document_ref(document) -> dict:
    return {"id": document.id, "symbol": document.symbol}


def document_json(document) -> dict:
    return {
        "id": document.id,
        "symbol": document.symbol,
        "kind": document.kind,
        "kind_label": document.kind_label,
        "issuer": document.issuer,
        "issuer_level": document.issuer_level,
        "issued_on": _d(document.issued_on),
        "title": document.title,
        "is_urgent": bool(document.is_urgent),
        "url": absolute_url(url_for("documents.show", document_id=document.id)),
    }


def task_json(task) -> dict:
    return {
        "id": task.id,
        "version": task.version,
        "url": absolute_url(url_for("tasks.show", task_id=task.id)),
        "document": document_ref(task.document),
        "parent_id": task.parent_id,
        "series_id": task.series_id,
        "is_section": bool(task.is_section),
        "code": task.code or "",
        "title": task.title,
        "content": task.content or "",
        "lead_agency": agency_ref(task.lead_agency),
        "coordinating_agencies": [agency_ref(a) for a in task.coordinating_agencies],
        "area": task.area,
        "area_label": task.area_label,
        "assigned_on": _d(task.assigned_on),
        "deadline_kind": task.deadline_kind,
        "period": task.period,
        "period_label": task.period_label,
        "deadline": _d(task.deadline),
        "original_deadline": _d(task.original_deadline),
        "deadline_state": deadline_state(task) or None,
        "expected_output": task.expected_output or "",
        "priority": task.priority,
        "status": task.status,
        "status_label": task.status_label,
        "progress": task.progress,
        "completed_on": _d(task.completed_on),
        "reported_on": _d(task.reported_on),
        "confirmed_on": _d(task.confirmed_on),
        "result_ref": task.result_ref or "",
        "result_note": task.result_note or "",
        "returned_reason": task.returned_reason,
        "cancel_reason": task.cancel_reason,
        "extension_count": task.extension_count,
        "last_update_on": _d(task.last_update_on),
        "created_at": _ts(task.created_at),
        "updated_at": _ts(task.updated_at),
    }


def event_json(event) -> dict:
    return {
        "id": event.id,
        "task_id": event.task_id,
        "kind": event.kind,
        "on_date": _d(event.on_date),
        "at": _ts(event.at),
        "actor": {"id": event.actor.id, "name": event.actor.display_name} if event.actor else None,
        "agency": agency_ref(event.agency),
        "changes": {
            k: list(v) if isinstance(v, list | tuple) else v for k, v in (event.changes or {}).items()
        },
        "comment": event.comment or "",
    }


def extension_json(req) -> dict:
    return {
        "id": req.id,
        "task_id": req.task_id,
        "status": req.status,
        "requested_at": _ts(req.requested_at),
        "current_deadline": _d(req.current_deadline),
        "requested_deadline": _d(req.requested_deadline),
        "reason": req.reason,
        "decided_at": _ts(req.decided_at),
        "decision_note": req.decision_note or "",
    }


def attachment_json(att) -> dict:
    return {
        "id": att.id,
        "task_id": att.task_id,
        "document_id": att.document_id,
        "event_id": att.event_id,
        "name": att.original_name,
        "content_type": att.content_type,
        "size": att.size,
        "sha256": att.sha256,
        "created_at": _ts(att.created_at),
        "download_url": url_for("api.attachment_content", attachment_id=att.id),
    }


def page_json(items: list, page: int, per_page: int, total: int) -> dict:
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page if per_page else 0,
    }
