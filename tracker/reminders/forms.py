"""Forms of the reminder pages. Numbers are typed as text and checked by the operation, so a wrong
value gets a Vietnamese message and stays in the form."""

from wtforms import BooleanField, SelectField, StringField, SubmitField

from tracker.core.forms import Form
from tracker.reminders.models import SWITCH_KINDS
from tracker.reminders.settings import WEEKDAYS


class SettingsForm(Form):
    send_at = StringField("Giờ gửi thư hằng ngày", description="Giờ Việt Nam, dạng giờ:phút, ví dụ 07:30.")
    days_before = StringField(
        "Nhắc trước thời hạn (số ngày)",
        description="Cách nhau bởi dấu phẩy, ví dụ 7, 3, 1: nhiệm vụ còn đúng 7, 3 hoặc "
        "1 ngày đến hạn thì cơ quan chủ trì nhận thư nhắc.",
    )
    due_soon_days = StringField(
        "Khoảng «sắp đến hạn» (ngày)",
        description="Nhiệm vụ đến hạn trong số ngày này (kể cả hôm nay) được liệt kê là "
        "sắp đến hạn, như trong báo cáo.",
    )
    stale_days = StringField(
        "Chưa cập nhật sau (ngày)", description="Nhiệm vụ đang thực hiện không có cập nhật trong số ngày này."
    )
    behind_margin = StringField(
        "Mức chậm tiến độ (điểm %)",
        description="Tiến độ thấp hơn tỷ lệ thời gian đã qua quá số điểm này là chậm tiến độ.",
    )
    weekly_day = SelectField(
        "Gửi thư tổng hợp cho cán bộ theo dõi vào", coerce=int, choices=list(enumerate(WEEKDAYS))
    )
    awaiting_days = StringField(
        "Chờ xác nhận quá (ngày)",
        description="Thư tổng hợp liệt kê báo cáo hoàn thành chờ xác nhận lâu hơn số ngày này.",
    )
    count_working_days = BooleanField(
        "Tính «nhắc trước» và «sắp đến hạn» theo ngày làm việc",
        description="Ví dụ «nhắc trước 3 ngày làm việc»: không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết "
        "(Quản trị → Ngày nghỉ lễ); thư nhắc trước hạn gửi vào ngày làm việc.",
    )
    escalate_head_days = StringField(
        "Báo thủ trưởng cơ quan khi quá hạn (ngày)",
        description="Nhiệm vụ quá hạn từ số ngày này: thư nhắc việc kế tiếp đồng gửi (Cc) thủ trưởng cơ quan "
        "chủ trì (địa chỉ ở trang Cơ quan, đơn vị). 0: không báo.",
    )
    escalate_stale_days = StringField(
        "… hoặc khi chưa cập nhật (ngày)",
        description="Nhiệm vụ không có cập nhật trong số ngày này cũng được báo thủ trưởng. 0: không báo.",
    )
    escalate_leader_days = StringField(
        "Báo lãnh đạo UBND tỉnh khi quá hạn (ngày)",
        description="Nhiệm vụ hiện trên trang tổng quan của lãnh đạo và trong thư tổng hợp hằng tuần gửi "
        "lãnh đạo, kèm tên cơ quan. 0: không báo. Mỗi mức chỉ báo một lần cho mỗi nhiệm vụ và dừng khi "
        "nhiệm vụ có cập nhật.",
    )
    escalate_working_days = BooleanField("Tính số ngày báo thủ trưởng, lãnh đạo theo ngày làm việc")
    submit = SubmitField("Lưu cài đặt")


class SwitchForm(Form):
    agency_id = SelectField("Cơ quan", coerce=int)
    kind = SelectField("Tắt phần nhắc việc", choices=list(SWITCH_KINDS.items()))
    submit = SubmitField("Tắt")


class PreferenceForm(Form):
    receive_digest = BooleanField("Nhận thư nhắc việc qua địa chỉ thư điện tử của tôi")
    submit = SubmitField("Lưu")


class ConfirmForm(Form):
    submit = SubmitField("Xác nhận")
