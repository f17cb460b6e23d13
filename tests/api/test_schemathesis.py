"""The OpenAPI document matches the API: schemathesis drives the running app on loopback, with a
an admin's and a focal point's token, and must find no failure (no 5xx, no response outside the
documented statuses, content types and schemas, no invalid input accepted, no auth ignored)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import threading

import pytest
from werkzeug.serving import make_server

from tracker.tasks import operations

# Data valid by the schema can still be refused by a domain rule the schema cannot express (a
# completion date in the future, a task in the wrong status, no version given), so 422 and 428
# count as an acceptable answer to generated valid data; everything else is checked as shipped.
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "428", "429"]

[dictionaries.tasks]
values = {tasks}
[dictionaries.requests]
values = {requests}
[dictionaries.documents]
values = {documents}
[dictionaries.agencies]
values = {agencies}

[parameters]
"path.task_id" = {{ dictionary = "tasks", probability = 0.9 }}
"path.request_id" = {{ dictionary = "requests", probability = 0.9 }}
"path.document_id" = {{ dictionary = "documents", probability = 0.9 }}
"path.agency_id" = {{ dictionary = "agencies", probability = 0.9 }}
"body.document_id" = {{ dictionary = "documents", probability = 0.8 }}
"body.lead_agency_id" = {{ dictionary = "agencies", probability = 0.8 }}
"body.task_ids[*]" = {{ dictionary = "tasks", probability = 0.8 }}
"""


def _data(make, db):
    """A little province: tasks in every status, pending extension requests, two focal points."""
    province = make.agency("TINH", "Tỉnh", kind="external")
    stc = make.agency("STC", "Sở Tài chính", parent=province)
    stp = make.agency("STP", "Sở Tư pháp", parent=province)
    focal = make.user("focal", agency=stc, email="daumoi@stc.vn")
    make.user("focal", agency=stp, email="daumoi@stp.vn")
    make.monitor()
    admin = make.user("admin", agency=None, email="admin@test.vn")
    doc = make.document("91-KL/TU", issued_on=dt.date(2024, 3, 1))
    tasks, requests = [], []
    for i in range(12):
        lead = stc if i % 2 == 0 else stp
        task = make.task(
            lead=lead,
            document=doc,
            coordinating=[stp] if i % 3 == 0 else [],
            title=f"Nhiệm vụ {i}",
            deadline=dt.date(2024, 6, 30) + dt.timedelta(days=30 * i),
        )
        tasks.append(task)
        focal_of_lead = focal if lead is stc else None
        if focal_of_lead and i % 4 == 0:
            operations.report_completion(
                focal, task, completed_on=dt.date(2024, 5, 2), on=dt.date(2024, 5, 3)
            )
        elif focal_of_lead:
            requests.append(
                operations.request_extension(
                    focal,
                    task,
                    new_deadline=task.deadline + dt.timedelta(days=60),
                    reason="Cần thêm thời gian",
                    on=dt.date(2024, 5, 3),
                )
            )
    db.session.commit()
    return (
        admin,
        focal,
        {
            "tasks": [t.id for t in tasks],
            "requests": [r.id for r in requests],
            "documents": [doc.id],
            "agencies": [province.id, stc.id, stp.id],
        },
    )


@pytest.mark.slow
def test_schemathesis_finds_no_failure_against_the_running_app(app, make, db, api, tmp_path):
    if shutil.which("schemathesis", path=str(__import__("pathlib").Path(sys.executable).parent)) is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    app.config["API_RATE_LIMIT"] = 10**6
    admin, focal, ids = _data(make, db)
    tokens = {"admin": api.token(admin, name="schemathesis"), "focal": api.token(focal, name="schemathesis")}
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.format(**ids))
    server = make_server("127.0.0.1", 0, app, threaded=True)  # a free loopback port
    port = server.server_port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for who, token in tokens.items():
            result = subprocess.run(  # noqa: S603 — fixed arguments, our own test server
                [
                    sys.executable,
                    "-m",
                    "schemathesis.cli",
                    "--config-file",
                    str(config),
                    "run",
                    f"http://127.0.0.1:{port}/api/v1/openapi.json",
                    "-H",
                    f"Authorization: Bearer {token}",
                    "--checks",
                    "all",
                    "--max-examples",
                    "15",
                    "--workers",
                    "2",
                    "--seed",
                    "7",
                    "--no-color",
                    "--report-dir",
                    str(tmp_path / who),
                ],
                capture_output=True,
                text=True,
                timeout=900,
                cwd=tmp_path,
            )
            assert result.returncode == 0, (
                f"schemathesis ({who}):\n{result.stdout[-8000:]}\n{result.stderr[-2000:]}"
            )
            assert " passed" in result.stdout and "failure" not in result.stdout.split("SUMMARY")[-1].lower()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
