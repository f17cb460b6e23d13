"""Report figures as of a cut-off date D, from the state history, within what the user may see."""

import datetime as dt
import json

import pytest

from tracker.reorganisation.operations import merge_agency
from tracker.tasks import operations as ops


def _history(make, world):
    """Tasks of STC and STP with a known history; D = 14/09/2024."""
    focal, monitor = world.stc_focal, world.monitor
    t = {}
    for name, deadline in [
        ("on_time", dt.date(2024, 8, 31)),
        ("late", dt.date(2024, 7, 31)),
        ("reported", dt.date(2024, 9, 30)),
        ("overdue", dt.date(2024, 8, 15)),
        ("soon", dt.date(2024, 9, 18)),
        ("extended", dt.date(2024, 9, 1)),
        ("cancelled", dt.date(2024, 12, 31)),
        ("confirmed_after_d", dt.date(2024, 9, 30)),
    ]:
        t[name] = make.task(
            lead=world.stc,
            document=world.doc,
            title=name,
            deadline=deadline,
            assigned_on=dt.date(2024, 6, 20),
        )
    ops.report_completion(focal, t["on_time"], completed_on=dt.date(2024, 8, 20), on=dt.date(2024, 8, 21))
    ops.confirm_completion(monitor, t["on_time"], on=dt.date(2024, 8, 25))
    ops.report_completion(focal, t["late"], completed_on=dt.date(2024, 8, 10), on=dt.date(2024, 8, 10))
    ops.confirm_completion(monitor, t["late"], on=dt.date(2024, 8, 12))
    ops.report_completion(focal, t["reported"], completed_on=dt.date(2024, 9, 10), on=dt.date(2024, 9, 10))
    req = ops.request_extension(
        focal,
        t["extended"],
        new_deadline=dt.date(2024, 10, 31),
        reason="Chờ số liệu",
        on=dt.date(2024, 8, 20),
    )
    make.db.session.flush()  # the request's status default is set at flush
    ops.approve_extension(monitor, req, on=dt.date(2024, 8, 22))
    ops.cancel_task(monitor, t["cancelled"], reason="Không còn phù hợp", on=dt.date(2024, 9, 1))
    ops.report_completion(
        focal, t["confirmed_after_d"], completed_on=dt.date(2024, 9, 12), on=dt.date(2024, 9, 12)
    )
    ops.confirm_completion(monitor, t["confirmed_after_d"], on=dt.date(2024, 9, 20))
    make.task(
        lead=world.stc,
        document=world.doc,
        title="after D",
        assigned_on=dt.date(2024, 9, 20),
        deadline=dt.date(2024, 12, 31),
    )
    make.db.session.commit()
    return t


def test_the_summary_gives_each_tasks_state_at_the_end_of_day_d(api, world, make, freeze):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    token = api.token(world.monitor, scope="read")
    r = api.get("/reports/summary?from=2024-06-15&to=2024-09-14", token)
    assert r.status_code == 200, r.json
    assert r.json["as_of"] == "2024-09-14" and (r.json["from"], r.json["to"]) == ("2024-06-15", "2024-09-14")
    assert r.json["figures"] == {
        "total": 7,
        "done_on_time": 1,
        "done_late": 1,
        "awaiting_confirmation": 2,
        "overdue": 1,
        "in_progress_on_time": 2,
        "due_soon": 1,
        "extended": 1,
        "completion_rate": 0.2857,
    }
    # The five categories add up to the total.
    f = r.json["figures"]
    assert (
        sum(
            f[k]
            for k in ("done_on_time", "done_late", "awaiting_confirmation", "overdue", "in_progress_on_time")
        )
        == f["total"]
    )
    # A later cut-off date inside the same period sees the confirmation of 20/09.
    later = api.get("/reports/summary?from=2024-06-15&to=2024-09-14&as_of=2024-09-30", token).json
    assert later["as_of"] == "2024-09-30"
    assert (later["figures"]["done_on_time"], later["figures"]["awaiting_confirmation"]) == (2, 1)


