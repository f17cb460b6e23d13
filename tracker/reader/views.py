"""Đọc văn bản: paste or upload a programme → the proposed tree → review → create it all at once."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tracker.agencies import operations as agency_ops
from tracker.agencies.models import AGENCY_KINDS, ISSUER_KINDS, Agency
from tracker.agencies.names import fold
from tracker.agencies.registry import load_registry
from tracker.core import boundary
from tracker.core.access import roles_required
from tracker.core.errors import FileError
from tracker.db import db
from tracker.documents.docinfo import guess_document
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.imports.jobs import Job, own_job, run
from tracker.imports.views import STAGES
from tracker.reader import proposal as P
from tracker.reader import review as R
from tracker.reader.operations import create_programme
from tracker.reader.programme import read_programme
from tracker.reader.sources import ACCEPT, MAX_TEXT, document_text, needs_ocr, too_long
from tracker.tasks.models import AREAS

MONITORS = ("monitor", "admin")
WAIT_SECONDS = 3  # a file read quicker than this goes straight to the review; longer, a progress bar

# The reader's pages sit beside the spreadsheet import's, under /imports.
bp = Blueprint("reader", __name__, url_prefix="/imports")


@bp.route("/programme", methods=["GET", "POST"])
@roles_required(*MONITORS)
def programme():
    form = {"text": request.form.get("text", ""), "province": request.form.get("province", "")}
    if request.method == "GET":
        return _upload_page(form, None)
    file = request.files.get("file")
    if file is not None and file.filename:
        filename, data = file.filename, file.read()
    else:
        filename, data = "văn bản dán vào", form["text"].encode("utf-8")
        if not form["text"].strip():
            return _upload_page(
                form, _("Hãy dán nội dung văn bản vào ô bên dưới, hoặc chọn tệp để tải lên."), 422
            )
        if len(form["text"]) > MAX_TEXT:
            return _upload_page(form, too_long(filename).message, 422)
    job = Job.create(
        "programme",
        current_user.id,
        filename,
        data,
        stage="reading",
        unit="trang",
        pasted=file is None or not file.filename,
    )
    province = form["province"]
    thread = run(current_app._get_current_object(), job, lambda job: _read(job, province), "failed")
    if thread is not None:
        thread.join(WAIT_SECONDS if needs_ocr(data) else 60)
    meta = job.meta
    if meta["stage"] in ("refused", "failed"):
        return _upload_page(form, meta["message"], 422)
    return redirect(url_for("reader.review", token=job.token))


def _upload_page(form: dict, error: str | None, status: int = 200):
    reg = load_registry()
    provinces = {code: reg.get(code).name for code in reg.provinces}
    return render_template(
        "reader/programme.html", form=form, provinces=provinces, error=error, accept=ACCEPT
    ), status


def _read(job: Job, chosen: str) -> None:
    """Read the uploaded file (or the pasted text) and propose its tree: in the background."""
    meta = job.meta
    if meta.get("pasted"):
        text = job.source().decode("utf-8")
    else:
        try:
            text = document_text(meta["filename"], job.source(), _progress(job))
        except FileError as exc:
            job.update(stage="refused", message=exc.message)
            return
        job.write_source(text.encode("utf-8"))  # from now on the job's source is the text read
    reg = load_registry()
    provinces = {code: reg.get(code).name for code in reg.provinces}
    guess = guess_document(text)
    province = chosen if chosen in provinces else None
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
    job.save_preview({"header": header, "items": items})
    job.update(stage="review")


def _progress(job: Job):
    """The job's progress: pages read (often, so at most twice a second), pages recognised."""
    reading = job.progress("reading")

    def report(done: int, total: int, ocr: bool = False) -> None:
        if ocr:
            job.update(stage="recognising", done=done, total=total)
        else:
            reading(done, total)

    return report


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
    notes = {it["uid"]: R.attention(it, reg) for it, _depth in flat}
    only = request.args.get("only") == "attention"
    shown = [(it, d) for it, d in flat if not only or notes[it["uid"]] or (errors or {}).get(it["uid"])]
    entries = _entries(shown)
    text = job.source().decode("utf-8", "replace")
    passages = {it["uid"]: R.passage(it, text) for it, _depth in shown if it["include"]}
    unknown: dict[str, list] = {}  # an unknown lead as written -> [(agency, similarity %)]
    for it, _depth in shown:
        for name in it.get("unknown_lead", []) if it["include"] and it["task"] else []:
            if name not in unknown:
                unknown[name] = R.candidates(name, reg, province)
    agencies = [a for a in reg.in_province(province) if a.active and a.kind not in ISSUER_KINDS]
    agencies.sort(key=lambda a: (a.kind != "department", a.kind, a.name))
    groups = {key: (_(label), len(reg.members(key[1:], province))) for key, label in P.GROUPS.items()}
    members = {key: reg.members(key[1:], province) for key in P.GROUPS}
    count = sum(len(R.leads_of(it, reg, province)) for it, _depth in flat if it["include"] and it["task"])
    items_count = sum(1 for it, _depth in flat if it["include"] and it["task"])
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
        passages=passages,
        unknown=unknown,
        guess_kind=R.guess_kind,
        suggest_code=lambda name: R.suggest_code(name, reg),
        agency_kinds={k: v for k, v in AGENCY_KINDS.items() if k not in ISSUER_KINDS},
        can_create_agency=current_user.is_admin,
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
        flash(_("Văn bản này đã được tạo."), "info")
        return redirect(url_for("documents.show", document_id=meta["summary"]["document_id"]))
    if meta["stage"] in STAGES:
        return render_template(
            "imports/progress.html",
            job=job,
            meta=meta,
            stages=STAGES,
            done_url=url_for("reader.review", token=token),
        )
    if meta["stage"] in ("refused", "failed"):
        return _upload_page({"text": "", "province": ""}, meta["message"], 422)
    data = job.preview()
    if request.method == "GET":
        return _render(job, data)
    reg = load_registry()
    header, header_errors = R.read_header(request.form, reg.provinces)
    data["header"] = header
    year = int(header["issued_on"][:4]) if header["issued_on"] else None
    errors = R.apply_form(data["items"], request.form, reg, header["province"], year)
    action = request.form.get("action", "save")
    verb, _sep, uid = action.partition(":")
    uid, _sep, rest = uid.partition(":")
    by_uid = {it["uid"]: it for it, _depth in P.walk(data["items"])}
    if verb in ("split", "merge") and uid in by_uid:
        code = by_uid[uid]["code"]
        done = P.split(data["items"], code) if verb == "split" else P.merge(data["items"], code)
        if not done:
            errors[uid] = (
                _("Mục này chỉ có một đoạn, không tách được.")
                if verb == "split"
                else _("Không có mục nào ngay trước mục này để gộp vào.")
            )
    elif verb == "assign":
        refs = [r for r in request.form.get("assign-to", "").split(",") if r in P.GROUPS or reg.get(r)]
        if refs:
            for it, _depth in P.walk(data["items"]):
                if it["include"] and it["task"] and not it["lead"]:
                    it["lead"] = list(refs)
    elif verb in ("map", "new-agency") and uid in by_uid:
        problem = _unknown_lead(verb, by_uid[uid], rest, data["items"], header["province"])
        if problem:
            errors[uid] = problem
            return _render(job, data, errors=errors, status=422)
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
        field_errors = {exc.field: _(exc.message)} if exc.field else {}
        return _render(
            job,
            data,
            header_errors=field_errors,
            problems=[("", _(exc.message))] if not exc.field else [],
            status=422,
        )
    document, count = outcome.value
    boundary.commit_now("the reading job is marked done only once its document is stored")
    job.update(stage="done", summary={"document_id": document.id, "tasks": count})
    flash(_("Đã tạo văn bản %(symbol)s với %(n)s nhiệm vụ.", symbol=document.symbol, n=count), "success")
    return redirect(url_for("documents.show", document_id=document.id))


