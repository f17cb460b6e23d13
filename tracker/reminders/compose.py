"""Turning digests into e-mails: Vietnamese subject lines that say what is inside, a plain-text and an
HTML part (rendered from templates/reminders/email/, the HTML one autoescaped), a stable Message-ID."""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

from flask import current_app
from flask_babel import force_locale, get_locale, get_translations
from flask_babel import gettext as _
from jinja2 import Environment, pass_eval_context
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.ext import _make_new_ngettext, _make_new_npgettext, _make_new_pgettext
from markupsafe import Markup

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
    return _domain_of(current_app.config.get("MAIL_FROM") or "")


@functools.lru_cache(maxsize=8)
def _domain_of(mail_from: str) -> str:
    address = parseaddr(mail_from)[1]
    return address.rsplit("@", 1)[1] if "@" in address else "tracker.local"


class _Catalog(dict):
    """msgid -> its translation in one language, each looked up once."""

    def __init__(self, translations) -> None:
        super().__init__()
        self._ugettext = translations.ugettext

    def __missing__(self, msgid: str) -> str:
        text = self[msgid] = self._ugettext(msgid)
        return text


@dataclass
class _MailLanguage:
    """What the e-mails of one language need, made once per language and kept on the application:
    the templates with the translations bound, `gettext` for the Python side (the subject lines, the
    lines' notes) with Flask-Babel's contract, and the catalog the digests' lines (`_LineWriter`)
    take their words from."""

    env: Environment
    gettext: Callable[..., str]
    catalog: _Catalog


def _mail_language() -> _MailLanguage:
    """The translations of the language in force bound once: a day's thousands of digests would
    otherwise look them up through Flask-Babel's request context for every word of every line.
    The application's own template environment (the pages') is left as it is."""
    languages = current_app.extensions.setdefault("tracker_mail_environments", {})
    key = str(get_locale())
    language = languages.get(key)
    if language is None:
        catalog = _Catalog(get_translations())

        def gettext(string: str, **variables) -> str:  # flask_babel.gettext, translations bound
            text = catalog[string]
            return text % variables if variables else text

        @pass_eval_context
        def template_gettext(eval_ctx, string: str, **variables):
            # The i18n extension's new-style gettext (jinja2.ext._make_new_gettext), translations
            # bound: always a format string, autoescaped in HTML (the text is markup, the values not).
            text = catalog[string]
            if eval_ctx.autoescape:
                text = Markup(text)  # noqa: S704  # nosec B704 - the catalog's text; `%` escapes the values
            return text % variables

        # Its own compiled templates and globals: the i18n extension's install methods belong to the
        # application's environment, so the callables are set here, as that extension makes them.
        # Only the globals the e-mails use (each render copies them into its context).
        env = current_app.jinja_env.overlay(cache_size=100)
        env.globals = dict(DEFAULT_NAMESPACE, get_locale=current_app.jinja_env.globals["get_locale"])
        translations = get_translations()
        env.globals.update(
            _=template_gettext,
            gettext=template_gettext,
            ngettext=_make_new_ngettext(translations.ungettext),
            pgettext=_make_new_pgettext(translations.upgettext),
            npgettext=_make_new_npgettext(translations.unpgettext),
        )
        language = languages[key] = _MailLanguage(env, gettext, catalog)
    return language


def _mail_environment() -> Environment:
    return _mail_language().env


# A run's deadlines as the lines write them: a few thousand dates for hundreds of thousands of lines.
_day_text = functools.lru_cache(maxsize=8192)(fmt_date)


