"""Nhập dữ liệu: upload a spreadsheet → preview (nothing written) → confirm → all rows or none.

Monitors import tasks; admins also import agencies. An import in progress belongs to the user
who uploaded it: anyone else gets a 404.
"""

from __future__ import annotations

import csv
import io
import math

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.core.access import refuse, roles_required
from tracker.core.params import page_number
from tracker.core.text import N_
from tracker.imports import flow
from tracker.imports.columns import AGENCY_COLUMNS, TASK_COLUMNS
from tracker.imports.jobs import Job, own_job
from tracker.tasks.models import AREAS, STATUSES

bp = Blueprint("imports", __name__, url_prefix="/imports")

MONITORS = ("monitor", "admin")
PAGE = 100
STAGES = {
    "queued": N_("Đang chờ xử lý"),
    "reading": N_("Đang đọc tệp"),
    "recognising": N_("Đang nhận dạng chữ trên bản quét (OCR)"),
    "checking": N_("Đang kiểm tra từng dòng"),
    "rechecking": N_("Đang kiểm tra lại trước khi ghi"),
    "writing": N_("Đang ghi vào hệ thống"),
}
KIND_LABELS = {"tasks": N_("nhiệm vụ"), "agencies": N_("cơ quan"), "programme": N_("chương trình, kế hoạch")}


@bp.route("/")
@roles_required(*MONITORS)
def index():
    recent = Job.of_user(current_user.id)
    for job in recent:
        job.reap()  # a job whose process died shows as failed, not "đang ghi" forever
    return render_template(
        "imports/index.html",
        recent=recent,
        stages=STAGES,
        kinds=KIND_LABELS,
        task_columns=TASK_COLUMNS,
        agency_columns=AGENCY_COLUMNS,
    )


@bp.route("/upload", methods=["POST"])
@roles_required(*MONITORS)
def upload():
    kind = request.form.get("kind", "tasks")
    if kind not in ("tasks", "agencies"):
        abort(400)
    if kind == "agencies" and not current_user.is_admin:
        refuse(403, view="imports.upload", kind=kind)
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Hãy chọn tệp bảng tính (.xlsx hoặc .csv) để tải lên."), "error")
        return redirect(url_for("imports.index", _anchor=kind))
    data = file.read()
    job = Job.create(kind, current_user.id, file.filename, data)
    flow.start_check(job)
    return redirect(url_for("imports.show", token=job.token))


@bp.route("/<token>")
@roles_required(*MONITORS)
def show(token: str):
    job = own_job(token)
    meta = job.meta
    if meta["kind"] == "programme":
        return redirect(url_for("reader.review", token=token))
    if meta["stage"] in STAGES:
        return render_template("imports/progress.html", job=job, meta=meta, stages=STAGES, kinds=KIND_LABELS)
    if meta["stage"] != "preview":
        return render_template("imports/result.html", job=job, meta=meta, kinds=KIND_LABELS)
    preview = job.preview()
    show_only = request.args.get("show", "all")
    rows = (
        preview["rows"]
        if show_only not in ("create", "skip", "conflict")
        else [r for r in preview["rows"] if r["action"] == show_only]
    )
    pages = max(1, math.ceil(len(rows) / PAGE))
    page = min(max(1, page_number(request.args.get("page"))), pages)
    errors = preview["errors"]
    epages = max(1, math.ceil(len(errors) / 200))
    epage = min(max(1, page_number(request.args.get("epage"))), epages)
    counts = {a: sum(1 for r in preview["rows"] if r["action"] == a) for a in ("create", "skip", "conflict")}
    bad_rows = len({e["row"] for e in errors if e["row"]})
    return render_template(
        "imports/preview.html",
        job=job,
        meta=meta,
        preview=preview,
        rows=rows[(page - 1) * PAGE : page * PAGE],
        page=page,
        pages=pages,
        show_only=show_only,
        errors=errors[(epage - 1) * 200 : epage * 200],
        epage=epage,
        epages=epages,
        counts=counts,
        bad_rows=bad_rows,
        statuses=STATUSES,
        areas=AREAS,
        kinds=KIND_LABELS,
    )


@bp.route("/<token>/status")
@roles_required(*MONITORS)
def status(token: str):
    meta = own_job(token).meta
    total = meta.get("total") or 0
    percent = int(100 * meta.get("done", 0) / total) if total else 0
    return jsonify(
        stage=meta["stage"],
        label=_(STAGES.get(meta["stage"], "")),
        done=meta.get("done", 0),
        total=total,
        percent=min(100, percent),
        unit=_(meta.get("unit") or _("dòng")),
        finished=meta["stage"] not in STAGES,
    )


@bp.route("/<token>/confirm", methods=["POST"])
@roles_required(*MONITORS)
def confirm(token: str):
    job = own_job(token)
    meta = job.meta
    if meta["kind"] == "agencies" and not current_user.is_admin:
        refuse(403, view="imports.confirm")
    preview = job.preview()
    again = meta["stage"] == "failed" and meta.get("retry")  # a write that failed or died: nothing written
    if (meta["stage"] != "preview" and not again) or preview is None:
        flash(_("Lần nhập này đã được xử lý."), "warning")
        return redirect(url_for("imports.show", token=token))
    if preview["errors"]:
        flash(_("Tệp còn lỗi: chưa thể nhập. Hãy sửa tệp rồi tải lên lại."), "error")
        return redirect(url_for("imports.show", token=token))
    if not flow.start_write(job, current_user.id):
        flash(_("Lần nhập này đang được ghi."), "warning")
    return redirect(url_for("imports.show", token=token))


@bp.route("/<token>/discard", methods=["POST"])
@roles_required(*MONITORS)
def discard(token: str):
    job = own_job(token)
    if job.meta["stage"] in ("writing", "rechecking"):
        flash(_("Đang ghi dữ liệu, không hủy được."), "warning")
        return redirect(url_for("imports.show", token=token))
    job.discard()
    flash(_("Đã hủy lần nhập; không có gì được ghi."), "info")
    return redirect(url_for("imports.index"))


def _safe(value) -> str:
    """A cell for a CSV a user opens in Excel: no formula injection."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@bp.route("/<token>/errors.csv")
@roles_required(*MONITORS)
def errors_csv(token: str):
    job = own_job(token)
    preview = job.preview() or {"errors": [], "warnings": []}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Loại"), _("Dòng"), _("Cột"), _("Nội dung")])
    for kind, issues in ((_("Lỗi"), preview["errors"]), (_("Lưu ý"), preview["warnings"])):
        for issue in issues:
            writer.writerow([kind, issue["row"] or "", _safe(issue["column"]), _safe(issue["message"])])
    data = io.BytesIO(out.getvalue().encode("utf-8-sig"))
    name = job.meta["filename"].rsplit(".", 1)[0]
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name=f"loi-{name}.csv")


@bp.route("/template/<kind>.xlsx")
@roles_required(*MONITORS)
def template(kind: str):
    from tracker.agencies.registry import agency_infos
    from tracker.imports import template as T

    if kind == "tasks":
        data, name = T.tasks_template(agency_infos()), "mau-nhap-nhiem-vu.xlsx"
    elif kind == "agencies":
        data, name = T.agencies_template(), "mau-nhap-co-quan.xlsx"
    else:
        abort(404)
    return send_file(
        io.BytesIO(data),
        as_attachment=True,
        download_name=name,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
