"""The preview of a file whose cells are huge (within the bound of a cell) stays a page: every
message quotes at most SHOWN characters of a cell (core.limits.shorten_quoted), and the rows come a
page at a time."""

from __future__ import annotations

import io

from tests.imports.conftest import csv_bytes, row
from tracker.core.limits import SHOWN


def test_a_file_of_huge_cells_gives_a_small_preview_page(client, auth, province, make, db):
    auth.login(make.monitor())
    huge = "Sở " + "x" * 10_000  # (a smaller upload than 500 KB: werkzeug keeps it in memory)
    data = csv_bytes([row(code=str(i), lead=huge + str(i)) for i in range(40)])
    response = client.post(
        "/imports/upload",
        data={"kind": "tasks", "file": (io.BytesIO(data), "lon.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Tệp có 40 lỗi" in text
    assert "x" * (SHOWN + 1) not in text and "Không có cơ quan «Sở xxx" in text
    assert len(page.data) < 100_000, len(page.data)  # 40 names of 10.000 characters: 400 KB before
