"""The agencies page (a hundred rows and more) and the documents list find what is typed, whatever
its case and diacritics (core.text.matches: the project's one folding)."""

import datetime as dt
import re


def _names(page: str) -> list[str]:
    return [n.strip() for n in re.findall(r'<span class="tree-indent-\d"></span>([^<\n]+)', page)]


def test_the_agencies_page_finds_an_agency_by_name_code_or_alias(client, auth, make, db):
    admin = make.user("admin", agency=None)
    district = make.agency("DK", "UBND huyện Diên Khánh", kind="district")
    make.agency("DK-DA", "UBND xã Diên An", kind="commune", parent=district)
    make.agency("STC", "Sở Tài chính")
    make.agency("SKHDT", "Sở Kế hoạch và Đầu tư")
    db.session.commit()
    auth.login(admin)
    page = client.get("/admin/agencies/?q=so+tai+chinh").get_data(as_text=True)
    assert _names(page) == ["Sở Tài chính"] and 'value="so tai chinh"' in page
    assert _names(client.get("/admin/agencies/?q=skhdt").get_data(as_text=True)) == ["Sở Kế hoạch và Đầu tư"]
    found = client.get("/admin/agencies/?q=DIÊN").get_data(as_text=True)
    assert _names(found) == ["UBND huyện Diên Khánh", "UBND xã Diên An"]
    assert "thuộc UBND huyện Diên Khánh" in found
    assert _names(client.get("/admin/agencies/?q=dien&kind=commune").get_data(as_text=True)) == [
        "UBND xã Diên An"
    ]
    assert "Không có cơ quan, đơn vị nào phù hợp." in client.get("/admin/agencies/?q=zzz").get_data(
        as_text=True
    )
    # Without a search, the whole tree as before.
    assert len(_names(client.get("/admin/agencies/").get_data(as_text=True))) == 4


def test_the_documents_list_finds_a_document_by_number_or_words(client, auth, make, db):
    monitor = make.monitor()
    make.document("4340/UBND-KSTT", title="Về việc đẩy mạnh chữ ký số", issued_on=dt.date(2024, 3, 1))
    make.document("91-KL/TU", title="Kết luận về cải cách hành chính", issued_on=dt.date(2024, 3, 2))
    db.session.commit()
    auth.login(monitor)
    page = client.get("/documents/?q=chu+ky+so").get_data(as_text=True)
    assert "4340/UBND-KSTT" in page and "91-KL/TU" not in page
    page = client.get("/documents/?q=91-kl").get_data(as_text=True)
    assert "91-KL/TU" in page and "4340/UBND-KSTT" not in page
