"""Forms of the task workflow: one per action on the task page, and the monitor's edit form.

Each action form has its own prefix on the page (several are shown at once), so its fields have
unique ids and labels. Forms that act on what the user saw carry the task's `version` and the last
timeline event they saw (`seen_event`), so a change made meanwhile is refused and shown.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    IntegerField,
    MultipleFileField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from tracker.attachments.storage import ACCEPT, ALLOWED_LABEL
from tracker.core.fields import VNDateField
from tracker.core.forms import Form
from tracker.core.text import N_
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, PRIORITIES
from tracker.tasks.rules import maxlength
from tracker.workdays.forms import accept_day_off_field


class _Vietnamese:
    """WTForms' own messages in the words of the app: Vietnamese, in English from the catalog."""

    MESSAGES = {
        "Not a valid choice.": N_("Lựa chọn không hợp lệ; hãy tải lại trang và chọn lại."),
        "Invalid Choice: could not coerce.": N_("Lựa chọn không hợp lệ; hãy tải lại trang và chọn lại."),
        "Invalid choice(s): one or more data inputs could not be coerced.": N_("Lựa chọn không hợp lệ."),
        "This field is required.": N_("Ô này không được để trống."),
        "Not a valid integer value.": N_("Hãy nhập một số nguyên."),
        "Field cannot be longer than %(max)d characters.": N_("Nội dung dài quá %(max)d ký tự."),
        "Field must be between %(min)d and %(max)d characters long.": N_(
            "Độ dài phải từ %(min)d đến %(max)d ký tự."
        ),
    }

    def gettext(self, string):
        return _(self.MESSAGES[string]) if string in self.MESSAGES else string

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


class WorkflowForm(Form):
    # The one-time key of this form as shown (core.once): the same submission sent twice (a double
    # click, a resent request) is handled once. Set by tasks.actions.blank_form.
    form_key = HiddenField()

    class Meta:
        def get_translations(self, form):
            return _Vietnamese()


