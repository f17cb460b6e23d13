"""Decompression bombs: a .xlsx whose one cell unpacks to 400 MB, a .docx whose text does, sent
through the import page, the import command and the programme reader, are refused with a
Vietnamese message before a parser unpacks them — the process stays under 300 MB (measured in a
child process that does only that: ru_maxrss)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.bombs import MB, bomb
from tracker.core.limits import MAX_CELL, MAX_TEXT

ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 300


def _run(how, app_config, path, user=None) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.security.bombs",
            how,
            json.dumps(app_config),
            str(path),
            str(user or "-"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    files = {
        "xlsx_400": folder / "bom-400.xlsx",  # refused by its central directory
        "xlsx_cell": folder / "bom-o.xlsx",  # 90 MB in one cell: under the archive's bound, over a cell's
        "docx_400": folder / "bom-400.docx",
        "docx_text": folder / "bom-chu.docx",  # 25 MB of text over paragraphs: over a document's text
    }
    bomb("xlsx", files["xlsx_400"], 400 * MB)
    bomb("xlsx", files["xlsx_cell"], 90 * MB)
    bomb("docx", files["docx_400"], 400 * MB)
    bomb("docx", files["docx_text"], 25 * MB, pieces=500)
    for path in files.values():
        assert path.stat().st_size < 1 * MB, path  # small files…
    return files


@pytest.fixture
def monitor(make, db):
    root = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    make.agency("STC", "Sở Tài chính", parent=root)
    user = make.monitor()
    db.session.commit()
    return user


@pytest.mark.parametrize(
    "which, message",
    [
        ("xlsx_400", "khi giải nén quá lớn"),
        ("xlsx_cell", f"có nội dung dài quá {MAX_CELL:,} ký tự".replace(",", ".")),
    ],
)
def test_a_spreadsheet_bomb_is_refused_on_the_import_page(bombs, app_config, monitor, which, message):
    seen = _run("page", app_config, bombs[which], monitor.get_id())
    assert seen["status"] == 200
    assert message in seen["text"], seen["text"][-3000:]
    assert seen["bytes"] < 200_000  # the page, not the file
    assert seen["peak_mb"] < PEAK_MB, seen["peak_mb"]


@pytest.mark.parametrize(
    "which, message", [("xlsx_400", "khi giải nén quá lớn"), ("xlsx_cell", "có nội dung dài quá")]
)
def test_a_spreadsheet_bomb_is_refused_by_the_import_command(bombs, app_config, monitor, which, message):
    seen = _run("cli", app_config, bombs[which])
    assert seen["exit_code"] != 0
    assert message in seen["text"], seen["text"][-3000:]
    assert seen["peak_mb"] < PEAK_MB, seen["peak_mb"]


@pytest.mark.parametrize(
    "which, message",
    [
        ("docx_400", "khi giải nén quá lớn"),
        ("docx_text", f"quá dài (tối đa {MAX_TEXT:,} ký tự)".replace(",", ".")),
    ],
)
def test_a_word_bomb_is_refused_by_the_programme_reader(bombs, app_config, monitor, which, message):
    seen = _run("reader", app_config, bombs[which], monitor.get_id())
    assert seen["status"] == 422
    assert message in seen["text"], seen["text"][-3000:]
    assert seen["peak_mb"] < PEAK_MB, seen["peak_mb"]
    alone = _run("reader-text", app_config, bombs[which])
    assert message in alone["text"] and alone["peak_mb"] < PEAK_MB
