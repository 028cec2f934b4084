"""`fact_ruler`: spaCy's `SpanRuler`, with each token pattern run only where it can match.

spaCy's `Matcher` starts every pattern at every token and calls its Python
predicates (`IN`, `NOT_IN`, `REGEX`) there: with a dozen patterns that is
most of the ruler's time, although most stretches of a news article cannot
hold a match. A match is a run of tokens each of which satisfies one of the
pattern's token specs, and it holds a token for every spec that must match at
least once. So, per pattern, the doc is cut into maximal runs of tokens that
satisfy some spec, and the pattern's own `Matcher` runs only on the runs that
hold every required spec. The specs' lexical parts are evaluated by spaCy
itself, once per lexeme and process (cached), so the matches are exactly the
full `Matcher`'s; a spec the schedule cannot read (a non-lexical attribute, a
negation) counts as matching every token, which only makes runs longer.
Phrase patterns go to the `PhraseMatcher` as before.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# lexeme attributes: their value is the same for every token of a lexeme, so they are evaluated once per lexeme
LEXICAL = {"ORTH", "TEXT", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
           "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE",
           "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
SENTENCE = {"IS_SENT_START", "SENT_START"}
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")


@dataclass(frozen=True, slots=True)
class SpecTest:
    """How one token spec is checked per token: `bit` indexes the lexical part
    (None: every lexeme passes), `sentence_start` is the required
    IS_SENT_START value (None: any)."""

    bit: int | None
    sentence_start: bool | None


ANY_TOKEN = SpecTest(None, None)


def min_repeats(op: str | None) -> int:
    """How often a spec with operator `op` must match at least ('+' once, '?' never)."""
    if op in (None, "1", "+"):
        return 1
    if op in ("?", "*", "!"):
        return 0
    m = _QUANTIFIER.fullmatch(op)
    return int(m.group(1)) if m and m.group(1) else 0


@dataclass
class PatternPlan:
    """One token pattern: its own matcher, the tests of its specs, and those of the required specs."""

    matcher: Matcher
    members: list[SpecTest]
    required: list[SpecTest]


class TokenPatternSchedule:
    """Where each token pattern can match in a doc, and its matches there."""

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, list[dict[str, Any]]]], validate: bool) -> None:
        self.vocab = vocab
        self.lexical_matcher = Matcher(vocab)
        self.bits: dict[str, int] = {}
        self.plans = [self._plan(key, pattern, validate) for key, pattern in patterns]
        self.row_of: dict[int, int] = {}
        self.table = numpy.ones((0, len(self.bits) + 1), dtype=bool)

    def _test(self, spec: dict[str, Any]) -> SpecTest:
        attrs = {name.upper(): value for name, value in spec.items() if name.upper() != "OP"}
        if spec.get("OP") == "!" or any(name not in LEXICAL | SENTENCE for name in attrs):
            return ANY_TOKEN
        lexical = {name: value for name, value in attrs.items() if name in LEXICAL}
        starts = [bool(value) for name, value in attrs.items() if name in SENTENCE]
        bit = None
        if lexical:
            key = json.dumps(lexical, sort_keys=True, ensure_ascii=False)
            if key not in self.bits:
                self.bits[key] = len(self.bits)
                self.lexical_matcher.add(str(self.bits[key]), [[lexical]])
            bit = self.bits[key]
        return SpecTest(bit, starts[0] if len(starts) == 1 else None)

    def _plan(self, key: str, pattern: list[dict[str, Any]], validate: bool) -> PatternPlan:
        matcher = Matcher(self.vocab, validate=validate)
        matcher.add(key, [pattern])
        tests = [self._test(spec) for spec in pattern]
        required = [t for t, spec in zip(tests, pattern, strict=True) if min_repeats(spec.get("OP")) > 0]
        return PatternPlan(matcher, tests, required)

    def _lexeme_rows(self, orths: numpy.ndarray) -> numpy.ndarray:
        """Per token, the row of its lexeme in `self.table` (which lexical specs it passes, and a last column
        that every lexeme passes); new lexemes are read by spaCy's own matcher once and cached."""
        unique, inverse = numpy.unique(orths, return_inverse=True)
        keys = unique.tolist()
        unseen = [orth for orth in keys if orth not in self.row_of]
        if unseen:
            self._add_lexemes(unseen)
        rows = numpy.array([self.row_of[orth] for orth in keys], dtype=numpy.intp)
        return rows[inverse.reshape(-1)]

    def _add_lexemes(self, orths: list[int]) -> None:
        first = len(self.row_of)
        needed = first + len(orths)
        if needed > len(self.table):
            grown = numpy.zeros((max(needed, 2 * len(self.table)), len(self.bits) + 1), dtype=bool)
            grown[:first] = self.table[:first]
            grown[:, -1] = True
            self.table = grown
        strings = self.vocab.strings
        probe = Doc(self.vocab, words=[strings[orth] for orth in orths], spaces=[False] * len(orths))
        for match_id, start, _ in self.lexical_matcher(probe):
            self.table[first + start, int(strings[match_id])] = True
        self.row_of.update((orth, first + i) for i, orth in enumerate(orths))

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """(match_id, start, end) of every token pattern: the same set the full `Matcher` finds."""
        if len(doc) == 0 or not self.plans:
            return
        for index, lo, hi in self.candidate_runs(doc):
            for match_id, start, end in self.plans[index].matcher(doc[lo:hi]):
                yield match_id, start + lo, end + lo

    def _compile_tables(self) -> None:
        """The plans as arrays, so that a doc's runs of every pattern are found in a few array operations."""
        tests = list(dict.fromkeys(t for plan in self.plans for t in plan.members))
        where = {t: i for i, t in enumerate(tests)}
        self.test_bits = numpy.array([len(self.bits) if t.bit is None else t.bit for t in tests], dtype=numpy.intp)
        self.test_starts = numpy.array([{None: 0, True: 1, False: 2}[t.sentence_start] for t in tests],
                                       dtype=numpy.intp)
        self.member_of = numpy.zeros((len(self.plans), len(tests)), dtype=numpy.int32)
        self.required_of = numpy.zeros((len(self.plans), len(tests)), dtype=bool)
        for p, plan in enumerate(self.plans):
            self.member_of[p, [where[t] for t in plan.members]] = 1
            self.required_of[p, [where[t] for t in plan.required]] = True

    def candidate_runs(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(plan index, start, end) of the maximal runs of tokens that pass one of a pattern's specs and hold
        a token for each of its required specs; a match of the pattern lies inside one of them."""
        if not hasattr(self, "member_of"):
            self._compile_tables()
        columns = doc.to_array([ORTH, SENT_START])
        lexemes = self._lexeme_rows(columns[:, 0])
        first = columns[:, 1].astype(numpy.int64) == 1
        sentence = numpy.vstack([numpy.ones(len(doc), dtype=bool), first, ~first])
        passes = self.table[lexemes][:, self.test_bits].T & sentence[self.test_starts]  # tests x tokens
        member = (self.member_of @ passes.astype(numpy.int32)) > 0  # plans x tokens
        padded = numpy.zeros((len(self.plans), len(doc) + 2), dtype=numpy.int8)
        padded[:, 1:-1] = member
        edges = numpy.diff(padded, axis=1)
        plan_of, starts = numpy.nonzero(edges == 1)
        _, ends = numpy.nonzero(edges == -1)
        counts = numpy.zeros((len(passes), len(doc) + 1), dtype=numpy.int32)
        numpy.cumsum(passes, axis=1, out=counts[:, 1:])
        held = counts[:, ends] > counts[:, starts]  # tests x runs
        keep = (held | ~self.required_of[plan_of].T).all(axis=0)
        return list(zip(plan_of[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


class ScheduledSpanRuler(SpanRuler):
    """A `SpanRuler` whose token patterns run only on the stretches of the doc where they can match."""

    _schedule: TokenPatternSchedule | None = None

    def clear(self) -> None:
        super().clear()
        self._schedule = None

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._schedule = None

    def remove(self, label: str) -> None:
        super().remove(label)
        self._schedule = None

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._schedule = None

    def schedule(self) -> TokenPatternSchedule:
        """The per-pattern plans, made once after the patterns change."""
        if self._schedule is None:
            token_patterns = [(repr((p["label"], p.get("id", ""))), p["pattern"]) for p in self._patterns
                              if isinstance(p["pattern"], list)]
            self._schedule = TokenPatternSchedule(self.nlp.vocab, token_patterns, self.validate)
        return self._schedule

    def match(self, doc: Doc) -> list:
        """The same spans as `SpanRuler.match`, the token patterns matched by their schedule."""
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            matches = [*self.schedule().matches(doc), *self.phrase_matcher(doc)]
        unique = {Span(doc, start, end, label=self._match_label_id_map[m_id]["label"],
                       span_id=self._match_label_id_map[m_id]["id"])
                  for m_id, start, end in matches if start != end}
        return sorted(unique)


@Language.factory("scheduled_span_ruler", assigns=["doc.spans"], default_config={
    "spans_key": "ruler", "spans_filter": None, "annotate_ents": False,
    "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}, "phrase_matcher_attr": None,
    "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"}, "validate": False, "overwrite": True,
    "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1", "spans_key": "ruler"}},
    default_score_weights={"spans_ruler_f": 1.0, "spans_ruler_p": 0.0, "spans_ruler_r": 0.0,
                           "spans_ruler_per_type": None})
def make_scheduled_span_ruler(nlp: Language, name: str, spans_key: str | None, spans_filter: Any,
                              annotate_ents: bool, ents_filter: Any, phrase_matcher_attr: Any,
                              matcher_fuzzy_compare: Any, validate: bool, overwrite: bool,
                              scorer: Any) -> ScheduledSpanRuler:
    return ScheduledSpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter,
                              annotate_ents=annotate_ents, ents_filter=ents_filter,
                              phrase_matcher_attr=phrase_matcher_attr, matcher_fuzzy_compare=matcher_fuzzy_compare,
                              validate=validate, overwrite=overwrite, scorer=scorer)


__all__ = ["ScheduledSpanRuler", "TokenPatternSchedule"]
