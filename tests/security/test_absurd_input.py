"""Absurd input never breaks a page: every GET route of the URL map, for the roles that can open it,
with absurd ids in its path and absurd values for every query parameter the code reads, answers
without a server error. The parameter names are read from the source (`args.get("…")`), so a new
parameter is crawled as soon as it exists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.security import matrix
from tests.security.test_matrix import Browsers

SOURCE = Path(__file__).resolve().parents[2] / "tracker"
HUGE = "99999999999999999999"  # > 2**63
# Values a clumsy user or an attacker puts in a URL.
ABSURD = [HUGE, "-1", "abc", "01/01/0001", "9999-12-31", "31/02/2026", "x" * 3000, "\x00", "' OR 1=1 --"]
# The parameters that broke pages in the hardening review, also tried one at a time (a page may
# stop at the first bad parameter and hide what the next would do).
ALONE = ("page", "lead", "document", "coord", "as_of", "from", "to")


def query_parameters() -> list[str]:
    """Every query argument name the application reads."""
    pattern = re.compile(r"""args\.(?:get|getlist)\(\s*["']([a-z_]+)["']|args\[["']([a-z_]+)["']\]""")
    names = set()
    for path in SOURCE.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    return sorted(names)


def test_the_crawl_knows_the_parameters_users_send():
    names = query_parameters()
    # The ones the hardening review found breaking the pages must be among them.
    assert {"page", "lead", "document", "coord", "as_of", "from", "to", "period"} <= set(names), names


def _get_rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or matrix.RULES.get(rule.endpoint) == matrix.SKIP:
            continue
        yield rule


def _with_huge_ids(rule, world) -> list[str]:
    """The route's URL with each integer argument in turn replaced by a number beyond any id."""
    params = matrix.PARAMS | matrix.OVERRIDES.get(rule.endpoint, {})
    values = {arg: params[arg](world) for arg in rule.arguments if arg in params}
    urls = []
    for arg, converter in rule._converters.items():
        if isinstance(values.get(arg), int):
            urls.append(rule.build({**values, arg: int(HUGE)}, append_unknown=False)[1])
    return urls


@pytest.mark.slow
def test_no_get_route_answers_a_server_error_to_absurd_input(app, make, db, capsys):
    world = matrix.build_world(make, db)
    browsers = Browsers(app, world)
    names = query_parameters()
    problems, requests = [], 0
    roles = ("monitor", "focal_own")
    for rule in _get_rules(app):
        base = matrix.url_for_rule(rule, world).split("?")[0]
        urls = _with_huge_ids(rule, world)
        # Every parameter at once with each absurd value, then each parameter alone with the values
        # that broke pages before (a page may stop at the first bad parameter and hide the next).
        urls += [f"{base}?{urlencode({name: value for name in names})}" for value in ABSURD]
        alone = [f"{base}?{urlencode({name: value})}" for name in ALONE for value in (HUGE, "01/01/0001")]
        for role in roles:
            if matrix.expectation(rule.endpoint, "GET", role) != matrix.ALLOW:
                continue
            client = browsers.clients[role]
            for url in urls + (alone if role == "monitor" else []):
                response = client.get(url)
                requests += 1
                if response.status_code >= 500:
                    problems.append(f"GET {url[:160]} as {role}: {response.status_code}")
                response.close()
    with capsys.disabled():
        print(f"\nabsurd input: {requests} requests over {len(names)} parameters")
    assert not problems, "\n".join(problems[:50])


@pytest.mark.parametrize("path", ["/tasks/99999999999999999999", "/documents/99999999999999999999"])
def test_an_id_larger_than_any_row_is_not_found(client, auth, make, db, path):
    monitor = make.user("monitor")
    db.session.commit()
    auth.login(monitor)
    assert client.get(path).status_code == 404


def test_a_progress_post_to_an_absurd_task_id_is_not_found(client, auth, make, db):
    monitor = make.user("monitor")
    db.session.commit()
    auth.login(monitor)
    assert client.post("/tasks/99999999999999999999/progress", data={}).status_code in (400, 404)


def test_report_dates_outside_the_accepted_range_are_refused_in_words(client, auth, make, db):
    monitor = make.user("monitor")
    db.session.commit()
    auth.login(monitor)
    for start, message in (("02/01/0001", "Năm 1 không hợp lệ"), ("02/01/1800", "nằm ngoài khoảng")):
        response = client.get(f"/reports/?period=custom&from={start}&to=03/01/2024")
        assert response.status_code in (200, 422)
        assert message in response.get_data(as_text=True)


def test_the_cli_refuses_a_report_to_year_9999(runner):
    result = runner.invoke(args=["report", "summary", "--from", "2024-01-01", "--to", "9999-12-31"])
    assert result.exit_code != 0
    assert "nằm ngoài khoảng" in result.output
    assert "Traceback" not in result.output


def test_a_nul_character_in_a_search_or_a_form_is_refused_in_words(client, auth, make, db):
    monitor = make.user("monitor")
    db.session.commit()
    auth.login(monitor)
    response = client.get("/tasks/?q=%00")
    assert response.status_code == 400
    assert "không hợp lệ" in response.get_data(as_text=True)
