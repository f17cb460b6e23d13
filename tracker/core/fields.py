"""Form fields shared by the domains' forms."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms import StringField
from wtforms.validators import StopValidation

from tracker.core.dates import fmt_date, parse_user_date


class VNDateField(StringField):
    """A date typed as dd/mm/yyyy (yyyy-mm-dd accepted too); what was typed is shown back on error."""

    def __init__(self, label=None, validators=None, required: bool = False, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            **kwargs["render_kw"],
        }
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
        self.data = parse_user_date(text)  # its ValueError is the field's message

    def pre_validate(self, form):
        if self.required and self.data is None and not self.process_errors:
            raise StopValidation(
                _("Hãy nhập %(field)s (ngày/tháng/năm).", field=str(self.label.text).lower())
            )
