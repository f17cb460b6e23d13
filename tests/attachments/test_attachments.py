"""Attachments: PDF, Word, Excel and images only, checked by their content; stored under random names
outside the web root; downloaded only by who may see the task; a failed write leaves nothing behind."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tasks.test_actions import plain
from tracker.attachments import storage
from tracker.attachments.models import Attachment
from tracker.tasks.models import TaskEvent

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"\x00\xff\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Báo cáo kết quả thực hiện nhiệm vụ")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Số liệu"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def progress_with(client, task, *files, text="Đã ban hành kế hoạch"):
    data = {
        "progress-text": text,
        "progress-percent": "50",
        "progress-files": [(io.BytesIO(content), name) for name, content in files],
    }
    return client.post(f"/tasks/{task.id}/progress", data=data, content_type="multipart/form-data")


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_files_posted_with_progress_are_stored_under_random_names_outside_the_web_root(
    world, client, sign_in, db, app
):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    response = progress_with(
        client,
        task,
        ("Kế hoạch số 12.pdf", PDF),
        ("Ảnh hiện trường.png", png_bytes()),
        ("Báo cáo.docx", docx_bytes()),
        ("Số liệu.xlsx", xlsx_bytes()),
    )
    assert response.status_code == 302
    rows = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    assert [r.original_name for r in rows] == [
        "Kế hoạch số 12.pdf",
        "Ảnh hiện trường.png",
        "Báo cáo.docx",
        "Số liệu.xlsx",
    ]
    assert [r.content_type for r in rows] == [
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    event = db.session.scalars(
        select(TaskEvent).where(TaskEvent.kind == "progress").order_by(TaskEvent.id.desc())
    ).first()
    assert {r.event_id for r in rows} == {event.id} and {r.task_id for r in rows} == {task.id}
    files = stored_files(app)
    assert len(files) == 4
    for f in files:
        assert f.name in {r.stored_name for r in rows}  # random, not the user's file name
        assert not f.resolve().is_relative_to(Path(app.static_folder).resolve())
    page = plain(client.get(f"/tasks/{task.id}"))
    assert "Kế hoạch số 12.pdf" in page and "Tệp đính kèm (4)" in page


def test_a_download_is_an_attachment_of_the_right_type_for_who_may_see_the_task(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    progress_with(client, task, ("Kế hoạch số 12.pdf", PDF))
    attachment = db.session.scalars(select(Attachment)).one()
    for role in ("lead", "coordinating", "monitor", "leader", "admin"):
        sign_in(world.users[role])
        response = client.get(f"/attachments/{attachment.id}")
        assert response.status_code == 200, role
        assert response.data == PDF
        assert response.mimetype == "application/pdf"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;") and "filename*=UTF-8''K%E1%BA%BF" in disposition
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        response.close()
    sign_in(world.users["other"])
    assert client.get(f"/attachments/{attachment.id}").status_code == 404
    assert client.get("/attachments/999999").status_code == 404


def test_a_download_needs_a_login(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    progress_with(client, task, ("a.pdf", PDF))
    attachment_id = db.session.scalar(select(Attachment.id))
    with client.session_transaction() as session:
        session.clear()
    response = client.get(f"/attachments/{attachment_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("bao-cao.pdf", b"Day khong phai PDF, chi la van ban thuong."),
        ("anh.png", b"MZ\x90\x00\x03\x00\x00\x00 an executable renamed"),
        ("bao-cao.docx", b"PK\x03\x04" + b"\x00" * 40),  # a ZIP header, but not an Office document
        ("ghi-chu.txt", b"text"),
        ("script.html", b"<script>alert(1)</script>"),
        ("khong-duoi", PDF),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_written(
    world, client, sign_in, db, app, name, content
):
    task = world.task("in_progress")
    db.session.commit()
    events = world.event_count(task)
    sign_in(world.lead)
    response = progress_with(client, task, (name, content), text="Tiến độ kèm tệp lạ")
    assert response.status_code == 422
    page = plain(response)
    assert f"«{name}»" in page and "Chỉ nhận: PDF, Word" in page
    assert "Tiến độ kèm tệp lạ" in page and "hãy chọn lại tệp đính kèm" in page
    db.session.expire_all()
    assert world.event_count(task) == events and task.progress == 40
    assert count(db, Attachment) == 0 and stored_files(app) == []


def test_old_office_files_are_told_apart_by_their_streams():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert storage.sniff(ole + "WordDocument".encode("utf-16-le")) == "doc"
    assert storage.sniff(ole + "Workbook".encode("utf-16-le")) == "xls"
    assert storage.sniff(ole) is None
    assert storage.sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"
    assert storage.sniff(b"GIF89a" + b"\x00" * 20) == "gif"
    assert storage.sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"


def test_file_names_keep_vietnamese_but_lose_folders_and_control_characters():
    assert storage.clean_name("C:\\Users\\a\\Báo cáo tháng 7.pdf") == "Báo cáo tháng 7.pdf"
    assert storage.clean_name("../../etc/passwd") == "passwd"
    assert storage.clean_name("a\x00b\r\n.pdf") == "ab.pdf"
    assert storage.clean_name("") == "tep-dinh-kem"


class TestTooLarge:
    @pytest.fixture
    def app_config(self, app_config):
        return app_config | {"MAX_CONTENT_LENGTH": 64 * 1024}

    def test_a_request_over_the_size_limit_gets_the_413_page_and_nothing_is_written(
        self, world, client, sign_in, db, app
    ):
        task = world.task("in_progress")
        db.session.commit()
        events = world.event_count(task)
        sign_in(world.lead)
        big = PDF + b"0" * (80 * 1024)
        response = progress_with(client, task, ("lon.pdf", big))
        assert response.status_code == 413
        page = plain(response)
        assert "Tệp quá lớn" in page and "Hãy chọn tệp nhỏ hơn." in page
        db.session.expire_all()
        assert world.event_count(task) == events and count(db, Attachment) == 0 and stored_files(app) == []


class TestFileSizeLimit:
    @pytest.fixture
    def app_config(self, app_config):
        return app_config | {"ATTACHMENT_MAX_BYTES": 1024}

    def test_a_single_file_over_the_attachment_limit_is_refused(self, world, client, sign_in, db, app):
        task = world.task("in_progress")
        db.session.commit()
        sign_in(world.lead)
        response = progress_with(client, task, ("vua.pdf", PDF + b"0" * 2048))
        assert response.status_code == 422
        assert "vượt quá giới hạn" in plain(response)
        assert count(db, Attachment) == 0 and stored_files(app) == []


def _make_read_only(path: Path):
    """Make a directory unwritable even for root (chattr +i) or, failing that, by its mode."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o555)
    if _writable(path) and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
    if _writable(path):
        pytest.skip("cannot make a read-only directory here")


