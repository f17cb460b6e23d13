"""The lines of a day's digests are written once per digest with its language's words bound
(reminders.compose._LineWriter): nothing of one digest's language or tasks shows in another's, and
the HTML part escapes what users typed as the templates' autoescaping did. Received by a real SMTP
server."""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from tests.reminders.scenario import DAY
from tracker.reminders import jobs

TITLE = "Rà soát thủ tục hành chính"


def _mails_by_recipient(smtp) -> dict[str, object]:
    return {mail.rcpt_tos[0]: mail for mail in smtp.received}


def test_english_and_vietnamese_digests_of_one_run_keep_their_own_words_and_tasks(
    app, db, make, freeze, smtp
):
    """Three agencies in name order English, Vietnamese, English; each has a task of the same
    document, title and deadline (the same line but for the task's address)."""
    freeze(DAY)
    doc = make.document(symbol="75/KH-UBND")
    tasks = {}
    for code, name, language in (
        ("SCT", "Sở Công Thương", "en"),
        ("SNV", "Sở Nội vụ", "vi"),
        ("STC", "Sở Tài chính", "en"),
    ):
        agency = make.agency(
            code=code, name=name, emails="" if language == "en" else f"{code.lower()}@test.vn"
        )
        if language == "en":
            focal = make.user("focal", agency=agency, email=f"{code.lower()}@test.vn")
            focal.language = "en"
        tasks[code] = make.task(
            lead=agency,
            document=doc,
            title=TITLE,
            code="3",
            deadline=DAY - dt.timedelta(days=10),
            assigned_on=dt.date(2024, 5, 1),
        )
    db.session.commit()

    jobs.daily_job(DAY)

    mails = _mails_by_recipient(smtp)
    assert sorted(mails) == ["sct@test.vn", "snv@test.vn", "stc@test.vn"]
    for code, mail in (
        ("SCT", mails["sct@test.vn"]),
        ("SNV", mails["snv@test.vn"]),
        ("STC", mails["stc@test.vn"]),
    ):
        own = tasks[code]
        for body in (mail.text, mail.html):
            # Its own task only, by its address.
            listed = {
                t.id
                for t in tasks.values()
                if f"https://theodoi.example.vn/tasks/{t.id}\n" in body.replace('"', "\n")
            }
            assert listed == {own.id}, (code, listed)
            assert TITLE in body
        if code == "SNV":
            assert "Quá hạn 10 ngày" in mail.text and "Văn bản 75/KH-UBND, mục 3" in mail.text
            assert "Tiến độ 0 %" in mail.text and "Thời hạn 10/06/2024" in mail.text
            assert "Quá hạn 10 ngày" in mail.html and "Văn bản 75/KH-UBND, mục 3" in mail.html
            assert "Overdue" not in mail.text + mail.html and "Document " not in mail.text + mail.html
            assert '<html lang="vi">' in mail.html
        else:
            assert "Overdue by 10 days" in mail.text and "Document 75/KH-UBND, item 3" in mail.text
            assert "Progress 0 %" in mail.text and "Deadline 10/06/2024" in mail.text
            assert "Overdue by 10 days" in mail.html and "Document 75/KH-UBND, item 3" in mail.html
            assert "Quá hạn" not in mail.text + mail.html and "Văn bản" not in mail.text + mail.html
            assert '<html lang="en">' in mail.html


def test_the_html_lines_escape_the_title_document_and_item_as_markupsafe_does(app, db, make, freeze, smtp):
    freeze(DAY)
    agency = make.agency(code="SXD", name="Sở Xây dựng", emails="sxd@test.vn")
    doc = make.document(symbol="12/KH-UBND & 'Đề án' <2024>")
    title = 'Quy hoạch "vùng" <b>ven biển</b> & đô thị'
    make.task(
        lead=agency,
        document=doc,
        title=title,
        code="3<a>",
        deadline=DAY - dt.timedelta(days=2),
        assigned_on=dt.date(2024, 5, 1),
    )
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert f">{escape(title)}</a>" in mail.html
    assert f"Văn bản {escape(doc.symbol)}, mục {escape('3<a>')} · Thời hạn 18/06/2024" in mail.html
    assert "<b>ven biển" not in mail.html and "<a>" not in mail.html and "<2024>" not in mail.html
    # The plain-text part says it as it was typed.
    assert f"- {title}\n" in mail.text
    assert f"Văn bản {doc.symbol}, mục 3<a> · Thời hạn 18/06/2024" in mail.text
