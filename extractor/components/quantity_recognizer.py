"""`quantity_recognizer`: every normalized amount of the text as a span.

Runs the pure normalizer (`find_quantities`) on the doc text once and puts
each amount in `doc.spans[spans_key]`, with the `Quantity` on
`span._.quantity`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.context import doc_text
from extractor.normalize.quantities import find_quantities

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


class QuantityRecognizer:
    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quantity in find_quantities(doc_text(doc)):
            span = doc.char_span(quantity.start, quantity.end, label="MONEY" if quantity.unit else "COUNT",
                                 alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = quantity
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("quantity_recognizer", default_config={"spans_key": "quantities"})
def make_quantity_recognizer(nlp: Language, name: str, spans_key: str) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name, spans_key)
