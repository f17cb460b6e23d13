"""The two steps of a spreadsheet import, as background work on a `Job`: check (nothing written,
the preview), then write (after the user confirmed; one transaction, all rows or none)."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from tracker.agencies.registry import load_registry
from tracker.db import db
from tracker.imports import locks
from tracker.imports import operations as ops
from tracker.imports.agency_rows import parse_agencies
from tracker.imports.jobs import Job, run
from tracker.imports.sheets import FileError, read_sheet
from tracker.imports.spreadsheet import ParseResult, parse_tasks


def parse(job: Job, *, stage: str = "checking") -> ParseResult:
    """Read and check the job's file against the database as it is now."""
    meta = job.meta
    reading = job.progress("reading")
    sheet = read_sheet(meta["filename"], job.source(), progress=lambda n: reading(n, 0))
    checking = job.progress(stage)
    total = len(sheet.rows)

    def progress(n: int) -> None:
        checking(n, total)

    if meta["kind"] == "agencies":
        return parse_agencies(sheet, load_registry(), progress=progress)
    return parse_tasks(sheet, ops.task_context(), progress=progress)


def check(job: Job) -> None:
    try:
        result = parse(job)
    except FileError as exc:
        job.update(stage="refused", message=exc.message)
        return
    finally:
        db.session.rollback()  # the check reads only
    job.save_preview(result.to_dict())
    job.update(stage="preview", done=len(result.rows), total=len(result.rows))


def write(job: Job):
    """Check again (the database may have changed since the preview), then write; the job's wrapper
    commits once, then marks the job done (the function returned)."""
    from tracker.users.models import User

    meta = job.meta
    user = db.session.get(User, meta["confirmed_by"]) if meta.get("confirmed_by") else None
    if user is None or not user.is_active:
        job.update(stage="failed", message=_("Tài khoản xác nhận không còn hiệu lực; chưa có gì được ghi."))
        return
    preview = job.preview() or {"rows": []}
    claimed = locks.keys(job.source(), (r.get("document") for r in preview["rows"]))
    # Claimed before the check: an import of the same file or documents that started first has
    # either written its rows (and this check finds them) or still holds the claim (refused).
    with locks.holding(claimed, token=job.token, actor=user, filename=meta["filename"]):
        try:
            result = parse(job, stage="rechecking")
        except FileError as exc:
            job.update(stage="failed", message=exc.message)
            return
        if result.errors:
            job.save_preview(result.to_dict())
            job.update(
                stage="preview",
                message=_(
                    "Dữ liệu trong hệ thống đã thay đổi kể từ khi xem trước; tệp nay có lỗi "
                    "(xem bên dưới). Chưa có gì được ghi."
                ),
            )
            job.release("writing")
            return
        writing = job.progress("writing")
        if meta["kind"] == "agencies":
            summary = ops.write_agencies(user, result, progress=writing)
        else:
            summary = ops.write_tasks(user, result, progress=writing)
    return lambda: job.update(
        stage="done", done=summary["created"], total=summary["created"], summary=summary
    )


def start_check(job: Job) -> None:
    run(current_app._get_current_object(), job, check, "refused")


def start_write(job: Job, user_id: int) -> bool:
    """Start writing once; False when it was already started (a second click)."""
    if not job.claim("writing"):
        return False
    job.update(confirmed_by=user_id)
    run(current_app._get_current_object(), job, write, "failed")
    return True
