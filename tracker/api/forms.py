"""Forms of the token and calendar pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.api.models import TOKEN_SCOPES
from tracker.core.forms import Form
from tracker.tasks.models import AREAS, STATUSES


class TokenForm(Form):
    name = StringField(
        _l("Tên khóa"),
        validators=[DataRequired(_l("Hãy đặt tên cho khóa.")), Length(max=120)],
        description=_l("Để nhận ra khóa dùng ở đâu, ví dụ «Phần mềm quản lý văn bản»."),
    )
    scope = SelectField(_l("Phạm vi"), choices=[(k, _l(v)) for k, v in TOKEN_SCOPES.items()], default="read")
    days = IntegerField(
        _l("Hiệu lực (ngày)"),
        default=90,
        validators=[
            DataRequired(_l("Hãy nhập số ngày.")),
            NumberRange(1, 366, _l("Hiệu lực từ 1 đến 366 ngày.")),
        ],
    )


class FeedForm(Form):
    name = StringField(
        _l("Tên lịch"),
        validators=[DataRequired(_l("Hãy đặt tên cho lịch.")), Length(max=120)],
        default=_l("Thời hạn nhiệm vụ"),
    )
    lead = SelectField(_l("Cơ quan chủ trì"), coerce=int, default=0, validators=[Optional()])
    document = SelectField(_l("Văn bản"), coerce=int, default=0, validators=[Optional()])
    area = SelectField(
        _l("Lĩnh vực"), choices=[("", _l("— Tất cả —")), *((k, _l(v)) for k, v in AREAS.items())], default=""
    )
    status = SelectMultipleField(
        _l("Trạng thái"),
        choices=[(k, _l(v)) for k, v in STATUSES.items()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        description=_l("Không chọn: mọi trạng thái trừ «Đã dừng»."),
    )
