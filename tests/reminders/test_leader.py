"""Only one scheduler at a time runs the jobs; the others wait for its lock."""

from __future__ import annotations

import time

import pytest

from tests.conftest import IS_PG
from tracker.reminders.leader import FileLeaderLock, PostgresLeaderLock, leader_lock


def test_on_sqlite_a_file_lock_in_the_instance_folder_elects_one_leader(tmp_path):
    first, second = FileLeaderLock(tmp_path / "scheduler.lock"), FileLeaderLock(tmp_path / "scheduler.lock")

    assert first.try_acquire() is True
    assert second.try_acquire() is False
    first.release()
    assert second.try_acquire() is True
    second.release()


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_PG, reason="PostgreSQL advisory locks")
def test_on_postgresql_an_advisory_lock_elects_one_leader_and_is_freed_when_its_connection_dies(app, db):
    assert isinstance(leader_lock(app, db.engine), PostgresLeaderLock)
    first, second = PostgresLeaderLock(db.engine), PostgresLeaderLock(db.engine)
    try:
        assert first.try_acquire() is True and first.still_held()
        assert second.try_acquire() is False and not second.still_held()
        # The leader's connection is gone (process killed, network cut): the server frees the lock.
        first.conn.invalidate()
        assert first.still_held() is False
        # The server notices the closed session within moments; the follower keeps polling.
        deadline = time.monotonic() + 10
        while not second.try_acquire() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert second.still_held()
    finally:
        first.release()
        second.release()
