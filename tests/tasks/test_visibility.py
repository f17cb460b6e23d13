"""A focal point sees its own agency's tasks (and those of agencies below it), never another's."""


def _setup(make, db):
    province = make.agency("TINH", "Tỉnh", kind="external")
    finance = make.agency("STC", "Sở Tài chính", parent=province)
    justice = make.agency("STP", "Sở Tư pháp", parent=province)
    district = make.agency("NT", "UBND thành phố Nha Trang", kind="district", parent=province)
    commune = make.agency("NT-LH", "UBND phường Lộc Thọ", kind="commune", parent=district)
    doc = make.document("1/KH-UBND")
    own = make.task(lead=finance, document=doc, title="Nhiệm vụ của Sở Tài chính")
    other = make.task(
        lead=justice, document=make.document("2/KH-UBND"), title="Nhiệm vụ riêng của Sở Tư pháp"
    )
    coordinated = make.task(
        lead=justice, document=doc, coordinating=[finance], title="Tư pháp chủ trì, Tài chính phối hợp"
    )
    below = make.task(lead=commune, document=doc, title="Nhiệm vụ của phường")
    users = {
        "finance": make.user("focal", agency=finance),
        "justice": make.user("focal", agency=justice),
        "district": make.user("focal", agency=district),
        "leader": make.user("leader", agency=None),
    }
    db.session.commit()
    return users, {"own": own, "other": other, "coordinated": coordinated, "below": below}


def test_a_focal_point_cannot_open_another_agencys_task_or_document(client, auth, make, db):
    users, tasks = _setup(make, db)
    auth.login(users["finance"])
    assert client.get(f"/tasks/{tasks['own'].id}").status_code == 200
    assert client.get(f"/tasks/{tasks['coordinated'].id}").status_code == 200
    assert client.get(f"/tasks/{tasks['other'].id}").status_code == 404
    assert client.get(f"/documents/{tasks['other'].document_id}").status_code == 404
    assert client.get(f"/documents/{tasks['own'].document_id}").status_code == 200


def test_the_task_list_shows_only_the_agencys_tasks(client, auth, make, db):
    users, tasks = _setup(make, db)
    auth.login(users["finance"])
    page = client.get("/tasks/").get_data(as_text=True)
    assert "Nhiệm vụ của Sở Tài chính" in page
    assert "Tư pháp chủ trì, Tài chính phối hợp" in page
    assert "Nhiệm vụ riêng của Sở Tư pháp" not in page
    assert "Nhiệm vụ của phường" not in page
    # A filter naming another agency does not widen what is visible.
    page = client.get(f"/tasks/?lead={tasks['other'].lead_agency_id}").get_data(as_text=True)
    assert "Nhiệm vụ riêng của Sở Tư pháp" not in page


def test_a_district_sees_the_tasks_of_its_communes(client, auth, make, db):
    users, tasks = _setup(make, db)
    auth.login(users["district"])
    assert client.get(f"/tasks/{tasks['below'].id}").status_code == 200
    assert client.get(f"/tasks/{tasks['own'].id}").status_code == 404


def test_a_document_page_shows_a_focal_point_only_its_tasks(client, auth, make, db):
    users, tasks = _setup(make, db)
    auth.login(users["finance"])
    page = client.get(f"/documents/{tasks['own'].document_id}").get_data(as_text=True)
    assert "Nhiệm vụ của Sở Tài chính" in page
    assert "Nhiệm vụ của phường" not in page


def test_leaders_see_everything_but_admin_pages_are_closed_to_them(client, auth, make, db):
    users, tasks = _setup(make, db)
    auth.login(users["leader"])
    for t in tasks.values():
        assert client.get(f"/tasks/{t.id}").status_code == 200
    assert client.get("/admin/users/").status_code == 403
    assert client.get("/admin/agencies/new").status_code == 403


def test_focal_points_cannot_reach_admin_pages(client, auth, make, db):
    users, _ = _setup(make, db)
    auth.login(users["finance"])
    for url in ("/admin/users/", "/admin/agencies/", "/admin/agencies/new", "/admin/users/new"):
        assert client.get(url).status_code == 403, url


def test_search_ignores_vietnamese_diacritics(client, auth, make, db):
    province = make.agency("T", "Tỉnh", kind="external")
    lead = make.agency("SNV", "Sở Nội vụ", parent=province)
    make.task(lead=lead, title="Đẩy mạnh cải cách thủ tục hành chính")
    make.task(lead=lead, title="Tuyển dụng công chức")
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/tasks/?q=cai+cach").get_data(as_text=True)
    assert "Đẩy mạnh cải cách thủ tục hành chính" in page
    assert "Tuyển dụng công chức" not in page
    page = client.get("/tasks/?q=cải cách thủ tục").get_data(as_text=True)
    assert "Đẩy mạnh cải cách thủ tục hành chính" in page
