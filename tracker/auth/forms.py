from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from tracker.core.forms import Form


class LoginForm(Form):
    email = EmailField(_l("Thư điện tử"), validators=[DataRequired(_l("Hãy nhập địa chỉ thư điện tử."))])
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Hãy nhập mật khẩu."))])
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))
    submit = SubmitField(_l("Đăng nhập"))


class ChangePasswordForm(Form):
    current = PasswordField(
        _l("Mật khẩu hiện tại"), validators=[DataRequired(_l("Hãy nhập mật khẩu hiện tại."))]
    )
    new = PasswordField(
        _l("Mật khẩu mới"), validators=[DataRequired(_l("Hãy nhập mật khẩu mới.")), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"), validators=[EqualTo("new", _l("Hai lần nhập mật khẩu mới không khớp."))]
    )
    submit = SubmitField(_l("Đổi mật khẩu"))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("Thư điện tử"), validators=[DataRequired(_l("Hãy nhập địa chỉ thư điện tử.")), Length(max=255)]
    )
    submit = SubmitField(_l("Gửi liên kết đặt lại mật khẩu"))


class ResetPasswordForm(Form):
    new = PasswordField(
        _l("Mật khẩu mới"), validators=[DataRequired(_l("Hãy nhập mật khẩu mới.")), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"), validators=[EqualTo("new", _l("Hai lần nhập mật khẩu mới không khớp."))]
    )
    submit = SubmitField(_l("Đặt mật khẩu mới"))


class LogoutEverywhereForm(Form):
    submit = SubmitField(_l("Đăng xuất khỏi mọi thiết bị"))
