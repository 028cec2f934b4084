"""Sentence starts at line breaks: headlines, bullets and list items in news
pages have no final full stop, and must not run into the next line."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Mark the token after any whitespace token holding a newline as a
    sentence start; run it after `sentencizer`. A parsed doc keeps the
    parser's sentences (spaCy forbids rewriting them)."""
    if doc.has_annotation("DEP"):
        return doc
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            following = doc[token.i + 1]
            if not following.is_space and not following.is_sent_start:
                following.is_sent_start = True
    return doc
