"""A real importing process for the tests: `python -m tests.imports.importer SETTINGS.json`.

    mode "cli": `flask import tasks FILE --as EMAIL`, pausing after the check at a barrier shared
                with the other processes (each touches ready-N, then waits for every other's
                ready- or done- file), so that all of them have checked before any writes;
    mode "job": the import pages' job for the user: the file checked (the preview), then confirmed;
                at the barrier once the confirmation has checked the file again;
    mode "confirm": confirm the job `token` already checked, writing `batch` rows at a time and
                pausing `pause` seconds after each batch (a slow import, to be killed mid-way).

Prints what the import said and exits 0.
"""

from __future__ import annotations

import json
import os
import sys
import time
from functools import partial
from pathlib import Path


def barrier(folder: Path, me: int, count: int, timeout: float = 60) -> None:
    (folder / f"ready-{me}").touch()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all((folder / f"ready-{i}").exists() or (folder / f"done-{i}").exists() for i in range(count)):
            return
        time.sleep(0.02)


def main(settings: dict) -> int:
    from tracker import create_app

    app = create_app(settings["config"])
    mode, folder = settings["mode"], Path(settings.get("barrier") or ".")
    me, count = settings.get("me", 0), settings.get("count", 1)
    try:
        with app.app_context():
            if mode == "cli":
                from tracker.imports import cli

                checked = cli._check

                def check_then_wait(*args, **kwargs):
                    result = checked(*args, **kwargs)
                    barrier(folder, me, count)
                    return result

                cli._check = check_then_wait
                result = app.test_cli_runner().invoke(
                    args=["import", "tasks", settings["file"], "--as", settings["email"]]
                )
                print(result.output, flush=True)
                return 0
            from tracker.imports import flow
            from tracker.imports import operations as ops
            from tracker.imports.batch import BatchWriter
            from tracker.imports.jobs import Job

            if mode == "job":
                data = Path(settings["file"]).read_bytes()
                job = Job.create("tasks", settings["user_id"], Path(settings["file"]).name, data)
                flow.start_check(job)
                parsed = flow.parse

                def parse_then_wait(job, *, stage="checking"):
                    result = parsed(job, stage=stage)
                    if stage == "rechecking":
                        barrier(folder, me, count)
                    return result

                flow.parse = parse_then_wait
            else:
                job = Job.find(settings["token"])
                ops.write_tasks = partial(ops.write_tasks, batch=settings["batch"])
                written = BatchWriter.write

                def slowly(self, chunk):
                    written(self, chunk)
                    time.sleep(settings["pause"])

                BatchWriter.write = slowly
            flow.start_write(job, settings["user_id"])
            print(json.dumps(job.meta, ensure_ascii=False), flush=True)
            return 0
    finally:
        if settings.get("barrier"):
            (folder / f"done-{me}").touch()


if __name__ == "__main__":
    os.environ.pop("TRACKER_DATABASE_URL", None)
    sys.exit(main(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
