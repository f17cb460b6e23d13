"""Calendar feeds: a secret URL per user, parsed with the `icalendar` package as a calendar would."""

import datetime as dt
import re

from icalendar import Calendar
from sqlalchemy import select

from tracker.feeds.models import CalendarFeed
from tracker.feeds.operations import create_feed


def _events(client, url):
    r = client.get(url.replace("http://127.0.0.1:5000", ""))
    assert r.status_code == 200, r.status_code
    assert r.mimetype == "text/calendar"
    cal = Calendar.from_ical(r.data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_a_focal_points_feed_holds_its_agencys_deadlines_as_all_day_events(client, world, db):
    feed, secret = create_feed(world.stc_focal, name="Lịch của tôi")
    db.session.commit()
    events = _events(client, f"/calendar/{secret}.ics")
    assert set(events) == {f"task-{world.stc_task.id}@tracker", f"task-{world.shared.id}@tracker"}
    ev = events[f"task-{world.stc_task.id}@tracker"]
    assert ev.decoded("DTSTART") == dt.date(2024, 9, 30)  # a date, not a time: an all-day event
    assert ev.decoded("DTEND") == dt.date(2024, 10, 1)
    assert str(ev["SUMMARY"]) == "[Chưa thực hiện] Rà soát thủ tục thuế"
    assert str(ev["URL"]).endswith(f"/tasks/{world.stc_task.id}")
    assert "Cơ quan chủ trì: Sở Tài chính" in str(ev["DESCRIPTION"])


def test_a_changed_deadline_moves_the_same_event(client, world, db, api):
    _, secret = create_feed(world.stc_focal, name="Lịch")
    db.session.commit()
    uid = f"task-{world.stc_task.id}@tracker"
    before = _events(client, f"/calendar/{secret}.ics")[uid]
    monitor = api.token(world.monitor)
    r = api.patch(f"/tasks/{world.stc_task.id}", monitor, json={"version": 1, "deadline": "2024-10-15"})
    assert r.status_code == 200
    after = _events(client, f"/calendar/{secret}.ics")
    assert list(after).count(uid) == 1
    assert after[uid].decoded("DTSTART") == dt.date(2024, 10, 15)
    assert int(after[uid]["SEQUENCE"]) > int(before["SEQUENCE"])


def test_a_monitors_feed_applies_the_filters_chosen_for_it(client, auth, world, db):
    auth.login(world.monitor)
    r = client.post(
        "/account/api/feeds",
        data={
            "feed-name": "Sở Tư pháp",
            "feed-lead": world.stp.id,
            "feed-document": 0,
            "feed-area": "",
            "feed-status": ["new", "in_progress"],
        },
    )
    assert r.status_code == 200
    url = re.search(r'value="(http[^"]+\.ics)"', r.get_data(as_text=True)).group(1)
    feed = db.session.scalar(select(CalendarFeed))
    assert feed.filter_args == {"lead": world.stp.id, "status": ["new", "in_progress"]}
    page = client.get("/account/api/").get_data(as_text=True)
    assert "Cơ quan chủ trì: Sở Tư pháp; Trạng thái: Chưa thực hiện, Đang thực hiện" in page
    assert feed.secret_hash not in url  # stored hashed
    auth.logout()
    events = _events(client, url)
    assert set(events) == {f"task-{world.stp_task.id}@tracker", f"task-{world.shared.id}@tracker"}


def test_a_revoked_feed_or_a_deactivated_users_feed_is_gone(client, world, db):
    feed, secret = create_feed(world.stc_focal, name="Lịch")
    db.session.commit()
    url = f"/calendar/{secret}.ics"
    world.stc_focal.active = False
    db.session.commit()
    assert client.get(url).status_code == 404
    world.stc_focal.active = True
    feed.revoked_at = dt.datetime.now(dt.UTC)
    db.session.commit()
    assert client.get(url).status_code == 404
    assert client.get("/calendar/cal_guess.ics").status_code == 404


def test_a_user_revokes_a_feed_from_the_page(client, auth, world, db):
    _, secret = create_feed(world.stc_focal, name="Lịch điện thoại")
    db.session.commit()
    auth.login(world.stc_focal)
    feed = db.session.scalar(select(CalendarFeed))
    r = client.post(f"/account/api/feeds/{feed.id}/revoke", follow_redirects=True)
    assert "Đã thu hồi lịch «Lịch điện thoại»" in r.get_data(as_text=True)
    assert client.get(f"/calendar/{secret}.ics").status_code == 404
    # Another user cannot revoke it (nor learn it exists).
    other, _ = create_feed(world.stp_focal, name="Của Sở Tư pháp")
    db.session.commit()
    assert client.post(f"/account/api/feeds/{other.id}/revoke").status_code == 404
