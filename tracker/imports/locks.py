"""One import at a time per file and per document (see `tracker.imports.models.ImportLock`).

    with locks.holding(locks.keys(data, documents), token=…, actor=…, filename=…):
        check again, then write            # the caller's one transaction

`holding` claims the keys in a transaction of its own (committed at once, so a second importer sees
the claim and who holds it), renews the claim's lease while the block runs, and releases it in the
block's transaction when the block ends normally (the rows and the release are committed together:
an importer that claims next finds the rows written), or at once after a failure. A second import
of a key held by a live claim is refused with `ImportBusy`: nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from flask_babel import gettext as _
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from tracker.core.dates import fmt_datetime
from tracker.core.errors import DomainError
from tracker.db import db, utcnow
from tracker.imports.jobs import lease_seconds  # a claim lives as long as its job's lease
from tracker.imports.models import ImportLock
from tracker.imports.spreadsheet import symbol_key

log = logging.getLogger(__name__)
LOCKS = ImportLock.__table__


class ImportBusy(DomainError):
    """The file, or a document it writes into, is being imported by someone else right now."""

    code = "conflict"
    http_status = 409


def keys(data: bytes, documents: Iterable[str | None]) -> list[str]:
    """The keys an import of `data` claims: the file's digest and each document it writes into."""
    found = {f"doc:{symbol_key(d)}"[:200] for d in documents if d}
    return [f"file:{hashlib.sha256(data).hexdigest()}", *sorted(found)]


@contextmanager
def holding(claimed: list[str], *, token: str, actor, filename: str) -> Iterator[None]:
    """Hold `claimed` while the block checks and writes (see the module's docstring)."""
    engine = db.engine
    lease = lease_seconds()
    holder = getattr(actor, "display_name", None) or _("Dòng lệnh")
    claim(engine, claimed, token, holder, getattr(actor, "id", None), filename, lease)
    beat = _Heartbeat(engine, token, lease)
    beat.start()
    try:
        yield
    except BaseException:
        beat.stopped.set()
        db.session.rollback()
        release(engine, token)
        raise
    beat.stopped.set()
    db.session.execute(delete(ImportLock).where(ImportLock.token == token))


def release(engine: Engine, token: str) -> None:
    """Drop the claims of `token` at once (a failed or dead import)."""
    with engine.begin() as conn:
        conn.execute(delete(LOCKS).where(LOCKS.c.token == token))


def claim(
    engine: Engine, claimed: list[str], token: str, holder: str, user_id, filename: str, lease: float
) -> None:
    now = utcnow()
    values = dict(
        token=token,
        holder=holder[:255],
        user_id=user_id,
        filename=filename[:255],
        taken_at=now,
        lease_until=now + dt.timedelta(seconds=lease),
    )
    try:
        with engine.begin() as conn:
            for key in sorted(claimed):  # one order for everyone: two claims never wait on each other
                # A claim whose lease ran out belongs to a dead import: taken over.
                taken = conn.execute(
                    update(LOCKS)
                    .where(LOCKS.c.key == key, or_(LOCKS.c.lease_until < now, LOCKS.c.token == token))
                    .values(**values)
                ).rowcount
                if not taken:
                    conn.execute(insert(LOCKS).values(key=key, **values))
    except IntegrityError:
        raise ImportBusy(_busy(engine, claimed)) from None


def _busy(engine: Engine, claimed: list[str]) -> str:
    with engine.connect() as conn:
        held = {r.key: r for r in conn.execute(select(LOCKS).where(LOCKS.c.key.in_(claimed)))}
    nothing = _(
        "Chưa có gì được ghi. Hãy đợi lần nhập đó xong rồi tải tệp lên lại: những dòng đã nhập sẽ được bỏ qua."
    )
    mine = held.get(claimed[0])
    if mine is not None:
        return _(
            "Tệp này đang được nhập bởi %(holder)s (từ %(value)s). %(nothing)s",
            holder=mine.holder,
            value=fmt_datetime(mine.taken_at),
            nothing=nothing,
        )
    if held:
        other = next(iter(held.values()))
        return _(
            "Một văn bản trong tệp này đang được nhập từ tệp «%(filename)s» bởi %(holder)s (từ %(value)s). %(nothing)s",
            filename=other.filename,
            holder=other.holder,
            value=fmt_datetime(other.taken_at),
            nothing=nothing,
        )
    return _("Tệp này vừa được người khác nhập. %(nothing)s", nothing=nothing)


class _Heartbeat(threading.Thread):
    """Renews the claims of `token` every third of the lease while the import runs."""

    def __init__(self, engine: Engine, token: str, lease: float):
        super().__init__(name=f"import-lease-{token[:8]}", daemon=True)
        self.engine, self.token, self.lease = engine, token, lease
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(max(0.2, self.lease / 3)):
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        update(LOCKS)
                        .where(LOCKS.c.token == self.token)
                        .values(lease_until=utcnow() + dt.timedelta(seconds=self.lease))
                    )
            except Exception:  # a busy database: the next beat tries again
                log.warning("could not renew the lease of import %s", self.token[:8], exc_info=True)
