"""Blueprints of the feature packages (reports, reminders, imports, API…), registered in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _blueprints():
    from tracker.attachments.views import bp as attachments_bp

    return [attachments_bp]


def commands():
    """CLI commands of the feature packages."""
    return []


def scheduler_jobs():
    """Functions (scheduler, app) -> None that add the feature packages' jobs to the scheduler."""
    return []
