"""Imports between upload, preview and confirmation, kept in the instance folder.

    instance/imports/<token>/meta.json     who, what, the stage and its progress
    instance/imports/<token>/source        the uploaded file as received
    instance/imports/<token>/preview.json  what the check found (rows, errors, warnings) or the
                                           programme's proposal under review

Reading a big file and writing 50.000 tasks take longer than a web request may, so both run
in a background thread with their own application context and database session; the page
polls `status` and shows a progress bar. The writing still happens in ONE transaction: the
thread commits once at the end, or rolls back and nothing is written. Tests (and
TRACKER_IMPORT_INLINE) run the work inline instead.

A job at work holds a lease (`lease.json`: the process that runs it and until when), renewed every
third of IMPORT_LEASE_SECONDS while the work runs. A process killed mid-way (a restart, the OOM
killer) renews it no more: once it ran out, the job is dead — seen by the page when it polls, by the
scheduler's sweep, and by the next import claiming its file (`tracker.imports.locks`) — and is
marked failed with its reason; nothing was written (its transaction died with it), and a write can
be confirmed again or the import discarded.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, has_request_context
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from tracker.core.text import N_

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
KEEP_DAYS = 3
# The stages in which some process is working on the job (the others wait for the user or are final).
AT_WORK = ("reading", "recognising", "checking", "rechecking", "writing", "queued")
DIED = N_(
    "Tiến trình nhập bị dừng giữa chừng (máy chủ khởi động lại hoặc tiến trình bị tắt); "
    "không có dữ liệu nào được ghi."
)
FAILED = N_("Đã có lỗi khi xử lý tệp; chưa có gì được ghi. Hãy thử lại hoặc báo quản trị viên.")


def lease_seconds(app: Flask | None = None) -> float:
    """How long a job at work lives without a sign of life from its process (IMPORT_LEASE_SECONDS)."""
    return float((app or current_app).config.get("IMPORT_LEASE_SECONDS") or 60)


def root() -> Path:
    folder = (
        Path(
            current_app.instance_path
            if not current_app.config.get("INSTANCE_PATH")
            else current_app.config["INSTANCE_PATH"]
        )
        / "imports"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Job:
    """One import: `kind` is tasks, agencies or programme."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.token = folder.name

    # -- creating and finding --
    @classmethod
    def create(cls, kind: str, user_id: int | None, filename: str, data: bytes, **extra) -> Job:
        _cleanup()
        token = secrets.token_urlsafe(18)
        folder = root() / token
        folder.mkdir(mode=0o700)
        (folder / "source").write_bytes(data)
        job = cls(folder)
        job._write(
            "meta.json",
            {
                "token": token,
                "kind": kind,
                "user_id": user_id,
                "filename": filename,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "stage": "queued",
                "done": 0,
                "total": 0,
                "message": "",
                "summary": None,
                **extra,
            },
        )
        return job

    @classmethod
    def find(cls, token: str) -> Job | None:
        if not _TOKEN.match(token or ""):
            return None
        folder = root() / token
        return cls(folder) if (folder / "meta.json").exists() else None

    @classmethod
    def of_user(cls, user_id: int | None, limit: int = 10) -> list[Job]:
        jobs = []
        for folder in root().iterdir():
            job = cls(folder)
            try:
                if job.meta.get("user_id") == user_id:
                    jobs.append(job)
            except (OSError, ValueError):
                continue
        jobs.sort(key=lambda j: j.meta["created_at"], reverse=True)
        return jobs[:limit]

    # -- reading and writing --
    def _write(self, name: str, data) -> None:
        tmp = self.folder / f".{name}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, self.folder / name)

    def _read(self, name: str):
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    @property
    def meta(self) -> dict:
        return self._read("meta.json")

    def update(self, **fields) -> None:
        meta = self.meta
        meta.update(fields)
        self._write("meta.json", meta)

    def source(self) -> bytes:
        return (self.folder / "source").read_bytes()

    def write_source(self, data: bytes) -> None:
        """Replace the source (the programme reader keeps the text it read from the upload)."""
        tmp = self.folder / f".source.{threading.get_ident()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self.folder / "source")

    def save_preview(self, data) -> None:
        self._write("preview.json", data)

    def preview(self):
        path = self.folder / "preview.json"
        return self._read("preview.json") if path.exists() else None

    def claim(self, stage: str) -> bool:
        """Move to `stage` exactly once (a second click on "Nhập" does nothing)."""
        try:
            fd = os.open(self.folder / f"{stage}.lock", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        os.close(fd)
        self.update(stage=stage, done=0, message="")
        return True

    def release(self, stage: str) -> None:
        (self.folder / f"{stage}.lock").unlink(missing_ok=True)

    def fail(self, stage: str, message: str) -> None:
        """Mark the job `stage` (failed, refused) with its reason. A write that failed can be
        confirmed again: its file was checked without errors and nothing of it was written."""
        preview = self.preview()
        retry = (
            stage == "failed"
            and self.meta.get("kind") in ("tasks", "agencies")
            and preview is not None
            and not preview.get("errors")
        )
        self.update(stage=stage, message=message, retry=retry)
        if retry:
            self.release("writing")

    # -- the lease of the process at work --
    def renew(self, seconds: float) -> None:
        owner = f"{socket.gethostname()}:{os.getpid()}"
        self._write("lease.json", {"owner": owner, "until": time.time() + seconds})

    def end_lease(self) -> None:
        (self.folder / "lease.json").unlink(missing_ok=True)

    def dead(self, seconds: float) -> bool:
        """At work, and its lease ran out (or, never leased, it has not moved for a lease)."""
        meta = self.meta
        if meta.get("stage") not in AT_WORK:
            return False
        try:
            until = self._read("lease.json")["until"]
        except FileNotFoundError:
            until = (self.folder / "meta.json").stat().st_mtime + seconds
        except (OSError, ValueError, KeyError):
            return False
        return until < time.time()

    def reap(self) -> bool:
        """Mark a dead job failed (see `dead`); True when it was."""
        if not self.dead(lease_seconds()):
            return False
        stage = self.meta["stage"]
        log.warning("import %s died at %s; marked failed", self.token, stage)
        self.end_lease()
        self.fail("failed" if stage in ("writing", "rechecking") else "refused", _(DIED))
        return True

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def progress(self, stage: str, every: float = 0.5) -> Callable[[int, int], None]:
        """A progress callback (done, total) that writes at most every `every` seconds."""
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= every or done >= total:
                last[0] = now
                self.update(stage=stage, done=done, total=total)

        return report


def _cleanup() -> None:
    """Forget imports older than KEEP_DAYS (their files are of no use once done or abandoned)."""
    limit = time.time() - KEEP_DAYS * 86400
    for folder in root().iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def reap_all() -> int:
    """The scheduler's sweep: mark every dead job failed (see Job.reap). Returns how many."""
    reaped = 0
    for folder in root().iterdir():
        try:
            reaped += Job(folder).reap()
        except (OSError, ValueError):
            continue
    return reaped


class _Heartbeat(threading.Thread):
    """Renews the job's lease every third of it while its work runs."""

    def __init__(self, job: Job, seconds: float):
        super().__init__(name=f"import-beat-{job.token[:8]}", daemon=True)
        self.job, self.seconds = job, seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(max(0.1, self.seconds / 3)):
            try:
                self.job.renew(self.seconds)
            except OSError:  # the job was discarded meanwhile
                return


def run(
    app: Flask, job: Job, work: Callable[[Job], Callable[[], None] | None], failed_stage: str
) -> threading.Thread | None:
    """Run `work(job)` in the background (inline in tests), in its own app context, as one unit of
    work (tracker.core.boundary): committed once when it returns — then the callable it returned,
    if any, runs (what must follow the commit: the job marked done) — rolled back on any error,
    which marks the job `failed_stage` and is logged. Returns the thread (None when run inline),
    which a caller may wait on a little."""

    seconds = lease_seconds(app)
    job.renew(seconds)  # leased before the work starts: never at work without a lease
    # The row checks and the progress speak the language of the page that started the job.
    language = str(get_locale() or "vi") if has_request_context() else "vi"

    def target() -> None:
        from tracker.core.boundary import failure, unit_of_work
        from tracker.db import db

        beat = _Heartbeat(job, seconds)
        beat.start()
        with app.app_context(), force_locale(language):
            try:
                with unit_of_work():
                    after_commit = work(job)
                if after_commit is not None:
                    after_commit()
            except Exception as exc:
                db.session.rollback()
                known = failure(exc)  # a refusal the user can read (another import holds the file…)
                if known is None:
                    log.exception("import %s failed", job.token)
                job.fail(failed_stage, known.message if known else _(FAILED))
            finally:
                beat.stopped.set()
                job.end_lease()
                db.session.remove()

    inline = app.config.get("IMPORT_INLINE")
    if inline is None:
        inline = bool(app.config.get("TESTING") or os.environ.get("TRACKER_IMPORT_INLINE"))
    if inline:
        target()
        return None
    thread = threading.Thread(target=target, name=f"import-{job.token[:8]}", daemon=True)
    thread.start()
    return thread


def own_job(token: str) -> Job:
    """The import in progress `token` of the signed-in user; a 404 for anyone else's (a job is private)."""
    from flask_login import current_user

    from tracker.core.access import refuse

    job = Job.find(token)
    if job is None or job.meta.get("user_id") != current_user.id:
        refuse(404, object="import", token=token[:8])
    job.reap()  # a job whose process died is seen as such by the page that polls it
    return job
