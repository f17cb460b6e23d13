"""The score pages, the exports, the settings page and the API endpoint."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as WordDocument
from openpyxl import load_workbook
from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.scores import settings as score_settings


def test_the_ranking_page_shows_the_formula_and_the_tasks_that_cost_points(
    province, make, db, auth, client, freeze
):
    freeze(dt.date(2025, 2, 1))
    leader = make.user("leader", agency=None, email="lanhdao@test.vn")
    db.session.commit()
    auth.login(leader)
    page = client.get("/reports/score?year=2024")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Sở Tư pháp" in html and "Sở Nội vụ" in html and "UBND huyện Cam Lâm" in html
    assert "Từ 80 % đến dưới 100 %: 2 điểm" in html  # the formula
    assert "0,75" in html and "75,00\u00a0%" in html
    assert f'href="/tasks/{province.stp_overdue.id}"' in html  # the task that cost STP points
    assert "Tư pháp quá hạn" in html
    bad = client.get("/reports/score?year=2024&as_of=31/02/2024")
    assert bad.status_code == 200 and "Ngày chốt số liệu" in bad.get_data(as_text=True)


def test_a_focal_point_sees_its_agency_and_asks_what_if(province, make, db, auth, client, freeze):
    freeze(dt.date(2025, 2, 1))
    focal = make.user("focal", agency=province.stp)
    db.session.commit()
    auth.login(focal)
    html = client.get("/reports/score?year=2024").get_data(as_text=True)
    assert "Sở Tư pháp" in html and "Sở Nội vụ" not in html
    assert client.get(f"/reports/score/{province.snv.id}?year=2024").status_code == 404
    page = client.get(f"/reports/score/{province.stp.id}?year=2024&task={province.stp_overdue.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Nếu 1 nhiệm vụ đã chọn được hoàn thành đúng hạn" in html and "3,00/3,00" in html
    # A task of another agency is ignored.
    other = client.get(f"/reports/score/{province.stp.id}?year=2024&task={province.snv_done[0].id}")
    assert "Nếu" not in other.get_data(as_text=True)


def test_the_excel_and_word_exports(province, make, db, auth, client, freeze):
    freeze(dt.date(2025, 2, 1))
    auth.login(make.monitor())
    db.session.commit()
    xlsx = client.get("/reports/score.xlsx?year=2024")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.data)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    stp = next(r for r in rows if r[1] == "Sở Tư pháp")
    assert stp[0] == 3 and stp[2:10] == [4, 3, 75.0, 1, 1.0, 0.25, 0.75, 3.0]
    docx = client.get("/reports/score.docx?year=2024")
    assert docx.status_code == 200
    doc = WordDocument(io.BytesIO(docx.data))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "Thực hiện nhiệm vụ UBND tỉnh giao" in text and "Sở Tư pháp" in text and "0,75" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_an_admin_edits_the_rules_and_a_bad_band_changes_nothing(province, make, db, auth, client):
    admin = make.user("admin", agency=None, email="admin@test.vn")
    db.session.commit()
    auth.login(admin)
    assert client.get("/admin/score-settings").status_code == 200
    form = {
        "max_points": "2,5",
        "bands": "100 = 2,5\n80 = 1,5",
        "overdue_deduction": "0",
        "issuer_levels": ["committee", "party"],
        "period": "calendar",
        "agency_kinds": ["department"],
        "province": "",
    }
    bad = client.post("/admin/score-settings", data={**form, "bands": "100 = 2,5\n80 = 3"})
    assert bad.status_code == 422 and "Số điểm ở dòng «80 = 3»" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert score_settings.load().max_points == 3.0
    ok = client.post("/admin/score-settings", data=form)
    assert ok.status_code == 302
    db.session.expire_all()
    rules = score_settings.load()
    assert (rules.max_points, rules.bands, rules.period) == (2.5, [[100.0, 2.5], [80.0, 1.5]], "calendar")
    assert rules.issuer_levels == ["party", "committee"]
    assert db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "score.settings", AuditEntry.actor_id == admin.id)
    )
    focal = make.user("focal")
    db.session.commit()
    client.post("/logout")
    auth.login(focal)
    assert client.get("/admin/score-settings").status_code == 403


def test_the_api_endpoint_beside_the_other_reports(province, make, db, client, runner, freeze):
    from tests.api.conftest import Api

    freeze(dt.date(2025, 2, 1))
    api = Api(client, db)
    token = api.token(make.monitor(), scope="read")
    r = api.get("/reports/score?year=2024", token)
    assert r.status_code == 200, r.json
    assert r.json["as_of"] == "2024-12-14" and r.json["from"] == "2023-12-15"
    import json

    cli = json.loads(runner.invoke(args=["report", "score", "--year", "2024", "--format", "json"]).output)
    assert r.json["rows"] == cli
    focal = api.token(make.user("focal", agency=province.stp), scope="read")
    assert [row["agency"] for row in api.get("/reports/score?year=2024", focal).json["rows"]] == ["STP"]


def test_reports_give_the_overdue_age_bands_per_agency(province, make, db, auth, client, runner, freeze):
    import json

    # As of 14/12/2024 Sở Tư pháp's task due 30/09/2024 is 75 days overdue; the Party's, due
    # 31/05/2024, 197 days; the 2023 plan's, due 31/12/2023, 349 days.
    freeze(dt.date(2025, 2, 1))
    result = runner.invoke(
        args=["report", "by-agency", "--from", "2022-12-15", "--to", "2024-12-14", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    stp = next(r for r in json.loads(result.output) if r["agency"] == "STP")
    assert (stp["overdue_1_30"], stp["overdue_31_90"], stp["overdue_over_90"]) == (0, 1, 2)
    assert stp["overdue"] == 3
    auth.login(make.monitor())
    db.session.commit()
    html = client.get("/reports/?scope=all&period=custom&from=15/12/2022&to=14/12/2024").get_data(
        as_text=True
    )
    assert "Nhiệm vụ quá hạn chưa hoàn thành theo thời gian quá hạn" in html and "Trên 90 ngày" in html

    xlsx = client.get("/reports/export.xlsx?scope=all&period=custom&from=15/12/2022&to=14/12/2024")
    assert xlsx.status_code == 200, xlsx.status_code
    ws = load_workbook(io.BytesIO(xlsx.data))["Thời gian quá hạn"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert ["Sở Tư pháp", 3, 0, 1, 2] in rows
