"""`quantity_recognizer`: every normalized amount of the text as a span.

Runs the pure normalizer on the doc text once and puts each amount in
`doc.spans[spans_key]`, with the `Quantity` on `span._.quantity`. The
normalizer's data (currencies, scales, number words, qualifiers) enters
through `initialize` and travels inside the saved pipeline, so a saved model
reads amounts the way it did when it was saved.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.base import DataComponent
from extractor.components.context import QUANTITIES_KEY, doc_text
from extractor.normalize.currency import build_currency_table
from extractor.normalize.quantities import QuantityScanner

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


class QuantityRecognizer(DataComponent):
    data_file = "normalizer.json"

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        super().__init__(nlp, name)
        self.spans_key = spans_key
        self.scanner: QuantityScanner | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, data: dict[str, Any] | None = None) -> None:
        if data is not None:
            self.set_cues(data)

    def compile(self) -> None:
        table = build_currency_table(self.cues["currencies.json"], self.cues["cldr_currencies.json"])
        self.scanner = QuantityScanner(table, self.cues)

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        spans = []
        for quantity in self.scanner.scan(doc_text(doc)):
            span = doc.char_span(quantity.start, quantity.end, label="MONEY" if quantity.unit else "COUNT",
                                 alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = quantity
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("quantity_recognizer", default_config={"spans_key": QUANTITIES_KEY})
def make_quantity_recognizer(nlp: Language, name: str, spans_key: str) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name, spans_key)
