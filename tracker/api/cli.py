"""Command line: `flask --app tracker create-token EMAIL …`."""

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
    from tracker.users.models import User

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"Không có tài khoản {email}.")
    token, raw = create_token(None, user, name=name, scope=scope, days=days)
    click.echo(
        f"Đã tạo khóa «{token.name}» ({scope}) cho {user.email}, hết hạn sau {days} ngày. "
        "Khóa chỉ hiện một lần:",
        err=False,
    )
    click.echo(raw)
