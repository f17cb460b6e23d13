"""Attachments through the API: uploaded by the agencies of the task, downloaded by who sees it."""

import io


def test_a_focal_point_attaches_a_file_and_another_agency_cannot_fetch_it(api, world, app):
    stc, stp = api.token(world.stc_focal), api.token(world.stp_focal)
    content = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        stc,
        data={"file": (io.BytesIO(content), "bao-cao.pdf", "application/pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 201, r.json
    att = r.json
    assert (
        att["name"] == "bao-cao.pdf"
        and att["size"] == len(content)
        and att["content_type"] == "application/pdf"
    )
    r = api.get(f"/attachments/{att['id']}/content", stc)
    assert r.status_code == 200 and r.data == content
    assert "attachment" in r.headers["Content-Disposition"]
    r.close()
    assert [a["id"] for a in api.get(f"/tasks/{world.stc_task.id}/attachments", stc).json["items"]] == [
        att["id"]
    ]
    # Sở Tư pháp sees neither the file nor its description.
    assert api.get(f"/attachments/{att['id']}/content", stp).status_code == 404
    assert api.get(f"/attachments/{att['id']}", stp).status_code == 404
    # Nor may it add files to Sở Tài chính's task; a leader adds nothing.
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        stp,
        data={"file": (io.BytesIO(b"x"), "x.txt")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 404
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        api.token(world.leader),
        data={"file": (io.BytesIO(b"x"), "x.txt")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 403


def test_an_upload_without_a_file_or_too_large_is_refused(api, world, app):
    stc = api.token(world.stc_focal)
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        stc,
        data={"other": "x"},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422 and r.json["error"]["field"] == "file"
    app.config["MAX_CONTENT_LENGTH"] = 1024
    r = api.post(
        f"/tasks/{world.stc_task.id}/attachments",
        stc,
        data={"file": (io.BytesIO(b"x" * 4096), "lon.bin")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 413 and r.json["error"]["code"] == "payload_too_large"
