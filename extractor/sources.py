"""Reading news batches: every input becomes a `NewsItem` or a `Problem`.

Inputs: `.txt` files, `.html`/`.htm` files (reduced to the article text by
trafilatura; offsets then refer to that text, which is kept), folders of
them (read recursively unless told otherwise), JSON Lines files (plain or
`.gz`) with configurable id/text/published fields, and `-` for stdin. Bytes
are decoded as UTF-8 (a byte-order mark is dropped); invalid UTF-8 falls back
to Windows-1252/Latin-1, and mojibake is repaired with ftfy. Each such repair
is reported with the item. Nothing is dropped silently: unreadable inputs are
`Problem`s, `failed` for bad input and `skipped` for inputs with nothing to
extract; an exception while reading one input fails that input only.

Document ids are stable and unique: a file's id is its path relative to the
folder given, without the extension (a file given directly: its name without
the extension); a JSON Lines record's id is its id field; stdin and records
without an id get a content-hash id (`sha-` + 16 hex digits of the text) unless
`--doc-id` names it. Each item also carries an `origin` (absolute path, feed
plus id) so that an id reused by a different document is seen as a conflict.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import UsageError
from extractor.pipeline import iso_date
from extractor.resources import load_json

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
MANIFEST = "manifest.jsonl"
STDIN = "<stdin>"


@dataclass(frozen=True)
class Fields:
    """Where a JSON Lines record keeps each value."""

    id: str = "id"
    text: str = "text"
    published: str = "published"


DEFAULT_FIELDS = Fields()


@dataclass(frozen=True)
class Given:
    """What the command line says about a single document (a file or stdin)."""

    doc_id: str | None = None
    published: str | None = None


@dataclass
class NewsItem:
    doc_id: str
    text: str
    published: str | None
    source: str
    content_hash: str
    notes: list[str] = field(default_factory=list)
    origin: str = ""  # where the id came from; the same id from elsewhere is a conflict

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
    kind: str = ""  # "unchanged": already stored from the same content; "type": not a news file;
    # "output": a file this run writes


class ManifestError(ValueError):
    """A manifest that cannot be read: the message says where and why."""


def content_hash(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:32]


def hash_id(text: str) -> str:
    """The id of a document that has none: the same text always gets the same id."""
    return "sha-" + content_hash(text)[:16]


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
    try:
        import trafilatura
    except ImportError as error:
        raise ImportError(f"{error} (HTML needs lxml_html_clean: pip install lxml_html_clean)") from error
    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)


def html_published(html: str) -> str | None:
    """The page's own publication date from its metadata (see data/html_dates.json):
    never a modified date, never a date guessed from the body."""
    from lxml import html as lxml_html

    keys = load_json("html_dates.json")
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, SyntaxError):
        return None
    wanted = {k.lower() for k in keys["meta"]}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in wanted and (date := _date_or_none(meta.get("content"))):
            return date
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        for node in _json_nodes(data):
            for key in keys["jsonld"]:
                if isinstance(node.get(key), str) and (date := _date_or_none(node[key])):
                    return date
    return None


def _json_nodes(data) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _json_nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_nodes(value)


def _date_or_none(value: str | None) -> str | None:
    try:
        return iso_date(value) if value else None
    except ValueError:
        return None


def _published(value, notes: list[str]) -> str | None:
    if value in (None, ""):
        notes.append("no publication date: relative periods ('next year') stay unresolved")
        return None
    try:
        return iso_date(value)
    except ValueError:
        notes.append(f"publication date {value!r} is not an ISO date: relative periods stay unresolved")
        return None


def read_manifest(path: str | Path) -> dict[str, str | None]:
    """doc_id -> publication date of a manifest; `ManifestError` says which line is wrong."""
    dates: dict[str, str | None] = {}
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ManifestError(f"cannot read: {error.strerror or error}") from error
    for number, line in enumerate(decode(raw)[0].splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ManifestError(f"line {number} is not JSON ({error.msg})") from error
        if not isinstance(row, dict) or not isinstance(row.get("doc_id"), str | int):
            raise ManifestError(f"line {number} has no doc_id (expected {{\"doc_id\": ..., \"published\": ...}})")
        published = row.get("published")
        if published not in (None, "") and _date_or_none(str(published)) is None:
            raise ManifestError(f"line {number}: published {published!r} is not an ISO date (YYYY-MM-DD)")
        dates[str(row["doc_id"])] = published
    return dates


@dataclass(frozen=True)
class _Place:
    """A file's id and the dates it may take from manifests."""

    doc_id: str
    dates: Callable[[str], str | None]


