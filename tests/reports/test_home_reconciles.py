"""The home page's numbers reconcile, for every role, on the demo province: the status rows add up to
the total shown, the total is the reports' total as of today, each row is the count of the list it
links to, and what the total leaves out (periods not started yet, cancelled tasks) is said in words,
so that total + left out = every task the user sees."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tracker.core.dates import today
from tracker.db import db
from tracker.reports import classify
from tracker.tasks.classification import countable_clause
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import TaskFilter, task_query
from tracker.users.models import User

USERS = [
    "admin@demo.tracker.vn",
    "theodoi@snv.demo.tracker.vn",
    "lanhdao@ubnd.demo.tracker.vn",
    "daumoi@stc.demo.tracker.vn",
    "daumoi@nhatrang.demo.tracker.vn",
]


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def _status_card(page: str) -> tuple[dict[str, int], str]:
    """{status or 'total': figure} of the "Theo trạng thái" card, and the words under it."""
    card = page[page.index('class="list-group list-group-flush status-counts"') :]
    card = card[: card.index("</div></div>")]
    rows = {
        key: _number(re.findall(r">([\d.]+)<", item)[-1])
        for key, item in re.findall(r'data-status="(\w+)">(.*?)</li>', card, flags=re.S)
    }
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", card[card.index("</ul>") :])).strip()
    return rows, words


@pytest.mark.parametrize("email", USERS)
def test_the_home_page_status_rows_add_up_to_the_total_and_the_rest_is_said(email, demo_app, login):
    client = login(email)
    page = client.get("/").get_data(as_text=True)
    rows, words = _status_card(page)
    statuses = {k: v for k, v in rows.items() if k != "total"}
    assert set(statuses) == {"new", "in_progress", "reported", "done"}
    assert sum(statuses.values()) == rows["total"], (email, rows)

    with demo_app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        on = today()
        visible = visible_tasks_clause(user)
        # The total is the reports' total as of today for the tasks this user sees.
        assert rows["total"] == classify.tally(on, [visible]).total
        # Each row is the number of tasks of the list it links to.
        for status, figure in statuses.items():
            listed = task_query(user, TaskFilter(status=[status], as_of=on)).order_by(None).subquery()
            assert db.session.scalar(select(func.count()).select_from(listed)) == figure, status
        # What the total leaves out is said in words, and nothing else is missing.
        everything = db.session.scalar(select(func.count()).where(visible, countable_clause()))
        left_out = everything - rows["total"]
        said = [_number(n) for n in re.findall(r"([\d.]+) nhiệm vụ", words)]
        assert sum(said) == left_out, (email, words)
        if left_out:
            assert words.startswith("Không tính vào tổng số:")
        db.session.remove()
