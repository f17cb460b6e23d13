"""One storage for every file (attachments.storage): the API's uploads are checked by their content
like the pages' (same allowed types, same Vietnamese message), their names are cleaned of control
and bidi characters, the stored type is the content's, a request that fails leaves no file, and a
download sends the same headers through the API, the task page and the document page."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.api.test_storage_layouts import _sign_in
from tracker.attachments.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
DOWNLOAD_HEADERS = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Cache-Control")


def _files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _api_upload(api, token, task, name, content, mimetype="application/octet-stream"):
    return api.post(
        f"/tasks/{task.id}/attachments",
        token,
        data={"file": (io.BytesIO(content), name, mimetype)},
        content_type="multipart/form-data",
    )


def _page_upload(browser, task, name, content):
    return browser.post(
        f"/tasks/{task.id}/progress",
        data={
            "progress-text": "Kèm tệp",
            "progress-percent": "20",
            "progress-files": (io.BytesIO(content), name),
        },
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    "name, content, mimetype, message",
    [
        ("trang.html", HTML, "text/html", "Tệp «trang.html» không thuộc loại được phép. Chỉ nhận: PDF, Word"),
        ("report.pdf", ELF, "application/pdf", "Nội dung tệp «report.pdf» không phải tệp PDF hợp lệ"),
        ("report.pdf", MZ, "application/pdf", "Nội dung tệp «report.pdf» không phải tệp PDF hợp lệ"),
    ],
)
def test_the_api_refuses_what_the_page_refuses_with_the_same_message(
    api, world, app, db, name, content, mimetype, message
):
    r = _api_upload(api, api.token(world.stc_focal), world.stc_task, name, content, mimetype)
    assert r.status_code == 422, r.json
    assert r.json["error"]["field"] == "file"
    api_message = r.json["error"]["message"]
    assert api_message.startswith(message)
    page = _page_upload(_sign_in(app, world.stc_focal), world.stc_task, name, content)
    assert page.status_code == 422
    assert api_message in page.get_data(as_text=True).replace("&#34;", '"')
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert _files(app) == []


def test_a_name_with_a_right_to_left_override_is_cleaned_and_the_type_is_the_contents(api, world, app):
    token = api.token(world.stc_focal)
    r = _api_upload(api, token, world.stc_task, "hoa-don\u202excod.pdf", PDF, mimetype="text/html")
    assert r.status_code == 201, r.json
    assert r.json["name"] == "hoa-donxcod.pdf"
    assert r.json["content_type"] == "application/pdf"  # from the content, not the client's text/html
    content = api.get(f"/attachments/{r.json['id']}/content", token)
    assert content.headers["Content-Type"] == "application/pdf"
    assert "\u202e" not in content.headers["Content-Disposition"]
    assert "%E2%80%AE" not in content.headers["Content-Disposition"]
    content.close()


def test_the_api_and_the_pages_send_a_file_with_the_same_headers(api, world, app, db, make):
    token = api.token(world.stc_focal)
    r = _api_upload(api, token, world.stc_task, "Báo cáo.pdf", PDF)
    assert r.status_code == 201, r.json
    through_api = api.get(f"/attachments/{r.json['id']}/content", token)
    through_page = _sign_in(app, world.stc_focal).get(f"/attachments/{r.json['id']}")
    assert through_api.status_code == through_page.status_code == 200
    assert through_api.data == through_page.data == PDF
    for header in DOWNLOAD_HEADERS:
        assert through_api.headers[header] == through_page.headers[header], header
    assert through_page.headers["Content-Disposition"].startswith("attachment;")
    assert through_page.headers["X-Content-Type-Options"] == "nosniff"
    assert through_page.headers["Content-Type"] == "application/pdf"
    through_api.close()
    through_page.close()
    # A document's file: the same rule.
    monitor = _sign_in(app, world.monitor)
    saved = monitor.post(
        f"/documents/{world.doc.id}/edit",
        data={
            "symbol": world.doc.symbol,
            "kind": world.doc.kind,
            "issued_on": "01/03/2024",
            "issuer": world.doc.issuer or "UBND tỉnh",
            "issuer_level": world.doc.issuer_level,
            "province_id": "0",
            "title": world.doc.title,
            "file": (io.BytesIO(PDF), "Báo cáo.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert saved.status_code in (302, 303), saved.get_data(as_text=True)[:2000]
    document_file = monitor.get(f"/documents/{world.doc.id}/file")
    assert document_file.status_code == 200 and document_file.data == PDF
    for header in DOWNLOAD_HEADERS:
        assert document_file.headers[header] == through_page.headers[header], header
    document_file.close()


def test_a_file_stored_before_with_the_clients_type_is_not_served_as_html(api, world, app, db):
    """An .html uploaded through the API's old storage kept its client's text/html: it now goes out
    as plain bytes, to be saved, never shown by the browser."""
    token = api.token(world.stc_focal)
    r = _api_upload(api, token, world.stc_task, "bao-cao.pdf", PDF)
    att = db.session.get(Attachment, r.json["id"])
    att.content_type = "text/html"
    db.session.commit()
    for response in (
        api.get(f"/attachments/{att.id}/content", token),
        _sign_in(app, world.stc_focal).get(f"/attachments/{att.id}"),
    ):
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/octet-stream"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        response.close()


def test_an_api_upload_whose_request_fails_leaves_no_file(api, world, app, db, monkeypatch):
    import tracker.api.attachments as api_attachments

    token = api.token(world.stc_focal)
    record = api_attachments.audit.record

    def broken(action, *args, **kwargs):
        if action == "attachment.upload":  # after the file is written
            raise RuntimeError("audit down")
        return record(action, *args, **kwargs)

    monkeypatch.setattr(api_attachments.audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit down"):  # the test client lets it through
        _api_upload(api, token, world.stc_task, "bao-cao.pdf", PDF)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert _files(app) == []
