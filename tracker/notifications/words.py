"""The sentences of the notifications: written once in Vietnamese, the stored text (like the task's
history, it stays as it was said), and read back in the reader's language where it is shown.

Each sentence is a catalog message with its placeholders; `say` fills one in Vietnamese for the row,
`shown` finds which sentence a stored text is and says it again with `gettext` (a text that is none
of them, written before or by hand, is shown as it is)."""

from __future__ import annotations

import re

from flask_babel import gettext as _

from tracker.core.text import N_

ASSIGNED_LEAD = N_("Cơ quan được giao chủ trì nhiệm vụ «%(title)s».")
ASSIGNED_COORDINATING = N_("Cơ quan được giao phối hợp thực hiện nhiệm vụ «%(title)s».")
LEAD_MOVED = N_("Cơ quan được chuyển giao chủ trì nhiệm vụ «%(title)s».")
RETURNED = N_("Báo cáo hoàn thành nhiệm vụ «%(title)s» bị trả lại.")
RETURNED_WHY = N_("Báo cáo hoàn thành nhiệm vụ «%(title)s» bị trả lại: %(detail)s")
CONFIRMED = N_("Nhiệm vụ «%(title)s» đã được xác nhận hoàn thành.")
REMINDED = N_("Đôn đốc nhiệm vụ «%(title)s».")
REMINDED_WHY = N_("Đôn đốc nhiệm vụ «%(title)s»: %(detail)s")
EXTENDED = N_("Đồng ý gia hạn nhiệm vụ «%(title)s» đến %(day)s.")
EXTENDED_WHY = N_("Đồng ý gia hạn nhiệm vụ «%(title)s» đến %(day)s: %(detail)s")
NOT_EXTENDED = N_("Không đồng ý gia hạn nhiệm vụ «%(title)s».")
NOT_EXTENDED_WHY = N_("Không đồng ý gia hạn nhiệm vụ «%(title)s»: %(detail)s")

SENTENCES = (
    ASSIGNED_LEAD,
    ASSIGNED_COORDINATING,
    LEAD_MOVED,
    RETURNED,
    RETURNED_WHY,
    CONFIRMED,
    REMINDED,
    REMINDED_WHY,
    EXTENDED,
    EXTENDED_WHY,
    NOT_EXTENDED,
    NOT_EXTENDED_WHY,
)
_SLOTS = {"title": r"(?P<title>.+?)", "detail": r"(?P<detail>.+)", "day": r"(?P<day>\d\d/\d\d/\d{4})"}


def _pattern(sentence: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", sentence)
    return re.compile("".join(_SLOTS[p] if i % 2 else re.escape(p) for i, p in enumerate(parts)), re.DOTALL)


_PATTERNS = [(sentence, _pattern(sentence)) for sentence in SENTENCES]


def say(sentence: str, detail: str = "", **values) -> str:
    """The stored (Vietnamese) text: `sentence`, or its «…: detail» form when there is a detail."""
    detail = (detail or "").strip()
    if detail:
        sentence = SENTENCES[SENTENCES.index(sentence) + 1]
        values["detail"] = detail
    return sentence % values


def shown(text: str) -> str:
    """A stored text in the language of the page."""
    for sentence, pattern in _PATTERNS:
        m = pattern.fullmatch(text or "")
        if m:
            return _(sentence, **m.groupdict())
    return text
