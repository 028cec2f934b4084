"""Tokenizer rules that keep money and scale forms analysable:
'US$20,000' -> 'US$' '20,000'; 'RMB160bn' -> 'RMB' '160' 'bn';
'≈US$23' -> '≈' 'US$' '23'; '1.3tn' -> '1.3' 'tn'.

The currency prefixes come from the same Babel-derived table the normalizer
uses. The rules are stored in the tokenizer itself, so a pipeline saved with
`to_disk` keeps them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex, registry

from extractor.normalize.currency import currency_table
from extractor.normalize.numbers import scale_table


def _currency_prefixes() -> list[str]:
    table = currency_table()
    surfaces = [a for a in table.aliases if not a.replace(" ", "").isalpha() or (a.isupper() and len(a) <= 4)]
    surfaces += list(table.context_dependent) + sorted(table.codes)
    return [re.escape(s) + r"(?=[\d.])" for s in sorted(set(surfaces), key=lambda s: (-len(s), s)) if " " not in s]


def customize_tokenizer(nlp: Language) -> Language:
    """Add the currency-prefix, approximation-sign and scale-suffix rules."""
    prefixes = ["≈", "~", *_currency_prefixes(), *nlp.Defaults.prefixes]
    scales = sorted((s for s in scale_table() if s.isalpha()), key=lambda s: (-len(s), s))
    scale_suffix = r"(?<=\d)(?:" + "|".join(re.escape(s) for s in scales) + r")"
    suffixes = [scale_suffix, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


@registry.callbacks("extractor.news_tokenizer.v1")
def create_news_tokenizer_callback():
    """For configs: `[initialize.before_init] @callbacks = "extractor.news_tokenizer.v1"`."""
    return customize_tokenizer
