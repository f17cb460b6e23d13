"""One file, every door: a task file uploaded through the API downloads from the task page, and one
attached on the task page downloads through the API (the two writers keep different layouts)."""

import io

from flask_login import FlaskLoginClient  # noqa: F401  (documents the session helper below)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _sign_in(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def test_a_file_sent_through_the_api_downloads_from_the_task_page(api, world, app):
    token = api.token(world.stc_focal)
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        token,
        data={"file": (io.BytesIO(PDF), "bao-cao.pdf", "application/pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 201, r.json
    page = _sign_in(app, world.stc_focal).get(f"/attachments/{r.json['id']}")
    assert page.status_code == 200 and page.data == PDF
    page.close()


def test_a_file_attached_on_the_task_page_downloads_through_the_api(api, world, app, db):
    browser = _sign_in(app, world.stc_focal)
    r = browser.post(
        f"/tasks/{world.stc_task.id}/progress",
        data={
            "progress-text": "Đã gửi dự thảo.",
            "progress-percent": "20",
            "progress-files": (io.BytesIO(PDF), "du-thao.pdf", "application/pdf"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code in (302, 303), r.get_data(as_text=True)[:500]
    token = api.token(world.stc_focal, scope="read")
    items = api.get(f"/tasks/{world.stc_task.id}/attachments", token).json["items"]
    assert [a["name"] for a in items] == ["du-thao.pdf"]
    content = api.get(f"/attachments/{items[0]['id']}/content", token)
    assert content.status_code == 200 and content.data == PDF
    content.close()
