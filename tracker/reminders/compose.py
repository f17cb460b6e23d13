"""Turning digests into e-mails: Vietnamese subject lines that say what is inside, a plain-text and an
HTML part (rendered from templates/reminders/email/, the HTML one autoescaped), a stable Message-ID."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from email.utils import parseaddr

from flask import current_app
from flask_babel import force_locale, get_locale, get_translations
from flask_babel import gettext as _
from jinja2 import Environment
from jinja2.ext import _make_new_gettext, _make_new_ngettext, _make_new_npgettext, _make_new_pgettext

from tracker.core.dates import fmt_date
from tracker.core.text import N_
from tracker.reminders.digests import SECTIONS, AgencyDigest, WeeklyOverview
from tracker.reminders.settings import ReminderSettings
from tracker.users.models import mail_language

SUBJECT_PREFIX = N_("[Theo dõi nhiệm vụ]")
WEEKLY_GROUP_LIMIT = 15
# Lines per section of a daily digest; the rest are one click away in the task list.
DAILY_SECTION_LIMIT = 25
SECTION_FILTERS = {
    "overdue": "&overdue=1",
    "due_today": "&due_soon=1",
    "due_soon": "&due_soon=1",
    "returned": "&returned=1",
    "behind": "&status=new&status=in_progress",
    "stale": "&status=new&status=in_progress&sort=updated",
}


@dataclass
class Composed:
    """A message ready for the outbox."""

    kind: str
    day: dt.date
    subject: str
    body_text: str
    body_html: str
    recipients: list[str]
    message_id: str
    cc: list[str] = field(default_factory=list)
    digest_key: str | None = None
    agency_id: int | None = None
    task_ids: list[int] = field(default_factory=list)


def base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


def task_url(task) -> str:
    return f"{base_url()}/tasks/{task.id}"


def mail_domain() -> str:
    address = parseaddr(current_app.config.get("MAIL_FROM") or "")[1]
    return address.rsplit("@", 1)[1] if "@" in address else "tracker.local"


def _mail_environment() -> Environment:
    """The application's templates with the translations of the language in force bound once: a
    day's thousands of digests would otherwise look the translations up through Flask-Babel's
    request context for every word of every line. One environment (and its compiled templates) per
    language, kept on the application; the application's own environment is left as it is."""
    environments = current_app.extensions.setdefault("tracker_mail_environments", {})
    key = str(get_locale())
    env = environments.get(key)
    if env is None:
        # Its own compiled templates and globals: the i18n extension's install methods belong to the
        # application's environment, so the callables are set here, as that extension makes them.
        env = current_app.jinja_env.overlay(cache_size=100)
        env.globals = dict(current_app.jinja_env.globals)
        translations = get_translations()
        env.globals.update(
            gettext=_make_new_gettext(translations.ugettext),
            ngettext=_make_new_ngettext(translations.ungettext),
            pgettext=_make_new_pgettext(translations.upgettext),
            npgettext=_make_new_npgettext(translations.unpgettext),
        )
        environments[key] = env
    return env


def _render(name: str, **context) -> str:
    context.setdefault("base_url", base_url())
    context.setdefault("task_url", task_url)
    context.setdefault("sections", SECTIONS)
    return _mail_environment().get_template(f"reminders/email/{name}").render(**context)


def _subject(text: str) -> str:
    subject = f"{_(SUBJECT_PREFIX)} {text}"
    return subject if len(subject) <= 250 else subject[:249] + "…"


def daily_subject(digest: AgencyDigest) -> str:
    """'[Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn, 2 sắp đến hạn'."""
    parts = []
    for count, first, label in (
        (digest.count("overdue"), _("%(n)s nhiệm vụ quá hạn"), _("%(n)s quá hạn")),
        (digest.count("due_today", "due_soon"), _("%(n)s nhiệm vụ sắp đến hạn"), _("%(n)s sắp đến hạn")),
        (digest.count("returned"), _("%(n)s nhiệm vụ bị trả lại"), _("%(n)s bị trả lại")),
        (digest.count("behind"), _("%(n)s nhiệm vụ chậm tiến độ"), _("%(n)s chậm tiến độ")),
        (digest.count("stale"), _("%(n)s nhiệm vụ chưa cập nhật"), _("%(n)s chưa cập nhật")),
    ):
        if count:
            parts.append((label if parts else first) % {"n": count})
    return _subject(f"{digest.agency.name}: {', '.join(parts)}")


def compose_daily(digest: AgencyDigest, cfg: ReminderSettings) -> Composed:
    """The daily digest of one agency, in its recipients' language (users.models.mail_language)."""
    with force_locale(mail_language([*digest.recipients, *digest.cc])):
        return _compose_daily(digest, cfg)


