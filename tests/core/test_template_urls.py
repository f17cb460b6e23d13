"""The templates' url_for keeps the menu's and the static files' addresses per script root: an
application mounted under a prefix (behind a proxy) links under it, the same process at the root
links at the root."""


def test_the_menu_and_static_addresses_follow_the_script_root(client, auth, make, db):
    make.user("monitor", email="goc@test.vn")
    db.session.commit()
    auth.login("goc@test.vn")
    at_root = client.get("/tasks/").get_data(as_text=True)
    mounted = client.get("/tasks/", base_url="http://localhost/theodoi").get_data(as_text=True)
    assert 'href="/documents/"' in at_root and 'href="/static/app.css"' in at_root
    assert 'href="/theodoi/documents/"' in mounted and 'href="/theodoi/static/app.css"' in mounted
    assert 'href="/documents/"' not in mounted
    again = client.get("/tasks/").get_data(as_text=True)
    assert 'href="/documents/"' in again and "/theodoi/" not in again
