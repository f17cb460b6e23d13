from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from tracker.core.forms import Form
from tracker.users.models import ROLES


class UserForm(Form):
    email = EmailField(
        _l("Thư điện tử"), validators=[DataRequired(_l("Hãy nhập địa chỉ thư điện tử.")), Length(max=255)]
    )
    full_name = StringField(_l("Họ và tên"), validators=[Length(max=255)])
    role = SelectField(_l("Vai trò"), choices=[(key, _l(label)) for key, label in ROLES.items()])
    agency_id = SelectField(_l("Cơ quan"), coerce=int)
    active = BooleanField(_l("Đang hoạt động"), default=True)
    submit = SubmitField(_l("Lưu"))


class ConfirmForm(Form):
    submit = SubmitField(_l("Xác nhận"))
