"""The scoring rules' form: every value typed as text or ticked, checked by the operation, so a wrong
value gets a Vietnamese message on its field and stays in the form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.agencies.models import AGENCY_KINDS
from tracker.core.forms import Form
from tracker.documents.models import ISSUER_LEVELS
from tracker.scores.settings import PERIODS
from tracker.tasks.models import AREAS


class _Ticks(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # the operation checks the values (with a Vietnamese message)
        pass


class ScoreSettingsForm(Form):
    max_points = StringField(_l("Điểm tối đa của tiêu chí"), description=_l("Ví dụ 3 hoặc 2,5."))
    bands = TextAreaField(
        _l("Các mức điểm theo tỷ lệ hoàn thành đúng hạn"),
        description=_l(
            "Mỗi dòng một mức «tỷ lệ tối thiểu (%) = số điểm», từ cao xuống thấp, ví dụ «100 = 3», "
            "«80 = 2», «60 = 1». Dưới mức thấp nhất: 0 điểm."
        ),
        render_kw={"rows": 4},
    )
    overdue_deduction = StringField(
        _l("Điểm trừ cho mỗi nhiệm vụ quá hạn chưa hoàn thành"),
        description=_l("0 nếu không trừ. Điểm đạt không thấp hơn 0."),
    )
    issuer_levels = _Ticks(
        _l("Tính nhiệm vụ của văn bản do"), choices=[(k, _l(v)) for k, v in ISSUER_LEVELS.items()]
    )
    areas = _Ticks(
        _l("Chỉ tính các lĩnh vực (không chọn: mọi lĩnh vực)"), choices=[(k, _l(v)) for k, v in AREAS.items()]
    )
    period = SelectField(_l("Kỳ chấm điểm"), choices=[(k, _l(v)) for k, v in PERIODS.items()])
    agency_kinds = _Ticks(_l("Cơ quan được chấm điểm"), choices=[(k, _l(v)) for k, v in AGENCY_KINDS.items()])
    province = StringField(
        _l("Mã tỉnh"), description=_l("Mã cơ quan cấp cao nhất của tỉnh, ví dụ «KH»; để trống: mọi tỉnh.")
    )