def test_by_agency_rows_and_a_focal_points_scope(api, world, make, freeze):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    monitor = api.token(world.monitor, scope="read")
    r = api.get("/reports/by-agency?from=2023-12-15&to=2024-09-14", monitor)
    assert r.status_code == 200, r.json
    rows = {row["agency"]: row["total"] for row in r.json["rows"]}
    assert rows == {"STC": 8, "STP": 2}  # the cancelled one and the one assigned after D are left out
    assert [row["rank"] for row in r.json["rows"]] == [1, 2]
    assert r.json["total"]["total"] == 10
    focal = api.token(world.stp_focal, scope="read")
    r = api.get("/reports/by-agency?from=2023-12-15&to=2024-09-14", focal)
    assert [row["agency"] for row in r.json["rows"]] == ["STP"]


def test_report_parameters_are_checked_with_the_field_at_fault(api, world):
    token = api.token(world.monitor, scope="read")
    for query, field in [
        ("to=2024-09-14", "from"),
        ("from=2024-06-15", "to"),
        ("", "from"),
        ("from=2024-09-30&to=2024-09-14", "to"),
        ("document=999/XX", "document"),
        ("from=2024-06-15&to=2024-09-14&agency=KHONGCO", "agency"),
        ("from=2024-06-15&to=2024-09-14&group=today", "group"),
        ("from=2024-06-15&to=2024-13-14", "to"),
    ]:
        r = api.get(f"/reports/summary?{query}", token)
        assert r.status_code == 422, query
        assert r.json["error"]["field"] == field, query
        assert r.json["error"]["message"] and r.json["error"]["message_en"]


def _province(make, world):
    """More of the province beside `_history`: a unit below STP, a Government directive with tasks in
    two areas, and Sở Kế hoạch (SKH) merged into STC on 20/09/2024 with one done and one open task."""
    ptp = make.agency("PTP", "Phòng Tư pháp", parent=world.stp)
    skh = make.agency("SKH", "Sở Kế hoạch và Đầu tư", parent=world.stc.parent)
    gov = make.document(
        "12/CT-TTg", issued_on=dt.date(2024, 7, 1), issuer_level="government", kind="directive"
    )
    stp_done = make.task(
        lead=world.stp, document=gov, title="Rà soát văn bản", area="the_che", deadline=dt.date(2024, 8, 31)
    )
    make.task(lead=ptp, document=gov, title="Cấp xã rà soát", area="the_che", deadline=dt.date(2024, 9, 10))
    make.task(lead=world.stc, document=gov, title="Số hóa hồ sơ", area="chinh_quyen_so", deadline=None)
    skh_done = make.task(lead=skh, document=gov, title="Kế hoạch đầu tư công", deadline=dt.date(2024, 8, 15))
    make.task(lead=skh, document=gov, title="Thu hút đầu tư", deadline=dt.date(2024, 11, 30))
    ops.report_completion(world.stp_focal, stp_done, completed_on=dt.date(2024, 9, 2), on=dt.date(2024, 9, 3))
    ops.confirm_completion(world.monitor, stp_done, on=dt.date(2024, 9, 5))
    skh_focal = make.user("focal", agency=skh, email="daumoi@skh.vn")
    ops.report_completion(skh_focal, skh_done, completed_on=dt.date(2024, 8, 20), on=dt.date(2024, 8, 20))
    ops.confirm_completion(world.monitor, skh_done, on=dt.date(2024, 8, 21))
    merge_agency(None, skh, world.stc, on=dt.date(2024, 9, 20))
    make.db.session.commit()


