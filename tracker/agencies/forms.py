from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.agencies.models import AGENCY_KINDS


class AgencyForm(FlaskForm):
    code = StringField("Mã", validators=[DataRequired("Hãy nhập mã cơ quan."), Length(max=40)])
    name = StringField("Tên cơ quan", validators=[DataRequired("Hãy nhập tên cơ quan."), Length(max=255)])
    kind = SelectField("Loại", choices=list(AGENCY_KINDS.items()))
    parent_id = SelectField("Cơ quan cấp trên", coerce=int)
    emails = StringField("Thư điện tử nhận thông báo", description="Nhiều địa chỉ cách nhau bởi dấu ;")
    aliases = TextAreaField("Tên gọi khác", description="Cách viết khác trong văn bản, cách nhau bởi dấu ;")
    is_active = BooleanField("Đang hoạt động", default=True)
    submit = SubmitField("Lưu")
