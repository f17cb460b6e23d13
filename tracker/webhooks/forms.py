"""The form of the webhook pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, URLField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.core.forms import Form
from tracker.webhooks.models import WEBHOOK_EVENTS


class WebhookForm(Form):
    url = URLField(
        _l("Địa chỉ nhận (URL)"), validators=[DataRequired(_l("Hãy nhập địa chỉ nhận.")), Length(max=500)]
    )
    events = SelectMultipleField(
        _l("Sự kiện"),
        choices=[(key, _l(label)) for key, label in WEBHOOK_EVENTS.items()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
