"""Read articles from files, directories and stdin: one small streaming reader per input format.

    read_articles(paths)            every PATH in order; "-" is stdin, a directory is walked
     +-- read_directory(path)       the supported files below it, recursively, in sorted order
     +-- read_file(path)            dispatches on the suffix:
     |    +-- read_txt              .txt           one article, id = file stem
     |    +-- read_html             .html .htm     one article, main text and metadata by trafilatura
     |    +-- read_jsonl            .jsonl         one article per line
     |    +-- read_csv              .csv           one article per record, header row required
     +-- read_stdin(stream)         JSON Lines if the first non-blank character is "{", else plain text

Every reader is a generator that yields an `Article` per record, or an `InputError` for a file or record
it cannot use, and then goes on: one bad line never costs the good ones around it. Errors name the path
and, for JSONL and CSV, the physical line (blank lines counted; a CSV record by the line it starts on).
Text is kept exactly as read, apart from a leading byte-order mark, because every character offset
downstream points into it: no newline translation, no stripping.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import BinaryIO, TextIO

import trafilatura
from trafilatura.settings import Document, set_date_params

from flashpoint.config import MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from flashpoint.errors import InputError
from flashpoint.ingest.language import looks_english
from flashpoint.records import Article

Item = Article | InputError
Reader = Callable[[str, date | None], Iterator[Item]]
NumberedLine = tuple[int, str | InputError]

#: The name stdin goes by in ids, origins and error messages.
STDIN = "stdin"
#: A NUL byte in the opening bytes marks a file as binary (text never holds one; UTF-16 is not accepted).
_SNIFF_BYTES = 8192
#: Byte-order marks of UTF-16 and UTF-32, named in the error rather than calling the file binary.
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
#: csv's default field limit (131,072) is below our article limit; raise it so a long text is read and
#: then refused as too large with its size, instead of failing as a CSV syntax error.
_CSV_FIELD_LIMIT = 4 * MAX_ARTICLE_CHARS


class _BadField(Exception):
    """A record field has the wrong type or form; caught in `_record_article` and turned into an error."""


def read_articles(
    paths: Sequence[str], *, published: date | None = None, stdin: TextIO | None = None
) -> Iterator[Item]:
    """Yield an Article or an InputError for every record in every path, in order; never raises.

    `published` fills in the publication date of records that have none. `stdin` is read for the path
    "-" (default: the process's stdin, read as bytes so that invalid UTF-8 is reported, not raised).
    """
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin, published=published)
        elif os.path.isdir(path):
            yield from read_directory(path, published=published)
        else:
            yield from read_file(path, published=published)


def read_directory(path: str, *, published: date | None = None) -> Iterator[Item]:
    """Read every supported file below `path`, recursively, in sorted order; hidden entries are skipped."""
    for file in _walk(path):
        yield from read_file(file, published=published)


def read_file(path: str, *, published: date | None = None) -> Iterator[Item]:
    """Read one file with the reader for its suffix; a missing or unsupported file is one InputError."""
    if not os.path.exists(path):
        yield InputError(path, "no such file")
        return
    suffix = os.path.splitext(path)[1].lower()
    reader = _READERS.get(suffix)
    if reader is None:
        reason = f'unsupported file type "{suffix}"' if suffix else "unsupported file type (no extension)"
        yield InputError(path, reason)
        return
    try:
        yield from reader(path, published)
    except OSError as error:
        yield InputError(path, f"cannot read ({(error.strerror or str(error)).lower()})")


def read_txt(path: str, published: date | None = None) -> Iterator[Item]:
    """One plain-text article per file, with the file stem as its id and no title."""
    data = _load_single(path)
    if isinstance(data, InputError):
        yield data
        return
    text = _decode(data, path)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(path, "empty file")
        return
    yield _article(where=path, id=_stem(path), text=text, published=published)


def read_html(path: str, published: date | None = None) -> Iterator[Item]:
    """One article per HTML page: trafilatura's main text (no navigation, footer or comments) and
    its title, date, canonical URL and site name; a page with no main text is an InputError."""
    data = _load_single(path)
    if isinstance(data, InputError):
        yield data
        return
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        # Dates from markup and metadata only: a guess from the body text would block `published`.
        date_extraction_params=set_date_params(extensive=False),
    )
    if not isinstance(document, Document) or not document.text or not document.text.strip():
        yield InputError(path, "no article text found in the HTML")
        return
    yield _article(
        where=path,
        id=_stem(path),
        text=document.text,
        title=document.title or None,
        url=document.url or None,
        outlet=document.sitename or None,
        published=_parse_date(document.date) if document.date else None,
        default_published=published,
    )


def read_jsonl(path: str, published: date | None = None) -> Iterator[Item]:
    """One article per line of JSON Lines; blank lines are skipped but counted for line numbers."""
    with open(path, "rb") as file:
        refused = _sniff(file.read(_SNIFF_BYTES), path)
        if refused is not None:
            yield refused
            return
        file.seek(0)
        yield from _jsonl_records(
            _binary_lines(file, path), where=path, stem=_stem(path), published=published
        )


def read_csv(path: str, published: date | None = None) -> Iterator[Item]:
    """One article per CSV record under a header row that names a `text` column."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    with open(path, "rb") as file:
        refused = _sniff(file.read(_SNIFF_BYTES), path)
        if refused is not None:
            yield refused
            return
        file.seek(0)
        yield from _csv_records(file, where=path, published=published)


def read_stdin(stream: TextIO | None = None, *, published: date | None = None) -> Iterator[Item]:
    """JSON Lines if the first non-blank character is "{", else one plain-text article with id "stdin".

    With no `stream`, the process's stdin is read as bytes, keeping CRLF line ends and reporting
    invalid UTF-8 as an InputError.
    """
    lines = _binary_lines(sys.stdin.buffer, STDIN) if stream is None else _text_lines(stream, STDIN)
    head: list[NumberedLine] = []
    for number, line in lines:
        head.append((number, line))
        if isinstance(line, InputError) or line.strip():
            break
    numbered = itertools.chain(head, lines)
    first = head[-1][1] if head else ""
    if isinstance(first, str) and first.lstrip().startswith("{"):
        yield from _jsonl_records(numbered, where=STDIN, stem=STDIN, published=published)
        return
    parts: list[str] = []
    for _, line in numbered:
        if isinstance(line, InputError):
            yield InputError(STDIN, line.reason)
            return
        parts.append(line)
    text = "".join(parts)
    if not text.strip():
        yield InputError(STDIN, "empty input")
    elif "\x00" in text:
        yield InputError(STDIN, "binary content, not text")
    else:
        yield _article(where=STDIN, id=STDIN, text=text, published=published)


_READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def _walk(root: str) -> list[str]:
    """Supported files below `root`, sorted by path (so "b/x.txt" comes between "a.txt" and "c.txt");
    hidden files and directories are skipped and symlinked directories are not followed."""
    found: list[tuple[tuple[str, ...], str]] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in _READERS:
                path = os.path.join(directory, name)
                found.append((tuple(os.path.relpath(path, root).split(os.sep)), path))
    return [path for _, path in sorted(found)]


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _load_single(path: str) -> bytes | InputError:
    """The bytes of a one-article file, or why it cannot be one: too large, empty or binary."""
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        return InputError(path, f"too large ({size:,} bytes; limit {MAX_FILE_BYTES:,} bytes)")
    with open(path, "rb") as file:
        data = file.read()
    if not data.strip():
        return InputError(path, "empty file")
    return _sniff(data[:_SNIFF_BYTES], path) or data


def _sniff(head: bytes, where: str) -> InputError | None:
    """Why a file that opens with `head` is not UTF-8 text (UTF-16 or -32, or binary), or None."""
    for bom, encoding in _OTHER_BOMS:
        if head.startswith(bom):
            return InputError(where, f"{encoding} text; only UTF-8 is read")
    if b"\x00" in head:
        return InputError(where, "binary content, not text")
    return None


def _decode(data: bytes, where: str, offset: int = 0) -> str | InputError:
    """Strict UTF-8 without a leading BOM; an error names the bad byte and its offset in the file.

    `offset` is where `data` starts in the file, so that a line's error points into the whole file;
    only data at offset 0 can start with a BOM (later, U+FEFF is an ordinary character).
    """
    if offset == 0 and data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return InputError(
            where, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {offset + error.start})"
        )