class _LineWriter:
    """A daily digest's lines about its tasks, as plain text and as HTML, in one language: a
    section's lines at a time (`lines_text`, `lines_html` in the templates).

    Written here rather than as a template macro called per line: a day's digests at national scale
    list ~150.000 lines, and a macro call (each of its words through the template's gettext) cost
    ~50 µs a line. The words follow the i18n extension's rules as in the templates: every
    translation is a format string; in HTML the translation is markup and the values are escaped
    (the numbers and dates have nothing to escape). One writer per digest: a line's notes are
    phrased once for both parts."""

    def __init__(self, language: _MailLanguage, base_url: str) -> None:
        words = language.catalog
        self.gettext = language.gettext
        self.base_url = base_url
        self.html_base_url = _escaped(base_url)
        self.symbol = words[N_("Văn bản %(symbol)s")]
        self.code = words[N_("mục %(code)s")]
        self.deadline = words[N_("Thời hạn %(day)s")]
        self.progress = words[N_("Tiến độ %(n)s %%")]
        self._said: dict[int, tuple[list[str], str]] = {}

    def _said_of(self, line) -> tuple[list[str], str]:
        """The line's notes and facts (plain text), phrased once for both parts."""
        said = self._said.get(id(line))
        if said is None:
            said = self._said[id(line)] = (line.notes_in(self.gettext), self._facts(line.task, str))
        return said

    def _facts(self, task, esc) -> str:
        """'Văn bản 12/KH-UBND, mục 3 · Thời hạn 30/06/2024 · Tiến độ 40 %'."""
        out = self.symbol % {"symbol": esc(task.document.symbol)}
        if task.code:
            out += ", " + self.code % {"code": esc(task.code)}
        if task.deadline:
            out += " · " + self.deadline % {"day": _day_text(task.deadline)}
        return out + " · " + self.progress % {"n": task.progress}

    def lines_text(self, lines) -> str:
        """Each line after a blank line:
        - the title
          its notes
          its document, code, deadline and progress
          its address"""
        out = []
        for line in lines:
            notes, facts = self._said_of(line)
            out.append(
                f"\n\n- {line.task.title}\n  {' · '.join(notes)}\n  {facts}\n  {self.base_url}/tasks/{line.task.id}"
            )
        return "".join(out)

    def lines_html(self, lines, colour: str) -> Markup:
        """Each line an <li>, then a new line; its first note in the section's colour."""
        first_colour = _escaped(colour)
        out = []
        for line in lines:
            task = line.task
            notes, facts = self._said_of(line)
            if _HTML_SPECIAL(task.document.symbol) or (task.code and _HTML_SPECIAL(task.code)):
                facts = self._facts(task, _escaped)
            spans = " · ".join(
                f'<span style="color: {first_colour if i == 0 else "#6c757d"};">{_escaped(note)}</span>'
                for i, note in enumerate(notes)
            )
            out.append(
                '<li style="margin: 0 0 10px;">\n'
                f'  <a href="{self.html_base_url}/tasks/{task.id}" style="color: #0b5394; font-weight: bold;">'
                f"{_escaped(task.title)}</a><br>\n"
                f"  {spans}<br>\n"
                f'  <span style="font-size: 12px; color: #6c757d;">{facts}</span>\n'
                "</li>\n"
            )
        # Every value above is escaped (or a number, a date, a constant colour).
        return Markup("".join(out))  # noqa: S704  # nosec B704


_HTML_SPECIAL = re.compile("[&<>'\"]").search


def _escaped(text: str) -> str:
    """markupsafe.escape(text) as a plain string (its replacements, without a Markup per value)."""
    if _HTML_SPECIAL(text) is None:  # most titles and notes: one scan
        return text
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def _render(name: str, env: Environment | None = None, **context) -> str:
    context.setdefault("base_url", base_url())
    context.setdefault("task_url", task_url)
    context.setdefault("sections", SECTIONS)
    return (env or _mail_environment()).get_template(f"reminders/email/{name}").render(**context)


def _subject(text: str, gettext=_) -> str:
    subject = f"{gettext(SUBJECT_PREFIX)} {text}"
    return subject if len(subject) <= 250 else subject[:249] + "…"


def daily_subject(digest: AgencyDigest, gettext=_) -> str:
    """'[Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn, 2 sắp đến hạn'."""
    _ = gettext
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
    return _subject(f"{digest.agency.name}: {', '.join(parts)}", gettext)


def compose_daily(digest: AgencyDigest, cfg: ReminderSettings) -> Composed:
    """The daily digest of one agency, in its recipients' language (users.models.mail_language)."""
    with force_locale(mail_language([*digest.recipients, *digest.cc])):
        return _compose_daily(digest, cfg)


def _compose_daily(digest: AgencyDigest, cfg: ReminderSettings) -> Composed:
    day = digest.day
    language = _mail_language()
    lines = _LineWriter(language, base_url())
    agency_tasks_url = f"{base_url()}/tasks/?lead={digest.agency.id}"
    context = dict(
        lines_text=lines.lines_text,
        lines_html=lines.lines_html,
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
        subject=daily_subject(digest, language.gettext),
        body_text=_render("daily.txt", language.env, **context),
        body_html=_render("daily.html", language.env, **context),
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
