"""Command-line interface: `flask --app tracker …`. Commands call the same operations as the pages."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import func, select

from tracker.db import db


def register(app: Flask) -> None:
    """Add the application's commands, each run as one unit of work (tracker.core.boundary): it
    commits once when it ends and rolls back on any error; a refusal becomes its message."""
    from tracker import plugins
    from tracker.core.boundary import wrap_commands

    for command in (create_user_command, seed_group, scheduler_command, *plugins.commands()):
        wrap_commands(command)
        app.cli.add_command(command)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "monitor", "leader", "focal"]))
@click.option("--agency", "agency_code", help="Agency code (required for a focal point).")
@click.option("--password", help="Without it a password is generated and printed.")
@click.option("--name", "full_name", default="", help="Full name.")
def create_user_command(email, role, agency_code, password, full_name):
    """Create an account; prints the password when it was generated. Never prompts."""
    from tracker.agencies.models import Agency
    from tracker.users.operations import create_user

    agency = None
    if agency_code:
        agency = db.session.scalar(select(Agency).where(func.upper(Agency.code) == agency_code.upper()))
        if agency is None:
            raise click.ClickException(f"Không có cơ quan mã {agency_code}.")
    user, generated = create_user(
        None, email=email, role=role, agency=agency, full_name=full_name, password=password
    )
    click.echo(f"Đã tạo tài khoản {user.email} ({user.role_label}).")
    if not password:
        click.echo(f"Mật khẩu: {generated}")


@click.group("seed")
def seed_group():
    """Demo and synthetic data."""


@seed_group.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds data.")
def seed_demo(if_empty):
    """Load the demo province (Khánh Hòa, Bình Định), its documents, tasks, history and demo logins."""
    from tracker.agencies.models import Agency
    from tracker.seed.demo import DEMO_LOGINS, load_demo

    if db.session.scalar(select(func.count()).select_from(Agency)):
        if if_empty:
            click.echo("Cơ sở dữ liệu đã có dữ liệu; bỏ qua việc nạp dữ liệu mẫu.")
            return
        raise click.ClickException(
            "Cơ sở dữ liệu đã có dữ liệu. Dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống."
        )
    summary = load_demo(progress=True)
    for line in summary:
        click.echo(line)
    if if_empty:
        return  # `make run`: the logins are printed once, beside the address, when the app is up
    click.echo("Tài khoản mẫu:")
    for email, password, label in DEMO_LOGINS:
        click.echo(f"  {label:<38} {email:<32} {password}")


@seed_group.command("synthetic")
@click.option(
    "--tasks",
    "n_tasks",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Countable tasks (periodic occurrences included).",
)
@click.option(
    "--agencies",
    "n_agencies",
    type=click.IntRange(63),
    default=10_000,
    show_default=True,
    help="Agencies in the 63 provinces' trees (departments, districts, communes…).",
)
@click.option(
    "--seed", "seed", type=int, default=1, show_default=True, help="The same seed gives the same data."
)
@click.option(
    "--until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default="2026-11-15",
    show_default=True,
    help="The last day of the ten years of history.",
)
@click.option(
    "--open-overdue",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of the tasks past their deadline left open on the last day (0,3 ≈ Redmine's shape); "
    "0: the natural history.",
)
def seed_synthetic(n_tasks, n_agencies, seed, until, open_overdue):
    """Synthetic data at national scale for benchmarks (bulk-loaded; accounts use the demo password)."""
    from tracker.agencies.models import Agency
    from tracker.seed.synthetic import load_synthetic
    from tracker.seed.synthetic_rows import MAIL, SYNTHETIC_PASSWORD

    if db.session.scalar(select(func.count()).select_from(Agency).where(Agency.code == "T01")):
        raise click.ClickException("Cơ sở dữ liệu đã có dữ liệu tổng hợp (mã cơ quan T01).")
    db.session.close()
    with click.progressbar(length=n_tasks, label="Tạo nhiệm vụ tổng hợp", show_pos=True) as bar:
        done = [0]

        def progress(count):
            bar.update(count - done[0])
            done[0] = count

        summary = load_synthetic(
            db.engine,
            tasks=n_tasks,
            agencies=n_agencies,
            seed=seed,
            until=until.date(),
            progress=progress,
            open_overdue=open_overdue,
        )
    for key, value in summary.items():
        click.echo(f"  {key:<16} {value:>12,}".replace(",", "."))
    click.echo(
        f"Tài khoản: theodoi@{MAIL} (theo dõi), daumoi.<mã cơ quan>@{MAIL} (đầu mối); "
        f"mật khẩu {SYNTHETIC_PASSWORD}"
    )


@click.command("scheduler")
def scheduler_command():
    """Run the scheduler process (reminders, periodic occurrences). Exactly one should run."""
    from tracker.scheduler import run_scheduler

    run_scheduler()
