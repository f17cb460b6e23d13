"""Password hashing with Argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

_hasher = PasswordHasher()

MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    if not stored_hash:
        # Spend the same time as a real check so timing does not tell which accounts exist.
        _hasher.hash(password or "x")
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """A Vietnamese reason the password is refused, or None."""
    if len(password or "") < MIN_LENGTH:
        return _("Mật khẩu phải có ít nhất %(MIN_LENGTH)s ký tự.", MIN_LENGTH=MIN_LENGTH)
    from tracker.users.common_passwords import is_common

    if is_common(password):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.")
    return None
