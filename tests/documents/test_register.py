"""Monitors register a source document with its file; a taken number or a bad date is refused with a
clear message and nothing is written."""

import io
from pathlib import Path

from sqlalchemy import func, select

from tests.attachments.test_attachments import docx_bytes
from tracker.attachments.models import Attachment
from tracker.audit.models import AuditEntry
from tracker.documents.models import Document

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _form(**overrides):
    data = {
        "symbol": "1889/UBND-KSTT",
        "kind": "official_letter",
        "issued_on": "16/08/2021",
        "issuer": "UBND tỉnh Khánh Hòa",
        "issuer_level": "committee",
        "province_id": "0",
        "title": "V/v khắc phục tồn tại, hạn chế, nâng cao Chỉ số CCHC tỉnh",
        "is_urgent": "y",
    }
    data.update(overrides)
    return data


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _stored_files(app):
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_monitor_registers_a_document_with_its_file_and_anyone_allowed_downloads_it(
    client, auth, make, db, app
):
    province = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    make.agency("STP", "Sở Tư pháp", parent=province)
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    response = client.post(
        "/documents/new",
        data=_form(
            province_id=str(province.id), file=(io.BytesIO(PDF), "../../Công văn 1889 (bản ký số).pdf")
        ),
    )
    assert response.status_code == 302
    document = db.session.scalar(select(Document).where(Document.symbol == "1889/UBND-KSTT"))
    assert response.headers["Location"].endswith(f"/documents/{document.id}")
    assert document.issued_on.isoformat() == "2021-08-16"
    assert document.is_urgent and document.province_id == province.id and document.kind == "official_letter"
    assert document.created_by_id == monitor.id
    attachment = db.session.scalar(select(Attachment).where(Attachment.document_id == document.id))
    assert attachment.original_name == "Công văn 1889 (bản ký số).pdf"  # no path kept from the user's name
    assert attachment.size == len(PDF) and attachment.content_type == "application/pdf"
    # Stored outside the web root under a random name, not the user's.
    [stored] = _stored_files(app)
    assert stored.name == attachment.stored_name and "1889" not in stored.name
    assert stored.read_bytes() == PDF
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "document.create")) is not None

    download = client.get(f"/documents/{document.id}/file")
    assert download.status_code == 200
    assert download.data == PDF
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    download.close()
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Tải tệp văn bản (PDF" in page and "KHẨN" in page


def test_a_number_already_registered_is_refused_whatever_its_case_and_spacing(client, auth, make, db):
    make.document("1889/UBND-KSTT")
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    response = client.post("/documents/new", data=_form(symbol="1889 / ubnd-kstt", title="Một văn bản khác"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Văn bản số «1889/UBND-KSTT» đã được đăng ký" in page
    assert "Một văn bản khác" in page  # what the user typed is kept
    assert _count(db, Document) == 1


def test_a_bad_date_is_refused_with_a_message_and_nothing_is_written(client, auth, make, db, app):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    for typed, message in (
        ("31/02/2024", "Không hiểu ngày «31/02/2024» (tháng 2/2024 không có ngày 31)"),
        ("16/08/0202", "Năm 202 không hợp lệ"),
        ("", "Hãy nhập ngày ban hành"),
    ):
        response = client.post(
            "/documents/new", data=_form(issued_on=typed, file=(io.BytesIO(PDF), "cv.pdf"))
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 422, typed
        assert message in page, typed
        assert f'value="{typed}"' in page or not typed
    assert _count(db, Document) == 0
    assert _count(db, Attachment) == 0
    assert _stored_files(app) == []


def test_a_future_issue_date_is_refused(client, auth, make, db, freeze):
    import datetime as dt

    freeze(dt.date(2024, 9, 18))
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    response = client.post("/documents/new", data=_form(issued_on="19/09/2024"))
    assert "Ngày ban hành không thể ở tương lai." in response.get_data(as_text=True)
    assert _count(db, Document) == 0


def test_a_file_that_is_not_pdf_or_word_is_refused_and_nothing_is_written(client, auth, make, db, app):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    response = client.post("/documents/new", data=_form(file=(io.BytesIO(b"MZ\x90\x00 not a pdf"), "cv.pdf")))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "không phải tệp PDF hợp lệ" in page
    response = client.post("/documents/new", data=_form(file=(io.BytesIO(b"a,b\n"), "bang.csv")))
    assert "Tệp «bang.csv» không thuộc loại được phép. Chỉ nhận: PDF hoặc Word" in response.get_data(
        as_text=True
    )
    assert _count(db, Document) == 0 and _count(db, Attachment) == 0 and _stored_files(app) == []


def test_a_monitor_corrects_a_document_and_a_new_file_keeps_the_old_one(client, auth, make, db, app):
    monitor = make.monitor()
    other = make.document("92/TB-UBND")
    document = make.document("1889/UBND-KSTT", title="Tiêu đề cũ")
    db.session.commit()
    auth.login(monitor)
    assert (
        client.post(
            f"/documents/{document.id}/edit",
            data=_form(title="Tiêu đề đã sửa", file=(io.BytesIO(PDF), "v1.pdf")),
        ).status_code
        == 302
    )
    docx = docx_bytes()  # a real Word file: the content is checked like every attachment's
    response = client.post(
        f"/documents/{document.id}/edit",
        data=_form(title="Tiêu đề đã sửa", file=(io.BytesIO(docx), "v2.docx")),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert document.title == "Tiêu đề đã sửa"
    names = [
        a.original_name
        for a in db.session.scalars(
            select(Attachment).where(Attachment.document_id == document.id).order_by(Attachment.id)
        )
    ]
    assert names == ["v1.pdf", "v2.docx"]
    download = client.get(f"/documents/{document.id}/file")
    assert download.data == docx
    download.close()
    update = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "document.update"))
    assert update.details["changes"]["title"] == ["Tiêu đề cũ", "Tiêu đề đã sửa"]
    # Taking another document's number is refused.
    response = client.post(f"/documents/{document.id}/edit", data=_form(symbol=other.symbol))
    assert response.status_code == 422 and "đã được đăng ký" in response.get_data(as_text=True)
    db.session.expire_all()
    assert document.symbol == "1889/UBND-KSTT"
