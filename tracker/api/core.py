"""The API blueprint and the `endpoint` decorator that declares a route, its OpenAPI description and
its checks in one place: authentication (Bearer token; a browser session only for reading),
rate limit, token scope, query and body validation against the published schemas, and the
JSON error of a refused operation.

The OpenAPI document (tracker.api.spec) is assembled from what the decorators record, so every
route is described, and described as it behaves.
"""

from __future__ import annotations

import re
from functools import wraps

from flask import Blueprint, g, request
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from tracker.api import tokens
from tracker.api.errors import ApiError, api_error_response, domain_error_response
from tracker.api.validation import check_object, check_query
from tracker.core.boundary import failure
from tracker.core.errors import DomainError
from tracker.core.params import MAX_ID
from tracker.core.text import N_
from tracker.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# A token, not a cookie, authenticates every state-changing call, so there is no CSRF to guard.
csrf.exempt(bp)

# path -> method -> OpenAPI operation object, filled by @endpoint.
PATHS: dict[str, dict[str, dict]] = {}

_RULE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


ERROR_DESCRIPTIONS = {
    "400": N_("Yêu cầu không đúng định dạng (thân không phải JSON object)."),
    "401": N_("Thiếu khóa truy cập, khóa sai, hết hạn, đã thu hồi, hoặc tài khoản đã bị khóa."),
    "403": N_("Không có quyền (vai trò, hoặc khóa chỉ đọc cho thao tác ghi)."),
    "404": N_("Không tồn tại hoặc không thuộc phạm vi được xem."),
    "409": N_("Xung đột: phiên bản đã cũ hoặc trạng thái không cho phép; `current` là trạng thái hiện tại."),
    "413": N_("Tệp quá lớn."),
    "422": N_("Dữ liệu không hợp lệ; `field` chỉ trường sai."),
    "428": N_("Cần `version` trong thân hoặc tiêu đề If-Match."),
}


def _rate_headers() -> dict:
    return {
        "X-RateLimit-Limit": {
            "schema": {"type": "integer"},
            "description": N_("Số yêu cầu tối đa trong một cửa sổ."),
        },
        "X-RateLimit-Remaining": {"schema": {"type": "integer"}, "description": N_("Số yêu cầu còn lại.")},
    }


def _spec_operation(
    rule,
    method,
    view,
    *,
    summary,
    description,
    tag,
    scope,
    query,
    body,
    body_required,
    multipart,
    success,
    produces,
    statuses,
    public,
) -> tuple[str, dict]:
    path = _RULE_PARAM.sub(lambda m: "{" + m.group(2) + "}", rule)
    params = []
    for conv, name in _RULE_PARAM.findall(rule):
        schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID} if conv == "int" else {"type": "string"}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    params += [dict(p) for p in query]
    op: dict = {"operationId": view.__name__, "summary": summary, "tags": [tag]}
    if description:
        op["description"] = description
    if params:
        op["parameters"] = params
    if body is not None:
        op["requestBody"] = {"required": body_required, "content": {"application/json": {"schema": body}}}
    if multipart is not None:
        op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": multipart}}}
    status, schema = success
    content = produces or {"application/json": {"schema": ref(schema) if isinstance(schema, str) else schema}}
    ok = {"description": N_("Thành công."), "content": content}
    if not public:
        ok["headers"] = _rate_headers()
    responses = {str(status): ok}
    codes = set(statuses)
    if not public:
        codes |= {"401", "403", "429"}
    if _RULE_PARAM.search(rule):
        codes.add("404")
    if query:
        codes.add("422")
    if body is not None or multipart is not None:
        codes |= {"400", "422"}
    for code in sorted(codes):
        if code == "429":
            responses[code] = {
                "description": N_("Vượt giới hạn số yêu cầu của khóa."),
                "headers": {
                    "Retry-After": {"schema": {"type": "integer"}, "description": N_("Số giây chờ.")}
                },
                "content": {"application/json": {"schema": ref("Error")}},
            }
        else:
            responses[code] = _error_response(ERROR_DESCRIPTIONS[code])
    op["responses"] = responses
    op["security"] = [] if public else [{"bearerAuth": []}]
    if not public:
        op["x-token-scope"] = scope
    return path, op


