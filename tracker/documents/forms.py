"""Forms: registering a document, adding a task, a section, a directive fanned out to many agencies."""

from __future__ import annotations

from flask_wtf import FlaskForm
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
from wtforms.validators import DataRequired, Length, StopValidation

from tracker.agencies.models import AGENCY_KINDS
from tracker.core.dates import fmt_date, parse_user_date
from tracker.documents.files import ACCEPT
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.documents.operations import FAN_OUT_GROUPS
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, PRIORITIES

KIND_ORDER = list(AGENCY_KINDS)


class VNDateField(StringField):
    """A date typed as dd/mm/yyyy (yyyy-mm-dd accepted too); what was typed is shown back on error."""

    def __init__(self, label=None, validators=None, required: bool = False, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off",
                               **kwargs["render_kw"]}
        super().__init__(label, validators, **kwargs)
        self.required = required
        if required:
            self.flags.required = True

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return fmt_date(self.data) if self.data else ""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        try:
            day = parse_user_date(text)
        except ValueError as e:
            raise ValueError(str(e)) from None
        if not 1945 <= day.year <= 2100:
            raise ValueError(f"Năm {day.year} không hợp lệ (nhập đủ bốn chữ số, ví dụ 30/09/2024).")
        self.data = day

    def pre_validate(self, form):
        if self.required and self.data is None and not self.process_errors:
            raise StopValidation(f"Hãy nhập {self.label.text.lower()} (ngày/tháng/năm).")


def agency_choices(agencies, blank: str | None = None) -> dict:
    """Choices grouped by kind, rendered as <optgroup>s, so a list of 100+ agencies stays usable."""
    groups: dict = {None: [(0, blank)]} if blank else {}
    for agency in sorted(agencies, key=lambda a: (KIND_ORDER.index(a.kind) if a.kind in KIND_ORDER else 99,
                                                  a.name)):
        groups.setdefault(AGENCY_KINDS.get(agency.kind, agency.kind), []).append((agency.id, agency.name))
    return groups


class DocumentForm(FlaskForm):
    symbol = StringField("Số, ký hiệu", validators=[DataRequired("Hãy nhập số, ký hiệu văn bản."),
                                                    Length(max=120)],
                         render_kw={"placeholder": "ví dụ: 1889/UBND-KSTT", "autocomplete": "off"})
    kind = SelectField("Loại văn bản", choices=list(DOCUMENT_KINDS.items()), default="official_letter")
    issued_on = VNDateField("Ngày ban hành", required=True)
    issuer = StringField("Cơ quan ban hành", validators=[Length(max=255)],
                         render_kw={"list": "issuer-suggestions", "placeholder": "ví dụ: UBND tỉnh Khánh Hòa"})
    issuer_level = SelectField("Cấp ban hành", choices=list(ISSUER_LEVELS.items()), default="committee")
    province_id = SelectField("Tỉnh", coerce=int, description="Nhiệm vụ giao cho «các sở, ngành, địa phương» "
                              "của văn bản được chia cho các cơ quan thuộc tỉnh này.")
    title = TextAreaField("Trích yếu", validators=[DataRequired("Hãy nhập trích yếu nội dung văn bản.")],
                          render_kw={"rows": 3})
    is_urgent = BooleanField("Văn bản KHẨN")
    file = FileField("Tệp văn bản (PDF hoặc Word)", render_kw={"accept": ACCEPT})


class _TaskFields(FlaskForm):
    """What a task and a fanned-out directive share."""

    title = StringField("Tên nhiệm vụ", validators=[DataRequired("Hãy nhập tên nhiệm vụ."), Length(max=500)],
                        description="Một dòng ngắn gọn; toàn văn ghi ở ô Nội dung.")
    code = StringField("Số thứ tự", validators=[Length(max=60)], render_kw={"placeholder": "ví dụ: III.2.b.1"})
    parent_id = SelectField("Thuộc mục", coerce=int)
    content = TextAreaField("Nội dung", render_kw={"rows": 4})
    coordinating = SelectMultipleField("Cơ quan phối hợp", coerce=int,
                                       render_kw={"size": 8, "data-agency-picker": "1"})
    area = SelectField("Lĩnh vực", choices=list(AREAS.items()), default="other")
    assigned_on = VNDateField("Ngày giao", required=True)
    deadline_kind = RadioField("Loại thời hạn", choices=list(DEADLINE_KINDS.items()), default="date")
    deadline = VNDateField("Thời hạn", description="Với nhiệm vụ định kỳ: thời hạn của kỳ đầu tiên (nếu có).")
    period = SelectField("Chu kỳ", choices=[("", "— Chọn chu kỳ —"), *PERIODS.items()], default="")
    expected_output = StringField("Sản phẩm", validators=[Length(max=255)],
                                  render_kw={"placeholder": "ví dụ: Báo cáo UBND tỉnh"})
    priority = RadioField("Mức độ", choices=list(PRIORITIES.items()), default="normal")


class TaskForm(_TaskFields):
    lead_agency_id = SelectField("Cơ quan chủ trì", coerce=int,
                                 validators=[DataRequired("Hãy chọn cơ quan chủ trì.")],
                                 render_kw={"data-agency-picker": "1"})


class FanOutForm(_TaskFields):
    groups = SelectMultipleField("Giao cho các nhóm cơ quan", choices=list(FAN_OUT_GROUPS.items()))
    extra_leads = SelectMultipleField("Và các cơ quan khác", coerce=int,
                                      render_kw={"size": 6, "data-agency-picker": "1"})
    # The checklist the monitor reviews: the agencies of the groups, ticked; unticked ones get no task.
    leads = SelectMultipleField("Cơ quan chủ trì", coerce=int, validate_choice=False)
    listed = HiddenField()


class SectionForm(FlaskForm):
    code = StringField("Số thứ tự", validators=[Length(max=60)], render_kw={"placeholder": "ví dụ: III.2"})
    title = StringField("Tên mục", validators=[DataRequired("Hãy nhập tên mục."), Length(max=500)])
    parent_id = SelectField("Thuộc mục", coerce=int)
    content = TextAreaField("Nội dung (nếu có)", render_kw={"rows": 3})
