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
        groups.setdefault(AGENCY_KINDS.get(agency.kind, agency.kind), []).append((agency.id, agency.name))
    return groups


class AgencyForm(Form):
    code = StringField("Mã", validators=[DataRequired("Hãy nhập mã cơ quan."), Length(max=40)])
    name = StringField("Tên cơ quan", validators=[DataRequired("Hãy nhập tên cơ quan."), Length(max=255)])
    kind = SelectField("Loại", choices=list(AGENCY_KINDS.items()))
    parent_id = SelectField("Cơ quan cấp trên", coerce=int)
    emails = StringField("Thư điện tử nhận thông báo", description="Nhiều địa chỉ cách nhau bởi dấu ;")
    head_email = StringField(
        "Thư điện tử của thủ trưởng cơ quan",
        description="Được đồng gửi thư nhắc việc khi nhiệm vụ của cơ quan quá hạn lâu (Cài đặt nhắc việc → báo cáo vượt cấp).",
    )
    aliases = TextAreaField("Tên gọi khác", description="Cách viết khác trong văn bản, cách nhau bởi dấu ;")
    is_active = BooleanField("Đang hoạt động", default=True)
    submit = SubmitField("Lưu")


class MergeForm(Form):
    successor_id = SelectField(
        "Cơ quan tiếp nhận",
        coerce=int,
        validators=[DataRequired("Hãy chọn cơ quan tiếp nhận.")],
        invalid_choice_message="Hãy chọn cơ quan tiếp nhận trong danh sách.",
        render_kw={"data-agency-picker": "1"},
    )
    on = VNDateField(
        "Ngày sáp nhập",
        required=True,
        description="Ngày quyết định sáp nhập có hiệu lực; không thể ở tương lai.",
    )
    users = RadioField(
        "Tài khoản của cơ quan bị sáp nhập",
        default="move",
        choices=[("move", "Chuyển sang cơ quan tiếp nhận"), ("deactivate", "Khóa tài khoản")],
        invalid_choice_message="Hãy chọn cách xử lý tài khoản.",
    )


class RenameForm(Form):
    name = StringField("Tên mới", validators=[DataRequired("Hãy nhập tên mới."), Length(max=255)])
    code = StringField(
        "Mã",
        validators=[Length(max=40)],
        description="Để nguyên nếu mã không đổi. Mã chỉ gồm chữ in hoa, số, gạch nối.",
    )