def _binary_lines(stream: BinaryIO, where: str) -> Iterator[NumberedLine]:
    """Physical lines (split on LF only, line ends kept), decoded one by one and numbered from 1.

    A line over `MAX_FILE_BYTES` is an error and is skipped without being held in memory whole, so a
    file of one endless line costs a bounded buffer, not its size.
    """
    offset = 0
    number = 0
    while raw := stream.readline(MAX_FILE_BYTES + 1):
        number += 1
        size = len(raw)
        if size > MAX_FILE_BYTES and not raw.endswith(b"\n"):
            rest = raw
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(1 << 20)
                size += len(rest)
            reason = f"line too long ({size:,} bytes; limit {MAX_FILE_BYTES:,} bytes)"
            yield number, InputError(f"{where}:{number}", reason)
        else:
            yield number, _decode(raw, f"{where}:{number}", offset)
        offset += size


def _text_lines(stream: TextIO, where: str) -> Iterator[NumberedLine]:
    """Lines of an already-decoded stream, numbered from 1, without a leading BOM; a decoding error
    raised by the stream ends it."""
    lines = iter(stream)
    number = 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            yield number + 1, InputError(f"{where}:{number + 1}", f"not valid UTF-8 ({error.reason})")
            return
        number += 1
        yield number, line.removeprefix("\ufeff") if number == 1 else line


