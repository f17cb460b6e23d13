"""Lists people can act on: the task list opens on the open tasks; the filtered list goes to Excel
(the screen's columns, real dates and numbers) and to the printer, holding only what the user may
see; agencies by their names."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from tests.tasks.test_list import all_titles, tasks  # noqa: F401 - the fixture
from tracker.tasks import operations


@pytest.fixture
def app_config(app_config):
    return app_config | {"TRACKER_PAGE_SIZE": 3}


def test_the_list_opens_on_the_open_tasks_and_shows_all_on_request(world, tasks, client, sign_in):  # noqa: F811
    sign_in(world.monitor)
    opened = all_titles(client, "")
    assert tasks["done"].title not in opened and tasks["reform"].title in opened
    page = client.get("/tasks/").get_data(as_text=True)
    assert 'aria-current="page" href="/tasks/">Chưa hoàn thành' in page
    assert 'href="/tasks/?show=all">Tất cả, kể cả đã hoàn thành' in page
    assert tasks["done"].title in all_titles(client, "show=all")
    # A status chosen is what is shown, whatever the default.
    assert all_titles(client, "status=done") == {tasks["done"].title}


def _sheet(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(io.BytesIO(response.data)).active
    header = next(i for i, row in enumerate(ws.iter_rows(values_only=True), start=1) if row[0] == "STT")
    rows = list(ws.iter_rows(min_row=header + 1, values_only=True))
    return ws, [c.value for c in ws[header]], rows


def test_the_filtered_list_exports_to_excel_with_real_cells(world, tasks, client, sign_in, db):  # noqa: F811
    operations.post_progress(
        world.lead, tasks["reform"], text="Đã rà soát", percent=68, on=dt.date(2024, 7, 1)
    )
    db.session.commit()
    sign_in(world.monitor)
    ws, headers, rows = _sheet(client.get("/tasks/export.xlsx?q=cai+cach"))
    assert headers[:9] == [
        "STT",
        "Nhiệm vụ",
        "Văn bản",
        "Số thứ tự",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Trạng thái",
        "Tiến độ (%)",
    ]
    # The same tasks as the screen, in its order.
    page = client.get("/tasks/?q=cai+cach").get_data(as_text=True)
    on_screen = [re.sub(r"</?mark>", "", m) for m in re.findall(r'class="fw-semibold">(.+?)</a>', page)]
    assert [r[1] for r in rows] == on_screen
    reform = next(r for r in rows if r[1] == tasks["reform"].title)
    assert isinstance(reform[6], dt.datetime) and reform[6].date() == dt.date(2024, 8, 5)
    assert reform[8] == 68 and reform[4] == "Sở Tài chính"
    cell = next(c for c in ws["I"] if c.value == 68)
    assert cell.number_format == '0" %"'
    assert next(c for c in ws["G"] if isinstance(c.value, dt.datetime)).number_format == "dd/mm/yyyy"
    assert any("Từ khóa: «cai cach»" in str(c.value) for c in ws["A"])


def test_a_focal_points_export_holds_only_what_it_may_see(world, tasks, client, sign_in):  # noqa: F811
    sign_in(world.lead)
    _ws, _headers, rows = _sheet(client.get("/tasks/export.xlsx?show=all"))
    exported = {r[1] for r in rows}
    assert exported == all_titles(client, "show=all")
    assert exported and tasks["district"].title not in exported and tasks["done"].title not in exported
    # Asking for another agency's tasks gives none of them.
    _ws, _headers, rows = _sheet(client.get(f"/tasks/export.xlsx?show=all&lead={world.agencies['other'].id}"))
    assert rows == []


def test_the_print_view_lists_every_row_of_the_filter(world, tasks, client, sign_in):  # noqa: F811
    sign_in(world.monitor)
    page = client.get("/tasks/print?show=all").get_data(as_text=True)
    assert "DANH SÁCH NHIỆM VỤ" in page and "data-print" in page
    for task in tasks.values():
        assert task.title in page or task.is_section
    assert "<nav" not in page


def test_agencies_are_shown_by_name_not_code(world, tasks, client, sign_in, db):  # noqa: F811
    sign_in(world.monitor)
    page = client.get("/tasks/?show=all&coord=" + str(world.agencies["coordinating"].id)).get_data(
        as_text=True
    )
    assert "Phối hợp: " in page and "Sở Tư pháp" in page and "Phối hợp: STP" not in page
    task = tasks["reform"]
    data = {
        "version": task.version,
    }
    from tracker.tasks.assigning import update_task

    update_task(world.monitor, task, data["version"], lead_agency=world.agencies["other"])
    db.session.commit()
    timeline = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert re.search(
        r"Cơ quan chủ trì: <span[^>]*>Sở Tài chính</span> → <strong><span[^>]*>Sở Y tế</span>", timeline
    )


def test_a_percent_never_wraps_away_from_its_number(world, tasks, client, sign_in):  # noqa: F811
    sign_in(world.monitor)
    page = client.get("/tasks/").get_data(as_text=True)
    assert "0\u00a0%" in page and re.search(r"\d %", page) is None


def test_the_provinces_own_bodies_are_a_kind_of_their_own(app):
    from tracker.agencies.models import AGENCY_KINDS, ISSUER_KINDS
    from tracker.tasks.rules import LEAD_KINDS

    assert AGENCY_KINDS["province"] == "Cơ quan của tỉnh"
    assert "province" in ISSUER_KINDS and "province" not in LEAD_KINDS
