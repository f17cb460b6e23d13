"""`flask --app tracker reminders …`: run a day's job by hand, or send what waits in the outbox."""

from __future__ import annotations

import click
from sqlalchemy import func, select

from tracker.agencies.models import Agency
from tracker.core.dates import fmt_date, parse_iso_date, today
from tracker.db import db


def _parse_day(_ctx, _param, value):
    if value is None:
        return today()
    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.group("reminders")
def reminders_group():
    """Reminder e-mails: the day's digests and the outbox."""


@reminders_group.command("run")
@click.option(
    "--date",
    "day",
    callback=_parse_day,
    metavar="YYYY-MM-DD",
    help="The day whose job to run (default: today).",
)
@click.option("--dry-run", is_flag=True, help="Print the messages; write and send nothing.")
@click.option("--agency", "agency_code", help="Only this agency's digest (dry run only).")
@click.option(
    "--weekly/--no-weekly",
    default=None,
    help="Build the monitors' weekly overview (default: only on the weekly day).",
)
def run_command(day, dry_run, agency_code, weekly):
    """Build (and send, unless --dry-run) the digests that day's job sends. Digests already
    claimed for that day are not sent again."""
    from tracker.reminders import jobs, outbox
    from tracker.reminders.settings import load

    cfg = load()
    if dry_run:
        agency_ids = None
        if agency_code:
            agency = db.session.scalar(select(Agency).where(func.upper(Agency.code) == agency_code.upper()))
            if agency is None:
                raise click.ClickException(f"Không có cơ quan mã {agency_code}.")
            agency_ids = [agency.id]
        messages = jobs.build_day(day, cfg, weekly, agency_ids)
        for m in messages:
            click.echo("=" * 78)
            click.echo(f"Tới: {', '.join(m.recipients) or '(không có địa chỉ nhận)'}")
            click.echo(f"Tiêu đề: {m.subject}")
            click.echo(f"Message-ID: {m.message_id}")
            click.echo("-" * 78)
            click.echo(m.body_text.rstrip())
        click.echo("=" * 78)
        click.echo(f"Chạy thử ngày {fmt_date(day)}: {len(messages)} thư (không ghi, không gửi).")
        return
    if agency_code:
        raise click.UsageError("--agency chỉ dùng với --dry-run.")
    result = jobs.run_day(day, cfg, weekly)
    jobs.record_run(day, len(result.claimed))
    for m in result.composed:
        mark = "bỏ qua (đã có)" if m.digest_key in result.already else "mới"
        click.echo(f"[{mark}] {m.subject}")
    delivery = outbox.deliver_pending()
    click.echo(
        f"Ngày {fmt_date(day)}: {len(result.claimed)} thư mới, {len(result.already)} thư đã có từ trước."
    )
    _print_delivery(delivery)


@reminders_group.command("send-pending")
def send_pending_command():
    """Send every message of the outbox that is due (new ones and retries)."""
    from tracker.reminders import outbox

    _print_delivery(outbox.deliver_pending())


def _print_delivery(counts: dict) -> None:
    from flask import current_app

    from tracker.reminders import mailer

    if not mailer.is_configured(current_app.config):
        click.echo(
            f"Chưa cấu hình máy chủ thư (TRACKER_SMTP_HOST): {counts['pending']} thư đang chờ trong hàng đợi."
        )
        return
    click.echo(f"Gửi thư: {counts['sent']} đã gửi, {counts['failed']} lỗi (sẽ gửi lại).")
