"""The scheduling shortcuts give exactly what the full computation gives.

`fact_ruler` runs each token pattern only on the stretches of tokens that can
hold a match (extractor/components/ruler.py): its spans must equal those of
spaCy's own `SpanRuler` with the same patterns, on sentences written for
these tests and on every corpus split.
"""

from __future__ import annotations

import pytest
import spacy
from conftest import SPLITS
from spacy.pipeline.span_ruler import SpanRuler

from extractor.components.ruler import TokenPatternSchedule, min_repeats
from extractor.corpus import read_corpus

SENTENCES = [
    "Lumen Compute Holdings will spend $2 billion; Zorbly Labs ordered 4,000 H100 GPUs.",
    "The startup Quillo Data plans to buy chips. Its chatbot Quillo Assistant has 3 million users.",
    "Fluxstack, a Dutch GPU cloud provider, bought 2,000 B200s and GB200 NVL72 racks.",
    "The chief executive of Norvane Systems said the Ministry of Digital Affairs and Innovation agreed.",
    "India AI Mission will fund 18,000 GPUs.\nAcme Corp.\nNew Energy Partners",
    "Acme\nCorp Inc will spend\n\n Nvidia Ascend 910B MI300X TPUv5e",
    "NEW YORK (Reuters) - Meta Platforms plans 1.3 million GPUs by the end of 2025, chief executive says.",
    "",
    "   ",
    "no capital letters here at all, just words and 12 numbers",
    "Startup. Company Zorbly. Group Holdings Group Holdings Inc. Inc. AI AI Cloud",
]


def _full_ruler(nlp) -> SpanRuler:
    """spaCy's own SpanRuler with the fact ruler's patterns."""
    ruler = SpanRuler(nlp, "reference", spans_key="reference", validate=True, overwrite=True)
    ruler.add_patterns(nlp.get_pipe("fact_ruler").patterns)
    return ruler


def _spans(doc, key: str) -> list[tuple[int, int, str, str]]:
    return sorted((s.start, s.end, s.label_, s.id_) for s in doc.spans[key])


@pytest.fixture(scope="module")
def reference(nlp):
    return _full_ruler(nlp)


def _compare(nlp, reference, text: str) -> None:
    doc = nlp(text)
    assert _spans(reference(doc), "reference") == _spans(doc, "extractor_ruler")


@pytest.mark.parametrize("text", SENTENCES)
def test_scheduled_ruler_finds_the_full_rulers_spans(nlp, reference, text):
    _compare(nlp, reference, text)


@pytest.mark.parametrize("folder", [folder for folder, _ in SPLITS], ids=lambda p: p.name)
def test_scheduled_ruler_on_every_corpus_split(nlp, reference, folder):
    for document in read_corpus(folder):
        _compare(nlp, reference, document.text)


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "acme"}, {"IS_SENT_START": True, "OP": "?"}, {"LOWER": "corp"}],
    [{"TEXT": {"REGEX": "^[A-Z]"}, "OP": "+"}, {"OP": "!", "LOWER": "the"}, {"LOWER": "inc"}],
    [{"SPACY": True, "OP": "*"}, {"LOWER": "corp"}],
    [{"IS_TITLE": True, "OP": "{2,3}"}, {"IS_PUNCT": True, "OP": "{0,2}"}, {"LOWER": "inc"}],
    [{}, {"LOWER": "corp"}],
])
def test_schedule_of_patterns_it_cannot_fully_read(pattern):
    """Negations, non-lexical attributes and wildcards count as matching every token: still the same matches."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    from spacy.matcher import Matcher

    full = Matcher(nlp.vocab)
    full.add("P", [pattern])
    schedule = TokenPatternSchedule(nlp.vocab, [("P", pattern)], validate=False)
    for text in ("Acme Corp is big. Acme\nCorp Inc. Big Acme the Inc and Acme Inc", "The Acme, Big Inc.", "x"):
        doc = nlp(text)
        assert sorted(full(doc)) == sorted(schedule.matches(doc)), text


@pytest.mark.parametrize(("op", "count"), [(None, 1), ("1", 1), ("+", 1), ("?", 0), ("*", 0), ("!", 0),
                                           ("{2}", 2), ("{0,5}", 0), ("{,3}", 0), ("{2,}", 2)])
def test_min_repeats(op, count):
    assert min_repeats(op) == count


@pytest.mark.parametrize("text", [
    "(555) 123-4567 call at 12:30pm; 1/10 of it; updated 2025-09-02 19:05; v1.2.3; x12:30",
    "a(123) 456-7890 and ((123) 456-7890, 12 (345) 678-9012, 12:345, 1:23:45b, ab12:30, 12:30ab, 9:59.",
    "3/4/5/6 and 1.2.3.4.5 -- 10:00. 2024–2025–2026 ISBN 978-3-16-148410-0",
    "no digits at all", "",
])
def test_digit_chains_scanned_by_runs_equal_a_full_scan(text):
    """`_digit_chains` tries the chain pattern only inside runs of chain characters: same spans as a full scan."""
    from extractor.normalize.quantities import _DIGIT_CHAIN, _digit_chains

    full = [m.span() for m in _DIGIT_CHAIN.finditer(text)
            if m.start() == 0 or text[m.start() - 1] not in "0123456789.,/-–"]
    assert _digit_chains(text) == full
