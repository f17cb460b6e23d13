"""`flask --app tracker import …`: the same checks and writes as the import pages.

    import agencies FILE [--dry-run]
    import tasks FILE [--dry-run] [--as EMAIL]
    import programme FILE [--document SYMBOL] [--dry-run] [--format json|text] [--province CODE]

Exit 0 on success; 1 with every row error printed ("Dòng 12, cột «Thời hạn»: …").
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import NoReturn

import click
from sqlalchemy import func, select

from tracker.agencies.registry import load_registry
from tracker.core import boundary
from tracker.db import db


def _fail(message: str) -> NoReturn:
    """Stop with the message in Vietnamese (not click's English "Error:") and exit status 1."""
    click.echo(f"Lỗi: {message}", err=True)
    raise SystemExit(1)


@click.group("import")
def import_group():
    """Import agencies and tasks from spreadsheets, and a programme's task tree from its text."""


def _read(path: str) -> tuple[str, bytes]:
    file = Path(path)
    try:
        return file.name, file.read_bytes()
    except OSError as exc:
        _fail(f"Không đọc được tệp {path}: {exc.strerror}.")


def _actor(email: str | None):
    from tracker.imports.operations import CommandLine
    from tracker.users.models import User

    if not email:
        return CommandLine()
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None or not user.is_active:
        _fail(f"Không có tài khoản đang hoạt động {email}.")
    return user


def _print_issues(result) -> None:
    for issue in result.errors:
        where = ", ".join(
            x
            for x in (
                f"Dòng {issue.row}" if issue.row else "Tệp",
                f"cột «{issue.column}»" if issue.column else "",
            )
            if x
        )
        click.echo(f"{where}: {issue.message}", err=True)


def _check(kind: str, path: str):
    from tracker.imports import operations as ops
    from tracker.imports.agency_rows import parse_agencies
    from tracker.imports.sheets import FileError, read_sheet
    from tracker.imports.spreadsheet import parse_tasks

    name, data = _read(path)
    try:
        sheet = read_sheet(name, data)
    except FileError as exc:
        _fail(exc.message)
    with click.progressbar(length=max(1, len(sheet.rows)), label="Kiểm tra các dòng", file=sys.stderr) as bar:
        seen = [0]

        def progress(n: int) -> None:
            bar.update(n - seen[0])
            seen[0] = n

        if kind == "agencies":
            result = parse_agencies(sheet, load_registry(), progress=progress)
        else:
            result = parse_tasks(sheet, ops.task_context(), progress=progress)
        bar.update(max(0, len(sheet.rows) - seen[0]))
    for issue in result.warnings:
        click.echo(f"Lưu ý{f' (dòng {issue.row})' if issue.row else ''}: {issue.message}", err=True)
    return result


def _finish(result, dry_run: bool, write, *, path: str, actor=None) -> None:
    if result.errors:
        _print_issues(result)
        rows = len({i.row for i in result.errors if i.row})
        _fail(f"Tệp có {len(result.errors)} lỗi ở {rows} dòng; chưa nhập dòng nào.")
    new, skip, conflict = result.count("create"), result.count("skip"), result.count("conflict")
    click.echo(
        f"Tệp hợp lệ: {new} dòng sẽ được tạo, {skip} dòng đã có (bỏ qua), {conflict} dòng khác với dữ liệu đã có."
    )
    if dry_run:
        boundary.rollback()
        click.echo("Chạy thử (--dry-run): chưa ghi gì.")
        return
    with click.progressbar(length=max(1, new), label="Ghi vào cơ sở dữ liệu", file=sys.stderr) as bar:
        seen = [0]

        def progress(done: int, total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        # Claimed before writing, like the import pages (tracker.imports.locks): a second import of
        # this file or its documents running now is refused, one that finished is found by the write.
        from tracker.imports import locks

        claimed = locks.keys(_read(path)[1], (r.get("document") for r in result.rows))
        with locks.holding(claimed, token=secrets.token_urlsafe(18), actor=actor, filename=result.filename):
            summary = write(progress)
    click.echo(f"Đã nhập {summary['created']} dòng.")


@import_group.command("tasks")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--dry-run", is_flag=True, help="Check the file and print what would be imported; write nothing."
)
@click.option("--as", "email", help="The monitor recorded as having imported (default: the command line).")
def import_tasks(file, dry_run, email):
    """Import tasks (and their history) from an .xlsx or UTF-8 .csv file."""
    from tracker.imports import operations as ops

    actor = _actor(email)
    if not actor.is_monitor:
        _fail("Chỉ cán bộ theo dõi mới được nhập nhiệm vụ.")
    result = _check("tasks", file)
    _finish(
        result,
        dry_run,
        lambda progress: ops.write_tasks(actor, result, progress=progress),
        path=file,
        actor=actor,
    )


@import_group.command("agencies")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file only; write nothing.")
def import_agencies(file, dry_run):
    """Import agencies (code, name, kind, parent, emails) from an .xlsx or UTF-8 .csv file."""
    from tracker.imports import operations as ops

    result = _check("agencies", file)
    _finish(result, dry_run, lambda progress: ops.write_agencies(None, result, progress=progress), path=file)


def scheduler_jobs(scheduler, app) -> None:
    """Every minute, mark failed the imports whose process died (tracker.imports.jobs.reap_all)."""
    from tracker.imports.jobs import reap_all

    scheduler.add_job(
        boundary.run_job,
        "interval",
        minutes=1,
        args=[app, reap_all],
        id="imports_reap",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )
