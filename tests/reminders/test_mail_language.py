"""The language of an e-mail (users.models.mail_language): the same answer whether each message asks
the database or a day's run reads the accounts' choices once (mail_languages_read_once), and the run
asks nothing more per message."""

from __future__ import annotations

from sqlalchemy import event

from tracker.users.models import mail_language, mail_languages_read_once

CASES = [
    ["en1@test.vn"],
    ["EN1@test.vn", "en2@test.vn"],
    ["en1@test.vn", "vi@test.vn"],
    ["en1@test.vn", "mailbox@agency.vn"],
    ["vi@test.vn"],
    ["unset@test.vn"],
    ["mailbox@agency.vn"],
    [],
]


def test_read_once_gives_the_same_languages_and_no_query_per_message(app, db, make):
    for email, language in (
        ("en1@test.vn", "en"),
        ("en2@test.vn", "en"),
        ("vi@test.vn", "vi"),
        ("unset@test.vn", None),
    ):
        user = make.user("monitor", email=email)
        user.language = language
    db.session.commit()
    asked = [mail_language(case) for case in CASES]
    assert asked == ["en", "en", "vi", "vi", "vi", "vi", "vi", "vi"]

    statements = []

    def count(*_args):
        statements.append(1)

    engine = db.engine
    with mail_languages_read_once():
        event.listen(engine, "before_cursor_execute", count)
        try:
            read_once = [mail_language(case) for case in CASES]
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert read_once == asked
    assert statements == []


def test_an_english_mail_leaves_the_pages_in_their_own_language(app, db, make, client, freeze):
    """The e-mails' templates have the translations of their language bound (compose._mail_environment);
    the pages keep asking Flask-Babel for theirs: an English digest, then a Vietnamese page, then a
    Vietnamese digest."""
    import datetime as dt

    from tracker.reminders.compose import compose_daily
    from tracker.reminders.digests import daily_digests
    from tracker.reminders.settings import load as load_settings

    freeze(dt.date(2024, 7, 10))
    stc = make.agency(code="STC", name="Sở Tài chính", emails="")
    make.task(lead=stc, title="Rà soát thủ tục", deadline=dt.date(2024, 6, 30))
    focal = make.user("focal", agency=stc, email="daumoi@test.vn")
    focal.language = "en"
    db.session.commit()
    cfg = load_settings()

    def digest():
        return next(d for d in daily_digests(dt.date(2024, 7, 10), cfg) if d.agency.id == stc.id)

    assert "Overdue by 10 days" in compose_daily(digest(), cfg).body_text
    assert "Đăng nhập" in client.get("/login").get_data(as_text=True)
    stc.emails = "stc@test.vn"
    db.session.commit()
    assert "Kính gửi Sở Tài chính," in compose_daily(digest(), cfg).body_text
    assert "Đăng nhập" in client.get("/login").get_data(as_text=True)
