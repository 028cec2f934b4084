"""spaCy factories of the project; importing this module registers them."""

import extractor.serialization  # noqa: F401  (msgpack support for Quantity/Fact in Docs)
from extractor.components import init_data  # noqa: F401  (registers the initialization data)
from extractor.components.fact_typer import FactTyper
from extractor.components.linker import AttributeLinker
from extractor.components.quantity_recognizer import QuantityRecognizer
from extractor.components.ruler import ScheduledSpanRuler
from extractor.components.sentences import line_sentences
from extractor.components.tokenizer import customize_tokenizer

__all__ = ["AttributeLinker", "FactTyper", "QuantityRecognizer", "ScheduledSpanRuler", "customize_tokenizer",
           "line_sentences"]
