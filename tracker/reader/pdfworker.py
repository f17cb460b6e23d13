"""Reads a PDF in a process of its own, within a memory and CPU limit: `pdf.pdf_pages` runs it.

A PDF of a few hundred kilobytes can hold content streams that inflate to gigabytes, and PDFium
parses what it is given: so the parsing happens here, in a child process that the operating
system stops at `--max-memory` bytes or `--max-cpu` seconds, never in a web worker.

Run as a script (`python pdfworker.py …`, the PDF on stdin): it imports nothing of the tracker
(quick to start) and writes one JSON object a line on stdout:

    {"pages": N}                                    first: the number of pages
    {"page": i, "width": w, "height": h, "runs": [[x0, top, x1, bottom, text], …]}
    {"page": i, "width": w, "height": h, "image": path, "scale": s}   a page without text, drawn
    {"page": i, "width": w, "height": h, "scanned": true}             … or not (--no-render)
    {"error": "broken" | "password" | "pages" | "long" | "scans", …}  refused (then nothing else)
    {"done": true}

Coordinates are points, top-down (y grows down the page).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys

MIN_TEXT = 15  # fewer characters than this on a page: no text layer (a scan), or only a stamp


def _say(**message) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _runs(page) -> list | None:
    """The page's text in boxes, or None when it has (almost) none."""
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() < MIN_TEXT:
            return None
        _width, height = page.get_size()
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append([left, height - top, right, height - bottom, text])
        return runs if sum(len(r[4].strip()) for r in runs) >= MIN_TEXT else None
    finally:
        textpage.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--max-text", type=int, required=True)
    parser.add_argument("--max-scans", type=int, required=True)
    parser.add_argument("--max-memory", type=int, default=1536 * 1024 * 1024)
    parser.add_argument("--max-cpu", type=int, default=120)
    parser.add_argument("--render-dir")  # where pages without text are drawn (none: not drawn)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--max-render-pixels", type=int, default=20_000_000)
    args = parser.parse_args(argv)
    data = sys.stdin.buffer.read()
    _limit(args.max_memory, args.max_cpu)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        _say(error="password" if "password" in str(exc).lower() else "broken")
        return 0
    del data
    count = len(document)
    _say(pages=count)
    if count == 0 or count > args.max_pages:
        _say(error="pages", count=count)
        return 0
    length, scanned = 0, []
    for index in range(count):
        page = document[index]
        try:
            width, height = page.get_size()
            runs = _runs(page)
        finally:
            page.close()
        if runs is None:
            scanned.append((index, width, height))
            continue
        length += sum(len(r[4]) for r in runs)
        if length > args.max_text:
            _say(error="long")
            return 0
        _say(page=index, width=width, height=height, runs=runs)
    if len(scanned) > args.max_scans:
        _say(error="scans", count=len(scanned))
        return 0
    for index, width, height in scanned:
        if not args.render_dir:
            _say(page=index, width=width, height=height, scanned=True)
            continue
        scale = args.dpi / 72
        if width * height * scale * scale > args.max_render_pixels:
            scale = (args.max_render_pixels / (width * height)) ** 0.5
        page = document[index]
        try:
            image = page.render(scale=scale, grayscale=True).to_pil()
        finally:
            page.close()
        path = f"{args.render_dir}/page-{index:04d}.pgm"
        image.convert("L").save(path)
        image.close()
        _say(page=index, width=width, height=height, image=path, scale=scale)
    document.close()
    _say(done=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
