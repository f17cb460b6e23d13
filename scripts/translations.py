"""Build the English catalog: extract the messages, apply the English texts of EN below, compile.

Vietnamese is the source language (msgids are the Vietnamese texts). Run:
    .venv/bin/python scripts/translations.py
It writes tracker/translations/en/LC_MESSAGES/messages.po and .mo (the .mo is also compiled by
`make install`). Texts not in EN fall back to Vietnamese.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "tracker/translations/en/LC_MESSAGES/messages.po"

EN = {
    "Bỏ qua thanh điều hướng": "Skip navigation",
    "Điều hướng chính": "Main navigation",
    "Theo dõi nhiệm vụ": "Task tracker",
    "Mở menu": "Open menu",
    "Tổng quan": "Overview",
    "Tổng số": "Total",
    "Không tính vào tổng số:": "Not in the total:",
    "nhiệm vụ chưa đến ngày giao": "tasks whose assignment date is still to come",
    "nhiệm vụ đã dừng": "cancelled tasks",
    "Nhiệm vụ": "Tasks",
    "Việc cần xử lý": "Work queue",
    "Văn bản": "Documents",
    "Báo cáo": "Reports",
    "Nhập dữ liệu": "Import",
    "Quản trị": "Administration",
    "Cơ quan, đơn vị": "Agencies",
    "Tài khoản": "Accounts",
    "Nhật ký thư nhắc việc": "Reminder e-mail log",
    "Cài đặt nhắc việc": "Reminder settings",
    "Thể thức văn bản báo cáo": "Report letterhead",
    "Ngày nghỉ lễ": "Public holidays",
    "Ngày nghỉ lễ, ngày làm bù": "Public holidays and make-up working days",
    "Chọn năm": "Choose the year",
    "ngày làm việc": "working days",
    "ngày nghỉ được liệt kê": "days off listed",
    "ngày làm bù": "make-up working days",
    "Ngày, tên": "Date, name",
    "Loại": "Kind",
    "Sửa": "Edit",
    "Xóa": "Delete",
    "ngày": "days",
    "Thêm vào lịch": "Add to the calendar",
    "Lưu thay đổi": "Save changes",
    "Hủy": "Cancel",
    "Thêm ngày nghỉ, ngày làm bù": "Add days off or make-up working days",
    "Nghỉ lễ, Tết": "Holiday, Tết",
    "Cuối tuần": "Weekend",
    "Làm bù": "Make-up working day",
    "Các kỳ nghỉ (kể cả thứ Bảy, Chủ nhật liền kề)": "Breaks (with the adjoining weekends)",
    "Nguồn dữ liệu chính thức:": "Source of the official data:",
    "Chỉ quản trị thay đổi được lịch ngày nghỉ.": "Only an administrator may change the calendar.",
    "Thêm từ dữ liệu chính thức": "Add from the official data",
    "Ngày làm việc là thứ Hai đến thứ Sáu, trừ các ngày nghỉ dưới đây; ngày làm bù (thứ Bảy, Chủ nhật) là ngày làm việc. Mọi «N ngày làm việc» trong hệ thống (thời hạn, nhắc việc) được tính theo lịch này.": "Working days are Monday to Friday except the days off below; a make-up day (Saturday, Sunday) is a working day. Every “N working days” in the system (deadlines, reminders) is counted with this calendar.",
    "Năm %(year)s chưa có ngày nghỉ lễ nào: hệ thống chỉ trừ thứ Bảy, Chủ nhật khi tính ngày làm việc.": "%(year)s has no public holidays yet: only Saturdays and Sundays are left out of working days.",
    "Hãy thêm các ngày nghỉ theo thông báo của Chính phủ.": "Add the days off the Government announced.",
    "Dữ liệu chính thức có %(n)s ngày của năm %(year)s chưa có trong lịch.": "The official data has %(n)s days of %(year)s that the calendar does not list.",
    "Các ngày nghỉ và ngày làm bù năm %(year)s": "Days off and make-up working days of %(year)s",
    "Xóa %(n)s ngày «%(name)s» khỏi lịch?": "Remove %(n)s days “%(name)s” from the calendar?",
    "Nhập một kỳ nghỉ «từ ngày … đến ngày …» (ví dụ Tết Nguyên đán theo thông báo của Chính phủ), hoặc một ngày. Ngày làm bù là thứ Bảy hoặc Chủ nhật đi làm để hoán đổi.": "Enter a break “from … to …” (e.g. Tết as the Government announced it), or one day. A make-up day is a Saturday or Sunday worked in exchange.",
    "Lịch năm %(year)s": "Calendar of %(year)s",
    "Sửa: %(name)s": "Edit: %(name)s",
    "Nhật ký hệ thống": "Audit log",
    "Khóa truy cập API, lịch": "API tokens and calendar",
    "Nhận thư nhắc việc": "Reminder e-mails",
    "Đổi mật khẩu": "Change password",
    "Đăng xuất": "Log out",
    "Đóng": "Close",
    "Về trang tổng quan": "Back to the overview",
    "Hệ thống theo dõi việc thực hiện nhiệm vụ được giao": "Tracking the tasks assigned to agencies",
    "Đăng nhập": "Log in",
    "Quên mật khẩu?": "Forgot your password?",
    "Mật khẩu mới cần ít nhất 8 ký tự và không phải mật khẩu phổ biến. Sau khi đổi, các phiên đăng nhập "
    "khác của bạn sẽ bị đăng xuất.": "The new password needs at least 8 characters and must not be a common "
    "password. After the change, your other sessions are logged out.",
    "Đăng xuất khỏi mọi thiết bị": "Log out of every device",
    "Đăng xuất khỏi mọi thiết bị, kể cả máy này?": "Log out of every device, this one included?",
    "Việc của cơ quan": "My agency's work",
    "Quá hạn": "Overdue",
    "Sắp đến hạn": "Due soon",
    "Bị trả lại": "Returned",
    "Chờ xác nhận": "Awaiting confirmation",
    "Xem tất cả »": "See all »",
    "Không có nhiệm vụ quá hạn.": "No overdue task.",
    "Không có nhiệm vụ sắp đến hạn.": "No task due soon.",
    "Bị trả lại, cần xử lý": "Returned, to be dealt with",
    "Không có báo cáo nào bị trả lại.": "No report was returned.",
    "Nhiệm vụ cơ quan phối hợp thực hiện": "Tasks my agency coordinates",
    "Mở danh sách việc cần xử lý": "Open the work queue",
    "Cơ cấu theo phân loại báo cáo": "By report category",
    "Xem báo cáo chi tiết »": "See the full report »",
    "Theo trạng thái": "By status",
    "Chọn tất cả nhiệm vụ trên trang này": "Select every task on this page",
    "Khẩn": "Urgent",
    "Bị trả lại:": "Returned:",
    "Nếu bạn đã đăng nhập trên máy khác (hoặc chọn «Ghi nhớ đăng nhập») và lo ngại người khác dùng được, "
    "hãy kết thúc mọi phiên đăng nhập, kể cả phiên này.": "If you are logged in on another computer (or chose "
    "“Remember me”) and worry someone else could use it, end every session, this one included.",
}


def main() -> int:
    pot = ROOT / "build/messages.pot"
    pot.parent.mkdir(exist_ok=True)
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    missing = []
    for message in catalog:
        if message.id and isinstance(message.id, str):
            message.string = EN.get(message.id, "")
            if not message.string:
                missing.append(message.id)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as fh:
        write_po(fh, catalog)
    compile_catalog()
    for text in missing:
        print("no English yet:", text)
    return 0


def compile_catalog() -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    with PO.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog)


if __name__ == "__main__":
    if sys.argv[1:] == ["compile"]:
        compile_catalog()
    else:
        sys.exit(main())
