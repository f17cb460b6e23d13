"""One commit boundary (tracker.core.boundary): a request, a command, a job commits once at its end
and rolls back on any error, so a failure after a partial write leaves nothing behind and a page
never says "saved" about something that was not."""

from __future__ import annotations

import datetime as dt
import re

import click
import pytest
from flask import flash, redirect, render_template_string
from sqlalchemy import event, func, select

from tracker import create_app
from tracker.agencies.models import Agency
from tracker.agencies.operations import create_agency
from tracker.core import boundary
from tracker.core.errors import DomainError
from tracker.core.forms import save_or_keep
from tracker.db import db as _db

WRITE = re.compile(r"^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+\"?(\w+)\"?", re.IGNORECASE)


class Transactions:
    """The transactions the database committed while the block ran, each as the set of tables it
    wrote, and how many were rolled back."""

    def __init__(self, engine):
        self.engine = engine
        self.committed: list[frozenset[str]] = []
        self.rolled_back = 0
        self._writes: set[str] = set()

    def _execute(self, conn, cursor, statement, parameters, context, executemany):
        match = WRITE.match(statement)
        if match:
            self._writes.add(match.group(1))

    def _commit(self, conn):
        self.committed.append(frozenset(self._writes))
        self._writes = set()

    def _rollback(self, conn):
        if self._writes:
            self.rolled_back += 1
        self._writes = set()

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._execute)
        event.listen(self.engine, "commit", self._commit)
        event.listen(self.engine, "rollback", self._rollback)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._execute)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)


def _sign_in(client, user):
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def _agencies(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Agency))


def test_a_workflow_action_on_a_page_commits_once(client, make, db, freeze):
    freeze(dt.date(2024, 7, 1))
    lead = make.agency("STC", "Sở Tài chính")
    focal = make.user("focal", agency=lead)
    task = make.task(lead=lead, assigned_on=dt.date(2024, 3, 1))
    db.session.commit()
    _sign_in(client, focal)
    with Transactions(db.engine) as tx:
        response = client.post(
            f"/tasks/{task.id}/progress",
            data={
                "progress-text": "Đã họp triển khai",
                "progress-percent": "30",
                "progress-version": str(task.version),
                "progress-seen_event": "0",
            },
        )
    assert response.status_code == 302
    assert len(tx.committed) == 1, tx.committed
    # The change and the pages' data version (tracker.core.memo) in the same transaction.
    assert {"tasks", "task_events", "task_states", "data_versions"} <= tx.committed[0]


def test_a_page_that_only_reads_writes_nothing(client, make, db):
    monitor = make.monitor()
    db.session.commit()
    _sign_in(client, monitor)
    with Transactions(db.engine) as tx:
        assert client.get("/tasks/").status_code == 200
    assert all(not tables for tables in tx.committed)


@pytest.fixture
def partial_app(app_config):
    """The application with routes that write, then fail the ways a view can fail."""
    app = create_app(app_config)

    def write(code: str) -> Agency:
        return create_agency(None, code=code, name=f"Cơ quan {code}")

    @app.route("/_test/write-then-crash", methods=["POST"])
    def write_then_crash():
        write("CRASH")
        _db.session.flush()
        raise RuntimeError("a bug after a partial write")

    @app.route("/_test/write-then-refuse", methods=["POST"])
    def write_then_refuse():
        write("REFUSED")
        flash("Đã lưu cơ quan.", "success")
        raise DomainError("Không lưu được: thử nghiệm.")

    @app.route("/_test/write-then-keep-form", methods=["POST"])
    def write_then_keep_form():
        from flask_wtf import FlaskForm
        from wtforms import StringField

        class Form(FlaskForm):
            name = StringField()

        form = Form()

        def save():
            write("KEPT")
            raise DomainError("Tên đã có.", field="name")

        outcome = save_or_keep(form, save)
        assert not outcome.ok
        return render_template_string("{{ form.name.errors | join }}", form=form)

    @app.route("/_test/write", methods=["POST"])
    def write_ok():
        write("SAVED")
        flash("Đã lưu cơ quan.", "success")
        return redirect("/login")

    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


def test_a_bug_after_a_partial_write_leaves_nothing(partial_app):
    client = partial_app.test_client()
    with Transactions(_db.engine) as tx, pytest.raises(RuntimeError):
        client.post("/_test/write-then-crash")
    assert not any(tx.committed) and tx.rolled_back == 1
    assert _agencies(_db) == 0


def test_a_refusal_after_a_partial_write_leaves_nothing_and_says_nothing_was_saved(partial_app):
    client = partial_app.test_client()
    response = client.post("/_test/write-then-refuse")
    assert response.status_code == 422 and "Không lưu được: thử nghiệm." in response.get_data(as_text=True)
    assert _agencies(_db) == 0
    # The "saved" message the view had queued before failing is dropped with its transaction.
    assert "Đã lưu cơ quan." not in client.get("/login").get_data(as_text=True)


def test_a_form_shown_again_with_the_refusal_leaves_nothing(partial_app):
    client = partial_app.test_client()
    with Transactions(_db.engine) as tx:
        response = client.post("/_test/write-then-keep-form")
    assert response.status_code == 200 and response.get_data(as_text=True) == "Tên đã có."
    assert not any(tx.committed)
    assert _agencies(_db) == 0


def test_a_successful_view_commits_its_writes_once(partial_app):
    client = partial_app.test_client()
    with Transactions(_db.engine) as tx:
        assert client.post("/_test/write").status_code == 302
    assert [tables for tables in tx.committed if tables] == [tx.committed[0]] and "agencies" in tx.committed[
        0
    ]
    assert _agencies(_db) == 1
    assert "Đã lưu cơ quan." in client.get("/login").get_data(as_text=True)


def test_a_command_commits_once_and_a_refused_one_leaves_nothing(app, db):
    @click.command("test-write")
    @click.argument("code")
    @click.option("--refuse", is_flag=True)
    def write_command(code, refuse):
        create_agency(None, code=code, name=f"Cơ quan {code}")
        if refuse:
            raise DomainError("Không ghi được: thử nghiệm.")

    boundary.wrap_commands(write_command)
    app.cli.add_command(write_command)
    runner = app.test_cli_runner()
    with Transactions(db.engine) as tx:
        refused = runner.invoke(args=["test-write", "BAD", "--refuse"])
    assert refused.exit_code == 1 and "Không ghi được: thử nghiệm." in refused.output
    assert not any(tx.committed) and _agencies(db) == 0
    with Transactions(db.engine) as tx:
        done = runner.invoke(args=["test-write", "GOOD"])
    assert done.exit_code == 0, done.output
    assert [t for t in tx.committed if t] == [tx.committed[-1]] and "agencies" in tx.committed[-1]
    assert _agencies(db) == 1


def test_a_scheduler_job_is_one_unit_of_work(app, db):
    def failing_job():
        create_agency(None, code="JOB", name="Cơ quan của công việc")
        raise RuntimeError("the job fails after a write")

    with pytest.raises(RuntimeError):
        boundary.run_job(app, failing_job)
    assert _agencies(db) == 0
    code = boundary.run_job(app, lambda: create_agency(None, code="JOB", name="Cơ quan").code)
    assert code == "JOB" and _agencies(db) == 1
