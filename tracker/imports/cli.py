"""`flask --app tracker import …`: the same checks and writes as the import pages.

    import agencies FILE [--dry-run]
    import tasks FILE [--dry-run] [--as EMAIL]
    import programme FILE [--document SYMBOL] [--dry-run] [--format json|text] [--province CODE]

Exit 0 on success; 1 with every row error printed ("Dòng 12, cột «Thời hạn»: …").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click
from sqlalchemy import func, select

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
    from tracker.imports.sheets import FileError, read_sheet
    from tracker.imports.spreadsheet import parse_agencies, parse_tasks

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
            result = parse_agencies(sheet, ops.registry(), progress=progress)
        else:
            result = parse_tasks(sheet, ops.task_context(), progress=progress)
        bar.update(max(0, len(sheet.rows) - seen[0]))
    for issue in result.warnings:
        click.echo(f"Lưu ý{f' (dòng {issue.row})' if issue.row else ''}: {issue.message}", err=True)
    return result


def _finish(result, dry_run: bool, write) -> None:
    if result.errors:
        _print_issues(result)
        rows = len({i.row for i in result.errors if i.row})
        db.session.rollback()
        _fail(f"Tệp có {len(result.errors)} lỗi ở {rows} dòng; chưa nhập dòng nào.")
    new, skip, conflict = result.count("create"), result.count("skip"), result.count("conflict")
    click.echo(
        f"Tệp hợp lệ: {new} dòng sẽ được tạo, {skip} dòng đã có (bỏ qua), {conflict} dòng khác với dữ liệu đã có."
    )
    if dry_run:
        db.session.rollback()
        click.echo("Chạy thử (--dry-run): chưa ghi gì.")
        return
    with click.progressbar(length=max(1, new), label="Ghi vào cơ sở dữ liệu", file=sys.stderr) as bar:
        seen = [0]

        def progress(done: int, total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        summary = write(progress)
    db.session.commit()
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
    _finish(result, dry_run, lambda progress: ops.write_tasks(actor, result, progress=progress))


@import_group.command("agencies")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file only; write nothing.")
def import_agencies(file, dry_run):
    """Import agencies (code, name, kind, parent, emails) from an .xlsx or UTF-8 .csv file."""
    from tracker.imports import operations as ops

    result = _check("agencies", file)
    _finish(result, dry_run, lambda progress: ops.write_agencies(None, result, progress=progress))


@import_group.command("programme")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--document", "symbol", help="Create the document with this number and symbol, and its tasks.")
@click.option("--dry-run", is_flag=True, help="Only print the proposed tree.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--province", help="The code of the document's province (default: read from its heading).")
@click.option("--as", "email", help="The monitor recorded as creator (default: the command line).")
def import_programme(file, symbol, dry_run, fmt, province, email):
    """Read a programme (.docx, .txt, .md) into a proposed task tree; print it as JSON."""
    from tracker.imports import operations as ops
    from tracker.imports import proposal as P
    from tracker.imports.docinfo import guess_document
    from tracker.imports.programme import read_programme
    from tracker.imports.sheets import FileError
    from tracker.imports.wordfile import document_text

    name, data = _read(file)
    try:
        text = document_text(name, data)
    except FileError as exc:
        _fail(exc.message)
    reg = ops.registry()
    guess = guess_document(text)
    if province is None and guess["province_name"]:
        hit = reg.matcher().match(guess["province_name"])
        province = hit.code if hit and hit.code in reg.provinces else None
    elif province is not None and province not in reg.provinces:
        _fail(f"Không có tỉnh mã {province}; có: {', '.join(reg.provinces)}.")
    nodes = read_programme(text, reg.matcher(province))
    if fmt == "json":
        click.echo(json.dumps([n.to_dict() for n in nodes], ensure_ascii=False, indent=2))
    else:
        _outline(nodes)
    if dry_run or not symbol:
        return
    actor = _actor(email)
    items = P.propose(nodes, urgent=guess["urgent"])
    skipped = []
    for item, _depth in P.walk(items):
        if item["include"] and item["task"] and not item["lead"]:
            item["include"] = False
            skipped.append(item["code"])
    P.normalise(items)
    issued = guess["issued_on"] or None
    if issued is None:
        _fail("Văn bản không ghi ngày ban hành; hãy dùng trang Nhập dữ liệu để nhập ngày.")
    header = {
        "symbol": symbol,
        "kind": guess["kind"] or "plan",
        "issuer": guess["issuer"],
        "issuer_level": guess["issuer_level"],
        "province": province,
        "issued_on": issued,
        "title": guess["title"],
        "urgent": guess["urgent"],
    }
    from tracker.core.errors import DomainError

    try:
        document, count = ops.create_programme(actor, header, items, reg)
    except DomainError as exc:
        db.session.rollback()
        _fail(exc.message)
    db.session.commit()
    if skipped:
        click.echo(f"Bỏ qua {len(skipped)} mục chưa rõ cơ quan chủ trì: {', '.join(skipped)}.", err=True)
    click.echo(f"Đã tạo văn bản {document.symbol} với {count} nhiệm vụ.", err=True)


def _outline(nodes, depth: int = 0) -> None:
    for node in nodes:
        lead = ", ".join(m.agency or m.name for m in node.lead)
        mark = "" if node.is_task else " (không phải nhiệm vụ)"
        when = node.deadline.isoformat() if node.deadline else node.deadline_kind
        click.echo(f"{'  ' * depth}{node.ref}{mark} [{lead}] [{when}] {node.text.splitlines()[0][:80]}")
        _outline(node.children, depth + 1)
