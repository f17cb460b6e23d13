"""Decompression bombs made for the tests, streamed so the test itself stays small: a real .xlsx or
.docx whose one cell (paragraph) is replaced by `size` bytes of one letter, which deflate packs
a thousand to one. Run as a script (`python -m tests.security.bombs KIND ARGS…`) it is the child
process of the memory tests: it does one thing and prints what it saw and its peak memory."""

from __future__ import annotations

import io
import json
import resource
import sys
import zipfile

MARKER = "BOMBMARKER"
MB = 1024 * 1024


def _template(kind: str) -> tuple[bytes, str]:
    if kind == "xlsx":
        from openpyxl import Workbook

        from tests.imports.conftest import HEADERS_VI, row

        book = Workbook()
        sheet = book.active
        sheet.append(HEADERS_VI)
        sheet.append(row(title=MARKER))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "xl/worksheets/sheet1.xml"  # openpyxl writes its texts in the cells
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2025")
    document.add_paragraph(MARKER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), "word/document.xml"


def bomb(kind: str, path, size: int, *, pieces: int = 1) -> int:
    """Write the bomb to `path`; its one text is `size` bytes ("A"), in `pieces` runs (a docx's
    text split over paragraphs). Returns the file's size."""
    template, part = _template(kind)
    block = b"A" * MB
    with (
        zipfile.ZipFile(io.BytesIO(template)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != part:
                dst.writestr(info, data)
                continue
            head, tail = data.split(MARKER.encode(), 1)
            with dst.open(part, "w", force_zip64=True) as fh:
                fh.write(head)
                per_piece = size // pieces
                for i in range(pieces):
                    if i:
                        fh.write(b"</w:t></w:r></w:p><w:p><w:r><w:t>")
                    left = per_piece
                    while left > 0:
                        fh.write(block[: min(MB, left)])
                        left -= MB
                fh.write(tail)
    return path.stat().st_size if hasattr(path, "stat") else 0


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM belongs to the process's own memory image, where
    ru_maxrss keeps the parent's peak across fork and exec (a pytest that ran the whole suite)."""
    for line in open("/proc/self/status", encoding="ascii"):  # noqa: SIM115
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(how: str, config: dict, path: str, user_id: str | None) -> dict:
    from pathlib import Path

    data = Path(path).read_bytes()
    name = Path(path).name
    if how == "cli":
        from click.testing import CliRunner  # noqa: F401

        from tracker import create_app

        app = create_app(config)
        with app.app_context():
            result = app.test_cli_runner().invoke(args=["import", "tasks", path])
        return {
            "exit_code": result.exit_code,
            "text": result.output,
            "exception": repr(result.exception),
        }
    if how == "reader-text":
        from tracker.core.errors import FileError
        from tracker.reader.sources import document_text

        try:
            document_text(name, data)
            return {"text": "read"}
        except FileError as exc:
            return {"text": exc.message}
    from tracker import create_app

    app = create_app(config)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    if how == "page":
        r = client.post(
            "/imports/upload",
            data={"kind": "tasks", "file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
        page = client.get(r.headers["Location"])
        return {"status": page.status_code, "text": page.get_data(as_text=True), "bytes": len(page.data)}
    r = client.post(
        "/imports/programme",
        data={"file": (io.BytesIO(data), name), "province": ""},
        content_type="multipart/form-data",
    )
    return {"status": r.status_code, "text": r.get_data(as_text=True), "bytes": len(r.data)}


if __name__ == "__main__":
    how, config, path, user = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
    out = _child(how, config, path, user if user != "-" else None)
    out["peak_mb"] = peak_mb()
    print(json.dumps(out))
