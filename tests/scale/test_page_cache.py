"""The task list and the home page are rendered once for the users who see the same tasks, and
reused while nothing they show changes (tracker.core.memo: the write path moves the data version). Reuse must never show one agency's tasks
to another, an old status after a change, yesterday's overdue list, or another user's CSRF token."""

import datetime as dt
import re

from sqlalchemy import update

from tests.scale.test_statement_counts import statements
from tracker.agencies.operations import update_agency
from tracker.core import memo
from tracker.tasks import operations
from tracker.tasks.models import Task


def _rows(page: str) -> list[str]:
    return re.findall(r'class="fw-semibold">([^<]+)</a>', page)


def _row_classes(page: str) -> list[tuple[str, str]]:
    """(status, colour) of each row of the list."""
    return re.findall(r'<tr class="row-(\w+) tc-(\w+)"', page)


def _world(make, db):
    root = make.agency("TINH", "UBND tỉnh", kind="external")
    stc = make.agency("STC", "Sở Tài chính", parent=root)
    syt = make.agency("SYT", "Sở Y tế", parent=root)
    users = {
        "stc": make.user("focal", agency=stc, email="stc@test.vn", name="Đầu mối thứ nhất"),
        "stc2": make.user("focal", agency=stc, email="stc2@test.vn", name="Đầu mối thứ hai"),
        "syt": make.user("focal", agency=syt, email="syt@test.vn"),
        "monitor": make.monitor(),
        "monitor2": make.user("monitor", agency=None, email="monitor2@test.vn"),
    }
    # Assigned on the day of their document (a task is never assigned before its document).
    document = make.document(issued_on=dt.date(2024, 1, 2))
    tasks = {
        "stc": make.task(
            lead=stc,
            document=document,
            title="Việc của Sở Tài chính",
            deadline=dt.date(2024, 9, 30),
            assigned_on=dt.date(2024, 1, 2),
        ),
        "syt": make.task(
            lead=syt,
            document=document,
            title="Việc của Sở Y tế",
            deadline=dt.date(2024, 9, 30),
            assigned_on=dt.date(2024, 1, 2),
        ),
    }
    db.session.commit()
    return {"agencies": {"stc": stc, "syt": syt}, "users": users, "tasks": tasks}


def test_focal_points_of_two_agencies_never_share_a_rendered_list_or_home_page(
    client, auth, make, db, freeze
):
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    auth.login(w["users"]["stc"])
    assert _rows(client.get("/tasks/").get_data(as_text=True)) == ["Việc của Sở Tài chính"]
    assert "Nhiệm vụ của Sở Tài chính" in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login(w["users"]["syt"])
    assert _rows(client.get("/tasks/").get_data(as_text=True)) == ["Việc của Sở Y tế"]
    home = client.get("/").get_data(as_text=True)
    assert "Nhiệm vụ của Sở Y tế" in home and "Sở Tài chính" not in home


def test_two_focal_points_of_one_agency_share_the_rendered_list(client, auth, make, db, freeze):
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    auth.login(w["users"]["stc"])
    with statements(db.engine) as rendered:
        first = client.get("/tasks/").get_data(as_text=True)
    auth.logout()
    auth.login(w["users"]["stc2"])
    with statements(db.engine) as reused:
        second = client.get("/tasks/").get_data(as_text=True)
    assert _rows(second) == _rows(first) == ["Việc của Sở Tài chính"]
    assert len(reused) < len(rendered)  # the body was not queried again
    assert "Đầu mối thứ hai" in second and "Đầu mối thứ nhất" not in second  # the header is the user's own


def test_the_list_and_home_page_follow_a_change_at_once(client, auth, make, db, freeze):
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    auth.login(w["users"]["monitor"])
    page = client.get(f"/tasks/?lead={w['agencies']['stc'].id}").get_data(as_text=True)
    assert _row_classes(page) == [("new", "new")]
    client.get("/")
    operations.post_progress(
        w["users"]["stc"], w["tasks"]["stc"], text="Đã triển khai", percent=30, on=dt.date(2024, 7, 1)
    )
    db.session.commit()
    page = client.get(f"/tasks/?lead={w['agencies']['stc'].id}").get_data(as_text=True)
    assert _row_classes(page) == [("in_progress", "in_progress")] and "30\u00a0%" in page
    # A change that writes no task event (an agency renamed) is seen at once too.
    update_agency(
        None,
        w["agencies"]["stc"],
        code="STC",
        name="Sở Tài chính tỉnh",
        kind="department",
        parent=w["agencies"]["stc"].parent,
        emails="",
    )
    db.session.commit()
    assert "Sở Tài chính tỉnh" in client.get(f"/tasks/?lead={w['agencies']['stc'].id}").get_data(as_text=True)


