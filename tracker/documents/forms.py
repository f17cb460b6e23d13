"""Forms: registering a document, adding a task, a section, a directive fanned out to many agencies."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
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

_BAD_CHOICE = _l("Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.")


def Select(label=None, validators=None, **kwargs):
    """A SelectField whose refusal of an unknown value is in the app's words."""
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
        _l("Số, ký hiệu"),
        validators=[DataRequired(_l("Hãy nhập số, ký hiệu văn bản.")), Length(max=120)],
        render_kw={"placeholder": _l("ví dụ: 1889/UBND-KSTT"), "autocomplete": "off"},
    )
    kind = Select(
        _l("Loại văn bản"), choices=[(k, _l(v)) for k, v in DOCUMENT_KINDS.items()], default="official_letter"
    )
    issued_on = VNDateField(_l("Ngày ban hành"), required=True)
    issuer = StringField(
        _l("Cơ quan ban hành"),
        validators=[Length(max=255)],
        render_kw={"list": "issuer-suggestions", "placeholder": _l("ví dụ: UBND tỉnh Khánh Hòa")},
    )
    issuer_level = Select(
        _l("Cấp ban hành"), choices=[(k, _l(v)) for k, v in ISSUER_LEVELS.items()], default="committee"
    )
    province_id = Select(
        _l("Tỉnh"),
        coerce=int,
        description=_l(
            "Nhiệm vụ giao cho «các sở, ngành, địa phương» "
            "của văn bản được chia cho các cơ quan thuộc tỉnh này."
        ),
    )
    title = TextAreaField(
        _l("Trích yếu"),
        validators=[DataRequired(_l("Hãy nhập trích yếu nội dung văn bản."))],
        render_kw={"rows": 3},
    )
    is_urgent = BooleanField(_l("Văn bản KHẨN"))
    file = FileField(_l("Tệp văn bản (PDF hoặc Word)"), render_kw={"accept": ACCEPT})


class TaskFieldsForm(Form):
    """What a task and a fanned-out directive share."""

    # The lengths are the operation's rule (tasks.rules.TEXT_LIMITS): shown here as `maxlength`,
    # refused by create_task with the same message on every path.
    title = StringField(
        _l("Tên nhiệm vụ"),
        validators=[DataRequired(_l("Hãy nhập tên nhiệm vụ."))],
        description=_l("Một dòng ngắn gọn; toàn văn ghi ở ô Nội dung."),
        render_kw=maxlength("title"),
    )
    code = StringField(_l("Số thứ tự"), render_kw=maxlength("code", placeholder=_l("ví dụ: III.2.b.1")))
    parent_id = Select(_l("Thuộc mục"), coerce=int)
    content = TextAreaField(_l("Nội dung"), render_kw=maxlength("content", rows=4))
    coordinating = MultiSelect(
        _l("Cơ quan phối hợp"), coerce=int, render_kw={"size": 8, "data-agency-picker": "1"}
    )
    area = Select(_l("Lĩnh vực"), choices=[(k, _l(v)) for k, v in AREAS.items()], default="other")
    assigned_on = VNDateField(_l("Ngày giao"), required=True)
    deadline_kind = Radio(
        _l("Loại thời hạn"), choices=[(k, _l(v)) for k, v in DEADLINE_KINDS.items()], default="date"
    )
    deadline = VNDateField(
        _l("Thời hạn"), description=_l("Với nhiệm vụ định kỳ: thời hạn của kỳ đầu tiên (nếu có).")
    )
    period = Select(
        _l("Chu kỳ"),
        choices=[("", _l("— Chọn chu kỳ —")), *((k, _l(v)) for k, v in PERIODS.items())],
        default="",
    )
    expected_output = StringField(
        _l("Sản phẩm"), render_kw=maxlength("expected_output", placeholder=_l("ví dụ: Báo cáo UBND tỉnh"))
    )
    priority = Radio(_l("Mức độ"), choices=[(k, _l(v)) for k, v in PRIORITIES.items()], default="normal")
    deadline_working_days = working_days_field()
    accept_day_off = accept_day_off_field()


class TaskForm(TaskFieldsForm):
    # The list offers the agencies that may lead; who may lead is the operation's rule.
    lead_agency_id = Select(
        _l("Cơ quan chủ trì"),
        coerce=int,
        validate_choice=False,
        validators=[DataRequired(_l("Hãy chọn cơ quan chủ trì."))],
        render_kw={"data-agency-picker": "1"},
    )


class FanOutForm(TaskFieldsForm):
    groups = MultiSelect(
        _l("Giao cho các nhóm cơ quan"), choices=[(k, _l(v)) for k, v in FAN_OUT_GROUPS.items()]
    )
    extra_leads = MultiSelect(
        _l("Và các cơ quan khác"), coerce=int, render_kw={"size": 6, "data-agency-picker": "1"}
    )
    # The checklist the monitor reviews: the agencies of the groups, ticked; unticked ones get no task.
    leads = MultiSelect(_l("Cơ quan chủ trì"), coerce=int, validate_choice=False)
    listed = HiddenField()


class SectionForm(Form):
    code = StringField(_l("Số thứ tự"), render_kw=maxlength("code", placeholder=_l("ví dụ: III.2")))
    title = StringField(
        _l("Tên mục"), validators=[DataRequired(_l("Hãy nhập tên mục."))], render_kw=maxlength("title")
    )
    parent_id = Select(_l("Thuộc mục"), coerce=int)
    content = TextAreaField(_l("Nội dung (nếu có)"), render_kw=maxlength("content", rows=3))