class VNIntegerField(IntegerField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.invalid_value_message = _("Hãy nhập một số nguyên.")


def _required(message):
    return InputRequired(message=message)


def _files_field():
    return MultipleFileField(
        _l("Tệp đính kèm"),
        render_kw={"accept": ACCEPT},
        description=_l("Không bắt buộc. %(types)s; tối đa 10 tệp.", types=_l(ALLOWED_LABEL)),
    )


class _Versioned(WorkflowForm):
    version = HiddenField()
    seen_event = HiddenField()


class ProgressForm(WorkflowForm):
    text = TextAreaField(
        _l("Nội dung tiến độ"),
        [_required(_l("Hãy nhập nội dung tiến độ."))],
        render_kw=maxlength("text", rows=3),
    )
    percent = VNIntegerField(
        _l("Tỷ lệ hoàn thành (%)"),
        [Optional(), NumberRange(0, 100, _l("Tỷ lệ tiến độ phải từ 0 đến 100 %%."))],
        render_kw={"min": 0, "max": 100, "inputmode": "numeric"},
    )
    files = _files_field()


class ReportForm(_Versioned):
    completed_on = VNDateField(
        _l("Ngày hoàn thành"),
        [_required(_l("Hãy nhập ngày hoàn thành."))],
        description=_l("Ngày của văn bản, sản phẩm kết quả; không sau hôm nay, không trước ngày giao."),
    )
    result_ref = StringField(
        _l("Số, ký hiệu văn bản kết quả"),
        description=_l("Ví dụ: 125/BC-STC"),
        render_kw=maxlength("result_ref"),
    )
    note = TextAreaField(_l("Ghi chú"), render_kw=maxlength("note", rows=2))
    files = _files_field()


class ExtensionRequestForm(WorkflowForm):
    new_deadline = VNDateField(_l("Thời hạn đề nghị"), [_required(_l("Hãy nhập thời hạn đề nghị."))])
    accept_day_off = accept_day_off_field()
    reason = TextAreaField(
        _l("Lý do"), [_required(_l("Hãy nhập lý do đề nghị gia hạn."))], render_kw=maxlength("reason", rows=2)
    )


class ReasonForm(_Versioned):
    reason = TextAreaField(
        _l("Lý do"), [_required(_l("Hãy nhập lý do."))], render_kw=maxlength("reason", rows=2)
    )


class ConfirmForm(_Versioned):
    comment = TextAreaField(_l("Ý kiến (không bắt buộc)"), render_kw=maxlength("comment", rows=2))


class ContributionForm(WorkflowForm):
    text = TextAreaField(
        _l("Ý kiến phối hợp"),
        [_required(_l("Hãy nhập nội dung ý kiến phối hợp."))],
        render_kw=maxlength("text", rows=3),
    )
    files = _files_field()


class ApproveExtensionForm(WorkflowForm):
    request_id = HiddenField()
    new_deadline = VNDateField(
        _l("Thời hạn mới"), [Optional()], description=_l("Để trống để đồng ý đúng thời hạn đơn vị đề nghị.")
    )
    accept_day_off = accept_day_off_field()
    comment = TextAreaField(_l("Ý kiến (không bắt buộc)"), render_kw=maxlength("comment", rows=2))


class RejectExtensionForm(WorkflowForm):
    request_id = HiddenField()
    comment = TextAreaField(
        _l("Lý do không đồng ý"),
        [_required(_l("Hãy nhập lý do không đồng ý."))],
        render_kw=maxlength("comment", rows=2),
    )


class RemindForm(WorkflowForm):
    message = TextAreaField(
        _l("Nội dung đôn đốc"),
        [_required(_l("Hãy nhập nội dung đôn đốc."))],
        render_kw=maxlength("message", rows=2),
    )


class TaskEditForm(_Versioned):
    """The monitor's edit form. `original` holds the values the form opened with, so a save refused
    because someone else changed the task can keep the user's edits and take the other's."""

    original = HiddenField()
    # The lengths, the lead and the deadline kind are the operation's rules (tasks.rules): the form
    # shows the caps (maxlength) and what may be chosen; the operation refuses the rest.
    title = TextAreaField(
        _l("Tên nhiệm vụ"), [_required(_l("Hãy nhập tên nhiệm vụ."))], render_kw=maxlength("title", rows=2)
    )
    code = StringField(_l("Số thứ tự trong văn bản"), render_kw=maxlength("code"))
    content = TextAreaField(_l("Nội dung"), render_kw=maxlength("content", rows=5))
    lead_agency = SelectField(_l("Cơ quan chủ trì"), coerce=int, validate_choice=False)
    coordinating = SelectMultipleField(
        _l("Cơ quan phối hợp"),
        coerce=int,
        render_kw={"size": 8},
        description=_l("Giữ Ctrl (hoặc Cmd) để chọn nhiều cơ quan."),
    )
    area = SelectField(_l("Lĩnh vực"), choices=[(k, _l(v)) for k, v in AREAS.items()])
    deadline_kind = SelectField(
        _l("Loại thời hạn"), choices=[(k, _l(v)) for k, v in DEADLINE_KINDS.items()], validate_choice=False
    )
    deadline = VNDateField(_l("Thời hạn"), [Optional()], description=_l("Bắt buộc với nhiệm vụ có thời hạn."))
    period = SelectField(
        _l("Chu kỳ (nhiệm vụ định kỳ)"),
        choices=[("", "—")] + [(k, _l(v)) for k, v in PERIODS.items()],
        validate_choice=False,
    )
    expected_output = StringField(_l("Sản phẩm"), render_kw=maxlength("expected_output"))
    priority = SelectField(_l("Mức độ"), choices=[(k, _l(v)) for k, v in PRIORITIES.items()])
    accept_day_off = accept_day_off_field()
    comment = TextAreaField(_l("Lý do sửa (không bắt buộc)"), render_kw=maxlength("comment", rows=2))

    # Fields compared when a save is refused as stale (in the order of the form).
    EDIT_FIELDS = (
        "title",
        "code",
        "content",
        "lead_agency",
        "coordinating",
        "area",
        "deadline_kind",
        "deadline",
        "period",
        "expected_output",
        "priority",
    )


class BulkForm(WorkflowForm):
    """The confirmation step of a bulk action; what applies is re-checked when it is applied."""

    action = HiddenField()
    task_ids = HiddenField()
    message = TextAreaField(_l("Nội dung đôn đốc"), render_kw=maxlength("message", rows=2))
    new_deadline = VNDateField(_l("Thời hạn mới"), [Optional()])
    comment = TextAreaField(_l("Lý do, ý kiến"), render_kw=maxlength("comment", rows=2))
