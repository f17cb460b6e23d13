"""The dates a task's historic status needs in an import row (a part of the spreadsheet check)."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.imports import columns as C


def check_status_dates(status, dates, deadline, assigned, today, error, warn) -> None:
    """The dates a historic status needs, in order: assigned ≤ completed ≤ reported ≤ confirmed ≤ today."""
    if deadline and deadline.kind == "periodic" and status not in ("new", "in_progress", "cancelled"):
        error(
            "status",
            _(
                "Nhiệm vụ định kỳ có trạng thái theo từng kỳ; không nhập được trạng thái «%(STATUSES)s» cho cả nhiệm vụ.",
                STATUSES=C.STATUSES[status],
            ),
        )
        return
    if status in ("reported", "done"):
        if dates["completed_on"] is None:
            error(
                "completed_on",
                _("Trạng thái «%(STATUSES)s» cần ngày hoàn thành.", STATUSES=C.STATUSES[status]),
            )
            return
        if dates["reported_on"] is None:
            dates["reported_on"] = dates["completed_on"]
            warn("reported_on", _("Không có ngày báo cáo hoàn thành: lấy ngày hoàn thành."))
        if status == "done" and dates["confirmed_on"] is None:
            dates["confirmed_on"] = dates["reported_on"]
            warn("confirmed_on", _("Không có ngày xác nhận: lấy ngày báo cáo hoàn thành."))
        order = [
            ("assigned_on", _("ngày giao")),
            ("completed_on", _("ngày hoàn thành")),
            ("reported_on", _("ngày báo cáo hoàn thành")),
        ]
        if status == "done":
            order.append(("confirmed_on", _("ngày xác nhận")))
        for (a, a_name), (b, b_name) in zip(order, order[1:], strict=False):
            if dates[a] and dates[b] and dates[b] < dates[a]:
                error(
                    b,
                    _(
                        "%(capitalize)s %(text)s trước %(a_name)s %(text2)s.",
                        capitalize=b_name.capitalize(),
                        text=C.text(dates[b]),
                        a_name=a_name,
                        text2=C.text(dates[a]),
                    ),
                )
        for key, name in order[1:]:
            if dates[key] and dates[key] > today:
                error(
                    key,
                    _(
                        "%(capitalize)s %(text)s ở tương lai.",
                        capitalize=name.capitalize(),
                        text=C.text(dates[key]),
                    ),
                )
    elif status == "cancelled":
        if dates["cancelled_on"] is None:
            dates["cancelled_on"] = assigned
            warn("cancelled_on", _("Không có ngày dừng: coi như dừng từ ngày giao."))
        elif assigned and dates["cancelled_on"] < assigned:
            error(
                "cancelled_on",
                _(
                    "Ngày dừng %(text)s trước ngày giao %(text2)s.",
                    text=C.text(dates["cancelled_on"]),
                    text2=C.text(assigned),
                ),
            )
        elif dates["cancelled_on"] > today:
            error("cancelled_on", _("Ngày dừng %(text)s ở tương lai.", text=C.text(dates["cancelled_on"])))
    else:
        given = [k for k in ("reported_on", "completed_on", "confirmed_on") if dates[k]]
        if given:
            warn(
                given[0],
                _(
                    "Trạng thái «%(STATUSES)s»: bỏ qua ngày hoàn thành, báo cáo, xác nhận.",
                    STATUSES=C.STATUSES[status],
                ),
            )
            for k in given:
                dates[k] = None
