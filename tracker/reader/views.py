"""Đọc văn bản: paste or upload a programme → the proposed tree → review → create it all at once."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.agencies.names import fold
from tracker.agencies.registry import load_registry
from tracker.core import boundary
from tracker.core.access import roles_required
from tracker.core.errors import FileError
from tracker.documents.docinfo import guess_document
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.imports.jobs import Job, own_job
from tracker.reader import proposal as P
from tracker.reader import review as R
from tracker.reader.operations import create_programme
from tracker.reader.programme import read_programme
from tracker.reader.wordfile import document_text
from tracker.tasks.models import AREAS

MAX_TEXT = 400_000
MONITORS = ("monitor", "admin")

# The reader's pages sit beside the spreadsheet import's, under /imports.
bp = Blueprint("reader", __name__, url_prefix="/imports")


@bp.route("/programme", methods=["GET", "POST"])
@roles_required(*MONITORS)
def programme():
    reg = load_registry()
    provinces = {code: reg.get(code).name for code in reg.provinces}
    form = {"text": request.form.get("text", ""), "province": request.form.get("province", "")}
    if request.method == "GET":
        return render_template("reader/programme.html", form=form, provinces=provinces, error=None)
    file = request.files.get("file")
    try:
        if file is not None and file.filename:
            filename, text = file.filename, document_text(file.filename, file.read())
        else:
            filename, text = "văn bản dán vào", form["text"]
        if not text.strip():
            raise FileError("Hãy dán nội dung văn bản vào ô bên dưới, hoặc chọn tệp .docx, .txt, .md.")
        if len(text) > MAX_TEXT:
            raise FileError("Văn bản quá dài (tối đa 400.000 ký tự); hãy tách thành nhiều phần.")
    except FileError as exc:
        return render_template(
            "reader/programme.html", form=form, provinces=provinces, error=exc.message
        ), 422
    guess = guess_document(text)
    province = form["province"] if form["province"] in provinces else None
    if province is None and guess["province_name"]:
        hit = reg.matcher().match(guess["province_name"])
        province = hit.code if hit is not None and hit.code in provinces else None
    if province is None:
        province = _most_named(text, provinces)
    items = P.propose(read_programme(text, reg.matcher(province)), urgent=guess["urgent"])
    R.assign_uids(items)
    header = {k: guess[k] for k in ("symbol", "kind", "issuer", "issuer_level", "title", "urgent")}
    header["issued_on"] = guess["issued_on"].isoformat() if guess["issued_on"] else None
    header["province"] = province
    job = Job.create("programme", current_user.id, filename, text.encode("utf-8"))
    job.save_preview({"header": header, "items": items})
    job.update(stage="review")
    return redirect(url_for("reader.review", token=job.token))


def _most_named(text: str, provinces: dict[str, str]) -> str | None:
    """The province the text names most often ("tỉnh Khánh Hòa"), or the only one there is."""
    if len(provinces) == 1:
        return next(iter(provinces))
    folded = fold(text)
    counts = {
        code: folded.count(fold(name.removeprefix("Tỉnh ").removeprefix("Thành phố ")))
        for code, name in provinces.items()
    }
    best = max(counts, key=counts.get, default=None)
    return best if best and counts[best] else None


def _entries(rows: list[tuple[dict, int]]) -> list[tuple]:
    """The rows to show, with each part left out folded into one collapsed block ("open"/"close")."""
    out: list[tuple] = []
    block_depth = None
    for it, depth in rows:
        if block_depth is not None and depth <= block_depth:
            out.append(("close",))
            block_depth = None
        if block_depth is None and not it["include"]:
            size = 1
            for _other, d in rows[rows.index((it, depth)) + 1 :]:
                if d <= depth:
                    break
                size += 1
            out.append(("open", it, size))
            block_depth = depth
        out.append(("row", it, depth))
    if block_depth is not None:
        out.append(("close",))
    return out


def _render(job: Job, data: dict, *, errors=None, header_errors=None, problems=None, status=200):
    reg = load_registry()
    header = data["header"]
    province = header.get("province")
    flat = list(P.walk(data["items"]))
    notes = {it["uid"]: R.attention(it, reg) for it, _ in flat}
    only = request.args.get("only") == "attention"
    shown = [(it, d) for it, d in flat if not only or notes[it["uid"]] or (errors or {}).get(it["uid"])]
    entries = _entries(shown)
    agencies = [a for a in reg.in_province(province) if a.active and a.kind != "external"]
    agencies.sort(key=lambda a: (a.kind != "department", a.kind, a.name))
    groups = {key: (label, len(reg.members(key[1:], province))) for key, label in P.GROUPS.items()}
    members = {key: reg.members(key[1:], province) for key in P.GROUPS}
    count = sum(len(R.leads_of(it, reg, province)) for it, _ in flat if it["include"] and it["task"])
    items_count = sum(1 for it, _ in flat if it["include"] and it["task"])
    return render_template(
        "reader/review.html",
        job=job,
        header=header,
        entries=entries,
        notes=notes,
        only=only,
        attention=sum(1 for v in notes.values() if v),
        agencies=agencies,
        by_code=reg.by_code,
        groups=groups,
        members=members,
        areas=AREAS,
        kinds=DOCUMENT_KINDS,
        levels=ISSUER_LEVELS,
        provinces={c: reg.get(c).name for c in reg.provinces},
        errors=errors or {},
        header_errors=header_errors or {},
        problems=problems or [],
        count=count,
        items_count=items_count,
        deadline_text=R.deadline_text,
        issued=dt.date.fromisoformat(header["issued_on"]) if header.get("issued_on") else None,
    ), status


@bp.route("/programme/<token>", methods=["GET", "POST"])
@roles_required(*MONITORS)
def review(token: str):
    job = own_job(token)
    meta = job.meta
    if meta["kind"] != "programme":
        return redirect(url_for("imports.show", token=token))
    if meta["stage"] == "done":
        flash("Văn bản này đã được tạo.", "info")
        return redirect(url_for("documents.show", document_id=meta["summary"]["document_id"]))
    data = job.preview()
    if request.method == "GET":
        return _render(job, data)
    reg = load_registry()
    header, header_errors = R.read_header(request.form, reg.provinces)
    data["header"] = header
    year = int(header["issued_on"][:4]) if header["issued_on"] else None
    errors = R.apply_form(data["items"], request.form, reg, header["province"], year)
    action = request.form.get("action", "save")
    verb, _, uid = action.partition(":")
    by_uid = {it["uid"]: it for it, _ in P.walk(data["items"])}
    if verb in ("split", "merge") and uid in by_uid:
        code = by_uid[uid]["code"]
        done = P.split(data["items"], code) if verb == "split" else P.merge(data["items"], code)
        if not done:
            errors[uid] = (
                "Mục này chỉ có một đoạn, không tách được."
                if verb == "split"
                else "Không có mục nào ngay trước mục này để gộp vào."
            )
    elif verb == "assign":
        refs = [r for r in request.form.get("assign-to", "").split(",") if r in P.GROUPS or reg.get(r)]
        if refs:
            for it, _ in P.walk(data["items"]):
                if it["include"] and it["task"] and not it["lead"]:
                    it["lead"] = list(refs)
    elif verb == "reread":
        text = job.source().decode("utf-8")
        data["items"] = P.propose(
            read_programme(text, reg.matcher(header["province"])), urgent=header["urgent"]
        )
    R.assign_uids(data["items"])
    P.normalise(data["items"])
    job.save_preview(data)
    if verb != "create":
        return redirect(
            url_for("reader.review", token=token, only=request.args.get("only"), _anchor=uid or None)
        )
    problems = R.blocking(
        data["items"],
        reg,
        header["province"],
        dt.date.fromisoformat(header["issued_on"]) if header["issued_on"] else None,
    )
    if header_errors or errors or problems:
        return _render(job, data, errors=errors, header_errors=header_errors, problems=problems, status=422)
    outcome = boundary.attempt(
        lambda: create_programme(current_user._get_current_object(), header, data["items"], reg)
    )
    if not outcome.ok:
        exc = outcome.error
        field_errors = {exc.field: exc.message} if exc.field else {}
        return _render(
            job,
            data,
            header_errors=field_errors,
            problems=[("", exc.message)] if not exc.field else [],
            status=422,
        )
    document, count = outcome.value
    boundary.commit_now("the reading job is marked done only once its document is stored")
    job.update(stage="done", summary={"document_id": document.id, "tasks": count})
    flash(f"Đã tạo văn bản {document.symbol} với {count} nhiệm vụ.", "success")
    return redirect(url_for("documents.show", document_id=document.id))
