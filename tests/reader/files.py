"""Real files for the reader's input tests: PDFs made by LibreOffice, scans drawn by pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    not shutil.which("soffice"), reason="needs LibreOffice (scripts/system_deps.sh)"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="needs poppler-utils (scripts/system_deps.sh)"
)
needs_tesseract = pytest.mark.skipif(
    not shutil.which("tesseract"), reason="needs tesseract-ocr and tesseract-ocr-vie (scripts/system_deps.sh)"
)


def corpus(prefix: str) -> Path:
    """A document of ../shared/corpus beside the repository, by its number ("18")."""
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "corpus"
        if folder.is_dir():
            found = sorted(folder.glob(f"{prefix}_*.txt"))
            if found:
                return found[0]
    pytest.skip(f"no corpus document {prefix} beside the repository")


def to_pdf(source: Path, tmp_path: Path) -> bytes:
    """`source` (.txt, .docx) converted to PDF by LibreOffice, as a user would save it."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return source.with_suffix(".pdf").read_bytes()


def to_png(pdf: bytes, tmp_path: Path, first: int, last: int, dpi: int = 300) -> list[bytes]:
    """Pages `first`..`last` of a PDF drawn as PNG images, as a scanner would give them."""
    path = tmp_path / "scan-source.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-f",
            str(first),
            "-l",
            str(last),
            "-png",
            str(path),
            str(tmp_path / "scan"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return [p.read_bytes() for p in sorted(tmp_path.glob("scan-*.png"))]
