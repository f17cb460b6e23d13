"""The import locks: which import is writing a file or a document right now, until when.

Two monitors confirming the same file at once (or two files with rows of the same document) must
not both write it: the second would check against a database in which the first's rows are not
there yet. Before it checks again and writes, an import claims a row per key — the file's digest
and each document it writes into — whose `key` is the primary key, so of two claims of one key
only one insert succeeds (PostgreSQL makes the second wait for the first's commit, SQLite's single
writer serialises them). The claim is committed on its own, so the other import sees who holds it;
it is released in the transaction that writes the rows (they appear and the lock goes at once),
or after a failure. A claim whose lease ran out (its process died) is taken over by the next one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import UTCDateTime, db


class ImportLock(db.Model):
    __tablename__ = "import_locks"

    # "file:<sha256 of the file>" or "doc:<the document's symbol key>"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    # Who holds it: one write of an import (the job's token, or a random one on the command line).
    token: Mapped[str] = mapped_column(String(64), index=True)
    holder: Mapped[str] = mapped_column(String(255))  # shown to the other importer
    user_id: Mapped[int | None] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Renewed while the import runs; a lock past it belongs to a dead process.
    lease_until: Mapped[dt.datetime] = mapped_column(UTCDateTime())
