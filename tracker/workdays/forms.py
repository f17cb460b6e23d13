"""The calendar page's form: one day or a range, its kind and its name."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length

from tracker.core.fields import VNDateField
from tracker.workdays.models import KIND_LABELS

NAME_SUGGESTIONS = (
    "Tết Dương lịch",
    "Tết Nguyên đán",
    "Giỗ Tổ Hùng Vương",
    "Ngày Chiến thắng",
    "Ngày Quốc tế Lao động",
    "Quốc khánh",
    "Ngày Văn hóa Việt Nam",
    "Nghỉ bù Tết Dương lịch",
    "Nghỉ bù Giỗ Tổ Hùng Vương",
    "Nghỉ bù Quốc khánh",
    "Nghỉ hoán đổi dịp 30/4–1/5",
    "Làm bù",
)


class DaysForm(FlaskForm):
    first = VNDateField("Từ ngày", required=True)
    last = VNDateField("Đến ngày", description="Để trống nếu chỉ một ngày. Kỳ nghỉ gồm cả thứ Bảy, Chủ nhật.")
    kind = SelectField(
        "Loại",
        choices=list(KIND_LABELS.items()),
        default="holiday",
        validate_choice=False,  # the operation refuses an unknown kind with a Vietnamese message
    )
    name = StringField(
        "Tên",
        validators=[Length(max=160, message="Tên dài quá 160 ký tự.")],
        render_kw={"list": "calendar-names", "placeholder": "ví dụ: Tết Nguyên đán", "autocomplete": "off"},
    )


class ConfirmForm(FlaskForm):
    pass
