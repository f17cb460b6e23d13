"""Personal access tokens: created in the page or the CLI, shown once, stored hashed, rate limited."""

import re

from sqlalchemy import select

from tracker.api.models import ApiToken
from tracker.core.hashing import hash_secret


def test_a_user_creates_a_token_in_the_page_sees_it_once_and_can_use_it(client, auth, world, db):
    auth.login(world.stc_focal)
    r = client.post(
        "/account/api/tokens",
        data={"token-name": "Phần mềm quản lý văn bản", "token-scope": "write", "token-days": 30},
    )
    assert r.status_code == 200
    raw = re.search(r'value="(trk_[^"]+)"', r.get_data(as_text=True)).group(1)
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash == hash_secret(raw) and raw not in (token.prefix, token.token_hash)
    assert token.scope == "write" and (token.expires_at - token.created_at).days == 30
    # Shown once: the list afterwards has only its first characters.
    page = client.get("/account/api/").get_data(as_text=True)
    assert raw not in page and token.prefix in page
    auth.logout()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).json["email"] == "daumoi@stc.vn"
    )


def test_a_token_form_with_bad_input_explains_and_keeps_the_input(client, auth, world, db):
    auth.login(world.stc_focal)
    r = client.post(
        "/account/api/tokens", data={"token-name": "Báo cáo", "token-scope": "write", "token-days": 999}
    )
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Hiệu lực từ 1 đến 366 ngày." in page and 'value="Báo cáo"' in page
    assert db.session.scalar(select(ApiToken)) is None


def test_a_revoked_token_stops_working_at_once(client, auth, world, db, api):
    raw = api.token(world.stc_focal)
    auth.login(world.stc_focal)
    token = db.session.scalar(select(ApiToken))
    r = client.post(f"/account/api/tokens/{token.id}/revoke", follow_redirects=True)
    assert "Đã thu hồi khóa" in r.get_data(as_text=True)
    assert api.get("/me", raw).status_code == 401
    # Someone else's token cannot be revoked through the page.
    other = api.token(world.stp_focal)
    other_row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(other)))
    assert client.post(f"/account/api/tokens/{other_row.id}/revoke").status_code == 404
    assert api.get("/me", other).status_code == 200


def test_the_cli_prints_the_token_alone_on_its_last_line(runner, world, api):
    result = runner.invoke(
        args=["create-token", "DauMoi@STC.vn", "--name", "QLVB", "--scope", "read", "--days", "7"]
    )
    assert result.exit_code == 0, result.output
    raw = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"trk_[A-Za-z0-9_-]{43}", raw)
    assert api.get("/me", raw).json["email"] == "daumoi@stc.vn"
    assert api.post(f"/tasks/{world.stc_task.id}/progress", raw, json={"text": "x"}).status_code == 403
    result = runner.invoke(args=["create-token", "nobody@nowhere.vn"])
    assert result.exit_code != 0 and "Không có tài khoản" in result.output


def test_each_token_is_rate_limited_with_retry_after(app, api, world):
    app.config["API_RATE_LIMIT"] = 3
    token, other = api.token(world.monitor, name="a"), api.token(world.monitor, name="b")
    statuses = [api.get("/me", token).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    r = api.get("/me", token)
    assert r.json["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 61
    # The limit is per token.
    assert api.get("/me", other).status_code == 200