def _writable(path: Path) -> bool:
    probe = path / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def read_only_upload_dir(app):
    root = Path(app.config["UPLOAD_DIR"])
    _make_read_only(root)
    yield root
    if shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(root)], check=False, capture_output=True)
    os.chmod(root, 0o755)


def test_a_failed_write_leaves_no_row_no_half_file_and_no_progress(
    world, client, sign_in, db, app, read_only_upload_dir
):
    task = world.task("in_progress")
    db.session.commit()
    events = world.event_count(task)
    sign_in(world.lead)
    response = progress_with(client, task, ("bao-cao.pdf", PDF), text="Tiến độ tháng 7")
    assert response.status_code == 422
    page = plain(response)
    assert "Không lưu được tệp đính kèm" in page and "Chưa có gì được ghi nhận" in page
    assert "Tiến độ tháng 7" in page
    db.session.expire_all()
    assert world.event_count(task) == events and task.progress == 40
    assert count(db, Attachment) == 0
    assert list(read_only_upload_dir.rglob("*")) == []


def test_a_file_written_in_a_transaction_that_does_not_commit_is_removed(world, db, app):
    task = world.task("in_progress")
    db.session.commit()
    upload = storage.Upload("a.pdf", "pdf", "application/pdf", PDF)
    kept = storage.store(upload, actor=world.lead, task=task)
    db.session.commit()
    dropped = storage.store(upload, actor=world.lead, task=task)
    dropped_path = storage.path_of(dropped)
    assert dropped_path.exists()
    db.session.rollback()
    assert not dropped_path.exists()
    assert storage.path_of(db.session.get(Attachment, kept.id)).exists()


def test_a_document_attachment_is_downloaded_only_by_who_may_see_the_document(world, client, sign_in, db):
    world.task("in_progress")
    attachment = storage.store(
        storage.Upload("91-KL-TU.pdf", "pdf", "application/pdf", PDF), document=world.document
    )
    db.session.commit()
    sign_in(world.lead)
    response = client.get(f"/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    response.close()
    sign_in(world.users["other"])
    assert client.get(f"/attachments/{attachment.id}").status_code == 404


def test_a_write_that_fails_half_way_leaves_no_half_file(tmp_path):
    """The file system refuses the write after 4 KB (a file-size limit, as a full disk would): the
    partly written temporary file is removed and the target never appears."""
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import resource, signal
        from pathlib import Path
        from tracker.attachments.storage import _write
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        try:
            _write(Path({str(tmp_path)!r}) / "ab" / "ab12", b"x" * 200_000)
        except OSError as e:
            print("refused", e.errno)
    """)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.startswith("refused"), result.stderr
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
