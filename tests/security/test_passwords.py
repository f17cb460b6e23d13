"""Password rules: at least 8 characters and not one of the common passwords shipped as data —
for a user's own change, a reset by e-mail, an admin-given password and the command line."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.core.errors import DomainError
from tracker.users.common_passwords import _load, is_common
from tracker.users.models import User
from tracker.users.passwords import password_problem, verify_password


def test_the_shipped_list_holds_thousands_of_common_passwords_and_the_local_ones():
    words = _load()
    assert len(words) >= 1000
    for word in ("password", "12345678", "qwertyuiop", "iloveyou", "matkhau123", "khanhhoa123", "sunshine"):
        assert is_common(word), word
    assert is_common("  PassWord1 ")  # case and spaces do not get around it
    assert not any(w.startswith("#") for w in words)


@pytest.mark.parametrize(
    "password", ["password", "12345678", "football", "baseball", "1qaz2wsx", "Matkhau123"]
)
def test_common_or_short_passwords_are_refused_with_a_reason(password):
    assert password_problem(password) is not None
    assert password_problem("ngắn") == "Mật khẩu phải có ít nhất 8 ký tự."


def test_an_unusual_long_password_is_accepted():
    assert password_problem("Cây-bàng-trước-sân-Sở-2026") is None


def test_an_admin_given_password_must_follow_the_rules(app, make, db):
    from tracker.users.operations import reset_password

    admin = make.user("admin", agency=None, email="admin@test.vn")
    user = make.user("monitor", email="m@test.vn")
    db.session.commit()
    with pytest.raises(DomainError, match="quá phổ biến"):
        reset_password(admin, user, "iloveyou1")
    db.session.rollback()
    generated = reset_password(admin, user)
    assert password_problem(generated) is None
    assert verify_password(user.password_hash, generated)


def test_the_command_line_refuses_a_common_password_and_accepts_a_good_one(app, runner, make, db):
    result = runner.invoke(
        args=["create-user", "cli@test.vn", "--role", "monitor", "--password", "password123"]
    )
    assert result.exit_code != 0
    assert "quá phổ biến" in result.output
    assert db.session.scalar(select(User).where(User.email == "cli@test.vn")) is None
    result = runner.invoke(
        args=["create-user", "cli@test.vn", "--role", "monitor", "--password", "Đường-Trần-Phú-Nha-Trang"]
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.email == "cli@test.vn")) is not None
