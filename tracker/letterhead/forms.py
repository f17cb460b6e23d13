"""The letterhead form: every field typed as text and checked by the operation, so a wrong value gets
a Vietnamese message and stays in the form."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField, TextAreaField

from tracker.core.forms import Form
from tracker.letterhead.settings import FIELDS


def _label(name: str) -> str:
    return _l(FIELDS[name][0])


# The values are the Vietnamese document's own words, whatever the page's language.
VIETNAMESE = {"lang": "vi"}


class LetterheadForm(Form):
    parent_body = StringField(
        _label("parent_body"),
        description=_l(
            "Để trống khi cơ quan ban hành là UBND tỉnh; ví dụ «UBND TỈNH KHÁNH HÒA» khi Sở Nội vụ ban hành."
        ),
        render_kw=VIETNAMESE,
    )
    issuing_body = TextAreaField(
        _label("issuing_body"),
        description=_l(
            "Chữ in hoa, đậm; mỗi dòng một dòng trên văn bản, ví dụ «ỦY BAN NHÂN DÂN» rồi «TỈNH KHÁNH HÒA»."
        ),
        render_kw={"rows": 2, **VIETNAMESE},
    )
    full_name = StringField(
        _label("full_name"),
        description=_l("Tên gọi lần đầu trong nội dung, ví dụ «Ủy ban nhân dân tỉnh Khánh Hòa»."),
        render_kw=VIETNAMESE,
    )
    short_name = StringField(
        _label("short_name"),
        description=_l("Tên gọi tắt những lần sau, ví dụ «UBND tỉnh»."),
        render_kw=VIETNAMESE,
    )
    locality = StringField(
        _label("locality"),
        description=_l("«… trên địa bàn tỉnh Khánh Hòa»: nhập «tỉnh Khánh Hòa»."),
        render_kw=VIETNAMESE,
    )
    place = StringField(
        _label("place"),
        description=_l("«Khánh Hòa, ngày … tháng … năm …»: nhập «Khánh Hòa»."),
        render_kw=VIETNAMESE,
    )
    symbol_suffix = StringField(
        _label("symbol_suffix"),
        description=_l("Phần sau số báo cáo: «Số: 317/BC-UBND» → nhập «BC-UBND»."),
        render_kw=VIETNAMESE,
    )
    addressee = StringField(
        _label("addressee"),
        description=_l("Ví dụ «Bộ Nội vụ»; để trống nếu không ghi."),
        render_kw=VIETNAMESE,
    )
    recipients = TextAreaField(
        _label("recipients"),
        description=_l("Mỗi nơi nhận một dòng (không cần gạch đầu dòng), dòng cuối thường là «Lưu: VT, …»."),
        render_kw={"rows": 8, **VIETNAMESE},
    )
    signer_position = TextAreaField(
        _label("signer_position"),
        description=_l("Mỗi dòng một dòng, ví dụ «TM. ỦY BAN NHÂN DÂN», «KT. CHỦ TỊCH», «PHÓ CHỦ TỊCH»."),
        render_kw={"rows": 3, **VIETNAMESE},
    )
    signer_name = StringField(_label("signer_name"), description=_l("Để trống nếu chưa xác định người ký."))
    submit = SubmitField(_l("Lưu thể thức"), render_kw=VIETNAMESE)
