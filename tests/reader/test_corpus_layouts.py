"""Layouts, agencies and deadlines of other provinces' and the central government's documents
(the labelled corpus, docs/import-extraction.md), each in a few lines."""

from __future__ import annotations

import datetime as dt

from tracker.reader.programme import read_programme
from tracker.reader.score import registry


def read(text: str):
    return read_programme(text, registry().matcher(None))


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n.children)


def tasks(text: str):
    return [n for n in walk(read(text)) if n.is_task]


def leads(node) -> list[str]:
    return [f"@{m.group}" if m.group else " ".join(m.name.split()) for m in node.lead]


def test_the_plan_a_decision_issues_is_read_after_the_decisions_signature():
    text = """QUYẾT ĐỊNH
Về việc ban hành Kế hoạch kiểm kê
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê.
Nơi nhận:
- Như Điều 2;
KT. CHỦ TỊCH
KẾ HOẠCH
Kiểm kê tài sản công
I. NHIỆM VỤ
1. Sở Tài chính
- Tổng hợp kết quả kiểm kê, báo cáo Bộ Tài chính trước ngày 31/5/2026.
"""
    (task,) = tasks(text)
    assert leads(task) == ["Sở Tài chính"]
    assert task.deadline == dt.date(2026, 5, 31)