def authenticate(write: bool):
    """The user of this request: the Bearer token's, or for a read the browser session's."""
    header = request.headers.get("Authorization", "")
    challenge = {"WWW-Authenticate": 'Bearer realm="tracker"'}
    if header:
        scheme, _, raw = header.partition(" ")
        token = tokens.find_token(raw.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise ApiError(
                401,
                "invalid_token",
                "Khóa truy cập không hợp lệ, đã hết hạn, đã bị thu hồi, hoặc tài khoản đã bị khóa.",
                "The access token is invalid, expired or revoked, or its user is deactivated.",
                headers=challenge,
            )
        user = token.user
        allowed, remaining, reset = tokens.count_request(token)
        limit, _ = tokens.rate_limit()
        g.api_rate = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(reset),
        }
        if not allowed:
            raise ApiError(429, headers={"Retry-After": str(reset)})
        # The token's user is this request's user: the same permission checks as the pages.
        g._login_user = user
        g.api_token = token
        return user
    if write:
        raise ApiError(
            401,
            "token_required",
            "Thao tác ghi qua API cần khóa truy cập (Authorization: Bearer …); "
            "phiên đăng nhập trình duyệt không được dùng.",
            "State-changing API calls need an access token (Authorization: Bearer …); "
            "a browser session is not accepted.",
            headers=challenge,
        )
    if current_user.is_authenticated:
        return current_user._get_current_object()
    raise ApiError(401, headers=challenge)


def _json_body(schema: dict, required: bool) -> dict:
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise ApiError(
                400,
                "bad_request",
                "Cần thân yêu cầu là một JSON object.",
                "The request body must be a JSON object.",
            )
        data = {}
    else:
        if not request.is_json:
            raise ApiError(
                400,
                "bad_request",
                "Thân yêu cầu phải là JSON (Content-Type: application/json).",
                "The request body must be JSON (Content-Type: application/json).",
            )
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ApiError(
                400,
                "bad_request",
                "Thân yêu cầu phải là một JSON object hợp lệ.",
                "The request body must be a valid JSON object.",
            )
    return check_object(data, schema)


def endpoint(
    rule: str,
    method: str = "GET",
    *,
    summary: str,
    tag: str,
    description: str = "",
    scope: str | None = None,
    query: tuple | list = (),
    body: dict | None = None,
    body_required: bool = True,
    multipart: dict | None = None,
    success=(200, "Task"),
    produces: dict | None = None,
    statuses: tuple = (),
    public: bool = False,
):
    """Declare an API operation: `rule` as for Flask, `query` the OpenAPI query parameters,
    `body` the JSON Schema of the body, `success` (status, component name or schema).
    The view receives the path arguments, `args` (parsed query) and `body` (parsed JSON)."""
    write = method != "GET"
    scope = scope or ("write" if write else "read")

    def decorator(view):
        path, op = _spec_operation(
            rule,
            method,
            view,
            summary=summary,
            description=description,
            tag=tag,
            scope=scope,
            query=query,
            body=body,
            body_required=body_required,
            multipart=multipart,
            success=success,
            produces=produces,
            statuses=statuses,
            public=public,
        )
        PATHS.setdefault(path, {})[method.lower()] = op

        @wraps(view)
        def wrapped(**kwargs):
            # A refusal raised here or by the operation goes up to the request's boundary, which
            # rolls back; the blueprint's error handlers below turn it into the JSON error.
            if not public:
                authenticate(write)
                token = g.get("api_token")
                if scope == "write" and token is not None and token.scope != "write":
                    raise ApiError(
                        403,
                        "insufficient_scope",
                        "Khóa truy cập này chỉ được đọc; thao tác ghi cần khóa phạm vi «write».",
                        "This token is read-only; this call needs a token with the write scope.",
                    )
            args = check_query(request.args, query)
            data = _json_body(body, body_required) if body is not None else None
            return view(**kwargs, args=args, body=data)

        bp.add_url_rule(rule, endpoint=view.__name__, view_func=wrapped, methods=[method])
        return wrapped

    return decorator


@bp.after_request
def _rate_limit_headers(response):
    for k, v in (g.get("api_rate") or {}).items():
        response.headers[k] = v
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.record_once
def _utf8_json(state):
    # Vietnamese stays readable in the JSON (and in curl): UTF-8, not \u escapes.
    state.app.json.ensure_ascii = False


@bp.errorhandler(ApiError)
def _api_error(e: ApiError):
    return api_error_response(e)


@bp.errorhandler(DomainError)
@bp.errorhandler(StaleDataError)
@bp.errorhandler(OperationalError)
def _refused(e):
    """A refused operation (rolled back by the request's boundary) as its JSON error; a conflict
    carries the task as it is now."""
    return domain_error_response(failure(e), task=g.get("api_task"))
