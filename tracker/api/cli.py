"""Command line: `flask --app tracker create-token EMAIL …` and `flask --app tracker webhooks deliver`."""

from __future__ import annotations

import click
from sqlalchemy import func, select

from tracker.db import db


@click.command("create-token")
@click.argument("email")
@click.option("--name", default="Dòng lệnh", show_default=True, help="A name to recognise the token by.")
@click.option("--scope", type=click.Choice(["read", "write"]), default="read", show_default=True)
@click.option(
    "--days", type=click.IntRange(1, 366), default=90, show_default=True, help="Days until it expires."
)
def create_token_command(email, name, scope, days):
    """Create a personal access token for EMAIL; the token alone is printed on the last line."""
    from tracker.api.tokens import create_token
    from tracker.core.errors import DomainError
    from tracker.users.models import User

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"Không có tài khoản {email}.")
    try:
        token, raw = create_token(None, user, name=name, scope=scope, days=days)
    except DomainError as e:
        db.session.rollback()
        raise click.ClickException(e.message) from e
    db.session.commit()
    click.echo(
        f"Đã tạo khóa «{token.name}» ({scope}) cho {user.email}, hết hạn sau {days} ngày. "
        "Khóa chỉ hiện một lần:",
        err=False,
    )
    click.echo(raw)


@click.group("webhooks")
def webhooks_group():
    """Outgoing webhooks."""


@webhooks_group.command("deliver")
def deliver_command():
    """Send the webhook deliveries that are due now (the scheduler does this every minute)."""
    from tracker.api.webhooks import deliver_due, queue_overdue

    queued = queue_overdue()
    sent = deliver_due()
    click.echo(f"Đã xếp hàng {queued} sự kiện quá hạn; đã gửi {sent} lần.")


def scheduler_jobs(scheduler, app) -> None:
    """Webhook deliveries every minute; overdue events daily at 07:05 (and caught up after a stop:
    they are deduplicated per task and deadline)."""
    scheduler.add_job(
        deliver_job,
        "interval",
        minutes=1,
        args=[app],
        id="webhooks_deliver",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )
    scheduler.add_job(
        overdue_job,
        "cron",
        hour=7,
        minute=5,
        args=[app],
        id="webhooks_overdue",
        coalesce=True,
        misfire_grace_time=12 * 3600,
        replace_existing=True,
    )


def deliver_job(app) -> int:
    from tracker.api.webhooks import deliver_due

    with app.app_context():
        try:
            return deliver_due()
        finally:
            db.session.remove()


def overdue_job(app) -> int:
    from tracker.api.webhooks import queue_overdue

    with app.app_context():
        try:
            return queue_overdue()
        finally:
            db.session.remove()
