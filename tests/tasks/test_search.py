"""Finding a task: the search box and the API's q, ranked, insensitive to case and diacritics, a
document's number finds its tasks first, the words found highlighted (tracker.tasks.search)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from tests.tasks.test_edit import open_form
from tracker.tasks import search


@pytest.fixture
def found(world, make, db):
    """Tasks about chữ ký số among tasks that only share its words apart (chủ trì, ký, sở…), and the
    tasks of 4340/UBND-KSTT among tasks that only mention it."""
    a = world.agencies
    kstt = make.document("4340/UBND-KSTT", issued_on=dt.date(2024, 3, 1), title="Về việc cải cách TTHC")
    other = make.document("43/KH-UBND", issued_on=dt.date(2024, 3, 1), title="Kế hoạch năm 2024")
    t = {
        # Earlier deadlines than the real matches: a list by deadline would show them first.
        "noise1": make.task(
            lead=a["other"],
            document=other,
            title="Sở chủ trì tổ chức ký kết quy chế phối hợp",
            content="Các sở, ngành chủ động thực hiện; số liệu báo cáo gửi trước khi ký.",
            deadline=dt.date(2024, 4, 1),
        ),
        "noise2": make.task(
            lead=a["other"],
            document=other,
            title="Thực hiện theo văn bản số 4340/UBND-KSTT của UBND tỉnh",
            content="Chủ trì rà soát số liệu, ký báo cáo",
            deadline=dt.date(2024, 4, 2),
        ),
        "sign": make.task(
            lead=a["lead"],
            document=other,
            title="Triển khai chữ ký số trong xử lý văn bản",
            content="Cấp chứng thư chữ ký số chuyên dùng cho cán bộ.",
            deadline=dt.date(2024, 12, 1),
        ),
        "sign2": make.task(
            lead=a["coordinating"],
            document=other,
            title="Ứng dụng CHỮ KÝ SỐ cá nhân",
            deadline=dt.date(2024, 12, 2),
        ),
        "kstt1": make.task(
            lead=a["lead"], document=kstt, title="Rà soát quy trình nội bộ", deadline=dt.date(2024, 11, 1)
        ),
        "kstt2": make.task(
            lead=a["other"],
            document=kstt,
            title="Công khai thủ tục hành chính",
            deadline=dt.date(2024, 11, 2),
        ),
    }
    db.session.commit()
    return t


def listed(client, query: str) -> list[str]:
    page = client.get("/tasks/?" + query).get_data(as_text=True)
    return [
        html.unescape(re.sub(r"</?mark>", "", m)) for m in re.findall(r'class="fw-semibold">(.+?)</a>', page)
    ]


@pytest.mark.parametrize("query", ["chu ky so", "CHỮ KÝ SỐ", "chữ ký số"])
def test_chu_ky_so_finds_the_tasks_about_it_first(world, found, client, sign_in, query):
    sign_in(world.monitor)
    titles = listed(client, "q=" + query)
    assert set(titles[:2]) == {found["sign"].title, found["sign2"].title}


@pytest.mark.parametrize("query", ["4340", "4340/UBND-KSTT", "4340/ubnd-kstt", "UBND-KSTT 4340"])
def test_a_document_number_lists_its_tasks_first(world, found, client, sign_in, query):
    sign_in(world.monitor)
    titles = listed(client, "q=" + query.replace("/", "%2F"))
    assert set(titles[:2]) == {found["kstt1"].title, found["kstt2"].title}
    # The task that only mentions it comes after them, it is not left out.
    assert found["noise2"].title in titles[2:]


def test_a_symbol_with_a_dash_and_a_slash_finds_its_document(world, found, make, db, client, sign_in):
    task = make.task(lead=world.agencies["lead"], document=world.document, title="Sắp xếp tổ chức bộ máy")
    db.session.commit()
    sign_in(world.monitor)
    assert listed(client, "q=91-KL%2FTU")[0] == task.title


def test_the_words_found_are_highlighted(world, found, client, sign_in):
    sign_in(world.monitor)
    page = client.get("/tasks/?q=chu+ky+so").get_data(as_text=True)
    assert "Triển khai <mark>chữ</mark> <mark>ký</mark> <mark>số</mark> trong" in page
    # The content where the words are, with them marked, under the title.
    assert "chứng thư <mark>chữ</mark> <mark>ký</mark> <mark>số</mark> chuyên dùng" in page


def test_an_agency_name_finds_its_tasks(world, found, client, sign_in):
    sign_in(world.monitor)
    titles = listed(client, "q=so+tu+phap")
    assert titles[0] == found["sign2"].title


def test_a_task_edited_is_found_by_its_new_title(world, found, client, sign_in, db):
    sign_in(world.monitor)
    task = found["kstt1"]
    data = open_form(client, task) | {"title": "Số hóa hồ sơ đất đai"}
    assert client.post(f"/tasks/{task.id}/edit", data=data).status_code == 302
    assert listed(client, "q=so+hoa+ho+so+dat+dai") == ["Số hóa hồ sơ đất đai"]
    assert listed(client, "q=quy+trinh+noi+bo") == []


def test_a_renamed_agency_is_found_by_its_new_name(world, found, db):
    from tracker.agencies.operations import update_agency

    agency = world.agencies["coordinating"]
    update_agency(
        world.users["admin"],
        agency,
        code=agency.code,
        name="Sở Tư pháp và Pháp chế",
        kind=agency.kind,
        parent=agency.parent,
        emails="",
    )
    db.session.commit()
    assert search.terms("phap che") == ["phap", "che"]
    stmt = search.ranked(db.engine.dialect.name, "phap che")
    ids = {row.task_id for row in db.session.execute(stmt.select())}
    assert ids == {found["sign2"].id}


def test_a_focal_point_searches_only_what_it_may_see(world, found, client, sign_in):
    sign_in(world.users["lead"])
    titles = listed(client, "q=4340")
    assert found["kstt1"].title in titles
    assert found["kstt2"].title not in titles and found["noise2"].title not in titles


def test_the_api_q_is_ranked_too(world, found, client, db):
    from tracker.api.tokens import create_token

    _, token = create_token(None, world.monitor, name="Thử", scope="read", days=30)
    db.session.commit()
    got = client.get("/api/v1/tasks?q=chu+ky+so", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert {t["title"] for t in got["items"][:2]} == {found["sign"].title, found["sign2"].title}


def test_an_unfinished_last_word_still_finds(world, found, client, sign_in):
    sign_in(world.monitor)
    assert set(listed(client, "q=chu+ky+s")[:2]) == {found["sign"].title, found["sign2"].title}


def test_folding_is_the_projects_own():
    assert search.words("Đổi mới, Hòa/Hoà 4340/UBND-KSTT") == [
        "doi",
        "moi",
        "hoa",
        "hoa",
        "4340",
        "ubnd",
        "kstt",
    ]
    assert str(search.highlight("Đường <b>", "duong")) == "<mark>Đường</mark> &lt;b&gt;"