def _jsonl_records(
    lines: Iterable[NumberedLine], *, where: str, stem: str, published: date | None
) -> Iterator[Item]:
    """One article or error per non-blank line; a file with no such line is an "empty file" error."""
    empty = True
    for number, line in lines:
        here = f"{where}:{number}"
        if isinstance(line, InputError):
            empty = False
            yield line
            continue
        if not line.strip():
            continue
        empty = False
        try:
            value = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            # Some of json's messages end in "at" ("Unterminated string starting at"), ready for a position.
            reason = f"{error.msg.removesuffix(' at')} at column {error.colno}"
            yield InputError(here, f"malformed JSON ({reason})")
            continue
        except RecursionError:
            yield InputError(here, "malformed JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            yield InputError(here, f"expected a JSON object, found {_json_kind(value)}")
            continue
        yield _record_article(value, where=here, default_id=f"{stem}:{number}", published=published)
    if empty:
        yield InputError(where, "empty file" if where != STDIN else "empty input")


def _csv_records(file: BinaryIO, *, where: str, published: date | None) -> Iterator[Item]:
    """One article or error per CSV record; a CSV syntax error or bad UTF-8 ends the file.

    csv's `line_num` counts the physical lines consumed so far, so a record starts on the line after
    the previous record's last one, which also holds for quoted fields that span lines.
    """
    failures: list[InputError] = []

    def decoded() -> Iterator[str]:
        for _, line in _binary_lines(file, where):
            if isinstance(line, InputError):
                failures.append(line)
                return
            yield line

    # strict: an unclosed quote or a stray character after a closing quote is an error, not a guess.
    reader = csv.reader(decoded(), strict=True)
    stem = _stem(where)
    header: list[str] | None = None
    records = 0
    consumed = 0
    while True:
        start = consumed + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            # Bad UTF-8 ends the input early, which csv may see as an unclosed quote: report the cause.
            yield from failures or [InputError(f"{where}:{start}", f"malformed CSV ({error})")]
            return
        consumed = reader.line_num
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip() for name in row]
            if "text" not in header:
                yield InputError(f"{where}:{start}", 'missing column "text"')
                return
            continue
        records += 1
        if len(row) != len(header):
            yield InputError(f"{where}:{start}", f"expected {len(header)} fields, found {len(row)}")
            continue
        # Blank cells need no care here: `_record_article` reads blank optional fields as missing.
        record = dict(zip(header, row, strict=True))
        yield _record_article(
            record, where=f"{where}:{start}", default_id=f"{stem}:{start}", published=published
        )
    yield from failures
    if header is None and not failures:
        yield InputError(where, "empty file")
    elif records == 0 and not failures:
        yield InputError(where, "no records after the header")


def _record_article(
    record: Mapping[str, object], *, where: str, default_id: str, published: date | None
) -> Item:
    """Validate one JSONL object or CSV row into an Article; unknown fields are ignored."""
    if "text" not in record:
        return InputError(where, 'missing field "text"')
    try:
        text = record["text"]
        if not isinstance(text, str):
            raise _BadField(f'field "text" must be a string, found {_json_kind(text)}')
        raw_id = record.get("id")
        if isinstance(raw_id, int) and not isinstance(raw_id, bool):
            raw_id = str(raw_id)
        record_id = _optional_str(raw_id, "id")
        raw_date = _optional_str(record.get("published"), "published")
        record_published = None
        if raw_date is not None:
            record_published = _parse_date(raw_date)
            if record_published is None:
                raise _BadField(f'field "published" is not a date ("{raw_date}"; expected YYYY-MM-DD)')
        language = _optional_str(record.get("language"), "language")
        return _article(
            where=where,
            id=record_id or default_id,
            text=text,
            title=_optional_str(record.get("title"), "title"),
            url=_optional_str(record.get("url"), "url"),
            outlet=_optional_str(record.get("outlet"), "outlet"),
            published=record_published,
            default_published=published,
            language=language,
        )
    except _BadField as error:
        return InputError(where, str(error))


def _optional_str(value: object, name: str) -> str | None:
    """A string field that may be absent, null or blank (all None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadField(f'field "{name}" must be a string or null, found {_json_kind(value)}')
    return value if value.strip() else None


def _article(
    *,
    where: str,
    id: str,
    text: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    default_published: date | None = None,
    language: str | None = None,
) -> Item:
    """The checks every article passes, whatever its format: not empty, not too large, English."""
    if not text.strip():
        return InputError(where, "empty text")
    if len(text) > MAX_ARTICLE_CHARS:
        return InputError(where, f"too large ({len(text):,} characters; limit {MAX_ARTICLE_CHARS:,})")
    if language is not None and language.strip().lower().split("-")[0] != "en":
        return InputError(where, f'not English (language "{language}")')
    if not looks_english(text):
        return InputError(where, "not English (looks like a different language)")
    return Article(
        id=id,
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published or default_published,
        language="en",
        origin=where,
    )


def _parse_date(value: str) -> date | None:
    """A date from YYYY-MM-DD or an ISO 8601 datetime (the date as written, whatever the zone)."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _json_kind(value: object) -> str:
    """The JSON name of a value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
