"""tracker: theo dõi nhiệm vụ — the duties a provincial People's Committee assigns to its agencies."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, has_request_context, render_template, request, session
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from tracker.config import load_config
from tracker.core.boundary import TrackerFlask
from tracker.extensions import babel, bootstrap, csrf, login_manager, migrate
from tracker.extensions import db as sqla  # not `db`: that name is the module tracker.db

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """The application factory: `config` overrides the TRACKER_* environment (tests pass one)."""
    app = TrackerFlask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    instance = Path(app.instance_path)
    if config and config.get("INSTANCE_PATH"):
        instance = Path(config["INSTANCE_PATH"])
    app.config.from_mapping(load_config(instance))
    if config:
        app.config.from_mapping(config)
    register_extensions(app)
    register_signals()
    register_converters(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_commands(app)
    register_security(app)
    return app


def _select_locale():
    if not has_request_context():  # a scheduler job, a command: e-mails and files in Vietnamese
        return "vi"
    if request.blueprint == "api" and request.endpoint != "api.docs":
        # The API's JSON says each message in Vietnamese (`message`) and in English (`message_en`,
        # tracker.api.errors, keyed by the Vietnamese text): its requests stay Vietnamese whatever
        # the language of the token's account.
        return "vi"
    lang = request.args.get("lang")
    if lang in ("vi", "en"):
        session["lang"] = lang
    if session.get("lang") in ("vi", "en"):
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.language:
        return current_user.language
    return "vi"


def register_extensions(app: Flask) -> None:
    sqla.init_app(app)
    migrate.init_app(app, sqla, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=lambda: "Asia/Ho_Chi_Minh")
    from tracker.core import i18n

    i18n.install(app.jinja_env)  # the templates' _() without Flask-Babel's per-call lookups
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"
    # Every model must be imported so metadata (and Alembic) knows all tables.
    from tracker import models  # noqa: F401


_user_statement: list = []  # (the registry's names, the statement): built once per process


def _user_with_request_reads():
    """The user with its agency and what every page reads besides (memo.read_with_user), by id
    (:uid). Built once: composing it and its cache key cost more than running it."""
    from sqlalchemy import bindparam, select
    from sqlalchemy.orm import joinedload

    from tracker.core import memo
    from tracker.users.models import User

    names = tuple(memo.WITH_USER)
    if not _user_statement or _user_statement[0] != names:
        stmt = (
            select(User, *memo.columns_with_user(User.id))
            .options(joinedload(User.agency))
            .where(User.id == bindparam("uid"))
        )
        _user_statement[:] = [names, stmt]
    return _user_statement[1]


@login_manager.user_loader
def _load_user(user_id: str):
    from tracker.core import memo

    try:
        uid, token = user_id.split(".", 1)
        uid = int(uid)
    except (ValueError, TypeError):
        return None
    # With its agency (every page's header shows it) and what every page reads besides (the data
    # version, the unread notifications: memo.read_with_user): one statement instead of three.
    row = sqla.session.execute(_user_with_request_reads(), {"uid": uid}).one_or_none()
    if row is None:
        return None
    user = row[0]
    if not user.active or user.session_token != token:
        return None
    memo.note_read_with_user(row)
    return user


def register_signals() -> None:
    """Connect the receivers of tracker.core.signals: each module connects its own when imported."""
    from tracker.audit import log  # noqa: F401  (noted -> an audit entry)
    from tracker.notifications import hooks as notification_hooks  # noqa: F401  (task_recorded -> notifications)
    from tracker.reminders import hooks as reminder_hooks  # noqa: F401  (tasks_reminded -> e-mails)
    from tracker.webhooks import hooks as webhook_hooks  # noqa: F401  (task_changed -> deliveries)


def register_converters(app: Flask) -> None:
    """`<int:…>` ids larger than any database column can hold are a 404 (core.params)."""
    from tracker.core.params import refuse_absurd_ids

    app.url_value_preprocessor(refuse_absurd_ids)


def register_blueprints(app: Flask) -> None:
    from tracker.agencies.views import bp as agencies_bp
    from tracker.auth.views import bp as auth_bp
    from tracker.dashboard.views import bp as dashboard_bp
    from tracker.documents.views import bp as documents_bp
    from tracker.tasks.views import bp as tasks_bp
    from tracker.users.views import bp as users_bp

    for bp in (auth_bp, dashboard_bp, documents_bp, tasks_bp, agencies_bp, users_bp):
        app.register_blueprint(bp)
    from tracker import plugins

    plugins.register(app)


def register_template_helpers(app: Flask) -> None:
    from tracker.core import dates
    from tracker.tasks.periodic import period_name
    from tracker.tasks.ui import STATUS_COLOURS, category_badge, status_badge

    app.jinja_env.filters["d"] = dates.fmt_date
    app.jinja_env.filters["dt"] = dates.fmt_datetime
    app.jinja_env.filters["num"] = dates.fmt_number
    app.jinja_env.filters["pct"] = dates.fmt_percent
    app.jinja_env.filters["period"] = period_name
    app.jinja_env.globals["status_badge"] = status_badge
    app.jinja_env.globals["category_badge"] = category_badge
    app.jinja_env.globals["STATUS_COLOURS"] = STATUS_COLOURS
    app.jinja_env.globals["today"] = dates.today
    app.jinja_env.globals["date_text"] = dates.date_text
    app.jinja_env.globals["event_when"] = dates.fmt_when
    app.jinja_env.globals["date_error"] = dates.date_error
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["url_for"] = _template_url_for(app)

    @app.context_processor
    def _endpoints():
        # Lets the menu show the links of the feature packages that are installed.
        return {"url_map_endpoints": app.view_functions}


def _template_url_for(app: Flask):
    """The templates' url_for: the addresses without arguments (the menu's) and of the static files,
    the same on every page, built once per process and script root; everything else as Flask builds
    it. Nothing is kept when the application adds default URL values (they could change them)."""
    from flask.globals import _cv_request

    built: dict[tuple, str] = {}

    def url_for(endpoint: str, **values) -> str:
        request_context = _cv_request.get(None)
        if (
            request_context is None
            or app.url_default_functions
            or endpoint[:1] == "."
            or (values and (endpoint != "static" or len(values) != 1 or "filename" not in values))
        ):
            return app.url_for(endpoint, **values)
        if request_context.url_adapter is None:
            return app.url_for(endpoint, **values)
        key = (request_context.url_adapter.script_name, endpoint, values.get("filename"))
        found = built.get(key)
        if found is None:
            found = app.url_for(endpoint, **values)
            if len(built) < 1000:
                built[key] = found
        return found

    return url_for


def register_errorhandlers(app: Flask) -> None:
    from tracker.core.errors import DomainError

    def render(code: int, title: str, message: str, e=None):
        if request.path.startswith("/api/"):
            from tracker.api.errors import http_error_response

            # 405 keeps its Allow header; nothing else of the exception goes out.
            allow = {"Allow": ", ".join(e.valid_methods)} if getattr(e, "valid_methods", None) else None
            return http_error_response(code, allow)
        return render_template("errors.html", code=code, title=title, message=message), code

    def _forbidden(e):
        from tracker.core.security import audit_refusal

        audit_refusal(403)  # once per request: refuse() may have logged it already
        return render(
            403, _("Không có quyền truy cập"), _("Bạn không có quyền xem hoặc thay đổi nội dung này.")
        )

    app.register_error_handler(
        400,
        lambda e: render(
            400,
            _("Yêu cầu không hợp lệ"),
            _(
                "Dữ liệu gửi lên không hợp lệ (có ký tự không được phép hoặc thiếu thông tin). Hãy kiểm tra lại."
            ),
        ),
    )
    app.register_error_handler(403, _forbidden)
    app.register_error_handler(
        404,
        lambda e: render(404, _("Không tìm thấy"), _("Trang bạn tìm không tồn tại hoặc đã bị chuyển đi.")),
    )
    app.register_error_handler(
        405,
        lambda e: render(
            405, _("Thao tác không được phép"), _("Thao tác này không được phép trên trang này."), e
        ),
    )
    app.register_error_handler(
        413,
        lambda e: render(
            413,
            _("Tệp quá lớn"),
            _(
                "Tệp tải lên vượt quá giới hạn %(mb)s MB. Hãy chọn tệp nhỏ hơn.",
                mb=app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024),
            ),
        ),
    )

    def _server_error(e):
        sqla.session.rollback()
        return render(
            500, _("Đã có lỗi xảy ra"), _("Hệ thống gặp sự cố; thay đổi của bạn chưa được lưu. Hãy thử lại.")
        )

    app.register_error_handler(500, _server_error)

    @app.errorhandler(DomainError)
    def _domain_error(e: DomainError):
        # A refusal that reached the request's boundary (rolled back there): its message on the error
        # page. The API's routes answer in JSON (tracker.api.core); a view that keeps its form shows
        # the message there (tracker.core.forms.save_or_keep).
        sqla.session.rollback()
        return render(e.http_status, _("Không thực hiện được"), _(e.message))


def register_commands(app: Flask) -> None:
    from tracker.cli import register

    register(app)


def register_security(app: Flask) -> None:
    """Headers, refusal audit, CSRF and database-failure pages: see tracker/core/security.py."""
    from tracker.core import security

    security.init_app(app)
