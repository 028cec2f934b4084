"""Reading news batches: every input becomes a `NewsItem` or a `Problem`.

Inputs: `.txt` files, `.html`/`.htm` files (reduced to the article text by
trafilatura; offsets then refer to that text, which is kept), folders of
them, JSON Lines files (plain or `.gz`) with configurable id/text/published
fields, and `-` for stdin. Bytes are decoded as UTF-8 (a byte-order mark is
dropped); invalid UTF-8 falls back to Windows-1252/Latin-1, and mojibake is
repaired with ftfy. Each such repair is reported with the item. Nothing is
dropped silently: unreadable inputs are `Problem`s, `failed` for bad input
and `skipped` for inputs with nothing to extract.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor.corpus import read_manifest
from extractor.pipeline import iso_date

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


@dataclass(frozen=True)
class Fields:
    """Where a JSON Lines record keeps each value."""

    id: str = "id"
    text: str = "text"
    published: str = "published"


@dataclass
class NewsItem:
    doc_id: str
    text: str
    published: str | None
    source: str
    content_hash: str
    notes: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Problem:
    source: str
    reason: str
    status: str = "failed"  # or "skipped": nothing to extract
    doc_id: str | None = None
    content_hash: str | None = None


def content_hash(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:32]


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a news file and what had to be done to read it."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        notes.append("UTF-8 byte-order mark removed")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        notes.append("decoded as UTF-16 (byte-order mark)")
        return data.decode("utf-16"), notes
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
            notes.append(f"invalid UTF-8 at byte {error.start}: decoded as Windows-1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes.append(f"invalid UTF-8 at byte {error.start}: decoded as Latin-1")
    return _repair(text, notes), notes


def _repair(text: str, notes: list[str]) -> str:
    import ftfy

    if ftfy.is_bad(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            notes.append("mojibake repaired (ftfy); offsets refer to the repaired text")
            return fixed
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.1


def html_to_text(html: str) -> str | None:
    """The article's main text, by trafilatura."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)


def _published(value, notes: list[str]) -> str | None:
    if value in (None, ""):
        notes.append("no publication date: relative periods ('next year') stay unresolved")
        return None
    try:
        return iso_date(value)
    except ValueError:
        notes.append(f"publication date {value!r} is not an ISO date: relative periods stay unresolved")
        return None


def _file_item(path: Path, dates: dict[str, str | None]) -> NewsItem | Problem:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(source, f"cannot read: {error.strerror}", doc_id=path.stem)
    digest = content_hash(data)
    if not data.strip():
        return Problem(source, "empty file", "skipped", path.stem, digest)
    if _looks_binary(data):
        return Problem(source, "binary file, not text", "failed", path.stem, digest)
    text, notes = decode(data)
    if path.suffix.lower() in HTML_SUFFIXES:
        extracted = html_to_text(text)
        if not extracted or not extracted.strip():
            return Problem(source, "HTML with no article text", "skipped", path.stem, digest)
        notes.append("HTML reduced to its article text (trafilatura); offsets refer to that text")
        text = extracted
    if not text.strip():
        return Problem(source, "no text after decoding", "skipped", path.stem, digest)
    published = _published(dates.get(path.stem), notes)
    return NewsItem(path.stem, text, published, source, digest, notes)


def _open_lines(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _jsonl_items(lines: Iterable[bytes], name: str, fields: Fields) -> Iterator[NewsItem | Problem]:
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        if not raw.strip():
            continue
        digest = content_hash(raw)
        line, notes = decode(raw)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(where, f"malformed JSON line: {error.msg} at column {error.colno}", content_hash=digest)
            continue
        if not isinstance(record, dict):
            yield Problem(where, "JSON line is not an object", content_hash=digest)
            continue
        doc_id = str(record.get(fields.id) or f"{Path(name).name}:{number}")
        text = record.get(fields.text)
        if not isinstance(text, str):
            yield Problem(where, f"record has no string field {fields.text!r}", doc_id=doc_id, content_hash=digest)
            continue
        if not text.strip():
            yield Problem(where, "empty text", "skipped", doc_id, digest)
            continue
        text = _repair(text, notes)
        published = _published(record.get(fields.published), notes)
        yield NewsItem(doc_id, text, published, where, digest, notes)


def iter_inputs(paths: Iterable[str | Path], manifest: str | Path | None = None,
                fields: Fields = Fields()) -> Iterator[NewsItem | Problem]:
    """Every article of the given files, folders and streams, in a stable order.

    A folder's `manifest.jsonl` (or the given manifest) supplies the
    publication dates of its `.txt` and `.html` articles.
    """
    given = read_manifest(manifest) if manifest else {}
    for raw in paths:
        if str(raw) == "-":
            yield from _stdin_items(fields, given)
            continue
        path = Path(raw)
        if path.is_dir():
            local = path / "manifest.jsonl"
            dates = {**(read_manifest(local) if local.exists() else {}), **given}
            for child in sorted(path.iterdir()):
                if child.is_file() and child.name != "manifest.jsonl":
                    yield from _one_file(child, dates, fields)
        elif path.is_file():
            yield from _one_file(path, given, fields)
        else:
            yield Problem(str(path), "no such file or folder")


def _one_file(path: Path, dates: dict, fields: Fields) -> Iterator[NewsItem | Problem]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        try:
            with _open_lines(path) as handle:
                yield from _jsonl_items(handle, str(path), fields)
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            yield Problem(str(path), f"cannot read: {error}")
    elif name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
        yield _file_item(path, dates)
    else:
        yield Problem(str(path), f"not a news input (expected .txt, .html, .jsonl or .jsonl.gz): {path.suffix}",
                      "skipped")


def _stdin_items(fields: Fields, dates: dict) -> Iterator[NewsItem | Problem]:
    data = sys.stdin.buffer.read()
    first = data.lstrip()[:1]
    if first == b"{":
        yield from _jsonl_items(data.splitlines(), "<stdin>", fields)
        return
    digest = content_hash(data)
    if not data.strip():
        yield Problem("<stdin>", "empty input", "skipped", "stdin", digest)
        return
    text, notes = decode(data)
    yield NewsItem("stdin", text, _published(dates.get("stdin"), notes), "<stdin>", digest, notes)
