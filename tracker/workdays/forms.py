"""The calendar page's form: one day or a range, its kind and its name."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length

from tracker.core.dates import fmt_date, fmt_weekday_date
from tracker.core.fields import VNDateField
from tracker.core.forms import Form
from tracker.workdays.deadlines import deadline_from_working_days
from tracker.workdays.models import KIND_LABELS

NAME_SUGGESTIONS = (
    _l("Tết Dương lịch"),
    _l("Tết Nguyên đán"),
    _l("Giỗ Tổ Hùng Vương"),
    _l("Ngày Chiến thắng"),
    _l("Ngày Quốc tế Lao động"),
    _l("Quốc khánh"),
    _l("Ngày Văn hóa Việt Nam"),
    _l("Nghỉ bù Tết Dương lịch"),
    _l("Nghỉ bù Giỗ Tổ Hùng Vương"),
    _l("Nghỉ bù Quốc khánh"),
    _l("Nghỉ hoán đổi dịp 30/4–1/5"),
    _l("Làm bù"),
)


class DaysForm(Form):
    first = VNDateField(_l("Từ ngày"), required=True)
    last = VNDateField(
        _l("Đến ngày"), description=_l("Để trống nếu chỉ một ngày. Kỳ nghỉ gồm cả thứ Bảy, Chủ nhật.")
    )
    kind = SelectField(
        _l("Loại"),
        choices=[(key, _l(label)) for key, label in KIND_LABELS.items()],
        default="holiday",
        validate_choice=False,  # the operation refuses an unknown kind with a Vietnamese message
    )
    name = StringField(
        _l("Tên"),
        validators=[Length(max=160, message=_l("Tên dài quá 160 ký tự."))],
        render_kw={
            "list": "calendar-names",
            "placeholder": _l("ví dụ: Tết Nguyên đán"),
            "autocomplete": "off",
        },
    )


class ConfirmForm(Form):
    pass


ACCEPT_DAY_OFF_LABEL = _l("Vẫn giữ thời hạn này (rơi vào ngày nghỉ)")
WORKING_DAYS_LABEL = _l("Hoặc: hạn sau số ngày làm việc từ ngày giao")
WORKING_DAYS_HINT = _l(
    "Ví dụ «trong 10 ngày làm việc kể từ ngày giao»: thời hạn được tính theo lịch ngày nghỉ lễ."
)


def accept_day_off_field() -> BooleanField:
    return BooleanField(ACCEPT_DAY_OFF_LABEL)


def working_days_field() -> StringField:
    return StringField(
        WORKING_DAYS_LABEL,
        description=WORKING_DAYS_HINT,
        render_kw={"inputmode": "numeric", "autocomplete": "off", "placeholder": _l("ví dụ: 10")},
    )


def fill_deadline_from_working_days(form) -> bool:
    """ "hạn: N ngày làm việc từ ngày giao": when the form has N, set its deadline to the day N working
    days after its assignment date. True when the deadline changed (or N is wrong): the form goes back
    to the person, who sees the date before saving."""
    field = form.deadline_working_days
    text = (field.data or "").strip()
    if not text or form.assigned_on.data is None:
        return False
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= 1000:
        field.errors = [*field.errors, _("Số ngày làm việc phải là số nguyên từ 1 đến 1000.")]
        return True
    deadline = deadline_from_working_days(form.assigned_on.data, n)
    field.description = _(
        "%(n)s ngày làm việc từ ngày giao %(value)s: %(value2)s.",
        n=n,
        value=fmt_date(form.assigned_on.data),
        value2=fmt_weekday_date(deadline),
    )
    if form.deadline.data == deadline:
        return False
    form.deadline.data = deadline
    form.deadline.raw_data = [fmt_date(deadline)]
    form.deadline_computed = True
    return True
