"""What an uploaded file may unpack to, checked before a parser allocates it: the one place of the
bounds of spreadsheets (.xlsx, .csv) and Word files (.docx) read by the import and the reader.

A 418 KB .xlsx whose one cell unpacks to 400 MB, or a 333 KB .docx, cost gigabytes of memory once
handed to openpyxl or python-docx. So, before opening an Office file:

1. `check_archive` reads the zip's central directory (its table of contents, a few bytes per entry,
   nothing unpacked) and refuses too many entries or a total or an entry unpacked too large. The
   zip reader of the standard library never unpacks more than an entry declares there, so these
   figures bound everything read after them.
2. `scan_sheet_xml` / `scan_document_xml` stream the parts the parser will read, a chunk at a time
   (memory stays flat whatever their size), through expat: the length of each cell (a shared
   string counts once per cell that uses it), of each row, the number of rows and columns, the
   text of a document, and a run of text or a tag with no markup in it at all.

Each refusal is a `FileError` with a Vietnamese message for the person who made the file. The
CSV reader and the spreadsheet reader check the same cell, row and column bounds (`check_cell`,
`check_row`) on what they read.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from xml.parsers import expat

from flask_babel import gettext as _

from tracker.core.dates import fmt_number
from tracker.core.errors import FileError

MAX_ENTRIES = 2_000  # files in one archive (a workbook or a Word file has a few dozen)
MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all entries of an archive unpacked
MAX_XML_PART = 100 * 1024 * 1024  # bytes, one XML part unpacked (the sheet, the document body)
MAX_OTHER_PART = 16 * 1024 * 1024  # bytes, any other XML part of a workbook (styles…), read whole
MAX_DOCUMENT_XML = 30 * 1024 * 1024  # bytes, all XML of a Word file: python-docx parses it whole
MAX_ELEMENTS = 1_000_000  # elements of a Word file's body
# Characters in a cell, and in all the cells of a row: far beyond any text the rules accept (a
# task's content: 20.000), so that a long text gets the rules' own message (tasks.rules, the same
# on the page, the API and the import), and a cell beyond it is refused before it is read whole.
MAX_CELL = 1_000_000
MAX_ROW = 2_000_000
MAX_ROWS = 100_000  # data rows of a sheet
MAX_COLUMNS = 200  # columns of a sheet (the import's columns are some twenty)
MAX_SHEET_TEXT = 60_000_000  # characters in all the cells of a sheet
MAX_SHARED_STRINGS = 2_000_000  # distinct texts of a workbook
MAX_TEXT = 400_000  # characters of a document's text: some 150 pages of a programme
MAX_RUN = 8 * 1024 * 1024  # bytes of text or of one tag without markup between them (> a cell)

_CHUNK = 256 * 1024
_COLUMN = re.compile(r"[A-Z]{1,3}")


def _mb(size: int) -> str:
    return f"{fmt_number(size / (1024 * 1024), 0)} MB"


def too_many_rows(name: str) -> FileError:
    return FileError(
        _(
            "Tệp «%(name)s» có hơn %(n)s dòng; hãy chia thành nhiều tệp nhỏ hơn.",
            name=name,
            n=fmt_number(MAX_ROWS),
        )
    )


def cell_too_long(name: str, where: str = "", length: int | None = None) -> FileError:
    most = fmt_number(MAX_CELL)
    if where and length:
        message = _(
            "Tệp «%(name)s»: ô %(cell)s có nội dung dài quá %(most)s ký tự (%(length)s ký tự). "
            "Hãy rút gọn nội dung ô đó rồi tải lên lại.",
            name=name,
            cell=where,
            most=most,
            length=fmt_number(length),
        )
    elif where:
        message = _(
            "Tệp «%(name)s»: ô %(cell)s có nội dung dài quá %(most)s ký tự. Hãy rút gọn nội dung ô đó rồi tải lên lại.",
            name=name,
            cell=where,
            most=most,
        )
    elif length:
        message = _(
            "Tệp «%(name)s»: một ô có nội dung dài quá %(most)s ký tự (%(length)s ký tự). "
            "Hãy rút gọn nội dung ô đó rồi tải lên lại.",
            name=name,
            most=most,
            length=fmt_number(length),
        )
    else:
        message = _(
            "Tệp «%(name)s»: một ô có nội dung dài quá %(most)s ký tự. Hãy rút gọn nội dung ô đó rồi tải lên lại.",
            name=name,
            most=most,
        )
    return FileError(message)


def row_too_long(name: str, row: int | str) -> FileError:
    return FileError(
        _(
            "Tệp «%(name)s»: dòng %(row)s có tổng nội dung dài quá %(most)s ký tự. "
            "Hãy rút gọn nội dung các ô của dòng đó.",
            name=name,
            row=row,
            most=fmt_number(MAX_ROW),
        )
    )


def too_many_columns(name: str, row: int | str) -> FileError:
    return FileError(
        _(
            "Tệp «%(name)s»: dòng %(row)s có dữ liệu ở quá %(most)s cột. Hãy xóa các cột thừa rồi tải lên lại.",
            name=name,
            row=row,
            most=fmt_number(MAX_COLUMNS),
        )
    )


def text_too_long(name: str) -> FileError:
    return FileError(
        _(
            "Văn bản «%(name)s» quá dài (tối đa %(most)s ký tự); hãy tách thành nhiều phần.",
            name=name,
            most=fmt_number(MAX_TEXT),
        )
    )


def _too_big(name: str) -> FileError:
    return FileError(
        _(
            "Tệp «%(name)s» khi giải nén quá lớn (quá %(size)s), có thể là tệp bị hỏng hoặc tệp "
            "độc hại; không đọc tệp này. Hãy mở tệp, lưu lại rồi tải lên, hoặc chia thành nhiều tệp nhỏ hơn.",
            name=name,
            size=_mb(MAX_UNPACKED),
        )
    )


def _damaged(name: str) -> FileError:
    return FileError(_("Tệp «%(name)s» bị hỏng: không đọc được nội dung.", name=name))


# ---------------------------------------------------------------- 1. the central directory


def check_archive(name: str, archive: zipfile.ZipFile, *, kind: str = "xlsx") -> None:
    """Refuse an archive whose central directory declares too many entries, or too many bytes
    once unpacked: all of them, one worksheet or the shared strings (streamed later), any other
    XML part of a workbook (read whole by openpyxl), all the XML of a Word file (python-docx
    builds a tree of every part). Nothing is unpacked here."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise FileError(
            _(
                "Tệp «%(name)s» chứa quá nhiều tệp con (%(n)s, tối đa %(most)s); không đọc tệp này.",
                name=name,
                n=fmt_number(len(entries)),
                most=fmt_number(MAX_ENTRIES),
            )
        )
    total = xml = 0
    for info in entries:
        total += info.file_size
        if total > MAX_UNPACKED:
            raise _too_big(name)
        part = info.filename.lower()
        if not part.endswith((".xml", ".rels", ".vml")):
            continue
        xml += info.file_size
        if kind == "docx":
            limit, size = MAX_DOCUMENT_XML, xml
        elif part.startswith("xl/worksheets/") or part.endswith("sharedstrings.xml"):
            limit, size = MAX_XML_PART, info.file_size
        else:
            limit, size = MAX_OTHER_PART, info.file_size
        if size > limit:
            raise _too_big(name)


