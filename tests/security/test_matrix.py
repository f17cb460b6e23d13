"""Every route × every role, by relation to the object: allowed, or refused (403/404) and
nothing written. Routes come from the URL map, so a new route without a rule fails here."""

from __future__ import annotations

import re

import pytest

from tests.conftest import IsolatedClient
from tests.security import matrix
from tests.security.conftest import csp_violations, login

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")


def _rules(app):
    return sorted(
        (r for r in app.url_map.iter_rules() if matrix.RULES.get(r.endpoint) != matrix.SKIP),
        key=lambda r: (r.rule, r.endpoint),
    )


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"}, key=lambda m: (m != "GET", m))


def test_every_route_has_a_rule_in_the_matrix(app):
    missing = matrix.uncovered(app)
    assert not missing, (
        f"Routes without an authorization rule: {missing}. Add each endpoint to RULES in "
        "tests/security/matrix.py with who may use it (a key of KINDS), and its URL arguments to PARAMS."
    )
    stale = sorted(set(matrix.RULES) - set(app.view_functions))
    assert not stale, f"RULES names endpoints that no longer exist: {stale}"
    for endpoint, rule in matrix.RULES.items():
        for kind in rule.values() if isinstance(rule, dict) else [rule]:
            assert kind == matrix.SKIP or kind in matrix.KINDS, f"{endpoint}: unknown kind {kind!r}"


def test_only_read_only_views_answer_get(app):
    """No state change on GET: a view not listed as read-only must accept only POST (or PUT/DELETE)."""
    offenders = matrix.unsafe_get(app)
    assert not offenders, (
        f"These routes answer GET but are not in READ_ONLY_GET (tests/security/matrix.py): {offenders}. "
        "A GET must never change anything: make the state change a POST, or, if the GET only shows "
        "a page, add the endpoint to READ_ONLY_GET."
    )
    stale = sorted(matrix.READ_ONLY_GET - set(app.view_functions))
    assert not stale, f"READ_ONLY_GET names endpoints that no longer exist: {stale}"


def test_a_new_route_without_a_rule_is_caught(app_config):
    from tracker import create_app
    from tracker.db import db as sqla

    app = create_app(app_config)
    app.add_url_rule("/_test/approve/<int:task_id>", "tasks_approve_by_link", lambda task_id: "ok")
    app.add_url_rule("/_test/export", "reports_export", lambda: "ok", methods=["POST"])
    assert matrix.uncovered(app) == ["reports_export", "tasks_approve_by_link"]
    assert matrix.unsafe_get(app) == ["tasks_approve_by_link /_test/approve/<int:task_id>"]
    with app.app_context():
        sqla.engine.dispose()


def _outcome_problem(outcome: str, method: str, url: str, response) -> str | None:
    status = response.status_code
    location = response.headers.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    if outcome == matrix.ALLOW:
        if status in (401, 403, 404):
            return f"refused with {status}, should be allowed"
        if method == "GET" and not 200 <= status < 400:
            return f"answered {status}"
        if method == "GET" and 300 <= status < 400 and "/login" in location:
            return "sent to the login page, should be allowed"
        return None
    if outcome == matrix.TOKEN:
        return None if status == 401 else f"answered {status}, expected 401 (a write needs a token)"
    if outcome == matrix.LOGIN:
        if url.startswith("/api/"):
            return None if status == 401 else f"answered {status}, expected 401"
        return (
            None
            if status in (302, 303) and "/login" in location
            else f"answered {status} {location}, expected the login page"
        )
    expected = {matrix.FORBIDDEN: (403,), matrix.HIDDEN: (404,), matrix.REFUSED: (403, 404)}[outcome]
    return None if status in expected else f"answered {status}, expected {outcome}"


class Browsers:
    """One logged-in browser per role; logged in again after a request that may end its session."""

    def __init__(self, app, world):
        self.app, self.world = app, world
        self.clients = {"anonymous": app.test_client()}
        for role in matrix.ROLES[1:]:
            self.relogin(role)

    def relogin(self, role: str) -> None:
        if role == "anonymous":
            self.clients[role] = self.app.test_client()
            return
        from tracker.db import db

        user = self.world.users[role]
        db.session.refresh(user)  # a request may have ended its sessions (new session token)
        client = self.app.test_client()
        with client.session_transaction() as session:  # signed in as the login page would, without Argon2
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        self.clients[role] = client


