"""Password reset by e-mail: the same answer for every address, a single-use link that expires,
stored only as a hash, built from BASE_URL; the new password follows the rules and ends every
session."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from tests.security.conftest import login
from tracker.audit.models import AuditEntry
from tracker.auth.models import PasswordResetToken
from tracker.users.models import User

NEW = "Hoa-phượng-đỏ-sân-trường"


def send_queued(app) -> dict:
    """What the scheduler does every few seconds: send the queued reset links."""
    from tracker.auth.recovery import send_queued as job
    from tracker.core.boundary import run_job

    return run_job(app, job)


def _link(smtp, app) -> str:
    send_queued(app)
    text, html = smtp.bodies()
    match = re.search(r"https?://\S+/password/reset/\S+", text)
    assert match, text
    assert match.group(0) in html
    return match.group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_the_login_page_offers_a_forgotten_password_link(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page and "Quên mật khẩu?" in page


def test_the_answer_is_the_same_whether_or_not_the_account_exists(app, client, smtp, make, db):
    make.user("monitor", email="co@test.vn")
    db.session.commit()
    known = client.post("/password/forgot", data={"email": "CO@test.vn"}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "khong@test.vn"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert smtp.messages == []  # the scheduler sends, not the request
    assert send_queued(app) == {"sent": 1, "skipped": 1}
    assert [m["to"] for m in smtp.messages] == [["co@test.vn"]]


def test_the_link_sets_a_new_password_once_and_ends_every_session(app, client, smtp, make, db):
    user = make.user("monitor", email="quen@test.vn")
    db.session.commit()
    elsewhere = app.test_client()
    login(elsewhere, "quen@test.vn", remember=True)
    assert elsewhere.get("/tasks/").status_code == 200

    client.post("/password/forgot", data={"email": "quen@test.vn"})
    link = _link(smtp, app)
    assert link.startswith(app.config["BASE_URL"])
    form = client.get(_path(link))
    assert form.status_code == 200 and "quen@test.vn" in form.get_data(as_text=True)
    response = client.post(_path(link), data={"new": NEW, "confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"] == "/login"

    assert elsewhere.get("/tasks/").status_code == 302  # even the remembered browser is out
    assert login(app.test_client(), "quen@test.vn").status_code == 200  # old password refused
    assert login(app.test_client(), "quen@test.vn", password=NEW).status_code == 302
    again = client.post(
        _path(link), data={"new": "Mot-mat-khau-khac-nua", "confirm": "Mot-mat-khau-khac-nua"}
    )
    assert again.status_code == 302 and again.headers["Location"] == "/password/forgot"
    db.session.expire_all()
    assert login(app.test_client(), "quen@test.vn", password="Mot-mat-khau-khac-nua").status_code == 200
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == str(user.id))).all()
    assert "auth.reset_mail" in actions and "auth.password_reset" in actions


def test_only_a_hash_of_the_token_is_stored(app, client, smtp, make, db):
    make.user("monitor", email="hash@test.vn")
    db.session.commit()
    client.post("/password/forgot", data={"email": "hash@test.vn"})
    token = _link(smtp, app).rsplit("/", 1)[1]
    row = db.session.scalar(select(PasswordResetToken))
    assert token not in (row.token_hash, str(row.id)) and len(row.token_hash) == 64


def test_an_expired_link_is_refused(app, client, smtp, make, db):
    make.user("monitor", email="het@test.vn")
    db.session.commit()
    client.post("/password/forgot", data={"email": "het@test.vn"})
    link = _link(smtp, app)
    row = db.session.scalar(select(PasswordResetToken))
    row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    db.session.commit()
    response = client.post(_path(link), data={"new": NEW, "confirm": NEW}, follow_redirects=True)
    assert "không hợp lệ, đã hết hạn hoặc đã được dùng" in response.get_data(as_text=True)
    assert login(app.test_client(), "het@test.vn", password=TEST_PASSWORD).status_code == 302


def test_a_made_up_link_is_refused(client):
    response = client.get("/password/reset/" + "A" * 43)
    assert response.status_code == 302 and response.headers["Location"] == "/password/forgot"


def test_the_new_password_must_follow_the_rules_and_the_link_stays_usable(app, client, smtp, make, db):
    make.user("monitor", email="yeu@test.vn")
    db.session.commit()
    client.post("/password/forgot", data={"email": "yeu@test.vn"})
    path = _path(_link(smtp, app))
    response = client.post(path, data={"new": "password1", "confirm": "password1"})
    assert response.status_code == 200 and "quá phổ biến" in response.get_data(as_text=True)
    assert client.post(path, data={"new": NEW, "confirm": NEW}).status_code == 302


def test_the_link_is_built_from_base_url_not_from_the_host_header(app, client, smtp, make, db):
    make.user("monitor", email="host@test.vn")
    db.session.commit()
    client.post("/password/forgot", data={"email": "host@test.vn"}, headers={"Host": "evil.example"})
    assert "evil.example" not in _link(smtp, app)


def test_an_inactive_account_gets_no_link(app, client, smtp, make, db):
    user = make.user("monitor", email="khoa@test.vn")
    user.active = False
    db.session.commit()
    client.post("/password/forgot", data={"email": "khoa@test.vn"})
    assert send_queued(app) == {"skipped": 1}
    assert smtp.messages == []


def test_a_mailbox_is_not_flooded(app, client, smtp, make, db):
    make.user("monitor", email="flood@test.vn")
    db.session.commit()
    for _ in range(5):
        client.post("/password/forgot", data={"email": "flood@test.vn"})
    assert send_queued(app) == {"sent": 3, "skipped": 2}
    assert len(smtp.messages) == 3


def test_without_a_mail_server_the_answer_is_the_same_and_the_audit_log_says_so(app, client, make, db):
    make.user("monitor", email="nomail@test.vn")
    db.session.commit()
    response = client.post("/password/forgot", data={"email": "nomail@test.vn"}, follow_redirects=True)
    assert "Nếu địa chỉ này có tài khoản" in response.get_data(as_text=True)
    assert send_queued(app) == {"failed": 1}
    db.session.expire_all()
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mail.not_configured")) is not None
    assert db.session.scalar(select(User).where(User.email == "nomail@test.vn")).active


def test_a_request_sends_nothing_and_does_the_same_work_for_any_address(
    app, client, smtp, make, db, monkeypatch
):
    """Timing told which accounts exist (a mail sent during the request for one, nothing for the
    other): now the request runs the same statements for both and never talks to the mail server;
    the scheduler's job sends the link."""
    import smtplib

    from sqlalchemy import event

    make.user("monitor", email="same@test.vn")
    db.session.commit()
    connections = []
    real_connect = smtplib.SMTP.connect

    def connect(self, *args, **kwargs):
        connections.append(args)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", connect)
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def forgot(email):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", note)
        try:
            response = client.post("/password/forgot", data={"email": email})
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        return response, list(statements)

    forgot("warm-up@test.vn")  # the first request of a process loads what later ones reuse
    known, known_sql = forgot("same@test.vn")
    unknown, unknown_sql = forgot("nobody@test.vn")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert known_sql and known_sql == unknown_sql
    assert not any("users" in s for s in known_sql)  # not even a look-up of the account
    assert connections == [] and smtp.messages == []

    assert send_queued(app) == {"sent": 1, "skipped": 2}
    assert len(connections) == 1
    assert [m["to"] for m in smtp.messages] == [["same@test.vn"]]
    assert send_queued(app) == {}  # each request is handled once


