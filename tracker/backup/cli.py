"""`flask --app tracker backup PATH`."""

from __future__ import annotations

import shutil
import subprocess  # nosec B404
from pathlib import Path

import click

from tracker.backup import operations
from tracker.db import db


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--print-only", is_flag=True, help="PostgreSQL: only print the pg_dump command to use.")
def backup_command(path: Path, print_only: bool):
    """Back up the database to PATH while the application runs (SQLite: online backup API;
    PostgreSQL: pg_dump, custom format). Never overwrites an existing file."""
    if path.exists():
        raise click.ClickException(f"Tệp {path} đã tồn tại; hãy chọn tên khác (bản sao lưu không ghi đè).")
    engine = db.engine
    if engine.dialect.name == "sqlite":
        size = operations.backup_sqlite(engine, path)
        click.echo(f"Đã sao lưu cơ sở dữ liệu SQLite vào {path} ({size:,} byte).".replace(",", "."))
        click.echo("Khôi phục: dừng ứng dụng, thay tệp cơ sở dữ liệu bằng tệp sao lưu, khởi động lại.")
        return
    args, env = operations.pg_dump_command(engine.url, path)
    restore, _env = operations.pg_restore_command(engine.url.set(database="<cơ sở dữ liệu trống>"), path)
    if print_only or shutil.which("pg_dump") is None:
        click.echo("Sao lưu PostgreSQL bằng pg_dump (mật khẩu trong biến môi trường PGPASSWORD):")
        click.echo(f"  {operations.shown(args)}")
        click.echo("Khôi phục vào một cơ sở dữ liệu trống:")
        click.echo(f"  {operations.shown(restore)}")
        return
    try:
        operations.run_pg(args, env)
    except subprocess.CalledProcessError as e:
        raise click.ClickException(f"pg_dump không thành công: {e.stderr.strip()}") from e
    click.echo(
        f"Đã sao lưu cơ sở dữ liệu PostgreSQL vào {path} ({path.stat().st_size:,} byte).".replace(",", ".")
    )
    click.echo(f"Khôi phục vào một cơ sở dữ liệu trống: {operations.shown(restore)}")
