from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from tracker.core.forms import Form
from tracker.users.models import ROLES


class UserForm(Form):
    email = EmailField(
        "Thư điện tử", validators=[DataRequired("Hãy nhập địa chỉ thư điện tử."), Length(max=255)]
    )
    full_name = StringField("Họ và tên", validators=[Length(max=255)])
    role = SelectField("Vai trò", choices=list(ROLES.items()))
    agency_id = SelectField("Cơ quan", coerce=int)
    active = BooleanField("Đang hoạt động", default=True)
    submit = SubmitField("Lưu")


class ConfirmForm(Form):
    submit = SubmitField("Xác nhận")