def open_archive(name: str, data: bytes, *, kind: str = "xlsx") -> zipfile.ZipFile:
    """The zip archive of an Office file, its central directory checked (`check_archive`)."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileError(_("Tệp «%(name)s» bị hỏng: không mở được tệp nén.", name=name)) from None
    check_archive(name, archive, kind=kind)
    return archive


# ---------------------------------------------------------------- 2. streaming the XML parts


def _stream(name: str, archive: zipfile.ZipFile, part: str, parser) -> None:
    """Feed one part to an expat parser a chunk at a time; refuse a run of more than MAX_RUN bytes
    without "<" (a text or a tag expat would have to hold whole). A chunk is shorter than MAX_RUN,
    so only a run across chunks can be longer."""
    run = 0
    try:
        with archive.open(part) as fh:
            while chunk := fh.read(_CHUNK):
                first = chunk.find(b"<")
                if first < 0:
                    run += len(chunk)
                else:
                    if run + first > MAX_RUN:
                        raise _run_too_long(name)
                    run = len(chunk) - chunk.rfind(b"<") - 1
                if run > MAX_RUN:
                    raise _run_too_long(name)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except KeyError:
        return
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError):
        raise _damaged(name) from None


def _run_too_long(name: str) -> FileError:
    return FileError(
        _(
            "Tệp «%(name)s» có một đoạn nội dung dài bất thường (quá %(size)s liền một khối); không đọc tệp này.",
            name=name,
            size=_mb(MAX_RUN),
        )
    )


def _local(tag: str) -> str:
    return tag.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def _column_number(ref: str) -> int:
    m = _COLUMN.match(ref)
    n = 0
    for ch in m.group(0) if m else "":
        n = n * 26 + ord(ch) - 64
    return n


def scan_shared_strings(name: str, archive: zipfile.ZipFile, part: str) -> array:
    """The length of each shared string of a workbook (refused beyond MAX_CELL or MAX_SHARED_STRINGS)."""
    lengths = array("L")
    state = {"in": False, "n": 0}
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag, attrs):
        if _local(tag) == "si":
            state["in"], state["n"] = True, 0

    def end(tag):
        if _local(tag) == "si":
            state["in"] = False
            lengths.append(state["n"])
            if len(lengths) > MAX_SHARED_STRINGS:
                raise FileError(
                    _(
                        "Tệp «%(name)s» chứa quá nhiều nội dung khác nhau; hãy chia thành nhiều tệp nhỏ hơn.",
                        name=name,
                    )
                )

    def text(data):
        if state["in"]:
            state["n"] += len(data)
            if state["n"] > MAX_CELL:
                raise cell_too_long(name)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _stream(name, archive, part, parser)
    return lengths


def scan_sheet(name: str, archive: zipfile.ZipFile, part: str, shared: array) -> None:
    """Each cell, row and the whole of one worksheet within the bounds (see the module)."""
    s = {"row": 0, "rows": 0, "row_chars": 0, "cell": "", "cell_chars": 0, "shared": False, "v": False}
    s["total"] = 0
    values: list[str] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def add(n: int) -> None:
        s["cell_chars"] += n
        s["row_chars"] += n
        s["total"] += n
        if s["cell_chars"] > MAX_CELL:
            raise cell_too_long(name, s["cell"] or _("ở dòng %(row)s", row=s["row"]))
        if s["row_chars"] > MAX_ROW:
            raise row_too_long(name, s["row"])
        if s["total"] > MAX_SHEET_TEXT:
            raise FileError(
                _(
                    "Tệp «%(name)s» có tổng nội dung quá %(most)s ký tự; hãy chia thành nhiều tệp nhỏ hơn.",
                    name=name,
                    most=fmt_number(MAX_SHEET_TEXT),
                )
            )

    def start(tag, attrs):
        local = _local(tag)
        if local == "row":
            s["rows"] += 1
            try:
                s["row"] = int(attrs.get("r") or s["row"] + 1)
            except ValueError:
                s["row"] = s["row"] + 1
            if s["rows"] > MAX_ROWS + 1 or s["row"] > 2 * MAX_ROWS:
                raise too_many_rows(name)
            s["row_chars"] = 0
        elif local == "c":
            ref = attrs.get("r") or ""
            s["cell"], s["cell_chars"] = ref, 0
            s["shared"] = attrs.get("t") == "s"
            if _column_number(ref) > MAX_COLUMNS:
                raise too_many_columns(name, s["row"])
        elif local == "v":
            s["v"] = True
            values.clear()

    def end(tag):
        local = _local(tag)
        if local == "v":
            s["v"] = False
            if s["shared"]:
                try:
                    index = int("".join(values))
                except ValueError:
                    return
                if 0 <= index < len(shared):
                    add(shared[index])

    def text(data):
        if s["v"] and s["shared"]:
            values.append(data)  # an index into the shared strings: counted by its string's length
            if len(values) > 64:
                raise _damaged(name)
            return
        add(len(data))

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _stream(name, archive, part, parser)


def scan_document(name: str, archive: zipfile.ZipFile, part: str = "word/document.xml") -> None:
    """The text of a Word file's body within MAX_TEXT and its elements within MAX_ELEMENTS,
    before python-docx reads it."""
    state = {"n": 0, "elements": 0}
    parser = expat.ParserCreate(namespace_separator=" ")

    def text(data):
        state["n"] += len(data.strip())
        if state["n"] > MAX_TEXT:
            raise text_too_long(name)

    def start(tag, attrs):
        state["elements"] += 1
        if state["elements"] > MAX_ELEMENTS:
            raise FileError(
                _(
                    "Tệp «%(name)s» có cấu trúc quá lớn (quá %(most)s thành phần); không đọc tệp này.",
                    name=name,
                    most=fmt_number(MAX_ELEMENTS),
                )
            )

    parser.CharacterDataHandler, parser.StartElementHandler = text, start
    _stream(name, archive, part, parser)


# ---------------------------------------------------------------- what a reader has read


def check_cell(name: str, where: str, value) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL:
        raise cell_too_long(name, where, len(value))


def check_row(name: str, number: int, values: list) -> None:
    if len(values) > MAX_COLUMNS and any(v not in (None, "") for v in values[MAX_COLUMNS:]):
        raise too_many_columns(name, number)
    if sum(len(v) for v in values if isinstance(v, str)) > MAX_ROW:
        raise row_too_long(name, number)


# ---------------------------------------------------------------- what is shown of a file's text

SHOWN = 120  # characters of a value quoted in a message about a file's row
_QUOTED = re.compile(rf"«([^»]{{{SHOWN + 1},}})»")


def shorten(text: str, length: int = SHOWN) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def shorten_quoted(message: str) -> str:
    """A message about a row with each «value» it quotes cut to SHOWN characters: a message, a
    preview page or a list of errors never carries a cell's whole text (a cell may hold a million
    characters, the rules refuse it with its length)."""
    if len(message) <= SHOWN:
        return message
    return _QUOTED.sub(lambda m: f"«{shorten(m.group(1))}»", message)
