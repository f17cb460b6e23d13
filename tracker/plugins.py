"""Blueprints of the feature packages (reports, reminders, imports, API…), registered in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _blueprints():
    from tracker.api.blueprints import blueprints as api_blueprints

    return [*api_blueprints()]


def commands():
    """CLI commands of the feature packages."""
    from tracker.api.cli import create_token_command, webhooks_group

    return [create_token_command, webhooks_group]


def scheduler_jobs():
    """Functions (scheduler, app) -> None that add the feature packages' jobs to the scheduler."""
    from tracker.api.cli import scheduler_jobs as api_jobs

    return [api_jobs]
