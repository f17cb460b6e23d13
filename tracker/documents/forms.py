"""Forms: registering a document, adding a task, a section, a directive fanned out to many agencies."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from tracker.core.fields import VNDateField
from tracker.core.forms import Form
from tracker.documents.files import ACCEPT
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.documents.operations import FAN_OUT_GROUPS
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, PRIORITIES
from tracker.tasks.rules import maxlength
from tracker.workdays.forms import accept_day_off_field, working_days_field

_BAD_CHOICE = "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."


def Select(label=None, validators=None, **kwargs):
    """A SelectField whose refusal of an unknown value is in Vietnamese."""
    kwargs.setdefault("invalid_choice_message", _BAD_CHOICE)
    kwargs.setdefault("invalid_value_message", _BAD_CHOICE)
    return SelectField(label, validators, **kwargs)


def Radio(label=None, validators=None, **kwargs):
    kwargs.setdefault("invalid_choice_message", _BAD_CHOICE)
    return RadioField(label, validators, **kwargs)


def MultiSelect(label=None, validators=None, **kwargs):
    kwargs.setdefault("invalid_choice_message", _BAD_CHOICE)
    kwargs.setdefault("invalid_value_message", _BAD_CHOICE)
    return SelectMultipleField(label, validators, **kwargs)


class DocumentForm(Form):
    symbol = StringField(
        "Số, ký hiệu",
        validators=[DataRequired("Hãy nhập số, ký hiệu văn bản."), Length(max=120)],
        render_kw={"placeholder": "ví dụ: 1889/UBND-KSTT", "autocomplete": "off"},
    )
    kind = Select("Loại văn bản", choices=list(DOCUMENT_KINDS.items()), default="official_letter")
    issued_on = VNDateField("Ngày ban hành", required=True)
    issuer = StringField(
        "Cơ quan ban hành",
        validators=[Length(max=255)],
        render_kw={"list": "issuer-suggestions", "placeholder": "ví dụ: UBND tỉnh Khánh Hòa"},
    )
    issuer_level = Select("Cấp ban hành", choices=list(ISSUER_LEVELS.items()), default="committee")
    province_id = Select(
        "Tỉnh",
        coerce=int,
        description="Nhiệm vụ giao cho «các sở, ngành, địa phương» "
        "của văn bản được chia cho các cơ quan thuộc tỉnh này.",
    )
    title = TextAreaField(
        "Trích yếu", validators=[DataRequired("Hãy nhập trích yếu nội dung văn bản.")], render_kw={"rows": 3}
    )
    is_urgent = BooleanField("Văn bản KHẨN")
    file = FileField("Tệp văn bản (PDF hoặc Word)", render_kw={"accept": ACCEPT})


class TaskFieldsForm(Form):
    """What a task and a fanned-out directive share."""

    # The lengths are the operation's rule (tasks.rules.TEXT_LIMITS): shown here as `maxlength`,
    # refused by create_task with the same message on every path.
    title = StringField(
        "Tên nhiệm vụ",
        validators=[DataRequired("Hãy nhập tên nhiệm vụ.")],
        description="Một dòng ngắn gọn; toàn văn ghi ở ô Nội dung.",
        render_kw=maxlength("title"),
    )
    code = StringField("Số thứ tự", render_kw=maxlength("code", placeholder="ví dụ: III.2.b.1"))
    parent_id = Select("Thuộc mục", coerce=int)
    content = TextAreaField("Nội dung", render_kw=maxlength("content", rows=4))
    coordinating = MultiSelect(
        "Cơ quan phối hợp", coerce=int, render_kw={"size": 8, "data-agency-picker": "1"}
    )
    area = Select("Lĩnh vực", choices=list(AREAS.items()), default="other")
    assigned_on = VNDateField("Ngày giao", required=True)
    deadline_kind = Radio("Loại thời hạn", choices=list(DEADLINE_KINDS.items()), default="date")
    deadline = VNDateField("Thời hạn", description="Với nhiệm vụ định kỳ: thời hạn của kỳ đầu tiên (nếu có).")
    period = Select("Chu kỳ", choices=[("", "— Chọn chu kỳ —"), *PERIODS.items()], default="")
    expected_output = StringField(
        "Sản phẩm", render_kw=maxlength("expected_output", placeholder="ví dụ: Báo cáo UBND tỉnh")
    )
    priority = Radio("Mức độ", choices=list(PRIORITIES.items()), default="normal")
    deadline_working_days = working_days_field()
    accept_day_off = accept_day_off_field()


class TaskForm(TaskFieldsForm):
    # The list offers the agencies that may lead; who may lead is the operation's rule.
    lead_agency_id = Select(
        "Cơ quan chủ trì",
        coerce=int,
        validate_choice=False,
        validators=[DataRequired("Hãy chọn cơ quan chủ trì.")],
        render_kw={"data-agency-picker": "1"},
    )


class FanOutForm(TaskFieldsForm):
    groups = MultiSelect("Giao cho các nhóm cơ quan", choices=list(FAN_OUT_GROUPS.items()))
    extra_leads = MultiSelect(
        "Và các cơ quan khác", coerce=int, render_kw={"size": 6, "data-agency-picker": "1"}
    )
    # The checklist the monitor reviews: the agencies of the groups, ticked; unticked ones get no task.
    leads = MultiSelect("Cơ quan chủ trì", coerce=int, validate_choice=False)
    listed = HiddenField()


class SectionForm(Form):
    code = StringField("Số thứ tự", render_kw=maxlength("code", placeholder="ví dụ: III.2"))
    title = StringField(
        "Tên mục", validators=[DataRequired("Hãy nhập tên mục.")], render_kw=maxlength("title")
    )
    parent_id = Select("Thuộc mục", coerce=int)
    content = TextAreaField("Nội dung (nếu có)", render_kw=maxlength("content", rows=3))
