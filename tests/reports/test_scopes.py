"""The report opens on what the Ministry's form asks: the latest closed official quarter, and the
Government's tasks of Biểu mẫu 01 item 5; the named scopes are the same on the page, the command line
and the API, and the page says in one sentence what its figures count."""

import datetime as dt
import json
import re

import pytest

from tests.reports.test_demo_report import MONITOR, Q3_FIGURES
from tracker.core import dates
from tracker.reports import periods, scopes

SENTENCE = (
    "127 nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao, nhận trong kỳ 15/06/2024 – 14/09/2024, "
    "số liệu đến hết ngày 14/09/2024"
)
CELLS = {  # the cards of the page, in its order
    "total": "Tổng số nhiệm vụ",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "awaiting_confirmation": "Chờ xác nhận",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn chưa hoàn thành",
}


def _cards(html: str) -> dict[str, int]:
    found = re.findall(
        r'<div class="stat-value">(?:<a[^>]*>)?([\d.]+)(?:</a>)?</div><div class="stat-label">([^<]+)<', html
    )
    by_label = {label: int(value.replace(".", "")) for value, label in found}
    return {key: by_label[label] for key, label in CELLS.items()}


@pytest.fixture
def on_day():
    before = dates._frozen_today

    def _on(day):
        dates.freeze_today(day)

    yield _on
    dates.freeze_today(before)


def test_the_latest_closed_quarter_is_the_one_whose_cut_off_has_passed():
    assert periods.latest_closed(dt.date(2024, 9, 14)) == periods.official("q3", 2024)
    assert periods.latest_closed(dt.date(2024, 9, 18)) == periods.official("q3", 2024)
    assert periods.latest_closed(dt.date(2024, 9, 13)) == periods.official("q2", 2024)
    assert periods.latest_closed(dt.date(2026, 12, 6)) == periods.official("q3", 2026)
    assert periods.latest_closed(dt.date(2024, 12, 20)) == periods.official("q4", 2024)
    assert periods.latest_closed(dt.date(2025, 1, 5)) == periods.official("q4", 2024)


def test_quarter_iii_2024_with_no_filter_gives_the_figures_of_report_317(demo_app, login):
    client = login(MONITOR)
    html = client.get("/reports/?period=q3&year=2024").get_data(as_text=True)
    assert _cards(html) == {k: Q3_FIGURES[k] for k in CELLS}
    # 127 / 86 / 0 / 19 / 0 / 22 as Biểu mẫu 01 and the CLI order them (… quá hạn, trong hạn).
    assert [Q3_FIGURES[k] for k in Q3_FIGURES] == [127, 86, 0, 19, 0, 22]
    assert f'id="scope-sentence">{SENTENCE}.<' in html
    assert re.search(r'<option value="form01" selected>Biểu mẫu 01, mục 5', html)


def test_the_report_page_opens_on_the_last_closed_period_and_the_form_01_scope(demo_app, login, on_day):
    on_day(dt.date(2024, 9, 18))  # the day 317/BC-UBND was signed
    client = login(MONITOR)
    html = client.get("/reports/").get_data(as_text=True)
    assert '<option value="q3" selected>' in html and 'value="2024"' in html
    assert f'id="scope-sentence">{SENTENCE}.<' in html
    assert _cards(html)["total"] == 127
    on_day(dt.date(2026, 12, 6))
    html = client.get("/reports/").get_data(as_text=True)
    assert "Quý III/2026" in html and "nhận trong kỳ 15/06/2026 – 14/09/2026" in html


def test_each_named_scope_counts_what_it_says(demo_app, login):
    client = login(MONITOR)
    html = client.get("/reports/?period=q3&year=2024&scope=all").get_data(as_text=True)
    assert _cards(html)["total"] == 167
    assert 'id="scope-sentence">167 nhiệm vụ, nhận trong kỳ 15/06/2024 – 14/09/2024' in html
    html = client.get("/reports/?period=q3&year=2024&scope=plan").get_data(as_text=True)
    assert _cards(html)["total"] == 61
    assert 'id="scope-sentence">61 nhiệm vụ của 110/KH-UBND, lũy kế từ khi giao' in html
    html = client.get("/reports/?period=q3&year=2024&scope=province").get_data(as_text=True)
    assert "nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao, nhận trong kỳ" in html
    # A link made before the named scopes ("scope=period": tasks assigned in the period) still opens.
    html = client.get("/reports/?period=q3&year=2024&scope=period").get_data(as_text=True)
    assert _cards(html)["total"] == 167


def test_the_command_line_and_the_api_know_the_same_scopes(demo_app, login):
    runner = demo_app.test_cli_runner()
    base = ["report", "summary", "--from", "2024-06-15", "--to", "2024-09-14", "--format", "json"]
    for scope, total in (("form01", 127), ("all", 167), ("plan", 61)):
        result = runner.invoke(args=[*base, "--scope", scope])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["total"] == total, scope
    table = runner.invoke(
        args=["report", "summary", "--from", "2024-06-15", "--to", "2024-09-14", "--scope", "form01"]
    )
    assert SENTENCE in table.output
    refused = runner.invoke(args=[*base, "--scope", "quy"])
    assert refused.exit_code != 0 and "--scope" in refused.output

    from sqlalchemy import select

    from tracker.api.tokens import create_token
    from tracker.db import db
    from tracker.users.models import User

    monitor = db.session.scalar(select(User).where(User.email == MONITOR))
    _token, raw = create_token(None, monitor, name="Báo cáo", scope="read", days=1)
    db.session.commit()
    client = demo_app.test_client()
    response = client.get(
        "/api/v1/reports/summary?from=2024-06-15&to=2024-09-14&scope=form01",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.json
    assert body["figures"]["total"] == 127 and body["scope"] == "form01" and body["sentence"] == SENTENCE
    assert set(scopes.SCOPES) == {"form01", "province", "plan", "all"}