def _file_item(path: Path, place: _Place, given: Given) -> NewsItem | Problem:
    source = str(path)
    doc_id = given.doc_id or place.doc_id
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(source, f"cannot read: {error.strerror or error}", doc_id=doc_id)
    digest = content_hash(data)
    if not data.strip():
        return Problem(source, "empty file", "skipped", doc_id, digest)
    if _looks_binary(data):
        return Problem(source, "binary file, not text", "failed", doc_id, digest)
    text, notes = decode(data)
    page_date = None
    if path.suffix.lower() in HTML_SUFFIXES:
        extracted = html_to_text(text)
        if not extracted or not extracted.strip():
            return Problem(source, "HTML with no article text", "skipped", doc_id, digest)
        notes.append("HTML reduced to its article text (trafilatura); offsets refer to that text")
        page_date = html_published(text)
        text = extracted
    if not text.strip():
        return Problem(source, "no text after decoding", "skipped", doc_id, digest)
    date = given.published or place.dates(doc_id)
    if date in (None, "") and page_date:
        date = page_date
        notes.append(f"publication date {page_date} from the page's metadata")
    return NewsItem(doc_id, text, _published(date, notes), source, digest, notes, str(path.resolve()))


def _guarded(source: str, doc_id: str | None, make: Callable[[], NewsItem | Problem]) -> NewsItem | Problem:
    """One input's reading, decoding and converting; any exception fails that input only."""
    try:
        return make()
    except Exception as error:  # noqa: BLE001 - one bad input must not end the batch
        return Problem(source, f"cannot read: {type(error).__name__}: {error}", doc_id=doc_id)


