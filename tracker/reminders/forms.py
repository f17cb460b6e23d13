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
