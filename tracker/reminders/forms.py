"""Forms of the reminder pages. Numbers are typed as text and checked by the operation, so a wrong
value gets a Vietnamese message and stays in the form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, SubmitField

from tracker.core.forms import Form
from tracker.reminders.models import SWITCH_KINDS
from tracker.reminders.settings import WEEKDAYS


class SettingsForm(Form):
    send_at = StringField(
        _l("Giờ gửi thư hằng ngày"), description=_l("Giờ Việt Nam, dạng giờ:phút, ví dụ 07:30.")
    )
    days_before = StringField(
        _l("Nhắc trước thời hạn (số ngày)"),
        description=_l(
            "Cách nhau bởi dấu phẩy, ví dụ 7, 3, 1: nhiệm vụ còn đúng 7, 3 hoặc "
            "1 ngày đến hạn thì cơ quan chủ trì nhận thư nhắc."
        ),
    )
    due_soon_days = StringField(
        _l("Khoảng «sắp đến hạn» (ngày)"),
        description=_l(
            "Nhiệm vụ đến hạn trong số ngày này (kể cả hôm nay) được liệt kê là "
            "sắp đến hạn, như trong báo cáo."
        ),
    )
    stale_days = StringField(
        _l("Chưa cập nhật sau (ngày)"),
        description=_l("Nhiệm vụ đang thực hiện không có cập nhật trong số ngày này."),
    )
    behind_margin = StringField(
        _l("Mức chậm tiến độ (điểm %)"),
        description=_l("Tiến độ thấp hơn tỷ lệ thời gian đã qua quá số điểm này là chậm tiến độ."),
    )
    weekly_day = SelectField(
        _l("Gửi thư tổng hợp cho cán bộ theo dõi vào"),
        coerce=int,
        choices=[(i, _l(day)) for i, day in enumerate(WEEKDAYS)],
    )
    awaiting_days = StringField(
        _l("Chờ xác nhận quá (ngày)"),
        description=_l("Thư tổng hợp liệt kê báo cáo hoàn thành chờ xác nhận lâu hơn số ngày này."),
    )
    count_working_days = BooleanField(
        _l("Tính «nhắc trước» và «sắp đến hạn» theo ngày làm việc"),
        description=_l(
            "Ví dụ «nhắc trước 3 ngày làm việc»: không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết "
            "(Quản trị → Ngày nghỉ lễ); thư nhắc trước hạn gửi vào ngày làm việc."
        ),
    )
    escalate_head_days = StringField(
        _l("Báo thủ trưởng cơ quan khi quá hạn (ngày)"),
        description=_l(
            "Nhiệm vụ quá hạn từ số ngày này: thư nhắc việc kế tiếp đồng gửi (Cc) thủ trưởng cơ quan "
            "chủ trì (địa chỉ ở trang Cơ quan, đơn vị). 0: không báo."
        ),
    )
    escalate_stale_days = StringField(
        _l("… hoặc khi chưa cập nhật (ngày)"),
        description=_l(
            "Nhiệm vụ không có cập nhật trong số ngày này cũng được báo thủ trưởng. 0: không báo."
        ),
    )
    escalate_leader_days = StringField(
        _l("Báo lãnh đạo UBND tỉnh khi quá hạn (ngày)"),
        description=_l(
            "Nhiệm vụ hiện trên trang tổng quan của lãnh đạo và trong thư tổng hợp hằng tuần gửi "
            "lãnh đạo, kèm tên cơ quan. 0: không báo. Mỗi mức chỉ báo một lần cho mỗi nhiệm vụ và dừng khi "
            "nhiệm vụ có cập nhật."
        ),
    )
    escalate_working_days = BooleanField(_l("Tính số ngày báo thủ trưởng, lãnh đạo theo ngày làm việc"))
    submit = SubmitField(_l("Lưu cài đặt"))


class SwitchForm(Form):
    agency_id = SelectField(_l("Cơ quan"), coerce=int)
    kind = SelectField(
        _l("Tắt phần nhắc việc"), choices=[(key, _l(label)) for key, label in SWITCH_KINDS.items()]
    )
    submit = SubmitField(_l("Tắt"))


class PreferenceForm(Form):
    receive_digest = BooleanField(_l("Nhận thư nhắc việc qua địa chỉ thư điện tử của tôi"))
    submit = SubmitField(_l("Lưu"))


class ConfirmForm(Form):
    submit = SubmitField(_l("Xác nhận"))
