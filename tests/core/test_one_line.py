"""One-line texts (names, titles, symbols) refuse line breaks and control characters, in one place:
every form's one-line fields (core.forms.Form) and every one-line string of an API request
(api.validation). A calendar named "n\\r\\nX-INJ:1" used to be stored, and every fetch of it then
failed inside icalendar."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

import tracker
from tests.api.conftest import api, world  # noqa: F401
from tracker.core.forms import Form, is_single_line
from tracker.core.text import CONTROL_MESSAGE, control_characters
from tracker.feeds.models import CalendarFeed

BAD = ["n\r\nX-INJ:1", "a\nb", "tab\there", "nul\x00", "esc\x1b[31m", "sep\u2028line", "bell\x07"]


def test_control_characters_are_found_and_ordinary_vietnamese_is_not():
    assert control_characters("Sở Tư pháp – 91-KL/TU «Khẩn»") == []
    for value in BAD:
        assert control_characters(value), value


def test_the_feed_name_with_a_line_break_is_refused_on_the_page(client, auth, world, db):  # noqa: F811
    auth.login(world.monitor)
    r = client.post(
        "/account/api/feeds",
        data={"feed-name": "n\r\nX-INJ:1", "feed-lead": 0, "feed-document": 0, "feed-area": ""},
    )
    assert r.status_code == 422
    assert "Tên lịch " + CONTROL_MESSAGE in r.get_data(as_text=True).replace("&#39;", "'")
    assert db.session.scalar(select(func.count()).select_from(CalendarFeed)) == 0


def test_a_one_line_string_with_a_line_break_is_refused_by_the_api(world, api, db):  # noqa: F811
    token = api.token(world.monitor)
    r = api.patch(f"/tasks/{world.stc_task.id}", token, json={"version": 1, "code": "I.1\r\nX-INJ:1"})
    assert r.status_code == 422, r.get_json()
    error = r.get_json()["error"]
    assert error["field"] == "code"
    assert CONTROL_MESSAGE in error["message"]
    # A text written over several lines keeps its line breaks.
    r = api.patch(f"/tasks/{world.stc_task.id}", token, json={"version": 1, "content": "Dòng 1\r\nDòng 2"})
    assert r.status_code == 200, r.get_json()


def _form_classes():
    for info in pkgutil.walk_packages(tracker.__path__, "tracker."):
        if ".bench" in info.name or info.name.endswith("seedcheck"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, FlaskForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_of_the_application_is_built_on_the_shared_form():
    classes = list(_form_classes())
    assert len(classes) > 20
    assert [c.__qualname__ for c in classes if not issubclass(c, Form)] == []


def test_every_one_line_field_of_every_form_refuses_control_characters(app):
    """Fuzz over all forms: each one-line field, given each bad value, carries the refusal."""
    checked = 0
    with app.test_request_context(method="POST"):
        for cls in _form_classes():
            form = cls(formdata=MultiDict(), meta={"csrf": False})
            for name, field in form._fields.items():
                if not is_single_line(field):
                    continue
                for value in BAD:
                    bound = cls(formdata=MultiDict({field.name: value}), meta={"csrf": False})[name]
                    bound.validate(form)
                    assert any(CONTROL_MESSAGE in e for e in bound.errors), (cls.__name__, name, value)
                checked += 1
    assert checked > 30


@pytest.mark.parametrize("value", ["Thời hạn nhiệm vụ", "Sở Tư pháp – 91-KL/TU"])
def test_an_ordinary_one_line_value_is_accepted(app, value):
    from tracker.api.forms import FeedForm

    with app.test_request_context(method="POST"):
        form = FeedForm(formdata=MultiDict({"name": value}), meta={"csrf": False})
        form.name.validate(form)
        assert form.name.errors == []


def test_a_feed_named_with_a_line_break_before_the_rule_is_still_served(client, world, db):  # noqa: F811
    from icalendar import Calendar

    from tracker.feeds.operations import create_feed

    feed, secret = create_feed(world.stc_focal, name="Lịch")
    feed.name = "n\r\nX-INJ:1"  # stored before one-line texts were checked
    db.session.commit()
    r = client.get(f"/calendar/{secret}.ics")
    assert r.status_code == 200
    cal = Calendar.from_ical(r.data)
    assert str(cal["X-WR-CALNAME"]) == "Thời hạn nhiệm vụ — n X-INJ:1"
    assert b"\r\nX-INJ:1" not in r.data
