"""The scoring rules' form: every value typed as text or ticked, checked by the operation, so a wrong
value gets a Vietnamese message on its field and stays in the form."""

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
    max_points = StringField("Điểm tối đa của tiêu chí", description="Ví dụ 3 hoặc 2,5.")
    bands = TextAreaField(
        "Các mức điểm theo tỷ lệ hoàn thành đúng hạn",
        description="Mỗi dòng một mức «tỷ lệ tối thiểu (%) = số điểm», từ cao xuống thấp, ví dụ «100 = 3», "
        "«80 = 2», «60 = 1». Dưới mức thấp nhất: 0 điểm.",
        render_kw={"rows": 4},
    )
    overdue_deduction = StringField(
        "Điểm trừ cho mỗi nhiệm vụ quá hạn chưa hoàn thành",
        description="0 nếu không trừ. Điểm đạt không thấp hơn 0.",
    )
    issuer_levels = _Ticks("Tính nhiệm vụ của văn bản do", choices=list(ISSUER_LEVELS.items()))
    areas = _Ticks("Chỉ tính các lĩnh vực (không chọn: mọi lĩnh vực)", choices=list(AREAS.items()))
    period = SelectField("Kỳ chấm điểm", choices=list(PERIODS.items()))
    agency_kinds = _Ticks("Cơ quan được chấm điểm", choices=list(AGENCY_KINDS.items()))
    province = StringField(
        "Mã tỉnh", description="Mã cơ quan cấp cao nhất của tỉnh, ví dụ «KH»; để trống: mọi tỉnh."
    )
