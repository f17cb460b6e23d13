"""Blueprints of the feature packages (reports, reminders, imports, API…), registered in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _blueprints():
    from tracker.api.blueprints import blueprints as api_blueprints
    from tracker.attachments.views import bp as attachments_bp
    from tracker.audit.views import bp as audit_bp
    from tracker.feeds.views import bp as calendar_bp
    from tracker.imports.views import bp as imports_bp
    from tracker.letterhead.views import bp as letterhead_bp
    from tracker.notifications.views import bp as notifications_bp
    from tracker.public.views import bp as public_bp
    from tracker.reader.views import bp as reader_bp
    from tracker.reminders.views import bp as reminders_bp
    from tracker.reports.views import bp as reports_bp
    from tracker.scores.views import bp as scores_bp
    from tracker.webhooks.views import bp as webhooks_bp
    from tracker.workdays.views import bp as workdays_bp

    return [
        audit_bp,
        reminders_bp,
        reports_bp,
        letterhead_bp,
        *api_blueprints(),
        webhooks_bp,
        calendar_bp,
        attachments_bp,
        imports_bp,
        reader_bp,
        workdays_bp,
        public_bp,
        scores_bp,
        notifications_bp,
    ]


def commands():
    """CLI commands of the feature packages."""
    from tracker.api.cli import create_token_command
    from tracker.backup.cli import backup_command
    from tracker.imports.cli import import_group
    from tracker.public.cli import publish_command, unpublish_command
    from tracker.reader.cli import import_programme
    from tracker.reminders.cli import reminders_group
    from tracker.reports.cli import report_group
    from tracker.scores.cli import score_command
    from tracker.webhooks.cli import webhooks_group
    from tracker.workdays.cli import calendar_group

    import_group.add_command(import_programme)
    report_group.add_command(score_command)
    return [
        reminders_group,
        report_group,
        create_token_command,
        webhooks_group,
        import_group,
        backup_command,
        calendar_group,
        publish_command,
        unpublish_command,
    ]


def scheduler_jobs():
    """Functions (scheduler, app) -> None that add the feature packages' jobs to the scheduler."""
    from tracker.auth.recovery import register_jobs as account_mail_jobs
    from tracker.imports.cli import scheduler_jobs as import_jobs
    from tracker.notifications.jobs import register_jobs as notification_jobs
    from tracker.reminders.jobs import register_jobs as reminders_jobs
    from tracker.webhooks.cli import scheduler_jobs as webhook_jobs

    return [reminders_jobs, webhook_jobs, import_jobs, account_mail_jobs, notification_jobs]
