"""A token acts with exactly its user's rights: a focal point's token sees what that focal point sees."""

import datetime as dt

from sqlalchemy import select

from tracker.api.models import ApiToken
from tracker.tasks.models import Task


def test_a_focal_points_token_cannot_reach_another_agencys_task(api, world, db):
    token = api.token(world.stc_focal)
    other = world.stp_task.id
    for path in (
        f"/tasks/{other}",
        f"/tasks/{other}/events",
        f"/tasks/{other}/attachments",
        f"/tasks/{other}/extension-requests",
    ):
        r = api.get(path, token)
        assert r.status_code == 404, path
        assert r.json["error"]["code"] == "not_found"
        # Nothing of the other agency's task leaks into the error.
        assert "Kiểm tra văn bản" not in r.get_data(as_text=True)
    r = api.post(f"/tasks/{other}/report-completion", token, json={"completed_on": "2024-06-30"})
    assert r.status_code == 404
    db.session.expire_all()
    assert db.session.get(Task, other).status == "new"
    # Its own task and the one it coordinates are readable.
    assert api.get(f"/tasks/{world.stc_task.id}", token).status_code == 200
    assert api.get(f"/tasks/{world.shared.id}", token).status_code == 200


def test_a_focal_points_task_list_shows_only_what_its_agency_may_see(api, world):
    token = api.token(world.stc_focal, scope="read")
    titles = {t["title"] for t in api.get("/tasks", token).json["items"]}
    assert titles == {"Rà soát thủ tục thuế", "Tư pháp chủ trì, Tài chính phối hợp"}
    # A filter naming the other agency does not widen what is visible.
    r = api.get(f"/tasks?lead={world.stp.id}", token)
    assert [t["title"] for t in r.json["items"]] == ["Tư pháp chủ trì, Tài chính phối hợp"]
    # Nor do the documents, agencies or reports.
    assert [a["code"] for a in api.get("/agencies", token).json["items"]] == ["STC"]
    assert api.get(f"/agencies/{world.stp.id}", token).status_code == 404
    # Reports count the tasks its agency leads, as the report pages do: not the one it coordinates.
    r = api.get(f"/reports/summary?from=2023-12-15&to=2024-09-14&agency={world.stp.code}", token)
    assert r.json["figures"]["total"] == 1


def test_a_read_only_token_is_refused_on_every_change(api, world, db):
    token = api.token(world.stc_focal, scope="read")
    r = api.post(f"/tasks/{world.stc_task.id}/progress", token, json={"text": "Đã xong 50 %", "percent": 50})
    assert r.status_code == 403
    assert r.json["error"]["code"] == "insufficient_scope"
    assert r.json["error"]["message"] and r.json["error"]["message_en"]
    db.session.expire_all()
    assert db.session.get(Task, world.stc_task.id).progress == 0


def test_the_workflow_rules_of_the_pages_apply_to_tokens(api, world):
    focal = api.token(world.stc_focal)
    leader = api.token(world.leader)
    # A focal point cannot confirm, even its own task; a leader changes nothing.
    r = api.post(f"/tasks/{world.stc_task.id}/confirm", focal, json={})
    assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
    r = api.post(f"/tasks/{world.stc_task.id}/progress", leader, json={"text": "Thử"})
    assert r.status_code == 403
    # A coordinating agency posts contributions, not progress.
    r = api.post(f"/tasks/{world.shared.id}/progress", focal, json={"text": "Thử"})
    assert r.status_code == 403
    r = api.post(f"/tasks/{world.shared.id}/contributions", focal, json={"text": "Sở Tài chính thống nhất."})
    assert r.status_code == 201
    assert r.json["kind"] == "contribution"
    # Only admins list accounts.
    assert api.get("/users", api.token(world.monitor)).status_code == 403
    assert api.get("/users", api.token(world.admin)).status_code == 200


def test_a_deactivated_users_token_stops_working(api, world, db):
    token = api.token(world.stc_focal)
    assert api.get("/me", token).status_code == 200
    world.stc_focal.active = False
    db.session.commit()
    r = api.get("/me", token)
    assert r.status_code == 401
    assert r.json["error"]["code"] == "invalid_token"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_and_expired_tokens_are_refused(api, world, db, freeze):
    revoked, expired = api.token(world.monitor, name="a"), api.token(world.monitor, name="b", days=1)
    rows = {t.name: t for t in db.session.scalars(select(ApiToken))}
    rows["a"].revoked_at = dt.datetime.now(dt.UTC)
    rows["b"].expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    db.session.commit()
    assert api.get("/me", revoked).status_code == 401
    assert api.get("/me", expired).status_code == 401
    assert api.get("/me", "trk_not-a-real-token").status_code == 401
    assert api.get("/me").status_code == 401


def test_a_browser_session_may_read_but_never_change_through_the_api(api, auth, client, world, db):
    auth.login(world.stc_focal)
    assert client.get(f"/api/v1/tasks/{world.stc_task.id}").status_code == 200
    r = client.post(f"/api/v1/tasks/{world.stc_task.id}/progress", json={"text": "Qua cookie", "percent": 10})
    assert r.status_code == 401
    assert r.json["error"]["code"] == "token_required"
    db.session.expire_all()
    assert db.session.get(Task, world.stc_task.id).progress == 0


def test_unknown_paths_and_methods_answer_in_json(api, world):
    token = api.token(world.monitor)
    r = api.get("/nothing-here", token)
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    r = api.client.delete(f"/api/v1/tasks/{world.stc_task.id}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"] and r.json["error"]["code"] == "method_not_allowed"


def test_a_focal_point_sees_only_the_documents_holding_its_tasks(api, world, make, db):
    other = make.document("1889/UBND-KSTT")
    make.task(lead=world.stp, document=other, title="Chỉ Sở Tư pháp")
    db.session.commit()
    token = api.token(world.stc_focal, scope="read")
    assert [d["symbol"] for d in api.get("/documents", token).json["items"]] == ["91-KL/TU"]
    assert api.get(f"/documents/{other.id}", token).status_code == 404
    assert api.get(f"/documents/{world.doc.id}", token).status_code == 200
