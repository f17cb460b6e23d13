"""Admins manage agencies and users; the CLI creates accounts without prompting."""

from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.users.models import User


def test_an_admin_adds_an_agency_under_a_parent(client, auth, make, db):
    admin = make.user("admin", agency=None)
    parent = make.agency("HUYEN", "UBND huyện Thử", kind="district")
    db.session.commit()
    auth.login(admin)
    response = client.post(
        "/admin/agencies/new",
        data={
            "code": "xa-1",
            "name": "UBND xã Một",
            "kind": "commune",
            "parent_id": parent.id,
            "emails": "xa1@test.vn; bad-address",
            "aliases": "",
            "is_active": "y",
        },
    )
    assert "không hợp lệ" in response.get_data(as_text=True)
    assert db.session.scalar(select(Agency).where(Agency.code == "XA-1")) is None
    response = client.post(
        "/admin/agencies/new",
        data={
            "code": "xa-1",
            "name": "UBND xã Một",
            "kind": "commune",
            "parent_id": parent.id,
            "emails": "xa1@test.vn",
            "aliases": "",
            "is_active": "y",
        },
    )
    assert response.status_code == 302
    agency = db.session.scalar(select(Agency).where(Agency.code == "XA-1"))
    assert agency.parent_id == parent.id and agency.path.startswith(parent.path)


def test_an_admin_creates_a_focal_point_who_can_then_log_in(client, auth, make, db, app):
    admin = make.user("admin", agency=None)
    agency = make.agency("STC", "Sở Tài chính")
    db.session.commit()
    auth.login(admin)
    response = client.post(
        "/admin/users/new",
        data={
            "email": "dm@stc.vn",
            "full_name": "Đầu mối",
            "role": "focal",
            "agency_id": agency.id,
            "active": "y",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Mật khẩu ban đầu" in page
    password = page.split("chỉ hiện một lần): ")[1].split("<")[0].strip()
    other = app.test_client()
    assert other.post("/login", data={"email": "dm@stc.vn", "password": password}).status_code == 302


def test_a_focal_point_needs_an_agency(client, auth, make, db):
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    response = client.post("/admin/users/new", data={"email": "x@test.vn", "role": "focal", "agency_id": 0})
    assert "Đầu mối phải thuộc một cơ quan." in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "x@test.vn")) is None


def test_create_user_command_prints_a_generated_password(runner, make, db):
    make.agency("SNV", "Sở Nội vụ")
    db.session.commit()
    result = runner.invoke(args=["create-user", "moi@test.vn", "--role", "focal", "--agency", "snv"])
    assert result.exit_code == 0, result.output
    assert "Mật khẩu:" in result.output
    result = runner.invoke(args=["create-user", "moi@test.vn", "--role", "focal", "--agency", "snv"])
    assert result.exit_code != 0 and "đã có tài khoản" in result.output
    result = runner.invoke(args=["create-user", "b@test.vn", "--role", "focal", "--agency", "KHONGCO"])
    assert result.exit_code != 0 and "Không có cơ quan" in result.output
