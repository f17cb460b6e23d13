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


def test_a_forced_language_is_followed_by_the_templates_and_the_row_helpers(app):
    """tracker.core.i18n finds the translations by the locale in force: a text written in another
    language inside a request (an e-mail to an English reader) is in that language, and the page
    around it stays in its own."""
    from flask import render_template_string
    from flask_babel import force_locale

    from tracker.core import i18n
    from tracker.core.dates import fmt_number

    template = "{{ _('Đăng xuất') }} {{ pgettext('one', 'Nhiệm vụ') }}"
    with app.test_request_context("/"):
        vietnamese = render_template_string(template)
        assert vietnamese.startswith("Đăng xuất") and i18n.gettext("Đăng xuất") == "Đăng xuất"
        assert fmt_number(29000) == "29.000"
        with force_locale("en"):
            assert render_template_string(template).startswith("Log out")
            assert i18n.gettext("Đăng xuất") == "Log out" and fmt_number(29000) == "29,000"
        assert render_template_string(template) == vietnamese and fmt_number(29000) == "29.000"
