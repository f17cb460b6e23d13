"""Blueprints of the feature packages (reports, reminders, imports, API…), registered in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _blueprints():
    from tracker.imports.views import bp as imports_bp

    return [imports_bp]


def commands():
    """CLI commands of the feature packages."""
    from tracker.imports.cli import import_group

    return [import_group]


def scheduler_jobs():
    """Functions (scheduler, app) -> None that add the feature packages' jobs to the scheduler."""
    return []
