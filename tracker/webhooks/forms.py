"""The form of the webhook pages."""

from __future__ import annotations

from wtforms import SelectMultipleField, URLField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.core.forms import Form
from tracker.webhooks.models import WEBHOOK_EVENTS


class WebhookForm(Form):
    url = URLField("Địa chỉ nhận (URL)", validators=[DataRequired("Hãy nhập địa chỉ nhận."), Length(max=500)])
    events = SelectMultipleField(
        "Sự kiện",
        choices=list(WEBHOOK_EVENTS.items()),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
