"""The task list: filters that combine, sortable columns, pagination, a shareable URL, the colours."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from tracker.tasks import operations
from tracker.tasks.queries import TaskFilter


@pytest.fixture
def app_config(app_config):
    return app_config | {"TRACKER_PAGE_SIZE": 3}


@pytest.fixture
def tasks(world, make, db):
    """Eight tasks that differ in one way each."""
    a = world.agencies
    district = make.agency("NT", "UBND thành phố Nha Trang", kind="district")
    commune = make.agency("NT-LT", "UBND phường Lộc Thọ", kind="commune", parent=district)
    other_doc = make.document("92/TB-UBND", issued_on=dt.date(2024, 2, 1))
    m, lead = world.monitor, world.lead
    t = {
        "reform": make.task(
            lead=a["lead"],
            document=world.document,
            title="Đẩy mạnh cải cách thủ tục hành chính",
            area="tthc",
            deadline=dt.date(2024, 8, 5),
        ),
        "digital": make.task(
            lead=a["lead"],
            document=world.document,
            title="Chuyển đổi số trong quản lý tài chính",
            area="chinh_quyen_so",
            coordinating=[a["coordinating"]],
            deadline=dt.date(2024, 12, 31),
        ),
        "late": make.task(
            lead=a["other"],
            document=world.document,
            title="Kiểm tra an toàn thực phẩm",
            deadline=dt.date(2024, 6, 30),
            priority="urgent",
        ),
        "done": make.task(
            lead=a["coordinating"],
            document=other_doc,
            title="Rà soát văn bản quy phạm",
            deadline=dt.date(2024, 7, 31),
        ),
        "commune": make.task(
            lead=commune,
            document=other_doc,
            title="Niêm yết thủ tục tại bộ phận một cửa",
            deadline=dt.date(2024, 10, 15),
        ),
        "district": make.task(
            lead=district,
            document=other_doc,
            title="Cải cách tổ chức bộ máy cấp huyện",
            area="to_chuc_bo_may",
            deadline=dt.date(2024, 11, 30),
        ),
        "returned": make.task(
            lead=a["lead"],
            document=other_doc,
            title="Báo cáo tài chính công",
            area="tai_chinh_cong",
            deadline=dt.date(2024, 9, 15),
        ),
        "ongoing": make.task(
            lead=a["lead"], document=world.document, title="Tuyên truyền cải cách hành chính", deadline=None
        ),
    }
    stp = make.user("focal", agency=a["coordinating"])
    operations.post_progress(stp, t["done"], text="Đã rà soát", percent=80, on=dt.date(2024, 7, 1))
    operations.report_completion(stp, t["done"], completed_on=dt.date(2024, 7, 20), on=dt.date(2024, 7, 21))
    operations.confirm_completion(m, t["done"], on=dt.date(2024, 7, 25))
    operations.post_progress(lead, t["digital"], text="Đang xây dựng", percent=30, on=dt.date(2024, 7, 1))
    operations.request_extension(
        lead, t["digital"], new_deadline=dt.date(2025, 3, 31), reason="Chờ hạ tầng", on=dt.date(2024, 7, 2)
    )
    operations.report_completion(
        lead, t["returned"], completed_on=dt.date(2024, 7, 10), on=dt.date(2024, 7, 10)
    )
    operations.return_report(m, t["returned"], reason="Thiếu biểu số liệu", on=dt.date(2024, 7, 12))
    db.session.commit()
    return t


def titles(client, query: str) -> set[str]:
    page = client.get("/tasks/?" + query).get_data(as_text=True)
    # The words searched for are highlighted (<mark>) inside the titles.
    found = re.findall(r'class="fw-semibold">(.+?)</a>', page)
    return {html.unescape(re.sub(r"</?mark>", "", m)) for m in found}


def all_titles(client, query: str) -> set[str]:
    """Every page of a filtered list."""
    found, page = set(), 1
    while True:
        got = titles(client, f"{query}&page={page}")
        if not got or got <= found:
            return found
        found |= got
        page += 1


CASES = [
    ("q=cai+cach", {"reform", "district", "ongoing"}),
    ("q=cải+cách+hành", {"reform", "ongoing"}),
    ("q=THU+TUC", {"reform", "commune"}),
    ("document={doc}", {"reform", "digital", "late", "ongoing"}),
    ("lead={district}", {"district", "commune"}),  # an agency and those below it
    ("coord={stp}", {"digital"}),
    ("status=done", {"done"}),
    ("status=new&status=reported", {"reform", "late", "commune", "district", "ongoing"}),
    ("category=overdue", {"late"}),
    ("category=done_on_time", {"done"}),
    ("area=tthc", {"reform"}),
    ("deadline_from=2024-09-01&deadline_to=2024-10-31", {"returned", "commune"}),
    ("deadline_from=01/09/2024&deadline_to=31/10/2024", {"returned", "commune"}),
    ("due_soon=1", {"reform"}),
    ("overdue=1", {"late"}),
    ("urgent=1", {"late"}),
    ("returned=1", {"returned"}),
    ("ext_pending=1", {"digital"}),
    # combined
    ("q=cai+cach&document={doc}&status=new", {"reform", "ongoing"}),
    ("lead={stc}&area=tai_chinh_cong&returned=1", {"returned"}),
    ("document={other}&deadline_to=2024-10-31&status=new", {"commune"}),
    ("q=thu+tuc&lead={district}", {"commune"}),
]


@pytest.mark.parametrize("query, expected", CASES)
def test_filters_work_alone_and_combined(world, tasks, client, sign_in, query, expected):
    sign_in(world.monitor)
    query = query.format(
        doc=world.document.id,
        other=tasks["done"].document_id,
        stc=world.agencies["lead"].id,
        stp=world.agencies["coordinating"].id,
        district=tasks["district"].lead_agency_id,
    )
    assert all_titles(client, query) == {tasks[k].title for k in expected}


def test_a_focal_points_filters_never_widen_what_it_sees(world, tasks, client, sign_in):
    sign_in(world.lead)
    assert all_titles(client, "q=") == {tasks[k].title for k in ("reform", "digital", "returned", "ongoing")}
    assert all_titles(client, f"lead={world.agencies['other'].id}") == set()


def test_columns_sort_both_ways_and_keep_the_filter(world, tasks, client, sign_in):
    sign_in(world.monitor)
    page = client.get("/tasks/?area=tthc&sort=title").get_data(as_text=True)
    link = html.unescape(re.search(r'<a class="sort-link" href="([^"]+)">Nhiệm vụ', page).group(1))
    assert dict(parse_qsl(urlsplit(link).query)) == {"area": "tthc", "sort": "-title"}
    assert 'aria-sort="ascending"' in page

    def order(sort):
        found, n = [], 1
        while True:
            p = client.get(f"/tasks/?show=all&sort={sort}&page={n}").get_data(as_text=True)
            got = [html.unescape(m) for m in re.findall(r'class="fw-semibold">([^<]+)</a>', p)]
            if not got or n > 5:
                return found
            found += got
            n += 1

    ascending = order("title")
    assert len(ascending) == 8 and ascending != order("deadline")
    assert order("-title") == ascending[::-1]
    by_lead = client.get("/tasks/?sort=lead").get_data(as_text=True)
    leads = re.findall(
        r'<td class="d-none d-sm-table-cell">([^<]+)</td>\s*<td class="text-nowrap" data-label', by_lead
    )
    assert len(leads) == 3 and leads == sorted(leads)


def test_pages_keep_the_filter_in_their_links(world, tasks, client, sign_in):
    sign_in(world.monitor)
    page = client.get("/tasks/?q=cai+cach&sort=-deadline").get_data(as_text=True)
    assert "3 nhiệm vụ" in page
    first = titles(client, "q=cai+cach&sort=-deadline")
    assert len(first) == 3
    page = client.get("/tasks/?status=new&status=in_progress").get_data(as_text=True)
    links = [html.unescape(h) for h in re.findall(r'class="page-link" href="([^"#]+)"', page)]
    assert links and all(
        MultiDict(parse_qsl(urlsplit(h).query)).getlist("status") == ["new", "in_progress"] for h in links
    )


def test_a_filter_round_trips_through_its_url():
    flt = TaskFilter(
        q="cải cách",
        document=3,
        lead=7,
        coord=9,
        status=["new", "reported"],
        category="overdue",
        area="tthc",
        deadline_from=dt.date(2024, 1, 1),
        deadline_to=dt.date(2024, 12, 31),
        due_soon=True,
        overdue=True,
        urgent=True,
        returned=True,
        ext_pending=True,
        sort="-lead",
        page=2,
    )
    args = MultiDict()
    for k, v in flt.to_args().items():
        for item in v if isinstance(v, list) else [v]:
            args.add(k, str(item))
    assert TaskFilter.from_args(args) == flt


def test_rows_carry_the_colours_users_know(world, tasks, client, sign_in):
    sign_in(world.monitor)
    page = client.get("/tasks/?show=all&sort=title&page=1").get_data(as_text=True) + "".join(
        client.get(f"/tasks/?show=all&sort=title&page={n}").get_data(as_text=True) for n in (2, 3)
    )

    rows = page.split('<tr class="row-')[1:]

    def colour(key):
        row = next(r for r in rows if html.escape(tasks[key].title, quote=False) in r)
        return re.match(r'\w+ tc-(\w+)"', row).group(1)

    assert colour("late") == "overdue"  # red
    assert colour("reform") == "due_soon"  # orange
    assert colour("done") == "done_on_time"  # green
    assert colour("digital") == "in_progress"  # blue
    assert colour("commune") == "new"  # grey