PARAMETERS = [
    ["--from", "2024-06-15", "--to", "2024-09-14"],
    ["--from", "2023-12-15", "--to", "2024-09-14", "--as-of", "2024-09-30"],
    ["--document", "91-KL/TU", "--as-of", "2024-09-14"],
    ["--document", "91-KL/TU", "--document", "12/CT-TTg", "--as-of", "2024-09-20"],
    ["--from", "2023-12-15", "--to", "2024-09-14", "--agency", "STP"],
    ["--from", "2023-12-15", "--to", "2024-09-14", "--issuer", "government", "--area", "the_che"],
    ["--from", "2023-12-15", "--to", "2024-12-14", "--as-of", "2024-09-30"],
    ["--from", "2023-12-15", "--to", "2024-12-14", "--as-of", "2024-09-30", "--group", "current"],
    ["--from", "2023-12-15", "--to", "2024-09-14", "--agency", "SKH", "--group", "current"],
]


def _query(cli_args: list[str]) -> dict:
    """The API query of the CLI's options: the same names (`--as-of` is `as_of`)."""
    out: dict = {}
    for option, value in zip(cli_args[::2], cli_args[1::2], strict=True):
        name = {"--as-of": "as_of"}.get(option, option[2:])
        if name == "document":
            out.setdefault(name, []).append(value)
        else:
            out[name] = value
    return out


@pytest.mark.parametrize("cli_args", PARAMETERS, ids=lambda a: " ".join(a))
def test_the_api_gives_what_the_cli_gives_for_the_same_parameters(api, world, make, freeze, runner, cli_args):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    _province(make, world)
    token = api.token(world.monitor, scope="read")

    cli = runner.invoke(args=["report", "summary", *cli_args, "--format", "json"])
    assert cli.exit_code == 0, cli.output
    r = api.get("/reports/summary", token, query_string=_query(cli_args))
    assert r.status_code == 200, r.json
    assert r.json["figures"] == json.loads(cli.output)
    assert r.json["figures"]["total"] > 0

    cli = runner.invoke(args=["report", "by-agency", *cli_args, "--format", "json"])
    assert cli.exit_code == 0, cli.output
    r = api.get("/reports/by-agency", token, query_string=_query(cli_args))
    assert r.status_code == 200, r.json
    assert r.json["rows"] == json.loads(cli.output)
    assert (
        r.json["total"] == api.get("/reports/summary", token, query_string=_query(cli_args)).json["figures"]
    )


def test_a_focal_token_naming_another_agency_gets_only_its_own_figures(api, world, make, freeze):
    freeze(dt.date(2024, 10, 1))
    _history(make, world)
    _province(make, world)
    period = {"from": "2023-12-15", "to": "2024-09-14"}
    monitor, focal = api.token(world.monitor, scope="read"), api.token(world.stp_focal, scope="read")

    def figures(token, **extra):
        r = api.get("/reports/summary", token, query_string={**period, **extra})
        assert r.status_code == 200, r.json
        return r.json["figures"]

    own = figures(monitor, agency="STP")  # STP and the unit below it, as the monitor counts them
    others = figures(monitor, agency="STC")
    assert own["total"] == 4 and others["total"] == 9 and own != others
    assert figures(focal, agency="STC") == figures(focal, agency=world.stc.code.lower()) == own
    assert figures(focal) == own
    assert figures(focal, agency="PTP")["total"] == 1  # an agency below its own may be asked for
    r = api.get("/reports/by-agency", focal, query_string={**period, "agency": "STC"})
    assert {row["agency"] for row in r.json["rows"]} == {"STP", "PTP"}
    assert r.json["total"] == own
    # A document it sees no task of is as unknown to it as one that does not exist.
    stc_only = make.document("5/KH-STC", issued_on=dt.date(2024, 3, 1))
    make.task(lead=world.stc, document=stc_only, title="Riêng Sở Tài chính")
    make.db.session.commit()
    for symbol in ("5/KH-STC", "404/KHONG-CO"):
        r = api.get("/reports/summary", focal, query_string={"document": symbol, "as_of": "2024-09-14"})
        assert r.status_code == 422 and r.json["error"]["field"] == "document"
        assert r.json["error"]["message"] == f"Không có văn bản «{symbol}»."
