import pytest


@pytest.fixture
def official(db):
    """The official days of 2020–2027 in the calendar table (the migration seeds them; the PostgreSQL
    test database is emptied between tests), loaded by the operation the CLI and the page use."""
    from tracker.workdays.operations import load_official

    load_official(None)
    db.session.commit()
