"""The OpenAPI document describes every API route, and the app serves a page to browse it."""

import re


def test_every_api_route_is_in_the_openapi_document(app, api):
    spec = api.get("/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    documented = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len("/api/v1") :])
            served |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert served == documented
    # Every operation that changes something says it needs a write token.
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method != "get":
                assert op["x-token-scope"] == "write", (path, method)
                assert "401" in op["responses"] and "403" in op["responses"]


def test_the_docs_page_lists_the_endpoints_without_any_cdn(client, auth, world):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "/api/v1/tasks/{task_id}/report-completion" in page and "Báo cáo hoàn thành" in page
    assert not re.search(r'(src|href)="https?://', page)


def test_the_tokens_page_is_in_the_user_menu(client, auth, world):
    auth.login(world.stc_focal)
    page = client.get("/account/api/").get_data(as_text=True)
    assert "Khóa truy cập API, lịch" in page and "Tạo khóa mới" in page and "Tạo địa chỉ lịch mới" in page
