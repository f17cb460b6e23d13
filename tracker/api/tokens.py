"""Personal access tokens: create, revoke, authenticate, and the per-token rate limit.

A token is `trk_` + 32 random bytes (URL-safe base64); only its SHA-256 is stored, so a leaked
database does not leak usable tokens. A token works while it is neither revoked nor expired and
its user is active; its rights are the user's rights at the moment of each request.

Rate limit: a fixed window kept in the token's own row (`rate_window`, `rate_count`), advanced by
one atomic UPDATE … RETURNING per request. It lives in the database, not in memory, because the
app runs several gunicorn workers (and maybe several servers): a per-process counter would grant
each worker the full quota. A fixed window is crude at its edges (up to twice the limit across a
boundary) but needs one row update and no extra table; that is enough to stop a runaway script.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, select, update

from tracker.api.models import TOKEN_SCOPES, ApiToken
from tracker.audit import log as audit
from tracker.core import boundary
from tracker.core.errors import DomainError, PermissionDenied
from tracker.core.hashing import hash_secret
from tracker.db import db, utcnow

# A public marker of the token format (lets scanners spot leaked tokens), not a secret.
TOKEN_PREFIX = "trk_"  # noqa: S105  # nosec B105
DEFAULT_DAYS = 90
MAX_DAYS = 366
DEFAULT_RATE_LIMIT = 600  # requests per window
DEFAULT_RATE_WINDOW = 60  # seconds


def create_token(
    actor, user, *, name: str, scope: str = "read", days: int | None = DEFAULT_DAYS
) -> tuple[ApiToken, str]:
    """Create a token for `user` (by the user themself, or by the command line when actor is None).
    Returns the row and the token, which is never shown again."""
    if actor is not None and actor.id != user.id:
        raise PermissionDenied(_("Chỉ chủ tài khoản mới tạo được khóa truy cập của mình."))
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Hãy đặt tên cho khóa truy cập (ví dụ: «Phần mềm quản lý văn bản»)."), field="name"
        )
    if len(name) > 120:
        raise DomainError(_("Tên khóa truy cập dài quá 120 ký tự."), field="name")
    if scope not in TOKEN_SCOPES:
        raise DomainError(_("Phạm vi phải là «read» (chỉ đọc) hoặc «write» (đọc và ghi)."), field="scope")
    if days is not None and not 1 <= int(days) <= MAX_DAYS:
        raise DomainError(_("Thời hạn của khóa phải từ 1 đến %(most)s ngày.", most=MAX_DAYS), field="days")
    if not user.active:
        raise DomainError(_("Tài khoản đã bị khóa."), field="email")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=hash_secret(raw),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        scope=scope,
        created_at=now,
        expires_at=now + dt.timedelta(days=int(days)) if days else None,
    )
    db.session.add(token)
    db.session.flush()
    audit.record("api.token_create", token, actor=actor or user, name=name, scope=scope, user=user.email)
    return token, raw


def revoke_token(actor, token: ApiToken) -> None:
    """Revoke one of the actor's own tokens (admins may revoke anyone's)."""
    if actor.id != token.user_id and not actor.is_admin:
        raise PermissionDenied(_("Bạn không thể thu hồi khóa truy cập của người khác."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api.token_revoke", token, actor=actor, name=token.name)


def find_token(raw: str) -> ApiToken | None:
    """The usable token for this raw value, or None (unknown, revoked, expired, user deactivated)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(raw)))
    if token is None or not token.is_usable() or token.user is None or not token.user.active:
        return None
    return token


def rate_limit() -> tuple[int, int]:
    config = current_app.config
    return (
        int(config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)),
        int(config.get("API_RATE_WINDOW", DEFAULT_RATE_WINDOW)),
    )


def count_request(token: ApiToken) -> tuple[bool, int, int]:
    """Count one request in the token's current window, committed apart (a refused or rolled back
    request still counts). Returns (allowed, remaining, seconds until the window resets)."""
    limit, window = rate_limit()
    now = time.time()
    current = int(now // window)
    count = 0  # the database failed: the request meets the same failure just after
    with boundary.apart("an API token's rate count stands whatever becomes of the request"):
        count = db.session.execute(
            update(ApiToken)
            .where(ApiToken.id == token.id)
            .values(
                rate_count=case((ApiToken.rate_window == current, ApiToken.rate_count + 1), else_=1),
                rate_window=current,
                last_used_at=utcnow(),
            )
            .returning(ApiToken.rate_count)
            .execution_options(synchronize_session=False)
        ).scalar_one()
    reset = int((current + 1) * window - now) + 1
    return count <= limit, max(0, limit - count), reset
