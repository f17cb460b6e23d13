"""The workflow as explicit endpoints, each calling the operation of tracker.tasks.operations that the
pages call (which checks the permission and the transition itself). A focal point acts on its own
lead tasks; a monitor confirms, returns, asks for a redo, decides extensions, cancels, reminds.

Each returns the task as it is after the action (with its new `version` and ETag), except the ones
that create something (progress, contribution, extension request: 201 with it). The response shows
what the operation wrote as stored (flushed: ids, versions); the request commits it once the view
returned (tracker.core.boundary), or rolls it back on any error.
"""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from tracker.api.core import endpoint
from tracker.api.resources import expected_version, load_task, task_response
from tracker.api.schemas import BODIES
from tracker.api.serialize import event_json, extension_json
from tracker.core.access import refuse
from tracker.core.text import N_
from tracker.db import db
from tracker.tasks import operations
from tracker.tasks.models import ExtensionRequest

WORKFLOW = "workflow"
CONFLICT = ("409",)


def _actor():
    return current_user._get_current_object()


@endpoint(
    "/tasks/<int:task_id>/progress",
    "POST",
    summary=N_("Cập nhật tiến độ (đầu mối cơ quan chủ trì)"),
    tag=WORKFLOW,
    body=BODIES["progress"],
    success=(201, "TaskEvent"),
    statuses=CONFLICT,
)
def post_progress(task_id: int, args, body):
    task = load_task(task_id)
    event = operations.post_progress(
        _actor(),
        task,
        text=body["text"],
        percent=body.get("percent"),
        expected_version=expected_version(body),
    )
    db.session.flush()
    return event_json(event), 201


@endpoint(
    "/tasks/<int:task_id>/report-completion",
    "POST",
    summary=N_("Báo cáo hoàn thành (đầu mối cơ quan chủ trì)"),
    tag=WORKFLOW,
    body=BODIES["report"],
    description=N_("`completed_on`: ngày của văn bản kết quả, không ở tương lai, không trước ngày giao."),
    statuses=CONFLICT,
)
def report_completion(task_id: int, args, body):
    task = load_task(task_id)
    operations.report_completion(
        _actor(),
        task,
        completed_on=body["completed_on"],
        result_ref=body.get("result_ref", ""),
        note=body.get("note", ""),
        expected_version=expected_version(body),
    )
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/confirm",
    "POST",
    summary=N_("Xác nhận hoàn thành (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["confirm"],
    body_required=False,
    statuses=CONFLICT,
)
def confirm(task_id: int, args, body):
    task = load_task(task_id)
    operations.confirm_completion(
        _actor(), task, comment=body.get("comment", ""), expected_version=expected_version(body)
    )
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/return",
    "POST",
    summary=N_("Trả lại báo cáo hoàn thành, nêu lý do (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["reason"],
    statuses=CONFLICT,
)
def return_report(task_id: int, args, body):
    task = load_task(task_id)
    operations.return_report(_actor(), task, reason=body["reason"], expected_version=expected_version(body))
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/recall",
    "POST",
    summary=N_("Thu hồi báo cáo (cán bộ theo dõi hoặc đầu mối cơ quan chủ trì)"),
    tag=WORKFLOW,
    body=BODIES["reason"],
    statuses=CONFLICT,
)
def recall(task_id: int, args, body):
    task = load_task(task_id)
    operations.recall_report(_actor(), task, reason=body["reason"], expected_version=expected_version(body))
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/redo",
    "POST",
    summary=N_("Yêu cầu thực hiện lại (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["reason"],
    statuses=CONFLICT,
)
def redo(task_id: int, args, body):
    task = load_task(task_id)
    operations.request_redo(_actor(), task, reason=body["reason"], expected_version=expected_version(body))
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/cancel",
    "POST",
    summary=N_("Dừng nhiệm vụ, nêu lý do (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["reason"],
    statuses=CONFLICT,
)
def cancel(task_id: int, args, body):
    task = load_task(task_id)
    operations.cancel_task(_actor(), task, reason=body["reason"], expected_version=expected_version(body))
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/<int:task_id>/remind",
    "POST",
    summary=N_("Đôn đốc (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["remind"],
    statuses=CONFLICT,
)
def remind(task_id: int, args, body):
    task = load_task(task_id)
    operations.remind(_actor(), [task], message=body["message"])
    db.session.flush()
    return task_response(task)


@endpoint(
    "/tasks/remind",
    "POST",
    summary=N_("Đôn đốc nhiều nhiệm vụ một lần (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["remind_many"],
    statuses=("404", "409"),
    success=(
        200,
        {
            "type": "object",
            "properties": {"reminded": {"type": "array", "items": {"type": "integer"}}},
            "required": ["reminded"],
            "additionalProperties": False,
        },
    ),
)
def remind_many(args, body):
    tasks = [load_task(i) for i in body["task_ids"]]
    operations.remind(_actor(), tasks, message=body["message"])
    db.session.flush()
    return {"reminded": [t.id for t in tasks]}


@endpoint(
    "/tasks/<int:task_id>/contributions",
    "POST",
    summary=N_("Gửi ý kiến phối hợp (đầu mối cơ quan phối hợp)"),
    tag=WORKFLOW,
    body=BODIES["contribution"],
    success=(201, "TaskEvent"),
    statuses=CONFLICT,
)
def post_contribution(task_id: int, args, body):
    task = load_task(task_id)
    event = operations.post_contribution(_actor(), task, text=body["text"])
    db.session.flush()
    return event_json(event), 201


@endpoint(
    "/tasks/<int:task_id>/extension-requests",
    "POST",
    summary=N_("Đề nghị gia hạn (đầu mối cơ quan chủ trì)"),
    tag=WORKFLOW,
    body=BODIES["extension"],
    success=(201, "ExtensionRequest"),
    statuses=CONFLICT,
)
def request_extension(task_id: int, args, body):
    task = load_task(task_id)
    req = operations.request_extension(
        _actor(),
        task,
        new_deadline=body["new_deadline"],
        reason=body["reason"],
        accept_day_off=body.get("accept_day_off", False),
    )
    db.session.flush()
    return extension_json(req), 201


def _extension(task_id: int, request_id: int) -> ExtensionRequest:
    task = load_task(task_id)
    req = db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.id == request_id, ExtensionRequest.task_id == task.id)
    )
    if req is None:
        refuse(404, object="extension_request", id=request_id)
    return req


@endpoint(
    "/tasks/<int:task_id>/extension-requests/<int:request_id>/approve",
    "POST",
    summary=N_("Đồng ý gia hạn (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["approve"],
    body_required=False,
    statuses=CONFLICT,
)
def approve_extension(task_id: int, request_id: int, args, body):
    req = _extension(task_id, request_id)
    operations.approve_extension(
        _actor(),
        req,
        comment=body.get("comment", ""),
        new_deadline=body.get("new_deadline"),
        accept_day_off=body.get("accept_day_off", False),
    )
    db.session.flush()
    return task_response(req.task)


@endpoint(
    "/tasks/<int:task_id>/extension-requests/<int:request_id>/reject",
    "POST",
    summary=N_("Không đồng ý gia hạn, nêu lý do (cán bộ theo dõi)"),
    tag=WORKFLOW,
    body=BODIES["reject"],
    statuses=CONFLICT,
)
def reject_extension(task_id: int, request_id: int, args, body):
    req = _extension(task_id, request_id)
    operations.reject_extension(_actor(), req, comment=body["comment"])
    db.session.flush()
    return task_response(req.task)
