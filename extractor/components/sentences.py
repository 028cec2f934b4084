"""Sentence starts at line breaks: headlines, bullets and list items in news
pages have no final full stop, and must not run into the next line."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.context import doc_text

_LINE_BREAK = re.compile(r"\n\s*")


def line_sentences(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start; run it
    after `sentencizer`. A parsed doc keeps the parser's sentences (spaCy
    forbids rewriting them). Works on the token arrays in one pass: setting
    `token.is_sent_start` one token at a time re-checks the whole doc each time."""
    text = doc_text(doc)
    if len(doc) < 2 or "\n" not in text:
        return doc
    columns = doc.to_array([IDX, DEP, SENT_START])
    if columns[:, 1].any():
        return doc
    starts = columns[:, 0]
    marks = columns[:, 2].astype("int32")
    breaks = numpy.fromiter((m.end() for m in _LINE_BREAK.finditer(text)), dtype=starts.dtype)
    positions = numpy.searchsorted(starts, breaks)
    inside = positions < len(doc)
    positions = positions[inside][starts[positions[inside]] == breaks[inside]]
    positions = positions[positions > 0]
    if len(positions) and (marks[positions] != 1).any():
        marks[positions] = 1
        doc.from_array([SENT_START], marks.reshape(-1, 1).astype("uint64"))
    return doc


@Language.factory("line_sentences")
def make_line_sentences(nlp: Language, name: str):
    return line_sentences
