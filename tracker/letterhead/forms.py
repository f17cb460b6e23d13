"""The letterhead form: every field typed as text and checked by the operation, so a wrong value gets
a Vietnamese message and stays in the form."""

from wtforms import StringField, SubmitField, TextAreaField

from tracker.core.forms import Form
from tracker.letterhead.settings import FIELDS


def _label(name: str) -> str:
    return FIELDS[name][0]


class LetterheadForm(Form):
    parent_body = StringField(
        _label("parent_body"),
        description="Để trống khi cơ quan ban hành là UBND tỉnh; ví dụ «UBND TỈNH KHÁNH HÒA» khi Sở Nội vụ ban hành.",
    )
    issuing_body = TextAreaField(
        _label("issuing_body"),
        description="Chữ in hoa, đậm; mỗi dòng một dòng trên văn bản, ví dụ «ỦY BAN NHÂN DÂN» rồi «TỈNH KHÁNH HÒA».",
        render_kw={"rows": 2},
    )
    full_name = StringField(
        _label("full_name"),
        description="Tên gọi lần đầu trong nội dung, ví dụ «Ủy ban nhân dân tỉnh Khánh Hòa».",
    )
    short_name = StringField(
        _label("short_name"), description="Tên gọi tắt những lần sau, ví dụ «UBND tỉnh»."
    )
    locality = StringField(
        _label("locality"), description="«… trên địa bàn tỉnh Khánh Hòa»: nhập «tỉnh Khánh Hòa»."
    )
    place = StringField(_label("place"), description="«Khánh Hòa, ngày … tháng … năm …»: nhập «Khánh Hòa».")
    symbol_suffix = StringField(
        _label("symbol_suffix"), description="Phần sau số báo cáo: «Số: 317/BC-UBND» → nhập «BC-UBND»."
    )
    addressee = StringField(_label("addressee"), description="Ví dụ «Bộ Nội vụ»; để trống nếu không ghi.")
    recipients = TextAreaField(
        _label("recipients"),
        description="Mỗi nơi nhận một dòng (không cần gạch đầu dòng), dòng cuối thường là «Lưu: VT, …».",
        render_kw={"rows": 8},
    )
    signer_position = TextAreaField(
        _label("signer_position"),
        description="Mỗi dòng một dòng, ví dụ «TM. ỦY BAN NHÂN DÂN», «KT. CHỦ TỊCH», «PHÓ CHỦ TỊCH».",
        render_kw={"rows": 3},
    )
    signer_name = StringField(_label("signer_name"), description="Để trống nếu chưa xác định người ký.")
    submit = SubmitField("Lưu thể thức")
