"""Reading a programme into a reviewed task tree, created in one step; and its command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import docx
import pytest
from sqlalchemy import func, select

from tracker.documents.models import Document
from tracker.reader import proposal as P
from tracker.reader import seedcheck
from tracker.reader.sources import document_text
from tracker.tasks.models import Task

TEXT = """\
ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

Số: 45/KH-UBND

Khánh Hòa, ngày 10 tháng 1 năm 2024

KẾ HOẠCH
Cải cách hành chính năm 2024

I. MỤC TIÊU, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân.

II. NHIỆM VỤ
1. Cải cách thể chế
a) Sở Tư pháp chủ trì, phối hợp các Sở: Nội vụ, Tài chính rà soát văn bản quy phạm pháp luật; hoàn thành trước ngày 30/9/2024.
b) Sở Nội vụ:
- Xây dựng kế hoạch kiểm tra công vụ, trong Quý I năm 2024.
- Tổng hợp báo cáo định kỳ hằng quý.
c) Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:
- Rà soát thủ tục hành chính thuộc thẩm quyền.
d) Sở Du lịch tổ chức tuyên truyền.

III. KINH PHÍ
Kinh phí từ ngân sách tỉnh.
"""


@pytest.fixture
def monitor(province, make, db):
    user = make.monitor()
    make.agency("NT2", "Ủy ban nhân dân thị xã Ninh Hòa", kind="district", parent=province["root"])
    db.session.commit()
    return user


def _read(client, text=TEXT, **extra):
    response = client.post("/imports/programme", data={"text": text, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _form(page: str) -> dict:
    """The review form's current values, as the browser would post them."""
    data: dict = {}
    for tag in re.finditer(r"<input[^>]*>", page):
        t = tag.group(0)
        name = re.search(r'name="([^"]+)"', t)
        if not name:
            continue
        value = re.search(r'value="([^"]*)"', t)
        kind = re.search(r'type="([^"]+)"', t)
        if kind and kind.group(1) == "checkbox" and "checked" not in t:
            continue
        data.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for sel in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', sel.group(2))
        data[sel.group(1)] = [chosen.group(1) if chosen else ""]
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[area.group(1)] = [area.group(2)]
    data.pop("csrf_token", None)
    return {
        k: [v.replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'") for v in vs]
        for k, vs in data.items()
    }


def _uid(page: str, code: str) -> str:
    for chunk in page.split('role="listitem" id="')[1:]:
        first = re.search(r'<span class="ri-code">([^<]*)</span>', chunk)
        if first and first.group(1) == code:
            return chunk.split('"', 1)[0]
    raise AssertionError(f"no item {code} on the page")


def test_the_review_proposes_the_tree_with_leads_deadlines_and_greyed_parts(client, auth, monitor):
    auth.login(monitor)
    page = client.get(_read(client)).get_data(as_text=True)
    assert 'value="45/KH-UBND"' in page and 'value="10/01/2024"' in page
    assert re.search(r'<option value="KH" selected>Tỉnh Khánh Hòa', page)
    assert "(không phải nhiệm vụ)" in page  # I. MỤC TIÊU and III. KINH PHÍ, left out
    assert "30/09/2024" in page and "Văn bản ghi: «hoàn thành trước ngày 30/9/2024»" in page
    assert "Sở Tư pháp" in page and "Chưa có cơ quan chủ trì" in page  # d) names an unknown agency
    assert "<strong>Sở Du lịch</strong> — chưa có trong danh mục." in page  # with what to do about it
    assert db_count(Task) == 0  # nothing written while reviewing


def db_count(model):
    from tracker.db import db

    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_monitor_fixes_the_proposal_and_creates_the_document_and_all_tasks_in_one_step(
    client, auth, monitor, province, db, freeze
):
    freeze(dt.date(2024, 2, 1))
    auth.login(monitor)
    url = _read(client)
    page = client.get(url).get_data(as_text=True)
    # Creating as proposed is refused: item d) has no lead; every problem is listed.
    form = _form(page)
    response = client.post(url, data={**form, "action": "create"})
    assert response.status_code == 422 and "chưa có cơ quan chủ trì" in response.get_data(as_text=True)
    assert db_count(Task) == 0
    # Fix d): give it to Sở Nội vụ; leave Ninh Hòa out of the fan-out of c.1; take in III.1 as a task.
    d, c1, funding = _uid(page, "II.1.d"), _uid(page, "II.1.c.1"), _uid(page, "III")
    form[f"{d}-lead-add"] = ["SNV"]
    form[f"{c1}-member"] = [m for m in form[f"{c1}-member"] if m != "NT2"]
    form[f"{funding}-include"] = ["1"]
    response = client.post(url, data={**form, "action": "save"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Kinh phí từ ngân sách tỉnh" in page and "Chưa có cơ quan chủ trì" in page  # taken in: now a task
    form = _form(page)
    form[f"{funding}-lead-add"] = ["STC"]
    client.post(url, data={**form, "action": "save"})
    page = client.get(url).get_data(as_text=True)
    form = _form(page)
    response = client.post(url, data={**form, "action": "create"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    document = db.session.scalar(select(Document))
    assert (document.symbol, document.issued_on, document.province.code) == (
        "45/KH-UBND",
        dt.date(2024, 1, 10),
        "KH",
    )
    tasks = db.session.scalars(select(Task).where(Task.is_section.is_(False))).all()
    by_code: dict[str, list[Task]] = {}
    for t in tasks:
        by_code.setdefault(t.code, []).append(t)
    assert [t.lead_agency.code for t in by_code["II.1.a"]] == ["STP"]
    assert sorted(a.code for a in by_code["II.1.a"][0].coordinating_agencies) == ["SNV", "STC"]
    assert by_code["II.1.a"][0].deadline == dt.date(2024, 9, 30)
    assert (
        by_code["II.1.b.1"][0].deadline == dt.date(2024, 3, 31)
        and by_code["II.1.b.1"][0].lead_agency.code == "SNV"
    )
    assert by_code["II.1.b.2"][0].deadline_kind == "periodic" and by_code["II.1.b.2"][0].period == "quarterly"
    # c.1: every department and district of the province, less the one unticked.
    assert sorted(t.lead_agency.code for t in by_code["II.1.c.1"]) == ["NT", "SNV", "STC", "STP", "SXD"]
    assert [t.lead_agency.code for t in by_code["II.1.d"]] == ["SNV"]
    assert [t.lead_agency.code for t in by_code["III"]] == ["STC"]  # the part taken in
    sections = {t.code for t in db.session.scalars(select(Task).where(Task.is_section.is_(True)))}
    assert sections == {"II", "II.1", "II.1.b", "II.1.c"}
    assert by_code["II.1.b.1"][0].parent.code == "II.1.b"


def test_split_and_merge_on_the_review_screen(client, auth, monitor):
    auth.login(monitor)
    text = "II. NHIỆM VỤ\n1. Sở Nội vụ: rà soát biên chế.\nTổ chức thi tuyển công chức.\n2. Sở Tư pháp kiểm tra văn bản.\n"
    url = _read(client, text)
    page = client.get(url).get_data(as_text=True)
    one = _uid(page, "II.1")
    client.post(url, data={**_form(page), "action": f"split:{one}"})
    page = client.get(url).get_data(as_text=True)
    assert "II.1-2" in page and "Tổ chức thi tuyển công chức." in page
    two = _uid(page, "II.2")
    client.post(url, data={**_form(page), "action": f"merge:{two}"})
    page = client.get(url).get_data(as_text=True)
    assert '<span class="ri-code">II.2</span>' not in page.replace("II.2\n", "")


def test_a_docx_upload_keeps_words_automatic_numbering(client, auth, monitor):
    document = docx.Document()
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph(
        "Sở Nội vụ chủ trì kiểm tra công vụ, hoàn thành trước ngày 30/6/2024.", style="List Number"
    )
    document.add_paragraph("Sở Tư pháp rà soát văn bản.", style="List Number")
    document.add_paragraph("Gửi báo cáo hằng quý.", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    text = document_text("kehoach.docx", out.getvalue())
    assert "1. Sở Nội vụ chủ trì" in text and "2. Sở Tư pháp" in text and "- Gửi báo cáo" in text
    auth.login(monitor)
    response = client.post(
        "/imports/programme",
        data={"text": "", "file": (io.BytesIO(out.getvalue()), "kh.docx")},
        content_type="multipart/form-data",
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "30/06/2024" in page


def test_a_bad_programme_file_is_refused_with_the_pasted_text_kept(client, auth, monitor):
    auth.login(monitor)
    response = client.post(
        "/imports/programme",
        data={"text": "II. NHIỆM VỤ", "file": (io.BytesIO(b"%PDF-1.4"), "a.pdf")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "không phải tệp PDF đọc được" in page
    assert "II. NHIỆM VỤ</textarea>" in page


def test_a_focal_point_cannot_read_programmes_nor_open_a_review(client, auth, monitor, province, make, db):
    auth.login(monitor)
    url = _read(client)
    auth.logout()
    focal = make.user("focal", agency=province["STC"])
    db.session.commit()
    auth.login(focal)
    assert client.get("/imports/programme").status_code == 403
    assert client.get(url).status_code == 403


# ── the command line ────────────────────────────────────────────────────────────────────
def test_the_cli_prints_the_proposed_tree_as_json(runner, province, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(args=["import", "programme", str(path), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    nodes = json.loads(result.stdout)
    assert [n["ref"] for n in nodes] == ["I", "II", "III"]
    a = nodes[1]["children"][0]["children"][0]
    assert set(a) == {
        "ref",
        "text",
        "is_task",
        "lead",
        "coordinating",
        "deadline",
        "deadline_kind",
        "period",
        "deadline_phrase",
        "children",
    }
    assert a["ref"] == "II.1.a" and a["lead"] == [{"name": "Sở Tư pháp", "agency": "STP"}]
    assert a["coordinating"] == [
        {"name": "Sở Nội vụ", "agency": "SNV"},
        {"name": "Sở Tài chính", "agency": "STC"},
    ]
    assert (a["deadline"], a["deadline_kind"], a["deadline_phrase"]) == (
        "2024-09-30",
        "date",
        "hoàn thành trước ngày 30/9/2024",
    )
    c = nodes[1]["children"][0]["children"][2]
    assert [m["agency"] for m in c["lead"]] == [None, None] and c["is_task"] is False
    assert c["children"][0]["lead"] == c["lead"]  # bullets under a heading naming agencies carry them


def test_the_cli_creates_the_document_with_its_tasks(runner, province, db, tmp_path, freeze):
    freeze(dt.date(2024, 2, 1))
    path = tmp_path / "kh.md"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(
        args=["import", "programme", str(path), "--document", "45/KH-UBND", "--format", "text"]
    )
    assert result.exit_code == 0, result.output
    assert "Bỏ qua 1 mục chưa rõ cơ quan chủ trì: II.1.d" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Document.symbol)) == "45/KH-UBND"
    assert (
        db.session.scalar(select(func.count()).where(Task.is_section.is_(False), Task.series_id.is_(None)))
        == 1 + 2 + 5
    )


@pytest.mark.skipif(
    seedcheck.source_text("001") is None, reason="the seed texts are not beside the repository"
)
def test_the_91_kl_tu_programme_reviewed_creates_the_seeds_tasks(client, auth, db, freeze):
    """The seed's 91-KL/TU, read from its text and reviewed as the corrections file says, gives
    the seed's tree (checked item by item in test_seed_reader) and its tasks."""
    from tracker.seed.loader import load_agencies

    freeze(dt.date(2022, 12, 1))
    load_agencies()
    from tests.conftest import Factory

    monitor = Factory(db).monitor()
    db.session.commit()
    auth.login(monitor)
    data = seedcheck.load(seedcheck.SEED_DIR / "documents" / "001_91-KL-TU.yaml")
    corrections = seedcheck.load(seedcheck.SEED_DIR / "corrections" / "001_91-KL-TU.yaml")
    header, items = seedcheck.corrected(data, seedcheck.source_text("001"), corrections, seedcheck.registry())
    from tracker.reader import operations as ops

    header["issued_on"] = header["issued_on"].isoformat()
    _document, count = ops.create_programme(monitor, header, items)
    db.session.commit()
    assert count == 864  # the seed's own count of lead-agency tasks on 30/11/2022
    assert len([i for i, _ in P.walk(items) if i["include"] and i["task"]]) == 67


def test_the_reading_and_review_pages_in_english(client, auth, monitor, db):
    """In English the reader's pages say everything in English but what the document itself says
    (its passages, the titles read from it, the agencies' names)."""
    from html import unescape

    from tests.core.test_translations import OWN_NAMES, VIETNAMESE, _data_strings, _visible

    auth.login(monitor)
    client.post("/lang/en", data={"next": "/"})
    source = " ".join(TEXT.split()).lower()
    data = _data_strings(db)

    def left(html: str) -> list[str]:
        out = []
        for text in _visible(html):
            if text in OWN_NAMES:
                continue
            for item in sorted(data, key=len, reverse=True):
                text = text.replace(item, " ")
            for piece in re.split(r"[·—:;()«»,]|\s-\s", text):
                piece = " ".join(piece.split()).strip(" .…")
                if VIETNAMESE.search(piece) and piece.lower() not in source:
                    out.append(piece)
        return out

    upload = client.get("/imports/programme").get_data(as_text=True)
    assert 'lang="en"' in upload and not left(upload), left(upload)
    page = unescape(client.get(_read(client)).get_data(as_text=True))
    assert "Review the task tree" in page and "(not a task)" in page
    assert "No lead agency yet" in page
    assert not left(page), left(page)
