"""The programme reader on a 60-page programme: .txt, .docx and a PDF's text layer (issue 16).

    python -m tracker.bench.reader          (also part of `make bench`: BENCH_ONLY=reader)

The programme is built from the bodies of the corpus documents (`shared/corpus` beside the
checkout, or $TRACKER_CORPUS; the seed texts when there is no corpus), one after the other as
the parts of one plan, until its PDF has BENCH_READER_PAGES pages (60). The PDF is made by
LibreOffice, as a user would save it. Each figure is the median of BENCH_READER_REPEAT runs (3)
of what the upload does: the file's text (`sources.document_text`), the tree
(`read_programme`) and the review's items (`proposal.propose`). It prints; it asserts nothing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from tracker.bench.timing import Timing, fmt_seconds, measure, skipped

__all__ = ["programme_reader"]


def _folder() -> Path | None:
    env = os.environ.get("TRACKER_CORPUS")
    if env and Path(env).is_dir():
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        for name in ("corpus", "seeds"):
            if (parent / "shared" / name).is_dir():
                return parent / "shared" / name
    return None


def _body(text: str) -> list[str]:
    """A document's numbered part: from its first "I." to its signature or recipients."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"\W*I\.\s", line)), 0)
    out = []
    for line in lines[start:]:
        if re.match(r"\W*(?:Nơi nhận|TM\.|KT\.|Trên đây)", line):
            break
        out.append(line.replace("./.", "."))  # a closing "./." would end the whole programme
    return out


def _programme_text(folder: Path, chars: int) -> str:
    head = "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nSố: 60/KH-UBND\n\nKhánh Hòa, ngày 10 tháng 1 năm 2026\n\n"
    head += "KẾ HOẠCH\nThực hiện các nhiệm vụ trọng tâm năm 2026\n\n"
    bodies = [_body(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("[0-9]*.txt"))]
    bodies = [b for b in bodies if len(b) > 20]
    parts, size, n = [], len(head), 0
    while size < chars:
        body = "\n".join(bodies[n % len(bodies)])
        parts.append(body)
        size += len(body)
        n += 1
    return head + "\n\n".join(parts) + "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(text: str, folder: Path) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    source = folder / "programme.txt"
    source.write_text(text, encoding="utf-8")
    # A fixed argument list, no shell.
    subprocess.run(  # noqa: S603  # nosec B603
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return source.with_suffix(".pdf").read_bytes()


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def programme_reader(pages: int = 60, repeat: int = 3) -> list[Timing]:
    """Timings of reading the same programme as .txt, .docx and PDF."""
    from tracker.reader import proposal as P
    from tracker.reader import seedcheck
    from tracker.reader.programme import read_programme
    from tracker.reader.sources import document_text

    folder = _folder()
    if folder is None:
        return [skipped("reader: 60-page programme", "no corpus beside the checkout")]
    matcher = seedcheck.registry().matcher("KH")
    with tempfile.TemporaryDirectory(prefix="bench-reader-") as tmp:
        chars, text, pdf = 3000 * pages, "", None
        for _attempt in range(4):  # LibreOffice's pages: grow the text until there are enough
            text = _programme_text(folder, chars)
            pdf = _pdf(text, Path(tmp))
            got = _pages(pdf) if pdf else pages
            if got >= pages:
                break
            chars = int(chars * pages / max(got, 1) * 1.05)
        files = {"txt": text.encode("utf-8"), "docx": _docx(text)}
        if pdf is not None:
            files["pdf"] = pdf
        size = f"{_pages(pdf) if pdf else '?'} pages, {len(text) // 1000} 000 characters"
        out = []
        for kind, data in files.items():

            def read(kind=kind, data=data):
                got = document_text(f"programme.{kind}", data)
                return P.propose(read_programme(got, matcher))

            before = os.times()
            timing = measure(f"reader: 60-page programme, .{kind}", read, repeat, note=size)
            after = os.times()
            child = (
                after.children_user + after.children_system - before.children_user - before.children_system
            )
            items = sum(1 for _ in P.walk(timing.result))
            timing.note = f"{size}, {items} items"
            if child:  # the PDF's own process (pdfworker): not in this process's CPU time
                timing.note += f", + {fmt_seconds(child / (repeat + 1))} cpu in the PDF reader's process"
            out.append(timing)
        if pdf is None:
            out.append(skipped("reader: 60-page programme, .pdf", "LibreOffice not installed"))
        return out


def main() -> int:
    pages = int(os.environ.get("BENCH_READER_PAGES", "60"))
    repeat = int(os.environ.get("BENCH_READER_REPEAT", "3"))
    for timing in programme_reader(pages, repeat):
        print(
            f"  {timing.name:<58} median {fmt_seconds(timing.median):>9}  cpu {fmt_seconds(timing.cpu_median):>9}"
            f"  {timing.note}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
