"""Per-document context the typing and linking components share: sentence
bounds and the named mentions (organizations, products, chips, sources,
dates) from the span ruler and, in a pretrained pipeline, from `doc.ents`."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from extractor.structure import DocumentLayout

RULER_KEY = "extractor_ruler"
QUANTITIES_KEY = "extractor_quantities"
FACTS_KEY = "extractor_facts"


class _Slot(threading.local):
    """The doc being processed, its text and its context, kept beside the Doc
    rather than in `doc.user_data` (which must stay serializable whichever
    components run): one slot per thread, so at most one Doc is held."""

    doc: Doc | None = None
    text: str | None = None
    context: DocContext | None = None
    context_key: tuple = ()
    layout: DocumentLayout | None = None


_SLOT = _Slot()


def _hold(doc: Doc) -> _Slot:
    if _SLOT.doc is not doc:
        _SLOT.doc, _SLOT.text, _SLOT.context, _SLOT.context_key, _SLOT.layout = doc, None, None, (), None
    return _SLOT


def hold_text(doc: Doc, text: str) -> None:
    """Give the pipeline run the text `doc` was made from (`extract` has it), so it is not re-joined."""
    _hold(doc).text = text


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per pipeline run: spaCy re-joins every token on
    each access, and the components need the text many times."""
    slot = _hold(doc)
    if slot.text is None:
        slot.text = doc.text
    return slot.text


def doc_layout(doc: Doc) -> DocumentLayout:
    """The page layout of the doc (lines, tables, labels), read once per pipeline run for typer and linker."""
    slot = _hold(doc)
    if slot.layout is None:
        slot.layout = DocumentLayout.of(doc_text(doc))
    return slot.layout


def release(doc: Doc) -> None:
    """Let go of the doc once the last component is done with it."""
    if _SLOT.doc is doc:
        _SLOT.doc, _SLOT.text, _SLOT.context, _SLOT.context_key, _SLOT.layout = None, None, None, (), None
ENT_LABELS = {"ORG": "ORG", "PRODUCT": "APP", "DATE": "DATE", "NORP": None, "GPE": None}


@dataclass(frozen=True, slots=True)
class PatternInfo:
    """What a span ruler pattern id means (`data/pattern_meta.json`)."""

    maker: str | None = None
    trim: str | None = None
    generic: bool = False
    date: str | None = None


NO_INFO = PatternInfo()


def pattern_table(meta: dict[str, dict]) -> dict[str, PatternInfo]:
    return {pattern_id: PatternInfo(**fields) for pattern_id, fields in meta.items()}


@dataclass(frozen=True, slots=True)
class Mention:
    """A named thing of the article; `pattern` is the id of what found it (kept
    for the reader), `info` what that pattern means to the later stages."""

    start: int
    end: int
    text: str
    label: str
    pattern: str = ""
    info: PatternInfo = NO_INFO


class MentionIndex:
    """Mentions sorted by start, searched by bisection: a long article has
    thousands of them, and scanning all of them per figure is quadratic."""

    __slots__ = ("items", "starts", "ends_sorted", "by_end")

    def __init__(self, items: list[Mention]) -> None:
        self.items = sorted(items, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]
        self.by_end = sorted(self.items, key=lambda m: m.end)
        self.ends_sorted = [m.end for m in self.by_end]

    def within(self, lo: int, hi: int) -> list[Mention]:
        out = []
        for i in range(bisect_left(self.starts, lo), bisect_left(self.starts, hi)):
            if self.items[i].end <= hi:
                out.append(self.items[i])
        return out

    def overlapping(self, start: int, end: int, longest: int = 200) -> list[Mention]:
        lo = bisect_left(self.starts, start - longest)
        hi = bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.start < end and start < m.end]

    def last_before(self, pos: int) -> Mention | None:
        """The mention ending last at or before `pos`."""
        i = bisect_right(self.ends_sorted, pos)
        return self.by_end[i - 1] if i else None

    def starting_at(self, pos: int) -> Mention | None:
        i = bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) and self.starts[i] == pos else None


