"""A lead the tracker does not have: shown as written, mapped to an agency or created in one
click, remembered as an alias so the next document is read with it; the passage beside each item."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.agencies.operations import add_alias
from tracker.audit.models import AuditEntry
from tracker.core.errors import DomainError, PermissionDenied
from tracker.imports.jobs import Job
from tracker.reader import proposal as P

from .test_programme_import import _form, _read, _uid

TEXT = """\
ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

Số: 45/KH-UBND

Khánh Hòa, ngày 10 tháng 1 năm 2024

KẾ HOẠCH
Phát triển du lịch năm 2024

I. NHIỆM VỤ
1. Sở Văn hoá và Thể thao chủ trì tổ chức tuần lễ văn hóa biển; hoàn thành trong Quý III năm 2024.
2. Sở Văn hoá và Thể thao phối hợp Sở Tài chính bố trí kinh phí quảng bá.
3. Sở Tư pháp rà soát văn bản quy phạm pháp luật về du lịch.
"""


@pytest.fixture
def culture(province, make, db):
    agency = make.agency("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", parent=province["root"])
    db.session.commit()
    return agency


def _review(client, text=TEXT):
    url = _read(client, text)
    return url, client.get(url).get_data(as_text=True)


def test_the_review_shows_each_items_passage_and_the_unknown_lead_as_written_with_candidates(
    client, auth, province, culture, make
):
    auth.login(make.monitor())
    _url, page = _review(client)
    one = _uid(page, "I.1")
    item = page.split(f'id="{one}"', 1)[1].split('role="listitem"', 1)[0]
    # The passage the item was read from, and the name as the document writes it.
    assert "tổ chức tuần lễ văn hóa biển; hoàn thành trong Quý III năm 2024." in item
    assert 'class="ri-passage' in item
    assert "<strong>Sở Văn hoá và Thể thao</strong> — chưa có trong danh mục." in item
    # One click to map it to the closest agency, its similarity shown.
    button = item.split(f'value="map:{one}:0:SVHTTDL"', 1)[1].split("</button>", 1)[0]
    assert "Sở Văn hóa, Thể thao và Du lịch" in button and "giống" in button and "%" in button


def test_mapping_an_unknown_lead_gives_it_to_every_item_and_the_next_document_reads_it(
    client, auth, province, culture, make, db
):
    monitor = make.monitor()
    auth.login(monitor)
    url, page = _review(client)
    one, two = _uid(page, "I.1"), _uid(page, "I.2")
    response = client.post(url, data={**_form(page), "action": f"map:{one}:0:SVHTTDL"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    # Both items that wrote the name now have the agency as lead; nothing left to map.
    for uid in (one, two):
        item = page.split(f'id="{uid}"', 1)[1].split('role="listitem"', 1)[0]
        assert f'name="{uid}-lead" value="SVHTTDL"' in item and "chưa có trong danh mục" not in item
    db.session.expire_all()
    agency = db.session.scalar(select(Agency).where(Agency.code == "SVHTTDL"))
    assert agency.alias_list == ["Sở Văn hoá và Thể thao"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.alias"))
    assert entry is not None and entry.actor_id == monitor.id
    # The next document naming it is read with the agency at once.
    _url, page = _review(client, TEXT.replace("45/KH-UBND", "46/KH-UBND"))
    one = _uid(page, "I.1")
    item = page.split(f'id="{one}"', 1)[1].split('role="listitem"', 1)[0]
    assert f'name="{one}-lead" value="SVHTTDL"' in item and "chưa có trong danh mục" not in item


def test_an_admin_creates_the_unknown_agency_in_the_province_with_the_written_name_remembered(
    client, auth, province, make, db
):
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    url, page = _review(client)
    one = _uid(page, "I.1")
    form = _form(page)
    assert form[f"{one}-new0-name"] == ["Sở Văn hoá và Thể thao"] and form[f"{one}-new0-kind"] == [
        "department"
    ]
    form[f"{one}-new0-name"] = ["Sở Văn hóa, Thể thao và Du lịch"]  # the admin gives the full name
    form[f"{one}-new0-code"] = ["SVHTTDL"]
    response = client.post(url, data={**form, "action": f"new-agency:{one}:0"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    agency = db.session.scalar(select(Agency).where(Agency.code == "SVHTTDL"))
    assert agency.name == "Sở Văn hóa, Thể thao và Du lịch" and agency.parent_id == province["root"].id
    assert agency.kind == "department" and agency.alias_list == ["Sở Văn hoá và Thể thao"]
    page = client.get(url).get_data(as_text=True)
    assert f'name="{_uid(page, "I.2")}-lead" value="SVHTTDL"' in page


def test_a_monitor_may_map_but_not_create_and_a_refused_mapping_changes_nothing(
    client, auth, province, culture, make, db
):
    auth.login(make.monitor())
    url, page = _review(client)
    one = _uid(page, "I.1")
    assert f'value="new-agency:{one}:0"' not in page and "chỉ quản trị viên tạo được" in page
    response = client.post(url, data={**_form(page), "action": f"new-agency:{one}:0"})
    assert response.status_code == 422 and "Chỉ quản trị viên" in response.get_data(as_text=True)
    assert db.session.scalar(select(Agency).where(Agency.name == "Sở Văn hoá và Thể thao")) is None
    # A name that already means another agency is not taken as an alias of this one.
    form = _form(page)
    form[f"{one}-map0"] = ["STP"]
    response = client.post(url, data={**form, "action": f"map:{one}:0:*"})
    assert response.status_code == 302  # "Sở Văn hoá và Thể thao" means nobody yet: mapped to STP
    db.session.expire_all()
    assert db.session.get(Agency, province["STP"].id).alias_list == ["Sở Văn hoá và Thể thao"]
    with pytest.raises(DomainError, match="đã là tên của Sở Tư pháp"):
        add_alias(make.monitor(), culture, "Sở Văn hoá và Thể thao")
    assert db.session.get(Agency, culture.id).alias_list == []


def test_a_focal_point_cannot_remember_an_alias_nor_reach_the_review(
    client, auth, province, culture, make, db
):
    focal = make.user("focal", agency=province["STC"])
    db.session.commit()
    with pytest.raises(PermissionDenied):
        add_alias(focal, culture, "Sở Du lịch")
    assert db.session.get(Agency, culture.id).alias_list == []
    auth.login(make.monitor())
    url, page = _review(client)
    one = _uid(page, "I.1")
    auth.logout()
    auth.login(focal)
    assert client.post(url, data={"action": f"map:{one}:0:SVHTTDL"}).status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(Agency, culture.id).alias_list == []


def test_a_request_and_the_readers_passage_span_are_shown(client, auth, province, make, app):
    """The reader marks "Đề nghị X…" items as requests and gives each item's span in the text."""
    auth.login(make.monitor())
    url, page = _review(client)
    three = _uid(page, "I.3")
    assert "Đề nghị</span>" not in page
    with app.app_context():
        job = Job.find(url.rstrip("/").rsplit("/", 1)[1])
        data = job.preview()
        text = job.source().decode("utf-8")
        start = text.index("3. Sở Tư pháp")
        for item, _depth in P.walk(data["items"]):
            if item["uid"] == three:
                item["request"] = True
                item["source"] = [start, start + len("3. Sở Tư pháp rà soát văn bản")]
        job.save_preview(data)
    page = client.get(url).get_data(as_text=True)
    item = page.split(f'id="{three}"', 1)[1].split('role="listitem"', 1)[0]
    assert "Đề nghị</span>" in item
    passage = item.split('class="ri-passage', 1)[1].split("</blockquote>", 1)[0]
    assert passage.endswith(">3. Sở Tư pháp rà soát văn bản")
