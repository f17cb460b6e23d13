"""Blueprints of the feature packages (reports, reminders, imports, API…), registered in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _blueprints():
    return []


def commands():
    """CLI commands of the feature packages."""
    from tracker.backup.cli import backup_command

    return [backup_command]


def scheduler_jobs():
    """Functions (scheduler, app) -> None that add the feature packages' jobs to the scheduler."""
    return []