@dataclass
class DocContext:
    text: str
    sentence_starts: list[int]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    indexes: dict[str, MentionIndex] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, ruler_key: str, patterns: dict[str, PatternInfo]) -> DocContext:
        """The context of `doc`, built once for the components that share it."""
        slot = _hold(doc)
        key = (ruler_key, len(doc), len(doc.spans.get(ruler_key, ())))
        if slot.context is not None and slot.context_key == key:
            return slot.context
        slot.context, slot.context_key = cls._build(doc, ruler_key, patterns), key
        return slot.context

    @classmethod
    def _build(cls, doc: Doc, ruler_key: str, patterns: dict[str, PatternInfo]) -> DocContext:
        text = doc_text(doc)
        starts = _sentence_starts(doc, text)
        mentions: dict[str, list[Mention]] = {}
        for span in doc.spans.get(ruler_key, []):
            pattern = span.id_ or ""
            start, end = span.start_char, span.end_char  # the text slice: `span.text` re-joins its tokens
            mentions.setdefault(span.label_, []).append(Mention(
                start, end, text[start:end], span.label_, pattern, patterns.get(pattern, NO_INFO)))
        if doc.ents:
            ruled = MentionIndex([m for ms in mentions.values() for m in ms])
            for ent in doc.ents:
                label = ENT_LABELS.get(ent.label_)
                if label and not ruled.overlapping(ent.start_char, ent.end_char):
                    mentions.setdefault(label, []).append(
                        Mention(ent.start_char, ent.end_char, ent.text, label, f"ner-{ent.label_}"))
        for label, items in mentions.items():
            mentions[label] = _longest_first([_trim(m) for m in items])
        if "ORG" in mentions:
            products = MentionIndex([m for label in ("CHIP", "APP") for m in mentions.get(label, [])])
            mentions["ORG"] = [o for o in mentions["ORG"] if not _generic_over_product(o, products)]
        if "DATE" in mentions:
            mentions["DATE"] = _merge_dates(doc_text(doc), mentions["DATE"])
        indexes = {label: MentionIndex(items) for label, items in mentions.items()}
        return cls(doc_text(doc), starts, mentions, indexes)

    def sentence(self, char: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character `char`."""
        i = bisect_right(self.sentence_starts, char) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def sentence_index(self, char: int) -> int:
        return max(bisect_right(self.sentence_starts, char) - 1, 0)

    def index(self, label: str) -> MentionIndex:
        found = self.indexes.get(label)
        if found is None:
            found = self.indexes[label] = MentionIndex(self.mentions.get(label, []))
        return found

    def within(self, label: str, lo: int, hi: int) -> list[Mention]:
        return self.index(label).within(lo, hi)

    def add(self, label: str, found: list[Mention]) -> None:
        """Mentions a later component reads from the text itself (an article's own chip lines), for every
        component after it; one overlapping a mention of the label already known is dropped."""
        known = self.index(label)
        new = [m for m in found if not known.overlapping(m.start, m.end)]
        if new:
            self.mentions[label] = _longest_first([*self.mentions.get(label, []), *new])
            self.indexes[label] = MentionIndex(self.mentions[label])


def _generic_over_product(org: Mention, products: MentionIndex) -> bool:
    """A name found only by a generic pattern ('The B200 is going for…') that
    is in fact a chip or product is not an organization."""
    return org.info.generic and bool(products.overlapping(org.start, org.end))


def _sentence_starts(doc: Doc, text: str) -> list[int]:
    """Character offsets of sentence starts, read from the token arrays; a
    "sentence" of whitespace only (a line break between two lines) is not one."""
    if len(doc) == 0:
        return [0]
    columns = doc.to_array([SENT_START, IDX])
    marks = numpy.flatnonzero(columns[:, 0] == 1)
    starts = [0, *(int(columns[i, 1]) for i in marks if i > 0)]
    ends = [*starts[1:], len(text)]
    kept = [start for start, end in zip(starts, ends, strict=True) if text[start:end].strip()]
    return kept if kept and kept[0] == 0 else [0, *kept]


_TRIM_BEFORE = re.compile(r"^.*?\b(?:of|at|for)\s+", re.S)


def _trim(mention: Mention) -> Mention:
    """Cut the context words a pattern needed off the name it found:
    'Lumen Compute, a GPU cloud' -> 'Lumen Compute'; 'chief executive of
    Lumen Compute' -> 'Lumen Compute'; 'startup Zorbly' -> 'Zorbly'."""
    text, start, trim = mention.text, mention.start, mention.info.trim
    if trim == "before-comma":
        text = text.split(",", 1)[0].rstrip()
    elif trim == "after-role":
        cut = _TRIM_BEFORE.match(text)
        if cut:
            text, start = text[cut.end():], start + cut.end()
    elif trim == "drop-last-word" and " " in text:
        text = text.rsplit(None, 1)[0]
    elif trim == "drop-first-word" and " " in text:
        head, text = text.split(None, 1)
        start = mention.end - len(text)
    if text == mention.text:
        return mention
    return replace(mention, start=start, end=start + len(text), text=text)


_DAY_BETWEEN = re.compile(r"[ \t]*(\d{1,2})(?:st|nd|rd|th)?[ \t]*,?[ \t]*")  # dates stay on one line
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[ \t]+$")
_COMMA_SPACE = re.compile(r"[ \t]*,?[ \t]*")


def _merge_dates(text: str, dates: list[Mention]) -> list[Mention]:
    """Join the ruler's date atoms into full dates: 'December' + '2025' ->
    'December 2025' (month-year); 'December 22, 2025' and '22 December 2025'
    (day-month-year); 'December 22' / '22 December' (month-day)."""
    out: list[Mention] = []
    i = 0
    while i < len(dates):
        m = dates[i]
        if m.info.date != "month":
            out.append(m)
            i += 1
            continue
        start, end, kind = m.start, m.end, "month"
        before = _DAY_BEFORE.search(text, max(0, start - 6), start)
        if before:
            start, kind = before.start(), "month-day"
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        day = _DAY_BETWEEN.fullmatch(text, end, nxt.start) if nxt and nxt.info.date == "year" else None
        plain = _COMMA_SPACE.fullmatch(text, end, nxt.start) if nxt and nxt.info.date == "year" else None
        if nxt is not None and (day or plain):
            end, i = nxt.end, i + 1
            kind = "month-day-year" if day or kind == "month-day" else "month-year"
        elif kind == "month":
            after = _DAY_BETWEEN.match(text, end)
            if after and after.group(1) and not text[after.end():after.end() + 1].isdigit():
                end, kind = end + len(after.group(0).rstrip(" ,")), "month-day"
        out.append(Mention(start, end, text[start:end], "DATE", m.pattern, PatternInfo(date=kind)))
        i += 1
    return out


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Sorted by position; a mention inside a longer one of the same label is dropped."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in ordered:
        if kept and m.start >= kept[-1].start and m.end <= kept[-1].end:
            continue
        kept.append(m)
    return kept
