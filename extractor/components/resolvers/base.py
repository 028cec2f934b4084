"""What the attribute resolvers share: the fact being linked (`Draft`), the
look-backs over earlier facts (`History`), the per-document scene, clause
bounds, and the evidence helpers."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from extractor.components.context import DocContext, Mention, MentionIndex
from extractor.countries import CountryParty, dateline_countries
from extractor.evidence import Cue, Link, Typing
from extractor.records import Quantity
from extractor.structure import DocumentLayout

LOWER_WORD = re.compile(r"(?<![\w@./-])[a-z][a-z-]+(?![\w@]|\.[a-z])")  # a word, not 'press@halyard.example'


@lru_cache(maxsize=4)
def lowercase_words(text: str) -> frozenset[str]:
    """The words a document writes in lower case, read once per document however many readers ask: a capitalized
    word the article also writes in lower case ('Tokens' beside 'tokens') is a common noun, not a name."""
    return frozenset(LOWER_WORD.findall(text))


@dataclass
class Draft:
    """A fact being linked: its quantity plus what the resolvers decide."""

    kind: str
    quantity: Quantity
    typing: Typing
    sentence: int
    qualifier: str
    equivalent: Draft | None = None
    subject: list[str] = field(default_factory=list)
    item: str | None = None
    metric: str | None = None
    period: str | None = None
    period_candidates: list[Mention] = field(default_factory=list)
    retracted: bool = False
    links: list[Link] = field(default_factory=list)
    item_cue: Cue | None = None
    metric_cue: Cue | None = None

    def link(self, attribute: str, strategy: str, cue: Cue | None = None, detail: str | None = None) -> None:
        self.links.append(Link(attribute, strategy, cue, detail))

    def cue_of(self, attribute: str) -> Cue | None:
        return next((link.cue for link in self.links if link.attribute == attribute), None)

    def figure(self, why: str) -> Cue:
        return Cue(self.quantity.text, self.start, self.end, why)

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    @property
    def amount(self) -> Decimal:
        q = self.quantity
        return q.value if q.value is not None else q.high

    def key(self) -> tuple:
        q = self.quantity
        return (self.kind, q.unit, q.value, q.low, q.high)


class History:
    """What the linker has seen so far in a document, for the look-backs
    (continued figures, restated figures, parent figures) in constant time."""

    def __init__(self) -> None:
        self.last: dict[str, Draft] = {}
        self.by_figure: dict[tuple, Draft] = {}
        self.with_period: dict[str, list[Draft]] = {}

    def add(self, draft: Draft) -> None:
        self.last[draft.kind] = draft
        if draft.subject:
            self.by_figure[draft.key()] = draft
        if draft.period:
            self.with_period.setdefault(draft.kind, []).append(draft)

    def same_figure(self, draft: Draft) -> Draft | None:
        return self.by_figure.get(draft.key())

    def continued_figure(self, draft: Draft) -> Draft | None:
        """The figure a continuation ('or roughly 43 trillion a day', 'On-demand
        is closer to $3.') carries on from."""
        return self.last.get(draft.kind) if draft.typing.continuation else None

    def continued(self, draft: Draft, name: str) -> Any:
        previous = self.continued_figure(draft)
        return getattr(previous, name) if previous else None


@dataclass
class Scene:
    """One document as the resolvers see it."""

    text: str
    context: DocContext
    published: str | None
    orgs: MentionIndex
    apps: MentionIndex
    dominant: list[str]
    dominant_mention: Mention | None
    figures: list[tuple[int, int]]
    layout: DocumentLayout | None = None
    history: History = field(default_factory=History)
    salience: Counter = field(default_factory=Counter)  # how often the article names each party
    source_names: frozenset[str] = frozenset()  # research firms and outlets the article cites: never parties
    speaker_labels: list[re.Match] = field(default_factory=list)  # a transcript's turns ('Priya Raman, CFO:')
    publisher: str | None = None  # the company whose own page this is ('Lumenary Blog'), if its furniture says so
    people: frozenset[str] = frozenset()  # people named with a title, and their surnames: never parties
    memo: dict[str, Any] = field(default_factory=dict)  # what a strategy reads once per document
    _datelines: list[tuple[int, CountryParty | None]] | None = None
    _dateline_starts: list[int] = field(default_factory=list)

    @property
    def figure_starts(self) -> list[int]:
        """Where each figure of the document starts, sorted (read once)."""
        if "figure_starts" not in self.memo:
            self.memo["figure_starts"] = sorted(a for a, _ in self.figures)
        return self.memo["figure_starts"]

    @property
    def app_names(self) -> frozenset[str]:
        """The names the article gives its apps and assistants ('the Lumi app' -> 'Lumi'), read once."""
        if "app_names" not in self.memo:
            self.memo["app_names"] = frozenset(app.text for app in self.apps.items)
        return self.memo["app_names"]

    def written_lowercase(self, word: str) -> bool:
        """Whether the article also writes `word` in lower case ('Tokens served:' beside 'tokens'): a common
        noun, not a name (the word set is read once per document)."""
        return word.lower() in lowercase_words(self.text)

    def source_named(self, lo: int, hi: int) -> re.Match | None:
        """A cited source's name in text[lo:hi]."""
        if not self.source_names:
            return None
        if "source_regex" not in self.memo:
            names = "|".join(re.escape(n) for n in sorted(self.source_names, key=len, reverse=True))
            self.memo["source_regex"] = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
        return self.memo["source_regex"].search(self.text, lo, hi)

    def dateline_before(self, offset: int) -> CountryParty | None:
        """The country of the last dateline before `offset` (None for a city's), read once per document."""
        if self._datelines is None:
            self._datelines = dateline_countries(self.text)
            self._dateline_starts = [at for at, _ in self._datelines]
        i = bisect_right(self._dateline_starts, offset) - 1
        return self._datelines[i][1] if i >= 0 else None


class Clauses:
    """Clause bounds inside a sentence, at the clause-break cues ('; ', ', but ')."""

    def __init__(self, breaks: list[str]) -> None:
        self.regex = re.compile("|".join(re.escape(b) for b in breaks), re.I)

    def around(self, text: str, context: DocContext, start: int) -> tuple[int, int]:
        lo, hi = context.sentence(start)
        clause_lo, clause_hi = lo, hi
        for m in self.regex.finditer(text, lo, hi):
            if m.end() <= start:
                clause_lo = m.end()
            elif m.start() >= start:
                clause_hi = m.start()
                break
        return clause_lo, clause_hi


Strategy = Callable[[Scene, Draft], bool]


def strategy_order(table: dict[str, Strategy], order: list[str], owner: str) -> list[tuple[str, Strategy]]:
    """The named strategies of `order`, looked up in `table`; an unknown name is an error."""
    unknown = [name for name in order if name not in table]
    if unknown:
        raise ValueError(f"{owner}: unknown strategies {unknown}; known: {sorted(table)}")
    return [(name, table[name]) for name in order]


class PerFactResolver:
    """A resolver that decides one fact at a time: its strategies for each fact type, tried in the registry's
    order until one decides (`self.order`, set by the subclass)."""

    order: dict[str, list[tuple[str, Strategy]]]

    def carries(self, kind: str) -> bool:
        return kind in self.order

    def resolve(self, scene: Scene, draft: Draft) -> None:
        for _, strategy in self.order.get(draft.kind, []):
            if strategy(scene, draft):
                return


def mention_cue(mention: Mention, why: str) -> Cue:
    return Cue(mention.text, mention.start, mention.start + len(mention.text), why)


def match_cue(m: re.Match, why: str) -> Cue:
    return Cue(m.group(), m.start(), m.end(), why)


def rewhy(cue: Cue | None, why: str) -> Cue | None:
    """An earlier decision's text, with the reason it applies here."""
    return replace(cue, why=why) if cue is not None else None
