"""Forms of the token and calendar pages."""

from __future__ import annotations

from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.api.models import TOKEN_SCOPES
from tracker.core.forms import Form
from tracker.tasks.models import AREAS, STATUSES


class TokenForm(Form):
    name = StringField(
        "Tên khóa",
        validators=[DataRequired("Hãy đặt tên cho khóa."), Length(max=120)],
        description="Để nhận ra khóa dùng ở đâu, ví dụ «Phần mềm quản lý văn bản».",
    )
    scope = SelectField("Phạm vi", choices=list(TOKEN_SCOPES.items()), default="read")
    days = IntegerField(
        "Hiệu lực (ngày)",
        default=90,
        validators=[DataRequired("Hãy nhập số ngày."), NumberRange(1, 366, "Hiệu lực từ 1 đến 366 ngày.")],
    )


class FeedForm(Form):
    name = StringField(
        "Tên lịch",
        validators=[DataRequired("Hãy đặt tên cho lịch."), Length(max=120)],
        default="Thời hạn nhiệm vụ",
    )
    lead = SelectField("Cơ quan chủ trì", coerce=int, default=0, validators=[Optional()])
    document = SelectField("Văn bản", coerce=int, default=0, validators=[Optional()])
    area = SelectField("Lĩnh vực", choices=[("", "— Tất cả —"), *AREAS.items()], default="")
    status = SelectMultipleField(
        "Trạng thái",
        choices=list(STATUSES.items()),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        description="Không chọn: mọi trạng thái trừ «Đã dừng».",
    )
