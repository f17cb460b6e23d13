"""The document page reads well: a directive fanned out to many agencies is one collapsible line with
its per-agency rows inside, counts per status add up, and the tree can be filtered by lead agency."""

import datetime as dt

from tracker.tasks import operations
from tracker.tasks.tree import TreeFilter, build_tree, totals


def _programme(make, db, freeze):
    freeze(dt.date(2024, 9, 18))
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    departments = [make.agency(f"S{i}", f"Sở thử {i}", parent=kh) for i in range(1, 5)]
    district = make.agency("NT", "UBND thành phố Nha Trang", kind="district", parent=kh)
    commune = make.agency("NT-LT", "UBND phường Lộc Thọ", kind="commune", parent=district)
    monitor = make.monitor()
    doc = make.document("91-KL/TU", issued_on=dt.date(2024, 1, 10), province=kh)
    top = operations.create_section(monitor, doc, code="III", title="Nhiệm vụ, giải pháp cụ thể")
    sub = operations.create_section(monitor, doc, code="III.2", title="Cải cách thể chế", parent=top)
    copies = operations.fan_out(
        monitor,
        doc,
        [*departments, district],
        title="Rà soát văn bản quy phạm pháp luật",
        code="III.2.a.4",
        parent=sub,
        deadline_kind="date",
        deadline=dt.date(2024, 6, 30),
        position=1,
    )
    single = operations.create_task(
        monitor,
        doc,
        title="Tham mưu cơ chế đặc thù",
        lead_agency=departments[0],
        code="III.2.b",
        parent=sub,
        deadline_kind="ongoing",
        position=2,
    )
    below = operations.create_task(
        monitor,
        doc,
        title="Nhiệm vụ của phường",
        lead_agency=commune,
        code="III.2.c",
        parent=sub,
        deadline_kind="ongoing",
        position=3,
    )
    focal = make.user("focal", agency=departments[0])
    on = dt.date(2024, 5, 2)
    operations.report_completion(focal, copies[0], completed_on=on, on=on)
    operations.confirm_completion(monitor, copies[0], on=on)
    operations.post_progress(make.user("focal", agency=departments[1]), copies[1], text="Đang rà soát", on=on)
    db.session.commit()
    return dict(
        doc=doc,
        copies=copies,
        single=single,
        below=below,
        departments=departments,
        district=district,
        monitor=monitor,
        focal=focal,
    )


def test_a_fan_out_is_one_line_with_its_agencies_inside_and_counts_that_add_up(
    client, auth, make, db, freeze
):
    w = _programme(make, db, freeze)
    auth.login(w["monitor"])
    page = client.get(f"/documents/{w['doc'].id}").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert tree.count("Rà soát văn bản quy phạm pháp luật") == 1  # one line for the five copies
    assert "Các sở, ban, ngành (4), UBND cấp huyện (1)</strong> — 5 cơ quan" in tree
    assert "1 hoàn thành" in tree and "4 quá hạn" in tree
    for copy in w["copies"]:
        assert f'/tasks/{copy.id}"' in tree  # each agency's own task is one row inside
    # Summary: 7 tasks = 1 done + 4 overdue + 2 not started, and the chips add up.
    assert '<span class="fs-4 fw-semibold">7</span> nhiệm vụ' in page
    assert "Đã hoàn thành <strong>1</strong>" in page and "Quá hạn <strong>4</strong>" in page
    assert "Chưa thực hiện <strong>2</strong>" in page


def test_the_tree_filters_by_lead_agency_including_the_agencies_below_it(client, auth, make, db, freeze):
    w = _programme(make, db, freeze)
    auth.login(w["monitor"])
    page = client.get(f"/documents/{w['doc'].id}?lead={w['district'].id}").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert f'/tasks/{w["copies"][4].id}"' in tree and f'/tasks/{w["below"].id}"' in tree
    assert f'/tasks/{w["copies"][0].id}"' not in tree and "Tham mưu cơ chế đặc thù" not in tree
    assert "Đang lọc: <strong>2</strong> nhiệm vụ do UBND thành phố Nha Trang" in page
    page = client.get(f"/documents/{w['doc'].id}?status=done").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert f'/tasks/{w["copies"][0].id}"' in tree and f'/tasks/{w["copies"][1].id}"' not in tree
    page = client.get(f"/documents/{w['doc'].id}?lead={w['district'].id}&status=done").get_data(as_text=True)
    assert "Không có nhiệm vụ nào phù hợp bộ lọc." in page


def test_a_focal_point_sees_only_its_own_copy_of_a_fan_out(client, auth, make, db, freeze):
    w = _programme(make, db, freeze)
    auth.login(w["focal"])
    page = client.get(f"/documents/{w['doc'].id}").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert f'/tasks/{w["copies"][0].id}"' in tree and f'/tasks/{w["single"].id}"' in tree
    for copy in w["copies"][1:]:
        assert f'/tasks/{copy.id}"' not in tree
    assert "Sở thử 2" not in page  # nor in the filter's agency list
    assert '<span class="fs-4 fw-semibold">2</span> nhiệm vụ' in page


def test_counts_of_every_node_add_up_to_the_documents_totals(make, db, freeze):
    w = _programme(make, db, freeze)
    from sqlalchemy import select

    from tracker.tasks.models import Task

    tasks = db.session.scalars(select(Task).where(Task.document_id == w["doc"].id)).all()
    on = dt.date(2024, 9, 18)
    tree = build_tree(tasks, TreeFilter(), on)
    assert [n.kind for n in tree] == ["section"]
    [section] = tree[0].children
    assert [n.kind for n in section.children] == ["group", "task", "task"]
    assert sum(n.total for n in tree) == sum(totals(tasks, on).values()) == 7
    assert section.children[0].counts == {"done": 1, "overdue": 4}
    assert section.children[0].counts_text == "1 hoàn thành, 4 quá hạn"


def test_after_a_merge_a_group_counts_agencies_and_tasks_apart(client, auth, make, db, freeze):
    from tracker.reorganisation.operations import merge_agency

    w = _programme(make, db, freeze)
    merge_agency(None, w["departments"][3], w["departments"][0], on=dt.date(2024, 9, 1))
    db.session.commit()
    auth.login(w["monitor"])
    page = client.get(f"/documents/{w['doc'].id}").get_data(as_text=True)
    assert "— 4 cơ quan, 5 nhiệm vụ:" in page
    assert "(trước đây: Sở thử 4)" in page
    # Filtered to the successor alone, its two copies are plain rows, not a "group" of one agency.
    page = client.get(f"/documents/{w['doc'].id}?lead={w['departments'][0].id}").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert "tree-group" not in tree and tree.count("Rà soát văn bản quy phạm pháp luật") == 2