def test_the_scheduler_sends_the_queued_reset_links(app):
    from tracker.auth.recovery import _send_job
    from tracker.scheduler import build_scheduler

    job = build_scheduler(app).get_job("account_mail")
    assert job is not None and job.func is _send_job and job.trigger.interval.total_seconds() <= 15


def test_the_reset_mail_is_in_the_accounts_language(app, client, smtp, make, db):
    """The same rule as the reminders (users.models.mail_language): an account that chose English
    gets its link in English; the others in Vietnamese."""
    english = make.user("monitor", email="en@test.vn")
    english.language = "en"
    make.user("monitor", email="vi@test.vn")
    db.session.commit()
    for address in ("en@test.vn", "vi@test.vn"):
        client.post("/password/forgot", data={"email": address})
    send_queued(app)
    mails = {m["to"][0]: m["message"] for m in smtp.messages}
    english_text = mails["en@test.vn"].get_body(preferencelist=("plain",)).get_content()
    vietnamese_text = mails["vi@test.vn"].get_body(preferencelist=("plain",)).get_content()
    assert "Reset your password" in mails["en@test.vn"]["subject"]
    assert "Hello " in english_text and "Xin chào" not in english_text
    assert "Đặt lại mật khẩu" in mails["vi@test.vn"]["subject"] and "Xin chào" in vietnamese_text