def _compose_daily(digest: AgencyDigest, cfg: ReminderSettings) -> Composed:
    day = digest.day
    agency_tasks_url = f"{base_url()}/tasks/?lead={digest.agency.id}"
    context = dict(
        digest=digest,
        day=day,
        cfg=cfg,
        limit=DAILY_SECTION_LIMIT,
        agency_tasks_url=agency_tasks_url,
        section_url=lambda name: agency_tasks_url + SECTION_FILTERS[name],
        preferences_url=f"{base_url()}/reminders/preferences",
    )
    return Composed(
        kind="daily",
        day=day,
        subject=daily_subject(digest),
        body_text=_render("daily.txt", **context),
        body_html=_render("daily.html", **context),
        recipients=list(digest.recipients),
        cc=list(digest.cc),
        message_id=f"<tracker.daily.{digest.agency.id}.{day:%Y%m%d}@{mail_domain()}>",
        digest_key=f"daily:{digest.agency.id}:{day.isoformat()}",
        agency_id=digest.agency.id,
        task_ids=[line.task.id for line in digest.lines],
    )


def weekly_subject(view: WeeklyOverview, cfg: ReminderSettings) -> str:
    parts = []
    if view.overdue:
        parts.append(
            _(
                "%(n)s nhiệm vụ quá hạn ở %(agencies)s cơ quan",
                n=view.overdue_count,
                agencies=len(view.overdue),
            )
        )
    if view.awaiting:
        parts.append(_("%(n)s chờ xác nhận quá %(days)s ngày", n=len(view.awaiting), days=cfg.awaiting_days))
    if view.extensions:
        parts.append(_("%(n)s đề nghị gia hạn chờ xử lý", n=len(view.extensions)))
    if view.stale:
        parts.append(_("%(n)s chưa cập nhật trên %(days)s ngày", n=view.stale_count, days=cfg.stale_days))
    return _subject(
        _("Tổng hợp tuần đến ngày %(day)s: %(parts)s", day=fmt_date(view.day), parts=", ".join(parts))
    )


def compose_weekly(view: WeeklyOverview, cfg: ReminderSettings) -> Composed:
    with force_locale(mail_language(view.recipients)):
        return _compose_weekly(view, cfg)


def _compose_weekly(view: WeeklyOverview, cfg: ReminderSettings) -> Composed:
    context = dict(view=view, day=view.day, cfg=cfg, limit=WEEKLY_GROUP_LIMIT)
    task_ids = [line.task.id for lines in view.overdue.values() for line in lines]
    task_ids += [t.id for t in view.awaiting] + [r.task_id for r in view.extensions]
    return Composed(
        kind="weekly",
        day=view.day,
        subject=weekly_subject(view, cfg),
        body_text=_render("weekly.txt", **context),
        body_html=_render("weekly.html", **context),
        recipients=list(view.recipients),
        message_id=f"<tracker.weekly.{view.day:%Y%m%d}@{mail_domain()}>",
        digest_key=f"weekly:monitors:{view.day.isoformat()}",
        task_ids=task_ids,
    )


def compose_leaders(view, cfg: ReminderSettings) -> Composed:
    """The leaders' weekly e-mail: the tasks escalated to them (level 2) and still overdue, by agency."""
    with force_locale(mail_language(view.recipients)):
        return _compose_leaders(view, cfg)


def _compose_leaders(view, cfg: ReminderSettings) -> Composed:
    context = dict(view=view, day=view.day, cfg=cfg)
    return Composed(
        kind="leaders",
        day=view.day,
        subject=_subject(
            _(
                "Báo cáo lãnh đạo đến ngày %(day)s: %(n)s nhiệm vụ quá hạn trên %(days)s %(unit)s ở %(agencies)s cơ quan",
                day=fmt_date(view.day),
                n=view.count,
                days=cfg.escalate_leader_days,
                unit=cfg.escalation_unit,
                agencies=len(view.by_agency),
            )
        ),
        body_text=_render("leaders.txt", **context),
        body_html=_render("leaders.html", **context),
        recipients=list(view.recipients),
        message_id=f"<tracker.leaders.{view.day:%Y%m%d}@{mail_domain()}>",
        digest_key=f"weekly:leaders:{view.day.isoformat()}",
        task_ids=[e.task_id for items in view.by_agency.values() for e in items],
    )


def compose_manual(actor, agency, tasks, message: str, day: dt.date, recipients: list[str]) -> Composed:
    """A manual reminder (đôn đốc) from a monitor to one lead agency about some of its tasks."""
    with force_locale(mail_language(recipients)):
        return _compose_manual(actor, agency, tasks, message, day, recipients)


def _compose_manual(actor, agency, tasks, message: str, day: dt.date, recipients: list[str]) -> Composed:
    if len(tasks) == 1:
        what = _("đôn đốc thực hiện nhiệm vụ «%(title)s»", title=tasks[0].title)
    else:
        what = _("đôn đốc thực hiện %(n)s nhiệm vụ", n=len(tasks))
    context = dict(agency=agency, tasks=tasks, message=message, actor=actor, day=day)
    return Composed(
        kind="manual",
        day=day,
        subject=_subject(f"{agency.name}: {what}"),
        body_text=_render("manual.txt", **context),
        body_html=_render("manual.html", **context),
        recipients=recipients,
        message_id=f"<tracker.manual.{day:%Y%m%d}.{secrets.token_hex(8)}@{mail_domain()}>",
        agency_id=agency.id,
        task_ids=[t.id for t in tasks],
    )
