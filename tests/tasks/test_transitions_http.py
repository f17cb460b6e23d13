"""The same transition table through the task page's forms: an allowed action redirects and moves the
task; a refused one answers 409 with the operation's message on the page, and writes nothing."""

from __future__ import annotations

import pytest

from tests.tasks.conftest import STATUSES
from tests.tasks.test_transitions import EXTENSION_ACTIONS, TABLE
from tests.tasks.workflow_http import HTTP_ACTION, post

ACTOR = {
    "post_progress": "lead",
    "report_completion": "lead",
    "request_extension": "lead",
    "post_contribution": "coordinating",
}


# move_lead has no form on the task page: the agency merge page plays it (tests/agencies).
PAGE_ACTIONS = [action for action in TABLE if action != "move_lead"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_transition_through_the_page(world, client, sign_in, db, action, status):
    task = world.task(status, extension=action in EXTENSION_ACTIONS)
    db.session.commit()
    before = (task.status, task.version, world.event_count(task))
    sign_in(world.users[ACTOR.get(action, "monitor")])
    response = post(client, db, HTTP_ACTION[action], task)
    db.session.expire_all()
    expected = TABLE[action][status]
    if expected is None:
        assert response.status_code == 409
        page = response.get_data(as_text=True)
        assert 'role="alert"' in page and ("Không thể thực hiện" in page or "đã được xử lý" in page)
        assert (task.status, task.version, world.event_count(task)) == before
    else:
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        assert task.status == expected
        assert world.event_count(task) > before[2]
