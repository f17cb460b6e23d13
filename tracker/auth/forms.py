from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from tracker.core.forms import Form


class LoginForm(Form):
    email = EmailField("Thư điện tử", validators=[DataRequired("Hãy nhập địa chỉ thư điện tử.")])
    password = PasswordField("Mật khẩu", validators=[DataRequired("Hãy nhập mật khẩu.")])
    remember = BooleanField("Ghi nhớ đăng nhập trên máy này")
    submit = SubmitField("Đăng nhập")


class ChangePasswordForm(Form):
    current = PasswordField("Mật khẩu hiện tại", validators=[DataRequired("Hãy nhập mật khẩu hiện tại.")])
    new = PasswordField(
        "Mật khẩu mới", validators=[DataRequired("Hãy nhập mật khẩu mới."), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        "Nhập lại mật khẩu mới", validators=[EqualTo("new", "Hai lần nhập mật khẩu mới không khớp.")]
    )
    submit = SubmitField("Đổi mật khẩu")


class ForgotPasswordForm(Form):
    email = EmailField(
        "Thư điện tử", validators=[DataRequired("Hãy nhập địa chỉ thư điện tử."), Length(max=255)]
    )
    submit = SubmitField("Gửi liên kết đặt lại mật khẩu")


class ResetPasswordForm(Form):
    new = PasswordField(
        "Mật khẩu mới", validators=[DataRequired("Hãy nhập mật khẩu mới."), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        "Nhập lại mật khẩu mới", validators=[EqualTo("new", "Hai lần nhập mật khẩu mới không khớp.")]
    )
    submit = SubmitField("Đặt mật khẩu mới")


class LogoutEverywhereForm(Form):
    submit = SubmitField("Đăng xuất khỏi mọi thiết bị")
