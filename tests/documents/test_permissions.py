"""Only monitors and admins register documents and add tasks; a focal point never reaches another
agency's document or its file, by any URL."""

import io

from sqlalchemy import func, select

from tracker.attachments.models import Attachment
from tracker.documents import files
from tracker.documents.models import Document
from tracker.tasks.models import Task

PDF = b"%PDF-1.4\n%%EOF\n"


def _setup(make, db, app):
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    finance = make.agency("STC", "Sở Tài chính", parent=kh)
    justice = make.agency("STP", "Sở Tư pháp", parent=kh)
    own = make.document("1/KH-UBND", province=kh)
    other = make.document("2/KH-UBND", province=kh)
    make.task(lead=finance, document=own)
    make.task(lead=justice, document=other)
    monitor = make.monitor()
    db.session.commit()
    with app.test_request_context():
        for doc in (own, other):
            upload = io.BytesIO(PDF)
            from werkzeug.datastructures import FileStorage

            files.store_document_file(monitor, doc, FileStorage(upload, filename=f"{doc.id}.pdf"))
    db.session.commit()
    users = {"focal": make.user("focal", agency=finance), "leader": make.user("leader", agency=None)}
    db.session.commit()
    return users, own, other


def _manage_urls(doc):
    return [
        (
            "/documents/new",
            {
                "symbol": "9/KH-UBND",
                "kind": "plan",
                "issued_on": "01/02/2024",
                "title": "X",
                "issuer_level": "committee",
                "province_id": "0",
            },
        ),
        (
            f"/documents/{doc.id}/edit",
            {
                "symbol": "9/KH-UBND",
                "kind": "plan",
                "issued_on": "01/02/2024",
                "title": "X",
                "issuer_level": "committee",
                "province_id": "0",
            },
        ),
        (
            f"/documents/{doc.id}/tasks/new",
            {
                "title": "X",
                "lead_agency_id": "1",
                "assigned_on": "10/01/2024",
                "deadline_kind": "ongoing",
                "parent_id": "0",
                "priority": "normal",
            },
        ),
        (f"/documents/{doc.id}/sections/new", {"code": "I", "title": "X", "parent_id": "0"}),
        (
            f"/documents/{doc.id}/fan-out",
            {
                "title": "X",
                "groups": ["department"],
                "leads": ["1"],
                "listed": "department|",
                "action": "save",
                "assigned_on": "10/01/2024",
                "deadline_kind": "ongoing",
                "parent_id": "0",
                "priority": "normal",
            },
        ),
    ]


def test_focal_points_and_leaders_get_403_on_every_create_and_edit_route(client, auth, make, db, app):
    users, own, _other = _setup(make, db, app)
    before = (
        db.session.scalar(select(func.count()).select_from(Document)),
        db.session.scalar(select(func.count()).select_from(Task)),
    )
    for role in ("focal", "leader"):
        auth.login(users[role])
        for url, data in _manage_urls(own):
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, data=data).status_code == 403, (role, url)
        page = client.get(f"/documents/{own.id}").get_data(as_text=True)
        assert "Thêm nhiệm vụ" not in page and "Sửa văn bản" not in page
        assert "Đăng ký văn bản" not in client.get("/documents/").get_data(as_text=True)
        auth.logout()
    db.session.expire_all()
    after = (
        db.session.scalar(select(func.count()).select_from(Document)),
        db.session.scalar(select(func.count()).select_from(Task)),
    )
    assert before == after


def test_a_focal_point_gets_404_on_another_agencys_document_and_its_file(client, auth, make, db, app):
    users, own, other = _setup(make, db, app)
    other_file = db.session.scalar(select(Attachment).where(Attachment.document_id == other.id))
    auth.login(users["focal"])
    assert client.get(f"/documents/{other.id}").status_code == 404
    assert client.get(f"/documents/{other.id}/file").status_code == 404
    assert client.get(f"/documents/{other.id}/file/{other_file.id}").status_code == 404
    # Nor through its own document's URL with the other file's id.
    assert client.get(f"/documents/{own.id}/file/{other_file.id}").status_code == 404
    own_file = client.get(f"/documents/{own.id}/file")
    assert own_file.status_code == 200 and own_file.data == PDF
    own_file.close()
    listing = client.get("/documents/").get_data(as_text=True)
    assert "1/KH-UBND" in listing and "2/KH-UBND" not in listing


def test_a_leader_reads_any_document_and_its_file(client, auth, make, db, app):
    users, _own, other = _setup(make, db, app)
    auth.login(users["leader"])
    assert client.get(f"/documents/{other.id}").status_code == 200
    response = client.get(f"/documents/{other.id}/file")
    assert response.status_code == 200
    response.close()


def test_anonymous_visitors_are_sent_to_the_login_page(client, make, db, app):
    _users, own, _other = _setup(make, db, app)
    for url in (
        f"/documents/{own.id}",
        f"/documents/{own.id}/file",
        "/documents/new",
        f"/documents/{own.id}/fan-out",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
