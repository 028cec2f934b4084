"""Per-document context the typing and linking components share: sentence
bounds and the named mentions (organizations, products, chips, sources,
dates) from the span ruler and, in a pretrained pipeline, from `doc.ents`."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

RULER_KEY = "ruler"
ENT_LABELS = {"ORG": "ORG", "PRODUCT": "APP", "DATE": "DATE", "NORP": None, "GPE": None}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    rule: str


@dataclass
class DocContext:
    text: str
    sentence_starts: list[int]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        cached = doc.user_data.get("extractor.context")
        if cached is not None:
            return cached
        starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
        mentions: dict[str, list[Mention]] = {}
        for span in doc.spans.get(RULER_KEY, []):
            mentions.setdefault(span.label_, []).append(
                Mention(span.start_char, span.end_char, span.text, span.label_, span.id_ or ""))
        for ent in doc.ents:
            label = ENT_LABELS.get(ent.label_)
            if label and not any(m.start < ent.end_char and ent.start_char < m.end
                                 for ms in mentions.values() for m in ms):
                mentions.setdefault(label, []).append(
                    Mention(ent.start_char, ent.end_char, ent.text, label, f"ner:{ent.label_}"))
        for label, items in mentions.items():
            mentions[label] = _longest_first([_trim(m) for m in items])
        context = cls(doc.text, starts, mentions)
        doc.user_data["extractor.context"] = context
        return context

    def sentence(self, char: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character `char`."""
        i = bisect_right(self.sentence_starts, char) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def sentence_index(self, char: int) -> int:
        return max(bisect_right(self.sentence_starts, char) - 1, 0)

    def within(self, label: str, lo: int, hi: int) -> list[Mention]:
        return [m for m in self.mentions.get(label, []) if lo <= m.start and m.end <= hi]


_TRIM_BEFORE = re.compile(r"^.*?\b(?:of|at|for)\s+", re.S)


def _trim(mention: Mention) -> Mention:
    """Cut the context words a pattern needed off the name it found:
    'Lumen Compute, a GPU cloud' -> 'Lumen Compute'; 'chief executive of
    Lumen Compute' -> 'Lumen Compute'; 'startup Zorbly' -> 'Zorbly'."""
    text, start = mention.text, mention.start
    if mention.rule == "org:name+appositive":
        text = text.split(",", 1)[0].rstrip()
    elif mention.rule == "org:role-of+name":
        cut = _TRIM_BEFORE.match(text)
        if cut:
            text, start = text[cut.end():], start + cut.end()
    elif mention.rule == "org:role-noun+name" and " " in text:
        head, text = text.split(None, 1)
        start = mention.end - len(text)
    if text == mention.text:
        return mention
    return Mention(start, start + len(text), text, mention.label, mention.rule)


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Sorted by position; a mention inside a longer one of the same label is dropped."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in ordered:
        if kept and m.start >= kept[-1].start and m.end <= kept[-1].end:
            continue
        kept.append(m)
    return kept