def test_a_change_with_neither_event_nor_audit_entry_is_seen_at_once(client, auth, make, db, freeze):
    """The version is moved by the write itself (tracker.core.memo), not by what else the change
    happens to write: an UPDATE statement and an ORM change with no event or audit entry count."""
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    auth.login(w["users"]["monitor"])
    assert "Việc của Sở Tài chính" in client.get("/tasks/").get_data(as_text=True)
    db.session.execute(update(Task).where(Task.id == w["tasks"]["stc"].id).values(title="Việc đã đổi tên"))
    db.session.commit()
    page = client.get("/tasks/").get_data(as_text=True)
    assert "Việc đã đổi tên" in page and "Việc của Sở Tài chính" not in page
    w["agencies"]["syt"].name = "Sở Y tế tỉnh"  # no operation, no audit entry
    db.session.commit()
    assert "Sở Y tế tỉnh" in client.get("/tasks/").get_data(as_text=True)


def test_logins_and_other_writes_leave_the_version_alone(client, auth, make, db, freeze):
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    before = memo.data_version()
    auth.login(w["users"]["monitor"])
    client.get("/tasks/")
    auth.logout()
    auth.login(w["users"]["stc"])
    assert memo.data_version() == before
    operations.post_progress(w["users"]["stc"], w["tasks"]["stc"], text="Tiến độ", percent=10)
    db.session.commit()
    assert memo.data_version() > before


def test_the_list_follows_the_date(client, auth, make, db, freeze):
    freeze(dt.date(2024, 9, 30))
    w = _world(make, db)
    auth.login(w["users"]["monitor"])
    assert {c for _s, c in _row_classes(client.get("/tasks/").get_data(as_text=True))} == {"due_soon"}
    freeze(dt.date(2024, 10, 1))
    assert {c for _s, c in _row_classes(client.get("/tasks/").get_data(as_text=True))} == {"overdue"}


def test_a_reused_list_carries_each_users_own_csrf_token(app_config, make, db):
    from tracker import create_app

    w = _world(make, db)
    user_ids = {name: w["users"][name].get_id() for name in ("monitor", "monitor2")}
    task_id = w["tasks"]["stc"].id
    app = create_app(app_config | {"WTF_CSRF_ENABLED": True})
    token_of = {}
    for name, user_id in user_ids.items():
        client = app.test_client()  # each request in its own application context, as in a web server
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        page = client.get("/tasks/").get_data(as_text=True)
        tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', page))
        assert len(tokens) == 1, "the bulk form and the menu's forms carry the same token"
        token_of[name] = tokens.pop()
        # The token in the list (rendered for the first monitor, reused for the second) is accepted.
        response = client.post(
            "/tasks/bulk",
            data={
                "csrf_token": token_of[name],
                "action": "remind",
                "scope": "selected",
                "task_ids": str(task_id),
            },
        )
        assert response.status_code == 200, name
        assert "Đôn đốc" in response.get_data(as_text=True)
    assert token_of["monitor"] != token_of["monitor2"]
    with app.app_context():
        from tracker.db import db as app_db

        app_db.engine.dispose()


def test_a_reused_list_costs_one_statement_and_a_focal_point_never_gets_the_monitors_body(
    client, auth, make, db, freeze
):
    """A reused page reads its user, the data version, the calendar's version and the bell's count in
    one statement (memo.read_with_user); the body a monitor rendered is never a focal point's."""
    freeze(dt.date(2024, 7, 1))
    w = _world(make, db)
    auth.login(w["users"]["monitor"])
    assert _rows(client.get("/tasks/").get_data(as_text=True)) == [
        "Việc của Sở Tài chính",
        "Việc của Sở Y tế",
    ]
    with statements(db.engine) as reused:
        again = client.get("/tasks/").get_data(as_text=True)
    assert _rows(again) == ["Việc của Sở Tài chính", "Việc của Sở Y tế"]
    assert len(reused) == 1 and "FROM users" in reused[0] and "data_versions" in reused[0]
    auth.logout()
    auth.login(w["users"]["syt"])
    assert _rows(client.get("/tasks/").get_data(as_text=True)) == ["Việc của Sở Y tế"]


def test_what_is_read_with_the_user_is_read_again_after_a_write(app, make, db):
    """The version noted at the start of a request holds only until the request writes: a page drawn
    after a change in the same request is never matched with a body stored before it."""
    from sqlalchemy import select

    from tracker.agencies.models import Agency
    from tracker.users.models import User

    user = make.monitor()
    make.agency()  # a watched change: the data has a version
    db.session.commit()
    row = db.session.execute(select(User, *memo.columns_with_user(User.id)).where(User.id == user.id)).one()
    memo.note_read_with_user(row)
    before = memo.noted("data_version")
    assert before == memo.data_version() and memo.noted("unread_notifications") == 0
    db.session.add(Agency(code="MOI", name="Cơ quan mới", kind="department"))
    db.session.flush()
    assert memo.noted("data_version") is None
    db.session.commit()
    assert memo.data_version() > before
    memo.note_read_with_user(row)
    db.session.execute(update(Task).where(Task.id == -1).values(title="x"))
    assert memo.noted("data_version") is None
