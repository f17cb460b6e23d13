"""The public programme page: published documents for anyone, without login, and nothing private."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.documents.models import Document
from tracker.users.models import User

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def demo(app, db, runner, freeze):
    freeze(dt.date(2026, 12, 6))  # the recent letter of the demo is 4340/UBND-KSTT on this day
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return db


def _doc(db, symbol):
    return db.session.scalar(select(Document).where(Document.symbol == symbol))


def test_an_anonymous_visitor_sees_the_published_plan_and_nothing_private(demo, client):
    db = demo
    plan, letter = _doc(db, "110/KH-UBND"), _doc(db, "4340/UBND-KSTT")
    assert plan.is_published and letter is not None and not letter.is_published

    index = client.get("/cong-khai/")
    assert index.status_code == 200
    body = index.get_data(as_text=True)
    assert "110/KH-UBND" in body and "4340/UBND-KSTT" not in body
    assert "Set-Cookie" not in index.headers
    assert "public" in index.headers["Cache-Control"]

    page = client.get(f"/cong-khai/{plan.id}")
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    html = page.get_data(as_text=True)
    assert "<title>Kế hoạch số 110/KH-UBND" in html
    assert "Sở Nội vụ" in html  # a lead agency
    assert "tỷ lệ hoàn thành" in html
    # No e-mail address, no person's name (the demo's users), no comment.
    assert not EMAIL.findall(html), EMAIL.findall(html)[:3]
    for user in db.session.scalars(select(User)):
        if user.full_name:
            assert user.full_name not in html
    assert "csrf" not in html.lower()

    assert client.get(f"/cong-khai/{letter.id}").status_code == 404
    sitemap = client.get("/cong-khai/sitemap.xml")
    assert sitemap.status_code == 200 and sitemap.mimetype == "application/xml"
    xml = sitemap.get_data(as_text=True)
    assert f"/cong-khai/{plan.id}</loc>" in xml and f"/cong-khai/{letter.id}<" not in xml


def test_publish_and_unpublish_from_the_command_line_are_audited(app, db, runner, client):
    from tests.conftest import Factory

    make = Factory(db)
    for symbol in ("4340/UBND-KSTT", "110/KH-UBND"):
        make.task(document=make.document(symbol=symbol), assigned_on=dt.date(2024, 1, 10))
    db.session.commit()
    assert runner.invoke(args=["publish", "110/KH-UBND"]).exit_code == 0
    result = runner.invoke(args=["publish", "4340/UBND-KSTT"])
    assert result.exit_code == 0, result.output
    letter = _doc(db, "4340/UBND-KSTT")
    db.session.expire_all()
    assert client.get(f"/cong-khai/{letter.id}").status_code == 200
    assert "4340/UBND-KSTT" in client.get("/cong-khai/").get_data(as_text=True)

    result = runner.invoke(args=["publish", "4340/UBND-KSTT", "--undo"])
    assert result.exit_code == 0 and "thôi công khai" in result.output
    assert client.get(f"/cong-khai/{letter.id}").status_code == 404
    result = runner.invoke(args=["unpublish", "110/KH-UBND"])
    assert result.exit_code == 0
    assert "110/KH-UBND" not in client.get("/cong-khai/").get_data(as_text=True)

    actions = list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.action.like("document.%publish%"))
            .order_by(AuditEntry.id)
        )
    )
    # Two published, then withdrawn.
    assert actions == [
        "document.published",
        "document.published",
        "document.unpublished",
        "document.unpublished",
    ]
    result = runner.invoke(args=["publish", "999/KH-KHONG"])
    assert result.exit_code == 1 and "Không có văn bản «999/KH-KHONG»" in result.output


def _login(client, user):
    from tests.conftest import TEST_PASSWORD

    client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})


def test_the_switch_on_the_document_page_is_for_monitors(app, db, client):
    from tests.conftest import Factory

    make = Factory(db)
    doc = make.document(symbol="12/KH-UBND")
    make.task(document=doc, assigned_on=dt.date(2024, 1, 10))
    focal, monitor = make.user("focal"), make.monitor()
    db.session.commit()

    _login(client, focal)
    assert client.post(f"/documents/{doc.id}/publish", data={"publish": "1"}).status_code == 403
    db.session.expire_all()
    assert not db.session.get(Document, doc.id).is_published

    client.post("/logout")
    _login(client, monitor)
    response = client.post(f"/documents/{doc.id}/publish", data={"publish": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Document, doc.id).is_published
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "Thôi công khai" in page
    client.post(f"/documents/{doc.id}/publish", data={"publish": "0"})
    db.session.expire_all()
    assert not db.session.get(Document, doc.id).is_published


def test_anonymous_traffic_is_rate_limited(app, client):
    app.config["PUBLIC_RATE_PER_MINUTE"] = 3
    from tracker.auth import throttle

    throttle._PUBLIC_HITS.clear()
    codes = [client.get("/cong-khai/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttle._PUBLIC_HITS.clear()
