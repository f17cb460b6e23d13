from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.agencies.models import AGENCY_KINDS
from tracker.core.fields import VNDateField
from tracker.core.forms import Form

KIND_ORDER = list(AGENCY_KINDS)


def agency_choices(agencies, blank: str | None = None) -> dict:
    """Choices grouped by kind, rendered as <optgroup>s, so a list of 100+ agencies stays usable."""
    groups: dict = {None: [(0, blank)]} if blank else {}
    for agency in sorted(
        agencies, key=lambda a: (KIND_ORDER.index(a.kind) if a.kind in KIND_ORDER else 99, a.name)
    ):
        groups.setdefault(_(AGENCY_KINDS.get(agency.kind, agency.kind)), []).append((agency.id, agency.name))
    return groups


class AgencyForm(Form):
    code = StringField(_l("Mã"), validators=[DataRequired(_l("Hãy nhập mã cơ quan.")), Length(max=40)])
    name = StringField(
        _l("Tên cơ quan"), validators=[DataRequired(_l("Hãy nhập tên cơ quan.")), Length(max=255)]
    )
    kind = SelectField(_l("Loại"), choices=[(key, _l(label)) for key, label in AGENCY_KINDS.items()])
    parent_id = SelectField(_l("Cơ quan cấp trên"), coerce=int)
    emails = StringField(
        _l("Thư điện tử nhận thông báo"), description=_l("Nhiều địa chỉ cách nhau bởi dấu ;")
    )
    head_email = StringField(
        _l("Thư điện tử của thủ trưởng cơ quan"),
        description=_l(
            "Được đồng gửi thư nhắc việc khi nhiệm vụ của cơ quan quá hạn lâu (Cài đặt nhắc việc → báo cáo vượt cấp)."
        ),
    )
    aliases = TextAreaField(
        _l("Tên gọi khác"), description=_l("Cách viết khác trong văn bản, cách nhau bởi dấu ;")
    )
    is_active = BooleanField(_l("Đang hoạt động"), default=True)
    submit = SubmitField(_l("Lưu"))


class MergeForm(Form):
    successor_id = SelectField(
        _l("Cơ quan tiếp nhận"),
        coerce=int,
        validators=[DataRequired(_l("Hãy chọn cơ quan tiếp nhận."))],
        invalid_choice_message=_l("Hãy chọn cơ quan tiếp nhận trong danh sách."),
        render_kw={"data-agency-picker": "1"},
    )
    on = VNDateField(
        _l("Ngày sáp nhập"),
        required=True,
        description=_l("Ngày quyết định sáp nhập có hiệu lực; không thể ở tương lai."),
    )
    users = RadioField(
        _l("Tài khoản của cơ quan bị sáp nhập"),
        default="move",
        choices=[("move", _l("Chuyển sang cơ quan tiếp nhận")), ("deactivate", _l("Khóa tài khoản"))],
        invalid_choice_message=_l("Hãy chọn cách xử lý tài khoản."),
    )


class RenameForm(Form):
    name = StringField(_l("Tên mới"), validators=[DataRequired(_l("Hãy nhập tên mới.")), Length(max=255)])
    code = StringField(
        _l("Mã"),
        validators=[Length(max=40)],
        description=_l("Để nguyên nếu mã không đổi. Mã chỉ gồm chữ in hoa, số, gạch nối."),
    )
