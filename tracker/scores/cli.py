"""`flask --app tracker report score --year 2024 [--as-of YYYY-MM-DD] [--format json|table|xlsx|docx]`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.core.dates import fmt_number, fmt_percent, parse_iso_date


@click.command("score")
@click.option("--year", type=int, required=True, help="Năm chấm điểm.")
@click.option("--as-of", "as_of", help="Ngày chốt số liệu, YYYY-MM-DD (mặc định: ngày chốt của năm).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "table", "xlsx", "docx"]),
    default="table",
    show_default=True,
)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Tệp kết quả.")
def score_command(year, as_of, fmt, output):
    """Chấm điểm «thực hiện nhiệm vụ UBND tỉnh giao»: một dòng cho mỗi cơ quan, tại ngày chốt."""
    from tracker.scores import exports
    from tracker.scores.compute import score_board

    if not 2000 <= year <= 2100:
        raise click.BadParameter("Năm phải từ 2000 đến 2100.", param_hint="--year")
    on = None
    if as_of:
        try:
            on = parse_iso_date(as_of)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--as-of") from None
    board = score_board(year, on)
    if fmt in ("xlsx", "docx"):
        if not output:
            raise click.UsageError(f"Định dạng {fmt} cần --output TỆP.")
        data = exports.xlsx_bytes(board) if fmt == "xlsx" else exports.docx_bytes(board)
        Path(output).write_bytes(data)
        click.echo(f"Đã ghi {output}", err=True)
        return
    if fmt == "json":
        text = json.dumps([row.as_dict() for row in board.rows], ensure_ascii=False, indent=2)
    else:
        lines = [exports.title(board), *exports.formula_lines(board), ""]
        lines.append(
            f"{'Hạng':>4}  {'Cơ quan':<44} {'Đến hạn':>8} {'Đúng hạn':>8} {'Tỷ lệ':>9} {'Quá hạn':>8} {'Điểm':>6}"
        )
        for r in board.rows:
            rate = fmt_percent(r.on_time_rate * 100) if r.on_time_rate is not None else "—"
            lines.append(
                f"{r.rank:>4}  {r.name[:44]:<44} {r.tasks:>8} {r.on_time:>8} {rate:>9} {r.overdue:>8} "
                f"{fmt_number(r.points, 2):>6}"
            )
        text = "\n".join(lines)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
