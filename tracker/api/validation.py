"""Checking request data against the same JSON Schemas the OpenAPI document publishes.

Only the part of JSON Schema the API's own schemas use: type (or a list of types, for null),
enum, minimum/maximum, minLength/maxLength, format date, items/maxItems/uniqueItems, properties,
required and additionalProperties false. Because requests are checked against the published
schemas, the document and the behaviour cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.api.errors import ApiError
from tracker.core.dates import MAX_DATE, MIN_DATE, fmt_date  # the one accepted range
from tracker.core.text import CONTROL_MESSAGE, control_characters

_INT_RE = re.compile(r"^-?[0-9]{1,12}$")

_TYPE_VI = {
    "string": "chuỗi",
    "integer": "số nguyên",
    "boolean": "true/false",
    "array": "danh sách",
    "object": "đối tượng",
    "null": "null",
}


def invalid(field: str, vi: str, en: str) -> ApiError:
    return ApiError(422, "invalid", f"Trường «{field}»: {vi}", f"Field `{field}`: {en}", field=field)


def _types(schema: dict) -> list[str]:
    t = schema.get("type")
    if t is None:
        return []
    return t if isinstance(t, list) else [t]


def _matches_type(value, t: str) -> bool:
    if t == "null":
        return value is None
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t == "string":
        return isinstance(value, str)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    return False


def parse_date(value: str, field: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else None
    except ValueError:
        day = None
    if day is None:
        raise invalid(
            field, f"ngày «{value[:40]}» không hợp lệ (dạng YYYY-MM-DD).", "not a valid date (YYYY-MM-DD)."
        )
    if not MIN_DATE <= day <= MAX_DATE:
        raise invalid(
            field,
            f"ngày phải trong khoảng {fmt_date(MIN_DATE)} – {fmt_date(MAX_DATE)}.",
            f"the date must be within {MIN_DATE.isoformat()} – {MAX_DATE.isoformat()}.",
        )
    return day


def check(value, schema: dict, field: str):
    """Validate `value` against `schema`; return it with dates parsed. Raises ApiError(422)."""
    types = _types(schema)
    if types and not any(_matches_type(value, t) for t in types):
        want = " hoặc ".join(_TYPE_VI.get(t, t) for t in types)
        raise invalid(field, f"cần kiểu {want}.", f"must be of type {' or '.join(types)}.")
    if value is None:
        return None
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        raise invalid(
            field, f"giá trị không hợp lệ (chọn một trong: {allowed}).", f"must be one of: {allowed}."
        )
    if isinstance(value, str):
        if "\x00" in value:
            raise invalid(field, "chứa ký tự không hợp lệ.", "contains a NUL character.")
        # A one-line text (a title, a symbol, a name) holds no line break nor control character,
        # as on the pages (core.forms.one_line); a text written over several lines says so.
        if not schema.get("x-multiline") and control_characters(value):
            raise invalid(field, CONTROL_MESSAGE, "must be one line, without control characters.")
        # A capped task text (x-cap) is left to the operation, which refuses it with the pages' message.
        if "x-cap" not in schema and len(value) > schema.get("maxLength", 10**9):
            raise invalid(
                field,
                f"dài quá {schema['maxLength']} ký tự.",
                f"longer than {schema['maxLength']} characters.",
            )
        if len(value) < schema.get("minLength", 0):
            if schema["minLength"] == 1:
                raise invalid(field, "không được để trống.", "must not be empty.")
            raise invalid(
                field,
                f"cần ít nhất {schema['minLength']} ký tự.",
                f"needs at least {schema['minLength']} characters.",
            )
        if schema.get("format") == "date":
            return parse_date(value, field)
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise invalid(field, f"phải từ {schema['minimum']} trở lên.", f"must be ≥ {schema['minimum']}.")
        if "maximum" in schema and value > schema["maximum"]:
            raise invalid(field, f"phải không quá {schema['maximum']}.", f"must be ≤ {schema['maximum']}.")
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", 10**9):
            raise invalid(
                field, f"nhiều quá {schema['maxItems']} phần tử.", f"more than {schema['maxItems']} items."
            )
        if len(value) < schema.get("minItems", 0):
            raise invalid(
                field,
                f"cần ít nhất {schema['minItems']} phần tử.",
                f"needs at least {schema['minItems']} items.",
            )
        items = schema.get("items", {})
        value = [check(v, items, f"{field}[{i}]") for i, v in enumerate(value)]
        if schema.get("uniqueItems") and len({repr(v) for v in value}) != len(value):
            raise invalid(field, "có phần tử trùng nhau.", "has duplicate items.")
        return value
    if isinstance(value, dict) and "properties" in schema:
        return check_object(value, schema, prefix=f"{field}.")
    return value


def check_object(data: dict, schema: dict, prefix: str = "") -> dict:
    props = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in data:
            field = prefix + name
            raise invalid(field, "bắt buộc phải có.", "is required.")
    if schema.get("additionalProperties") is False:
        extra = sorted(set(data) - set(props))
        if extra:
            field = prefix + extra[0]
            raise invalid(field, "trường không được hỗ trợ.", "is not a known field.")
    return {k: check(v, props.get(k, {}), prefix + k) for k, v in data.items()}


def _query_value(raw: str, schema: dict, name: str):
    types = _types(schema)
    if "integer" in types:
        if not _INT_RE.match(raw):
            raise invalid(name, "cần một số nguyên.", "must be an integer.")
        return check(int(raw), schema, name)
    if "boolean" in types:
        if raw.lower() in ("true", "1"):
            return True
        if raw.lower() in ("false", "0"):
            return False
        raise invalid(name, "cần giá trị true hoặc false.", "must be true or false.")
    return check(raw, schema, name)


def check_query(args, parameters: list[dict]) -> dict:
    """Parse the query-string parameters an operation declares; unknown ones are ignored."""
    out: dict = {}
    for p in parameters:
        if p.get("in") != "query":
            continue
        name, schema = p["name"], p["schema"]
        if schema.get("type") == "array":
            raws = args.getlist(name)
            if not raws:
                continue
            out[name] = check(
                [_query_value(r, schema.get("items", {}), name) for r in raws],
                {k: v for k, v in schema.items() if k != "items"},
                name,
            )
            continue
        raws = args.getlist(name)
        if not raws:
            if p.get("required"):
                raise invalid(name, "bắt buộc phải có.", "is required.")
            continue
        if len(raws) > 1:
            raise invalid(name, "chỉ được nêu một lần.", "must be given once.")
        out[name] = _query_value(raws[0], schema, name)
    return out