def test_every_route_answers_every_role_as_the_matrix_says(app, make, db, capsys):
    world = matrix.build_world(make, db)
    browsers = Browsers(app, world)
    problems, counts = [], {"requests": 0, "refused": 0, "allowed": 0, "routes": 0}
    for rule in _rules(app):
        url = matrix.url_for_rule(rule, world)
        for method in _methods(rule):
            counts["routes"] += 1
            for role in matrix.ROLES:
                outcome = matrix.expectation(rule.endpoint, method, role)
                before = matrix.fingerprint(db)
                response = browsers.clients[role].open(url, method=method, data={})
                counts["requests"] += 1
                counts["allowed" if outcome == matrix.ALLOW else "refused"] += 1
                where = f"{method} {url} ({rule.endpoint}) as {role}"
                if problem := _outcome_problem(outcome, method, url, response):
                    problems.append(f"{where}: {problem}")
                body = response.get_data().decode("utf-8", "replace")
                response.close()  # a file download holds its file open until closed
                if role in ("anonymous", "focal_other") and world.secret in body:
                    problems.append(f"{where}: shows another agency's task")
                if response.status_code == 200 and response.mimetype == "text/html":
                    problems.extend(f"{where}: {p}" for p in csp_violations(body))
                if method == "GET" or outcome != matrix.ALLOW:
                    changed = [t for t, d in matrix.fingerprint(db).items() if before.get(t) != d]
                    if changed:
                        problems.append(f"{where}: changed {changed}")
                if method != "GET":
                    browsers.relogin(role)
    with capsys.disabled():
        print(
            f"\nauthorization matrix: {counts['routes']} route×method × {len(matrix.ROLES)} roles = "
            f"{counts['requests']} requests ({counts['allowed']} allowed, {counts['refused']} refused)"
        )
    assert not problems, "\n".join(problems)


def test_a_sub_agencys_focal_point_does_not_see_its_parents_tasks(app, make, db):
    world = matrix.build_world(make, db)
    district = world.users["focal_parent"].agency
    parent_task = make.task(lead=district, title="Nhiệm vụ riêng của huyện")
    db.session.commit()
    child = app.test_client()
    login(child, world.users["focal_own"])
    assert child.get(f"/tasks/{parent_task.id}").status_code == 404
    assert child.get(f"/documents/{parent_task.document_id}").status_code == 404
    assert "Nhiệm vụ riêng của huyện" not in child.get("/tasks/").get_data(as_text=True)
    parent = app.test_client()
    login(parent, world.users["focal_parent"])
    assert parent.get(f"/tasks/{world.task.id}").status_code == 200


def _csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def csrf_app(app_config):
    from tracker import create_app
    from tracker.db import db as sqla

    app = create_app(app_config | {"WTF_CSRF_ENABLED": True})
    app.test_client_class = IsolatedClient  # a fresh context per request
    with app.app_context():
        yield app
        sqla.session.remove()
        sqla.engine.dispose()


def test_every_state_changing_route_refuses_a_post_without_a_csrf_token(csrf_app, make, db, capsys):
    world = matrix.build_world(make, db)
    client = csrf_app.test_client()
    with csrf_app.app_context():
        token = _csrf_token(client.get("/login").get_data(as_text=True))
        response = client.post(
            "/login",
            data={
                "email": world.users["admin"].email,
                "password": "mat-khau-thu-nghiem",
                "csrf_token": token,
            },
        )
    assert response.status_code == 302, "the admin logs in with a token"
    problems, tried, pages = [], 0, 0
    for rule in _rules(csrf_app):
        url = matrix.url_for_rule(rule, world)
        for method in (m for m in _methods(rule) if m in STATE_CHANGING):
            tried += 1
            pages += not url.startswith("/api/")  # the API takes no cookie for a write: 401, no CSRF check
            before = matrix.fingerprint(db)
            with csrf_app.app_context():
                response = client.open(url, method=method, data={"csrf_token": "forged"})
            expected = (401, 403) if url.startswith("/api/") else (400,)
            if response.status_code not in expected:
                problems.append(
                    f"{method} {url} ({rule.endpoint}): {response.status_code}, expected {expected}"
                )
            changed = [t for t, d in matrix.fingerprint(db).items() if before.get(t) != d]
            if changed:
                problems.append(f"{method} {url}: changed {changed} without a CSRF token")
    with capsys.disabled():
        print(f"\nCSRF: {tried} state-changing routes posted without a valid token")
    assert tried > 0
    assert not problems, "\n".join(problems)
    from sqlalchemy import select

    from tracker.audit.models import AuditEntry

    db.session.expire_all()
    assert (
        len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "security.csrf_failed")).all())
        == pages
    )
