"""Look-alike agency names: one stored form of a name (agencies.names.clean_name), and no two
agencies whose names differ only in case, diacritics, spaces or invisible characters — on the page,
on rename, in the agencies import; a tasks import naming a name two agencies share gets a row error
instead of one of them picked silently."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import csv_bytes, row
from tracker.agencies.models import Agency
from tracker.agencies.names import clean_name, name_key
from tracker.agencies.operations import create_agency
from tracker.core.errors import DomainError

NFD = unicodedata.normalize("NFD", "Sở Tư pháp")
LOOK_ALIKES = [
    NFD,
    "Sở Tư pháp ",
    "Sở Tư\u200b pháp",
    "Sở  Tư pháp",
    "\u200bSở Tư pháp\u00a0",
    "SỞ TƯ PHÁP",
    "So Tu Phap",
]


def test_clean_name_gives_one_stored_form():
    for written in LOOK_ALIKES[:5]:
        assert clean_name(written) == "Sở Tư pháp", repr(written)
    assert clean_name("\u200b\u200b\u200b") == ""
    assert clean_name("\u202eSở\u200d Nội\tvụ") == "Sở Nội vụ"
    assert len({name_key(w) for w in LOOK_ALIKES}) == 1


def _new_agency(client, code, name):
    return client.post(
        "/admin/agencies/new",
        data={"code": code, "name": name, "kind": "department", "parent_id": 0, "emails": "", "aliases": ""},
    )


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Agency))


@pytest.mark.parametrize("written", LOOK_ALIKES)
def test_the_page_refuses_a_look_alike_of_an_existing_name(client, auth, make, db, written):
    admin = make.user("admin", agency=None)
    stp = make.agency("STP", "Sở Tư pháp")
    db.session.commit()
    auth.login(admin)
    before = _count(db)
    response = _new_agency(client, "STP2", written)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "trùng với cơ quan đã có «Sở Tư pháp» (mã STP)" in page
    assert _count(db) == before
    assert stp.name == "Sở Tư pháp"


def test_a_name_of_invisible_characters_only_is_empty(client, auth, make, db):
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    response = _new_agency(client, "ZW", "\u200b\u200b")
    assert response.status_code == 422
    assert "Tên cơ quan không được để trống." in response.get_data(as_text=True)
    with pytest.raises(DomainError, match="không được để trống"):
        create_agency(admin, code="ZW", name="\u200b\ufeff\u00ad")


def test_a_new_name_is_stored_clean(make, db):
    admin = make.user("admin", agency=None)
    agency = create_agency(admin, code="SNV", name=unicodedata.normalize("NFD", " Sở  Nội\u200b vụ "))
    assert agency.name == "Sở Nội vụ"


def test_a_rename_to_a_look_alike_of_another_agency_is_refused(client, auth, make, db):
    admin = make.user("admin", agency=None)
    make.agency("STP", "Sở Tư pháp")
    snv = make.agency("SNV", "Sở Nội vụ")
    db.session.commit()
    auth.login(admin)
    response = client.post(f"/admin/agencies/{snv.id}/rename", data={"name": NFD + " ", "code": ""})
    assert response.status_code == 422
    assert "trùng với cơ quan đã có «Sở Tư pháp» (mã STP)" in response.get_data(as_text=True)
    db.session.expire_all()
    assert snv.name == "Sở Nội vụ"
    # Its own name in other letters is a rename, stored clean.
    response = client.post(f"/admin/agencies/{snv.id}/rename", data={"name": "Sở Nội Vụ\u200b", "code": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert snv.name == "Sở Nội Vụ"


def test_the_agencies_import_refuses_a_look_alike_as_a_row_error(runner, make, db, tmp_path):
    make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    make.agency("STP", "Sở Tư pháp")
    db.session.commit()
    path = tmp_path / "cq.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["STP2", "Sở Tư\u200b pháp", "sở", "KH", ""],
                ["A1", "Sở A", "sở", "KH", ""],
                ["A2", "SỞ A ", "sở", "KH", ""],
            ],
            headers=["code", "name", "kind", "parent", "emails"],
        )
    )
    result = runner.invoke(args=["import", "agencies", str(path)])
    assert result.exit_code != 0
    assert "trùng với cơ quan đã có «Sở Tư pháp» (mã STP)" in result.output
    assert "Tên «SỞ A» trùng với dòng 3." in result.output
    assert db.session.scalar(select(Agency).where(Agency.code == "A1")) is None


def test_a_tasks_import_reports_a_name_two_agencies_share_as_a_row_error(runner, make, db, tmp_path):
    """Two agencies stored before the check with the same name (NFD and NFC): the import names
    both and asks for the code, instead of taking one."""
    root = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    make.agency("STP", "Sở Tư pháp", parent=root)
    legacy = Agency(code="STP2", name=NFD, kind="department", parent=root)  # stored before the check
    db.session.add(legacy)
    db.session.flush()
    legacy.refresh_path()
    make.agency("STC", "Sở Tài chính", parent=root)
    make.monitor()
    db.session.commit()
    path = tmp_path / "nv.csv"
    path.write_bytes(
        csv_bytes([row(lead="Sở Tư pháp"), row(code="2", lead="STC", coordinating="Sở Tư pháp ")])
    )
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code != 0
    assert "Dòng 2, cột «Cơ quan chủ trì»: Tên «Sở Tư pháp» trùng với nhiều cơ quan" in result.output
    assert "(mã STP)" in result.output and "(mã STP2)" in result.output
    assert "Dòng 3, cột «Cơ quan phối hợp»" in result.output
    # The code picks one without doubt.
    path.write_bytes(csv_bytes([row(lead="STP2")]))
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code == 0, result.output
