"""Posting the workflow forms of the task page the way a browser does (shared by the HTTP tests)."""

from __future__ import annotations

from sqlalchemy import select

from tracker.tasks.models import ExtensionRequest

# operation -> the action name in the URL /tasks/<id>/<action> ("edit" is the edit page)
HTTP_ACTION = {
    "post_progress": "progress",
    "report_completion": "report",
    "request_extension": "extension",
    "post_contribution": "contribution",
    "confirm_completion": "confirm",
    "return_report": "return",
    "recall_report": "recall",
    "request_redo": "redo",
    "approve_extension": "approve",
    "reject_extension": "reject",
    "cancel_task": "cancel",
    "remind": "remind",
    "update_task": "edit",
}


def _request_id(db, task) -> str:
    req = db.session.scalar(
        select(ExtensionRequest)
        .where(ExtensionRequest.task_id == task.id)
        .order_by(ExtensionRequest.id.desc())
    )
    return str(req.id) if req else ""


def edit_data(task, **overrides) -> dict:
    data = {
        "version": str(task.version),
        "seen_event": "0",
        "original": "",
        "title": task.title,
        "code": task.code,
        "content": task.content,
        "lead_agency": str(task.lead_agency_id),
        "coordinating": [str(a.id) for a in task.coordinating_agencies],
        "area": task.area,
        "deadline_kind": task.deadline_kind,
        "deadline": task.deadline.isoformat() if task.deadline else "",
        "period": task.period or "",
        "expected_output": "Báo cáo UBND tỉnh",
        "priority": task.priority,
        "comment": "",
    }
    data.update(overrides)
    return data


def form_data(db, name: str, task) -> dict:
    v = str(task.version)
    return {
        "progress": {"progress-text": "Đã họp triển khai", "progress-percent": "60"},
        "report": {
            "report-completed_on": "2024-07-30",
            "report-result_ref": "20/BC-STC",
            "report-note": "",
            "report-version": v,
            "report-seen_event": "0",
        },
        "extension": {"extension-new_deadline": "2024-11-29", "extension-reason": "Chờ ý kiến của Bộ"},
        "contribution": {"contribution-text": "Sở Tư pháp đã góp ý dự thảo"},
        "confirm": {"confirm-version": v, "confirm-seen_event": "0", "confirm-comment": ""},
        "return": {"return-reason": "Thiếu văn bản kết quả", "return-version": v, "return-seen_event": "0"},
        "recall": {"recall-reason": "Báo cáo nhầm", "recall-version": v, "recall-seen_event": "0"},
        "redo": {"redo-reason": "Kết quả chưa đạt", "redo-version": v, "redo-seen_event": "0"},
        "approve": {"approve-request_id": _request_id(db, task), "approve-comment": ""},
        "reject": {"reject-request_id": _request_id(db, task), "reject-comment": "Không đủ căn cứ"},
        "cancel": {"cancel-reason": "Không còn phù hợp", "cancel-version": v, "cancel-seen_event": "0"},
        "remind": {"remind-message": "Đề nghị khẩn trương hoàn thành"},
        "edit": edit_data(task),
    }[name]


def post(client, db, name: str, task, **extra):
    data = form_data(db, name, task) | extra
    url = f"/tasks/{task.id}/edit" if name == "edit" else f"/tasks/{task.id}/{name}"
    return client.post(url, data=data)
