"""Report figures as of a cut-off date D, from the state history, within what the user may see."""

import datetime as dt

from tracker.tasks import operations as ops


def _history(make, world):
    """Tasks of STC and STP with a known history; D = 14/09/2024."""
    focal, monitor = world.stc_focal, world.monitor
    t = {}
    for name, deadline in [("on_time", dt.date(2024, 8, 31)), ("late", dt.date(2024, 7, 31)),
                           ("reported", dt.date(2024, 9, 30)), ("overdue", dt.date(2024, 8, 15)),
                           ("soon", dt.date(2024, 9, 18)), ("extended", dt.date(2024, 9, 1)),
                           ("cancelled", dt.date(2024, 12, 31)), ("confirmed_after_d", dt.date(2024, 9, 30))]:
        t[name] = make.task(lead=world.stc, document=world.doc, title=name, deadline=deadline,
                            assigned_on=dt.date(2024, 6, 20))
    ops.report_completion(focal, t["on_time"], completed_on=dt.date(2024, 8, 20), on=dt.date(2024, 8, 21))
    ops.confirm_completion(monitor, t["on_time"], on=dt.date(2024, 8, 25))
    ops.report_completion(focal, t["late"], completed_on=dt.date(2024, 8, 10), on=dt.date(2024, 8, 10))
    ops.confirm_completion(monitor, t["late"], on=dt.date(2024, 8, 12))
    ops.report_completion(focal, t["reported"], completed_on=dt.date(2024, 9, 10), on=dt.date(2024, 9, 10))
    req = ops.request_extension(focal, t["extended"], new_deadline=dt.date(2024, 10, 31), reason="Chờ số liệu",
                                on=dt.date(2024, 8, 20))
    make.db.session.flush()  # the request's status default is set at flush
    ops.approve_extension(monitor, req, on=dt.date(2024, 8, 22))
    ops.cancel_task(monitor, t["cancelled"], reason="Không còn phù hợp", on=dt.date(2024, 9, 1))
    ops.report_completion(focal, t["confirmed_after_d"], completed_on=dt.date(2024, 9, 12), on=dt.date(2024, 9, 12))
    ops.confirm_completion(monitor, t["confirmed_after_d"], on=dt.date(2024, 9, 20))
    make.task(lead=world.stc, document=world.doc, title="after D", assigned_on=dt.date(2024, 9, 20),
              deadline=dt.date(2024, 12, 31))
    make.db.session.commit()
    return t


def test_the_summary_gives_each_tasks_state_at_the_end_of_day_d(api, world, make, freeze):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    token = api.token(world.monitor, scope="read")
    r = api.get("/reports/summary?to=2024-09-14&from=2024-06-15", token)
    assert r.status_code == 200, r.json
    assert r.json["figures"] == {
        "total": 7, "done_on_time": 1, "done_late": 1, "awaiting_confirmation": 2, "overdue": 1,
        "in_progress_on_time": 2, "due_soon": 1, "extended": 1, "completion_rate": 28.57,
    }
    # The five categories add up to the total.
    f = r.json["figures"]
    assert sum(f[k] for k in ("done_on_time", "done_late", "awaiting_confirmation", "overdue",
                              "in_progress_on_time")) == f["total"]


def test_by_agency_rows_and_a_focal_points_scope(api, world, make, freeze):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    monitor = api.token(world.monitor, scope="read")
    r = api.get("/reports/by-agency?to=2024-09-14", monitor)
    rows = {row["agency"]["code"]: row["figures"]["total"] for row in r.json["rows"]}
    assert rows == {"STC": 8, "STP": 2}  # the cancelled one and the one assigned after D are left out
    assert r.json["total"]["total"] == 10
    focal = api.token(world.stp_focal, scope="read")
    r = api.get("/reports/by-agency?to=2024-09-14", focal)
    assert [row["agency"]["code"] for row in r.json["rows"]] == ["STP"]
    r = api.get("/reports/summary?to=2024-09-14&from=2024-09-30", monitor)
    assert r.status_code == 422 and r.json["error"]["field"] == "from"