def _unknown_lead(verb: str, item: dict, rest: str, items: list[dict], province: str | None) -> str | None:
    """A lead the registry did not know, settled in one click: mapped to an existing agency
    (`map`) or created (`new-agency`), and remembered as an alias so the next document reads it.
    Written in the request's transaction (the review's data is saved by the caller); returns a
    message when refused."""
    index, _sep, code = rest.partition(":")
    names = item.get("unknown_lead", [])
    if not index.isdigit() or int(index) >= len(names):
        return _("Tên cơ quan này đã được xử lý; hãy tải lại trang.")
    name = names[int(index)]
    uid = item["uid"]

    def settle():
        if verb == "map":
            picked = code if code != "*" else request.form.get(f"{uid}-map{index}", "")
            agency = db.session.scalar(select(Agency).where(Agency.code == picked))
            if agency is None or not agency.is_active or agency.kind in ISSUER_KINDS:
                return _("Hãy chọn một cơ quan đang hoạt động trong danh mục.")
            agency_ops.add_alias(current_user._get_current_object(), agency, name)
        else:
            new_name = " ".join((request.form.get(f"{uid}-new{index}-name") or name).split())
            kind = request.form.get(f"{uid}-new{index}-kind") or "department"
            if kind in ISSUER_KINDS:
                return _(
                    "Cơ quan ban hành văn bản (của tỉnh hoặc ngoài tỉnh) không chủ trì nhiệm vụ; hãy chọn loại khác."
                )
            if not province:
                return _("Hãy chọn tỉnh của văn bản trước: cơ quan mới thuộc tỉnh đó.")
            root = db.session.scalar(select(Agency).where(Agency.code == (province or "")))
            agency = agency_ops.create_agency(
                current_user._get_current_object(),
                code=request.form.get(f"{uid}-new{index}-code") or "",
                name=new_name,
                kind=kind,
                parent=root,
                aliases=name if fold(name) != fold(new_name) else "",
            )
        return agency

    outcome = boundary.attempt(settle)
    if not outcome.ok:
        return outcome.message
    if isinstance(outcome.value, str):
        return outcome.value
    agency = outcome.value
    count = R.remember(items, name, agency.code)
    flash(
        _(
            "Đã ghi nhớ «%(name)s» là %(agency)s: %(n)s mục đã được giao; văn bản sau sẽ tự nhận ra tên này.",
            name=name,
            agency=agency.name,
            n=count,
        ),
        "success",
    )
    return None
