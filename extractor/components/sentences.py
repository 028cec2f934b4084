"""Sentence starts at line breaks: headlines, bullets and list items in news
pages have no final full stop, and must not run into the next line."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IDX
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.context import doc_text

_LINE_BREAK = re.compile(r"\n\s*")


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start; run it
    after `sentencizer`. A parsed doc keeps the parser's sentences (spaCy
    forbids rewriting them). Works on the token offset array, so only the
    tokens at line breaks are touched from Python."""
    text = doc_text(doc)
    if len(doc) < 2 or "\n" not in text:
        return doc
    columns = doc.to_array([IDX, DEP])
    if columns[:, 1].any():
        return doc
    starts = columns[:, 0]
    for m in _LINE_BREAK.finditer(text):
        i = int(numpy.searchsorted(starts, m.end()))
        if 0 < i < len(doc) and starts[i] == m.end():
            token = doc[i]
            if not token.is_sent_start:
                token.is_sent_start = True
    return doc
