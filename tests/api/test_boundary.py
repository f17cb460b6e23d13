"""An API call is one unit of work (tracker.core.boundary): its change is committed once, after the
operation, apart from the token's rate count, which stands even when the call is refused."""

from sqlalchemy import func, select

from tests.core.test_boundary import Transactions
from tracker.tasks.models import TaskEvent


def test_an_api_call_commits_its_change_once_beside_the_rate_count(api, world, db):
    focal = api.token(world.stc_focal)
    with Transactions(db.engine) as tx:
        r = api.post(
            f"/tasks/{world.stc_task.id}/progress", focal, json={"text": "Đã rà soát", "percent": 40}
        )
    assert r.status_code == 201 and r.json["id"]
    written = [tables for tables in tx.committed if tables]
    assert written[0] == {"api_tokens"}  # the rate count, committed apart first
    assert len(written) == 2 and {"tasks", "task_events", "task_states"} <= written[1]


def test_a_refused_api_call_writes_nothing_but_its_rate_count(api, world, db):
    focal = api.token(world.stc_focal)
    before = db.session.scalar(select(func.count()).select_from(TaskEvent))
    with Transactions(db.engine) as tx:
        r = api.post(
            f"/tasks/{world.stc_task.id}/report-completion", focal, json={"completed_on": "2099-01-01"}
        )
    assert r.status_code == 422 and r.json["error"]["field"] == "completed_on"
    assert [tables for tables in tx.committed if tables] == [{"api_tokens"}]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(TaskEvent)) == before
