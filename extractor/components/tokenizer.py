"""Tokenizer rules that keep money and scale forms analysable:
'US$20,000' -> 'US$' '20,000'; 'RMB160bn' -> 'RMB' '160' 'bn';
'≈US$23' -> '≈' 'US$' '23'; '1.3tn' -> '1.3' 'tn'.

The currency prefixes come from the same Babel-derived table the normalizer
uses. The rules are stored in the tokenizer itself, so a pipeline saved with
`to_disk` keeps them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from extractor.normalize.currency import currency_table
from extractor.normalize.numbers import scale_table
from extractor.regexes import trie_alternation


def _currency_prefix() -> str:
    """One prefix rule for every currency symbol and code glued to a number,
    as a character trie (hundreds of separate prefix rules would be tried one
    by one on every token)."""
    table = currency_table()
    surfaces = [a for a in table.aliases if not a.replace(" ", "").isalpha() or (a.isupper() and len(a) <= 4)]
    surfaces += list(table.context_dependent) + sorted(table.codes)
    return "(?:" + trie_alternation(s for s in surfaces if " " not in s) + r")(?=[\d.])"


# 'in 2026/27': a fiscal label's slash splits it, so its opening year is a date token like '2026' in '2026-27'
_FISCAL_SLASH = r"(?<=\b(?:19|20)\d\d)/(?=\d\d\b)"


def customize_tokenizer(nlp: Language) -> Language:
    """Add the currency-prefix, approximation-sign, scale-suffix and fiscal-slash rules."""
    prefixes = ["≈", "~", _currency_prefix(), *nlp.Defaults.prefixes]
    scale_suffix = r"(?<=\d)(?:" + trie_alternation(s for s in scale_table() if s.isalpha()) + r")"
    suffixes = [scale_suffix, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex([_FISCAL_SLASH, *nlp.Defaults.infixes]).finditer
    return nlp


@registry.callbacks("extractor.news_tokenizer.v1")
def create_news_tokenizer_callback():
    """For configs: `[initialize.before_init] @callbacks = "extractor.news_tokenizer.v1"`."""
    return customize_tokenizer
