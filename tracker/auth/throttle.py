"""Login throttling, stored in the database so it holds across every worker and process.

Failed logins are counted over a sliding window (15 minutes by default) three ways:

- per account and address: 5 failures lock that account *for that address* — the usual case of a
  user who forgot a password, or one attacker guessing one account; the real user on another
  machine is not locked out by it;
- per account, from any address: 20 failures lock the account everywhere — a guess spread over
  many addresses; one address alone cannot reach it (it is stopped at 5 for that account);
- per address, any account: 20 failures lock the address — one machine trying many accounts.

A lock lasts until enough failures leave the window, i.e. at most the window's length after the
failure that caused it. Attempts refused while locked are not counted (so they do not extend the
lock) and the password is not even checked. The counters key on the address as typed, whether
or not an account has it, so neither the messages nor the lock tell which accounts exist.
A successful login clears that account's failures from that address.

Password-reset requests (kind "reset") are limited per address the same way.
Limits are read from the configuration (LOGIN_THROTTLE_*), with these defaults.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from tracker.auth.models import LoginAttempt
from tracker.db import db, utcnow

DEFAULTS = {
    "LOGIN_THROTTLE_WINDOW_MINUTES": 15,
    "LOGIN_THROTTLE_PER_ACCOUNT_ADDRESS": 5,
    "LOGIN_THROTTLE_PER_ACCOUNT": 20,
    "LOGIN_THROTTLE_PER_ADDRESS": 20,
    "LOGIN_THROTTLE_RESETS_PER_ADDRESS": 10,
}


@dataclass(frozen=True)
class Lock:
    scope: str  # "account_address", "account", "address"
    until: dt.datetime

    @property
    def minutes(self) -> int:
        return max(1, math.ceil((self.until - utcnow()).total_seconds() / 60))

    @property
    def message(self) -> str:
        return _(
            "Tạm khóa đăng nhập do nhập sai nhiều lần. "
            "Vui lòng thử lại sau %(minutes)s phút hoặc dùng chức năng «Quên mật khẩu?».",
            minutes=self.minutes,
        )


def _setting(key: str) -> int:
    return int(current_app.config.get(key, DEFAULTS[key]))


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=_setting("LOGIN_THROTTLE_WINDOW_MINUTES"))


def normalise(email: str | None) -> str:
    return (email or "").strip().lower()[:255]


def _lock_for(scope: str, limit: int, *conditions) -> Lock | None:
    """Locked while `limit` or more attempts lie in the window: until the limit-th newest leaves it."""
    since = utcnow() - _window()
    times = db.session.scalars(
        select(LoginAttempt.at)
        .where(LoginAttempt.at > since, *conditions)
        .order_by(LoginAttempt.at.desc())
        .limit(limit)
    ).all()
    if len(times) < limit:
        return None
    return Lock(scope, times[limit - 1] + _window())


def check(email: str, ip: str, kind: str = "login") -> Lock | None:
    """The lock in force for this account and address, the longest if several, or None."""
    email, ip = normalise(email), ip or ""
    is_kind = LoginAttempt.kind == kind
    if kind == "reset":
        candidates = [
            _lock_for(
                "address", _setting("LOGIN_THROTTLE_RESETS_PER_ADDRESS"), is_kind, LoginAttempt.ip == ip
            )
        ]
    else:
        candidates = [
            _lock_for(
                "account_address",
                _setting("LOGIN_THROTTLE_PER_ACCOUNT_ADDRESS"),
                is_kind,
                LoginAttempt.email == email,
                LoginAttempt.ip == ip,
            ),
            _lock_for(
                "account", _setting("LOGIN_THROTTLE_PER_ACCOUNT"), is_kind, LoginAttempt.email == email
            ),
            _lock_for("address", _setting("LOGIN_THROTTLE_PER_ADDRESS"), is_kind, LoginAttempt.ip == ip),
        ]
    locks = [lock for lock in candidates if lock is not None]
    return max(locks, key=lambda lock: lock.until) if locks else None


def record(email: str, ip: str, kind: str = "login") -> Lock | None:
    """Count a failed login (or a reset request); returns the lock it brings about, if any.
    Rows that left the window are pruned here, so the table stays small."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - 2 * _window()))
    db.session.add(LoginAttempt(kind=kind, email=normalise(email), ip=ip or ""))
    db.session.flush()
    return check(email, ip, kind)


def clear(email: str, ip: str) -> None:
    """A successful login forgets that account's failures from that address."""
    db.session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.kind == "login",
            LoginAttempt.email == normalise(email),
            LoginAttempt.ip == (ip or ""),
        )
    )


# ---------------------------------------------------------------- anonymous pages

# The public pages (/cong-khai/) answer anyone: each address may ask for at most
# PUBLIC_RATE_PER_MINUTE pages a minute in each web process. Counted in memory, not in the database:
# a visitor's request must write nothing, and one process refusing is enough to slow a scraper.
_PUBLIC_HITS: dict[str, list[float]] = {}
_PUBLIC_MAX_ADDRESSES = 10_000


def public_rate_exceeded(ip: str, now: float | None = None) -> int:
    """Count one anonymous request from `ip`; the seconds to wait when it is over the limit, else 0."""
    import time

    limit = int(current_app.config.get("PUBLIC_RATE_PER_MINUTE", 120))
    if limit <= 0:
        return 0
    now = time.monotonic() if now is None else now
    if len(_PUBLIC_HITS) > _PUBLIC_MAX_ADDRESSES:
        _PUBLIC_HITS.clear()
    hits = [t for t in _PUBLIC_HITS.get(ip or "", []) if now - t < 60.0]
    if len(hits) >= limit:
        _PUBLIC_HITS[ip or ""] = hits
        return max(1, math.ceil(60.0 - (now - hits[0])))
    hits.append(now)
    _PUBLIC_HITS[ip or ""] = hits
    return 0
