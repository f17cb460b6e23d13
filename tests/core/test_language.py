"""Vietnamese by default, English on request: the menu and the login page follow the choice."""


def test_the_interface_is_vietnamese_by_default_and_english_on_request(client, auth, make, db):
    make.user("monitor", email="ngonngu@test.vn")
    db.session.commit()
    login_page = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in login_page and 'lang="vi"' in login_page
    auth.login("ngonngu@test.vn")
    page = client.get("/").get_data(as_text=True)
    assert "Tổng quan" in page and "Overview" not in page
    client.post("/lang/en", data={"next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert "Overview" in page and 'lang="en"' in page
    assert "Log out" in page
    client.post("/lang/vi", data={"next": "/"})
    assert "Tổng quan" in client.get("/").get_data(as_text=True)