def _open_lines(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _record_item(raw: bytes, where: str, feed: str, fields: Fields) -> NewsItem | Problem | None:
    if not raw.strip():
        return None
    digest = content_hash(raw)
    line, notes = decode(raw)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Problem(where, f"malformed JSON line: {error.msg} at column {error.colno}", content_hash=digest)
    if not isinstance(record, dict):
        return Problem(where, "JSON line is not an object", content_hash=digest)
    return read_record(record, fields, where, feed, digest, notes)


def read_record(record: dict, fields: Fields = Fields(), where: str = "", feed: str = "", digest: str = "",
                notes: list[str] | None = None) -> NewsItem | Problem:
    """One JSON Lines record (or a Spark row as a dict) as a document, read the same way everywhere."""
    notes = [] if notes is None else notes
    text = record.get(fields.text)
    given_id = record.get(fields.id)
    if not isinstance(text, str):
        doc_id = str(given_id) if given_id not in (None, "") else None
        return Problem(where, f"record has no string field {fields.text!r}", doc_id=doc_id, content_hash=digest)
    if given_id in (None, ""):
        doc_id, origin = hash_id(text), hash_id(text)
    else:
        doc_id, origin = str(given_id), f"{feed}#{given_id}"
    if not text.strip():
        return Problem(where, "empty text", "skipped", doc_id, digest)
    text = _repair(text, notes)
    published = _published(record.get(fields.published), notes)
    return NewsItem(doc_id, text, published, where, digest or content_hash(text), notes, origin)


def _jsonl_items(lines: Iterable[bytes], name: str, fields: Fields, feed: str) -> Iterator[NewsItem | Problem]:
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        item = _guarded(where, None, lambda raw=raw, where=where: _record_item(raw, where, feed, fields))
        if item is not None:
            yield item


def check_inputs(paths: list[str], given: Given) -> None:
    """`--doc-id` and `--published` describe one document: one file or stdin."""
    if given.doc_id is None and given.published is None:
        return
    flag = "--doc-id" if given.doc_id is not None else "--published"
    if len(paths) != 1:
        raise UsageError(f"{flag} describes one document: give one file or - (got {len(paths)} inputs)")
    if given.published is not None and _date_or_none(given.published) is None:
        raise UsageError(f"--published {given.published!r} is not an ISO date (YYYY-MM-DD)")
    if given.doc_id is not None and not given.doc_id.strip():
        raise UsageError("--doc-id is empty")
    path = paths[0]
    if path != "-" and (Path(path).is_dir() or path.lower().endswith(JSONL_SUFFIXES)):
        raise UsageError(f"{flag} describes one document, but {path} holds many (ids and dates come from "
                         "the records' fields or the manifest)")


def iter_inputs(paths: Iterable[str | Path], manifest: str | Path | None = None, fields: Fields = Fields(), *,
                recursive: bool = True, given: Given = Given(),
                outputs: Iterable[str | Path] = ()) -> Iterator[NewsItem | Problem]:
    """Every article of the given files, folders and streams, in a stable order.

    A folder's `manifest.jsonl` (and the given manifest, which wins) supplies
    the publication dates of its `.txt` and `.html` articles; a file in a
    subfolder is looked up by its id (`day1/story`) and, in its own folder's
    manifest, by its name. `outputs` (the run's own files: facts, store,
    summary) found in a folder are skipped, never read as news.
    """
    dates = read_manifest(manifest) if manifest else {}
    own = {os.path.abspath(p) for p in outputs}
    for raw in paths:
        if str(raw) == "-":
            yield from _stdin_items(fields, dates, given)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _folder_items(path, dates, fields, recursive, own)
        elif path.is_file():
            place = _Place(path.stem, lambda doc_id: dates.get(doc_id))
            yield from _one_file(path, place, fields, given)
        else:
            yield Problem(str(path), "no such file or folder")


def _folder_items(root: Path, given_dates: dict, fields: Fields, recursive: bool,
                  own: set[str]) -> Iterator[NewsItem | Problem]:
    for folder, files in _walk(root, recursive):
        local: dict[str, str | None] = {}
        if MANIFEST in files:
            try:
                local = read_manifest(folder / MANIFEST)
            except ManifestError as error:
                yield Problem(str(folder / MANIFEST), f"malformed manifest, its articles get no dates from it: "
                                                      f"{error}")
        for name in files:
            if name == MANIFEST:
                continue
            path = folder / name
            if os.path.abspath(path) in own:
                yield Problem(str(path), "an output of this run, not read as news", "skipped", kind="output")
                continue
            doc_id = path.relative_to(root).with_suffix("").as_posix()
            stem = path.stem

            def dates(doc_id: str, stem: str = stem, local: dict = local) -> str | None:
                return given_dates.get(doc_id) or local.get(stem)

            yield from _one_file(path, _Place(doc_id, dates), fields, Given())


def _walk(root: Path, recursive: bool) -> Iterator[tuple[Path, list[str]]]:
    """(folder, sorted file names), folders in sorted order; hidden entries are left
    out; linked folders are followed, each real folder once (no loops)."""
    visited: set[str] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:
            subfolders[:] = []
            continue
        visited.add(real)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")) if recursive else []
        yield Path(folder), sorted(f for f in files if not f.startswith("."))


def _one_file(path: Path, place: _Place, fields: Fields, given: Given) -> Iterator[NewsItem | Problem]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        try:
            with _open_lines(path) as handle:
                yield from _jsonl_items(handle, str(path), fields, str(path.resolve()))
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            yield Problem(str(path), f"cannot read: {error}")
    elif name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
        yield _guarded(str(path), place.doc_id, lambda: _file_item(path, place, given))
    else:
        suffix = "".join(path.suffixes[-1:]) or "(no extension)"
        yield Problem(str(path), f"not a news input (expected .txt, .html, .jsonl or .jsonl.gz): {suffix}",
                      "skipped", kind="type")


def _stdin_items(fields: Fields, dates: dict, given: Given) -> Iterator[NewsItem | Problem]:
    data = sys.stdin.buffer.read()
    first = data.lstrip()[:1]
    if first == b"{":
        if given.doc_id is not None or given.published is not None:
            raise UsageError("--doc-id/--published describe one plain-text document, but stdin holds JSON Lines "
                             "(ids and dates come from --id-field and --published-field)")
        yield from _jsonl_items(data.splitlines(), STDIN, fields, STDIN)
        return
    digest = content_hash(data)
    if not data.strip():
        yield Problem(STDIN, "empty input", "skipped", given.doc_id, digest)
        return
    text, notes = decode(data)
    doc_id = given.doc_id or hash_id(text)
    origin = f"{STDIN}#{given.doc_id}" if given.doc_id else doc_id
    published = _published(given.published or dates.get(doc_id), notes)
    yield NewsItem(doc_id, text, published, STDIN, digest, notes, origin)
