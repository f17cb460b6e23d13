"""Response headers, the audit of refusals, and clear pages when the database fails.

Registered by create_app (register_security). Everything here works through after_request and
error handlers — no before_request hook — so it also covers routes added later by any blueprint.
"""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from tracker.core import boundary, signals
from tracker.core.text import N_
from tracker.db import db

logger = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

DATABASE_DOWN_TITLE = N_("Cơ sở dữ liệu tạm thời không truy cập được")
DATABASE_DOWN = N_(
    "Hệ thống không đọc hoặc ghi được cơ sở dữ liệu (đang bận hoặc mất kết nối). "
    "Thao tác của bạn chưa được lưu; hãy thử lại sau ít phút. Nếu lỗi kéo dài, hãy báo quản trị viên."
)


def add_headers(app: Flask, response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if app.config.get("TRACKER_HTTPS"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and request.endpoint.startswith("auth."):
        # Login and password pages (and reset links) are never kept in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def audit_refusal(status: int, **details) -> None:
    """Record a refusal (403, or a 404 that hides an object) once per request. A refused request
    writes nothing, so whatever it had changed is rolled back and the entry is committed apart."""
    if g.get("_refusal_audited"):
        return
    g._refusal_audited = True
    try:
        user = current_user._get_current_object() if current_user.is_authenticated else None
    except OperationalError:
        return
    with boundary.apart("the audit entry of a refused request"):
        signals.noted.send(
            "access.denied",
            actor=user,
            status=status,
            path=request.path[:200],
            method=request.method,
            **details,
        )


def _anonymous_for_this_request(app: Flask) -> None:
    """After a database failure, render the error page as for a visitor (no second user query)."""
    g._login_user = app.login_manager.anonymous_user()


def database_unavailable(app: Flask, error: OperationalError):
    db.session.rollback()
    logger.error("Database unavailable on %s %s: %s", request.method, request.path, error.orig)
    _anonymous_for_this_request(app)
    if request.path.startswith("/api/"):
        return {"error": {"code": "503", "message": DATABASE_DOWN}}, 503
    return render_template(
        "errors.html", code=503, title=_(DATABASE_DOWN_TITLE), message=_(DATABASE_DOWN)
    ), 503


def stale_data(error: StaleDataError):
    """A lost race found outside a view (at the boundary's commit): the same clear 409."""
    db.session.rollback()
    if request.path.startswith("/api/"):
        return {"error": {"code": "conflict", "message": boundary.STALE_MESSAGE}}, 409
    return render_template(
        "errors.html", code=409, title=_("Dữ liệu vừa thay đổi"), message=_(boundary.STALE_MESSAGE)
    ), 409


def csrf_failed(error: CSRFError):
    """A form posted without a valid token (an old page, or a cross-site forgery): refused, logged."""
    try:
        user = current_user._get_current_object() if current_user.is_authenticated else None
    except OperationalError:
        user = None
    with boundary.apart("the audit entry of a form refused for its CSRF token"):
        signals.noted.send(
            "security.csrf_failed", actor=user, path=request.path[:200], reason=error.description
        )
    message = N_("Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi thực hiện lại.")
    if request.path.startswith("/api/"):
        return {"error": {"code": "400", "message": message}}, 400
    return render_template("errors.html", code=400, title=_("Yêu cầu không hợp lệ"), message=_(message)), 400


def sqlite_busy_timeout(app: Flask) -> None:
    """SQLITE_BUSY_TIMEOUT_MS (tests lower it) overrides the 15 s set on every SQLite connection."""
    timeout = app.config.get("SQLITE_BUSY_TIMEOUT_MS")
    if timeout is None or not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _busy(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
        cursor.close()


def trust_proxies(app: Flask) -> None:
    """Behind TRACKER_PROXIES reverse proxies, take the client's address (and scheme) from their
    X-Forwarded-* headers; otherwise every user would share the proxy's address in the audit log
    and in the per-address login throttle. Headers are ignored when no proxy is configured."""
    proxies = int(app.config.get("TRACKER_PROXIES") or 0)
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)


def refuse_nul_bytes() -> None:
    """A NUL character is in no text a person types, and PostgreSQL cannot store or compare one: a
    request carrying it in its query or form is refused before any view reads it."""
    from flask import abort, request

    if request.path.startswith("/api/"):
        return  # the API validates every parameter and body itself (422 naming the field)
    if "\x00" in request.query_string.decode("latin-1") or b"%00" in request.query_string:
        abort(400)
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        if any("\x00" in value for values in request.form.listvalues() for value in values):
            abort(400)


def init_app(app: Flask) -> None:
    trust_proxies(app)
    app.before_request(refuse_nul_bytes)
    app.after_request(lambda response: add_headers(app, response))
    app.register_error_handler(OperationalError, lambda e: database_unavailable(app, e))
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(StaleDataError, stale_data)
    sqlite_busy_timeout(app)
