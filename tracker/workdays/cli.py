"""`flask --app tracker calendar …`: working-day arithmetic and the days off, from the database."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from tracker.core.dates import WEEKDAY_NAMES, fmt_date


def _date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"«{value}»: ngày phải theo dạng YYYY-MM-DD, ví dụ 2025-01-24.") from None


@click.group("calendar")
def calendar_group():
    """Working days: weekends, public holidays, the Government's breaks and làm bù days."""


@calendar_group.command("add-working-days")
@click.argument("start", callback=_date, metavar="YYYY-MM-DD")
@click.argument("n", type=int)
def add_working_days_command(start, n):
    """Print the day N working days after START (START not counted; before it when N < 0)."""
    from tracker.workdays.store import current_calendar

    click.echo(current_calendar().add_working_days(start, n).isoformat())


@calendar_group.command("working-days-between")
@click.argument("start", callback=_date, metavar="YYYY-MM-DD")
@click.argument("end", callback=_date, metavar="YYYY-MM-DD")
def working_days_between_command(start, end):
    """Print the working days after START up to END (negative when END is earlier)."""
    from tracker.workdays.store import current_calendar

    click.echo(current_calendar().working_days_between(start, end))


@calendar_group.command("is-day-off")
@click.argument("day", callback=_date, metavar="YYYY-MM-DD")
def is_day_off_command(day):
    """Say whether DAY is a day off; exit status 0 for a day off, 1 for a working day."""
    from tracker.workdays.deadlines import day_off_name
    from tracker.workdays.store import current_calendar

    calendar = current_calendar()
    label = f"{day.isoformat()} ({WEEKDAY_NAMES[day.weekday()]})"
    if calendar.is_day_off(day):
        click.echo(f"{label}: ngày nghỉ — {day_off_name(calendar, day)}")
        sys.exit(0)
    name = calendar.name_of(day)
    click.echo(f"{label}: ngày làm việc" + (f" — {name}" if name else ""))
    sys.exit(1)


@calendar_group.command("days-off")
@click.option("--year", type=int, required=True, help="The year to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def days_off_command(year, fmt):
    """List the year's listed days: holidays, breaks and làm bù days (weekends are not listed)."""
    from tracker.workdays.store import days_of_year

    rows = days_of_year(year)
    if fmt == "json":
        data = [{"date": r.day.isoformat(), "kind": r.kind, "name": r.name} for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"Năm {year} chưa có ngày nghỉ lễ nào trong lịch (Quản trị → Ngày nghỉ lễ).")
        return
    off = sum(1 for r in rows if r.is_day_off)
    click.echo(f"Năm {year}: {off} ngày nghỉ, {len(rows) - off} ngày làm bù.")
    for r in rows:
        click.echo(f"{fmt_date(r.day)}  {WEEKDAY_NAMES[r.day.weekday()]:<8}  {r.kind_label:<19}  {r.name}")


@calendar_group.command("add")
@click.argument("first", callback=_date, metavar="YYYY-MM-DD")
@click.option("--to", "last", callback=_date, metavar="YYYY-MM-DD", help="The last day of a range.")
@click.option("--name", required=True, help="For example: Tết Nguyên đán.")
@click.option(
    "--kind", type=click.Choice(["holiday", "break", "working"]), default="holiday", show_default=True
)
def add_command(first, last, name, kind):
    """List a day (or FIRST to --to) as a day off, or as a làm bù day with --kind working (audited)."""
    from tracker.workdays.operations import add_days

    rows = add_days(None, first=first, last=last, kind=kind, name=name)  # a refusal: the command's message
    click.echo(
        f"Đã thêm {len(rows)} ngày: {fmt_date(rows[0].day)}–{fmt_date(rows[-1].day)} «{rows[0].name}»."
    )


@calendar_group.command("load-official")
@click.option("--year", "years", type=int, multiple=True, help="Only these years (default: all 2020–2027).")
def load_official_command(years):
    """Add the official days off of tracker/workdays/official.py that the calendar does not list."""
    from tracker.workdays.operations import load_official

    rows = load_official(None, years or None)
    click.echo(f"Đã thêm {len(rows)} ngày từ dữ liệu chính thức.")
