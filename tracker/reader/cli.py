"""`flask --app tracker import programme FILE`: the reader from the command line (in the `import` group)."""

from __future__ import annotations

import json
import sys

import click

from tracker.agencies.registry import load_registry
from tracker.imports.cli import _actor, _fail, _read
from tracker.reader.operations import create_programme


@click.command("programme")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--document", "symbol", help="Create the document with this number and symbol, and its tasks.")
@click.option("--dry-run", is_flag=True, help="Only print the proposed tree.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--province", help="The code of the document's province (default: read from its heading).")
@click.option("--as", "email", help="The monitor recorded as creator (default: the command line).")
def import_programme(file, symbol, dry_run, fmt, province, email):
    """Read a programme (.docx, .pdf, a scan, .txt, .md) into a proposed task tree; print it as JSON."""
    from tracker.core.errors import FileError
    from tracker.documents.docinfo import guess_document
    from tracker.reader import proposal as P
    from tracker.reader.programme import read_programme
    from tracker.reader.sources import document_text

    name, data = _read(file)
    bar = None

    def progress(done: int, total: int, ocr: bool = False) -> None:
        nonlocal bar
        if not ocr:
            return
        if bar is None:  # a scan: a few seconds a page, so say how far it is (on stderr, beside the JSON)
            bar = click.progressbar(length=total, label="Nhận dạng chữ (OCR)", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        text = document_text(name, data, progress)
    except FileError as exc:
        _fail(exc.message)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    reg = load_registry()
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
    document, count = create_programme(actor, header, items, reg)
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
