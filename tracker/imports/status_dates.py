"""The dates a task's historic status needs in an import row (a part of the spreadsheet check)."""

from __future__ import annotations

from tracker.imports import columns as C


def check_status_dates(status, dates, deadline, assigned, today, error, warn) -> None:
    """The dates a historic status needs, in order: assigned ≤ completed ≤ reported ≤ confirmed ≤ today."""
    if deadline and deadline.kind == "periodic" and status not in ("new", "in_progress", "cancelled"):
        error(
            "status",
            "Nhiệm vụ định kỳ có trạng thái theo từng kỳ; không nhập được trạng thái "
            f"«{C.STATUSES[status]}» cho cả nhiệm vụ.",
        )
        return
    if status in ("reported", "done"):
        if dates["completed_on"] is None:
            error("completed_on", f"Trạng thái «{C.STATUSES[status]}» cần ngày hoàn thành.")
            return
        if dates["reported_on"] is None:
            dates["reported_on"] = dates["completed_on"]
            warn("reported_on", "Không có ngày báo cáo hoàn thành: lấy ngày hoàn thành.")
        if status == "done" and dates["confirmed_on"] is None:
            dates["confirmed_on"] = dates["reported_on"]
            warn("confirmed_on", "Không có ngày xác nhận: lấy ngày báo cáo hoàn thành.")
        order = [
            ("assigned_on", "ngày giao"),
            ("completed_on", "ngày hoàn thành"),
            ("reported_on", "ngày báo cáo hoàn thành"),
        ]
        if status == "done":
            order.append(("confirmed_on", "ngày xác nhận"))
        for (a, a_name), (b, b_name) in zip(order, order[1:], strict=False):
            if dates[a] and dates[b] and dates[b] < dates[a]:
                error(b, f"{b_name.capitalize()} {C.text(dates[b])} trước {a_name} {C.text(dates[a])}.")
        for key, name in order[1:]:
            if dates[key] and dates[key] > today:
                error(key, f"{name.capitalize()} {C.text(dates[key])} ở tương lai.")
    elif status == "cancelled":
        if dates["cancelled_on"] is None:
            dates["cancelled_on"] = assigned
            warn("cancelled_on", "Không có ngày dừng: coi như dừng từ ngày giao.")
        elif assigned and dates["cancelled_on"] < assigned:
            error(
                "cancelled_on",
                f"Ngày dừng {C.text(dates['cancelled_on'])} trước ngày giao {C.text(assigned)}.",
            )
        elif dates["cancelled_on"] > today:
            error("cancelled_on", f"Ngày dừng {C.text(dates['cancelled_on'])} ở tương lai.")
    else:
        given = [k for k in ("reported_on", "completed_on", "confirmed_on") if dates[k]]
        if given:
            warn(given[0], f"Trạng thái «{C.STATUSES[status]}»: bỏ qua ngày hoàn thành, báo cáo, xác nhận.")
            for k in given:
                dates[k] = None
