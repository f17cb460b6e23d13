"""The letterhead of the reports that go out: an admin sets it (Quản trị → Thể thức văn bản báo cáo),
every change is audited, bad input changes nothing, nobody else may touch it."""

import pytest
from sqlalchemy import select

from tracker.audit.models import AuditEntry, Setting
from tracker.core.errors import PermissionDenied
from tracker.letterhead import operations, settings
from tracker.seed.loader import letterheads

URL = "/admin/letterhead/"


def _form(values: dict) -> dict:
    return {k: "\n".join(v) if isinstance(v, list) else v for k, v in values.items()}


def test_until_an_admin_fills_it_in_the_report_shows_blanks_not_another_province(app, db):
    head = settings.load()
    assert head.is_placeholder and "……" in head.issuing_body and head.place == "……"


def test_an_admin_sets_khanh_hoa_then_binh_dinh_and_each_change_is_audited(app, db, make, client, auth):
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    page = client.get(URL).get_data(as_text=True)
    assert "Thể thức văn bản báo cáo" in page and "Chưa nhập thể thức của tỉnh" in page

    response = client.post(URL, data=_form(letterheads()["KH"]))
    assert response.status_code == 302
    db.session.expire_all()
    head = settings.load()
    assert head.issuing_lines == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    assert head.place == "Khánh Hòa" and head.symbol_suffix == "BC-UBND"
    assert head.signer_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert head.recipients[0] == "Như trên;" and head.recipients[-1] == "Lưu: VT, PT, HL."
    page = client.get(URL).get_data(as_text=True)
    assert "TỈNH KHÁNH HÒA" in page and "Nguyễn Tấn Tuân" in page and "Chưa nhập thể thức" not in page

    client.post(URL, data=_form(letterheads()["BD"]))
    db.session.expire_all()
    assert settings.load().issuing_lines == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH"]
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "letterhead.settings").order_by(AuditEntry.id)
    ).all()
    assert [e.actor_id for e in entries] == [admin.id, admin.id]
    assert entries[-1].details["changes"]["place"] == ["Khánh Hòa", "Bình Định"]
    assert entries[-1].details["changes"]["signer_name"] == ["Nguyễn Tấn Tuân", "Lâm Hải Giang"]
    assert "symbol_suffix" not in entries[-1].details["changes"]  # unchanged fields are not listed


def test_bad_input_gets_a_message_and_changes_nothing(app, db, make, client, auth):
    admin = make.user("admin", agency=None)
    operations.update_letterhead(admin, letterheads()["KH"])
    db.session.commit()
    auth.login(admin)
    before = db.session.scalar(select(Setting).where(Setting.key == settings.SETTING_KEY)).value
    cases = {
        "issuing_body": ("", "Hãy nhập «Tên cơ quan ban hành»."),
        "symbol_suffix": ("BC/UBND;", "Ký hiệu báo cáo gồm chữ in hoa"),
        "place": ("x" * 41, "dài tối đa 40 ký tự"),
        "signer_position": ("A\nB\nC\nD\nE", "có tối đa 4 dòng"),
    }
    for field, (value, message) in cases.items():
        values = _form(letterheads()["KH"]) | {field: value}
        response = client.post(URL, data=values)
        page = response.get_data(as_text=True)
        assert response.status_code == 422 and message in page, field
        assert 'class="invalid-feedback">' in page
    db.session.expire_all()
    assert db.session.scalar(select(Setting).where(Setting.key == settings.SETTING_KEY)).value == before
    audited = select(AuditEntry).where(AuditEntry.action == "letterhead.settings")
    assert len(db.session.scalars(audited).all()) == 1  # the setting-up, none for the refused ones


def test_typed_dashes_and_a_lowercase_symbol_are_tidied(app, db, make):
    admin = make.user("admin", agency=None)
    head = operations.update_letterhead(
        admin,
        _form(letterheads()["KH"]) | {"recipients": "- Như trên;\n\n  - Lưu: VT.", "symbol_suffix": "bc-snv"},
    )
    assert head.recipients == ["Như trên;", "Lưu: VT."] and head.symbol_suffix == "BC-SNV"


def test_only_an_admin_may_see_or_change_it(app, db, make, client, auth):
    monitor = make.monitor()
    leader = make.user("leader", agency=None)
    focal = make.user("focal")
    db.session.commit()
    for user in (monitor, leader, focal):
        auth.login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, data=_form(letterheads()["BD"])).status_code == 403
        auth.logout()
    db.session.expire_all()
    assert db.session.get(Setting, settings.SETTING_KEY) is None
    with pytest.raises(PermissionDenied):
        operations.update_letterhead(monitor, letterheads()["BD"])


def test_a_department_issues_its_report_under_its_parents_name(app, db, make):
    import datetime as dt

    from tracker.reports import export_docx, periods
    from tracker.reports.narrative import Issue
    from tracker.reports.queries import ReportFilter, build_report

    admin = make.user("admin", agency=None)
    values = _form(letterheads()["KH"]) | {
        "parent_body": "UBND TỈNH KHÁNH HÒA",
        "issuing_body": "SỞ NỘI VỤ",
        "full_name": "Sở Nội vụ tỉnh Khánh Hòa",
        "short_name": "Sở Nội vụ",
        "symbol_suffix": "BC-SNV",
        "signer_position": "GIÁM ĐỐC",
    }
    head = operations.update_letterhead(admin, values)
    report = build_report(None, ReportFilter(as_of=dt.date(2024, 9, 14), period=periods.official("q3", 2024)))
    doc = export_docx.document(report, head, Issue(number="12", issued_on=dt.date(2024, 1, 5)))
    issuer = doc.tables[0].cell(0, 0)
    lines = [p for p in issuer.paragraphs if p.text]
    assert [p.text for p in lines] == ["UBND TỈNH KHÁNH HÒA", "SỞ NỘI VỤ"]
    assert not lines[0].runs[0].bold and lines[1].runs[0].bold  # the parent above, the issuer in bold
    assert doc.tables[0].cell(1, 0).text == "Số: 12/BC-SNV"
    assert doc.tables[0].cell(1, 1).text == "Khánh Hòa, ngày 05 tháng 01 năm 2024"  # Nghị định 30's zeros
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("Sở Nội vụ tỉnh Khánh Hòa (viết tắt là Sở Nội vụ) báo cáo") for t in texts)
    assert "Trong Quý III/2024, Sở Nội vụ không nhận được nhiệm vụ nào được giao." in texts  # none yet
