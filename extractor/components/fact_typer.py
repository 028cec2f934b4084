"""`fact_typer`: which of the contract's types a quantity is, if any.

The types come from the fact-type registry. Money: a per-unit phrase after
the amount (or a price phrase before a small amount) makes the registry's
per-unit money type (`unit_price`); otherwise the nearest total-money cue
(`budget`) or distractor cue in the sentence decides, and an amount with no
cue is a total only when it restates an earlier one. Counts and measures: the
noun after the number (skipping names and modifiers) names the type. Every
typed span carries its `Typing` evidence (`span._.typing`): the strategy, the
cue text and its offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.base import DataComponent
from extractor.components.context import (
    FACTS_KEY,
    QUANTITIES_KEY,
    RULER_KEY,
    DocContext,
    Mention,
    doc_layout,
    pattern_table,
)
from extractor.components.resolvers.base import lowercase_words
from extractor.cues import CueList
from extractor.evidence import Cue, Typing
from extractor.fact_types import Registry
from extractor.normalize.currency import currency_table
from extractor.normalize.headers import header_reading
from extractor.normalize.numbers import scaled
from extractor.records import Quantity
from extractor.roles import clause_start
from extractor.schemas import FactCuesSchema, check
from extractor.structure import NUMBERED_ITEM, DocumentLayout, Region

if not Span.has_extension("typing"):
    Span.set_extension("typing", default=None)

_HYPHEN_SPEC = re.compile(r"[-‐](?:gpu|chip|card|accelerator|node|socket)\b(?!s)", re.I)
UNDECIDED = Typing("", "undecided")  # no cue or noun of its own: the layout or a neighbour may still type it
_DIGIT = re.compile(r"\d")
_NAMES_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w-]*){1,2}(?=[ \t])")
_NEXT_WORDS = re.compile(r"[ \t+-]*(?P<word>[A-Za-z][\w-]*)(?:[ \t]+(?P<next>[a-z]+))?")  # on the figure's own line
_CORRECTION_BEFORE = re.compile(r"(?:,\s*not|\brather than|\binstead of)\s+$", re.I)  # '$40,000 per chip, not '
_THOUSANDS_POINT = re.compile(r"[1-9]\d{0,2}\.\d{3}")  # '6.400': a thousands point, as German copy writes it
_CONVERSION_BRACKET = re.compile(r"[ \t]*\([^()\n]{0,12}\d[^()\n]{0,24}\)")  # ' (US$38,000)', ' (about €3.3m)'
_RANK = re.compile(r"[.)]?\s+[A-Z]|[.)][ \t]+[~≈$€£¥₹\d]|/[ \t]")  # '1. DeepSeek', '7) 16k', a thread's '8/ '
_REFERENCE = re.compile(r"(?:#|\bp\.\s?|\bpp\.\s?|\b(?:No|no)\.\s?)$")  # 'Note #24', 'p. 14', 'No. 7': a reference
_FORM_NAME = re.compile(r"-[A-Z]\b")  # '10-Q', '8-K', '20-F': a filing's name
_ALONE_BEFORE = re.compile(r"[ \t]*(?:(?:\d{1,2}[.)]|#\d{1,2}|[-*•])[ \t]+)?[~≈]?[ \t]*")  # '4) ', '- ~', ''
_OPENING_WORDS = re.compile(r"[ \t]*(?:[A-Za-z][\w-]*[ \t]+){0,2}?")  # 'Monthly active users ...', 'Tokens a day'
_PRICE_WORD = re.compile(r"\b(?:price|prices|priced|rate|rates)\b", re.I)
_BODY_REACH = 400  # characters of an item's first body line read for its figure's type
_OPENING_REACH = 80  # characters that open it
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.-]*\s$")  # 'Gemini 3 Flash', 'Claude Opus 4.7': a model's version
_FIGURE_LABEL = re.compile(r"[ \t]*[:–—][ \t]+")  # a fact box's figure first, its noun after: '24,000: GPUs'
_LOWER_WORD_IN = re.compile(r"\b[a-z]{2,}\b")
_NAME_END = re.compile(r"[ \t]*(?:[.;)]?[ \t]*(?:\n|$))")  # a name's number ending its line: 'for Alder 1'
_NAME_OR_LEADER_AFTER = re.compile(r"[ \t]+(?:[A-Z]|\.{3,})")  # on the same line

def amount_key(value: Decimal) -> float:
    """An amount rounded to 4 significant digits: the key under which two
    mentions count as the same figure (as in the contract's fact level)."""
    return float(f"{value:.4g}")

_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)\b")  # '50,000 of them': the count of a noun named before
_UNIT_QUALIFIER = re.compile(r"\s+(?:on|for|of|in)\s+(?:[\w.-]+\s+){0,3}?[\w.-]+(?=,)")  # ' on H200 capacity,'
_NAME_SHAPED = re.compile(r"[A-Z]\w*[A-Z0-9]\w*")  # 'DataHarbor', 'IDC', 'Q2': capitals inside the word
_HEADER_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")  # a column header's words


class FactTyper(DataComponent):
    def __init__(self, nlp: Language, name: str, quantities_key: str, spans_key: str, ruler_key: str) -> None:
        super().__init__(nlp, name)
        self.quantities_key = quantities_key
        self.spans_key = spans_key
        self.ruler_key = ruler_key
        self._app_lines_of: tuple[DocumentLayout, int] | None = None  # the last page's count of app-labelled lines

    def compile(self) -> None:
        check(FactCuesSchema, self.cues, f"{self.name} data (data/fact_cues.json)")
        money, counts, windows = self.cues["money"], self.cues["counts"], self.cues["windows"]
        self.patterns = pattern_table(self.cues["pattern_meta"])
        self.types = Registry(self.cues["fact_types"])
        self.windows = windows
        max_usd = Decimal(str(self.cues["thresholds"]["max_unit_price"]))
        rates = self.cues["currency_magnitudes"]["units_per_usd"]
        self.max_unit_price = {code: max_usd * Decimal(str(rate)) for code, rate in rates.items()}
        self.max_unit_price_usd = max_usd
        min_usd = Decimal(str(self.cues["thresholds"]["min_budget"]))
        self.min_budget = {code: min_usd * Decimal(str(rate)) for code, rate in rates.items()}
        self.min_budget_usd = min_usd
        self.price_clause = [re.compile(p, re.I) for p in money["price_clause_before"]]
        self.average_price = re.compile(money["average_price_before"], re.I)
        items = sorted({*self.cues["counts"]["per_container"]["containers"], *(n for t in self.types.of_value(
            "count", "measure") if t.spec.context_label == "CHIP" for n in t.spec.nouns)}, key=len, reverse=True)
        self.item_noun = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in items)})s?(?![\w-])", re.I)
        self.restate_min = Decimal(str(self.cues["thresholds"]["restate_min"]))
        self.max_spec_count = Decimal(self.cues["thresholds"]["max_spec_count"])
        self.max_word_pronoun = Decimal(self.cues["thresholds"]["max_word_pronoun"])
        total, per_unit = self.types.money_role("total"), self.types.money_role("per_unit")
        self.total = total.name if total else None
        self.per_unit = per_unit.name if per_unit else None
        self.unit_price_after = CueList(per_unit.spec.cues_after if per_unit else [])
        self.unit_price_before = CueList(per_unit.spec.cues_before if per_unit else [])
        self.rental = CueList(per_unit.spec.rental_cues if per_unit else [])
        self.rental_period_after = CueList(money["rental_period_after"])
        self.price_column = CueList(money["price_column_headers"])
        self.budget = CueList(total.spec.cues if total else [])
        self.not_unit_price_after = CueList(money["not_unit_price_after"])
        self.not_a_fact = CueList(money["not_a_fact"])
        self.in_company = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                         money["investment_in_company_after"]) + r")\s+(?:the\s+)?",
                                     re.I)
        self.count_not_before = CueList(counts["not_before"])
        self.count_not_after = CueList(counts["not_after"])
        box = counts["per_container"]
        alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        words = lambda phrases: alt(phrases).replace(r"\ ", r"\s+")  # noqa: E731
        self.conversion_gap = re.compile(rf"[\s,]*(?:{words(money['conversion_after'])})?\s*[\s(≈~]*", re.I)
        self.people_using = re.compile(rf"[ \t]+people(?:[ \t]+(?:in|across)[ \t]+(?:the[ \t]+)?[A-Z][\w.]*)?[ \t]+"
                                       rf"(?:(?:are|were|is|was|have been|had been)[ \t]+)?"
                                       rf"(?:{alt(counts['people_using'])})\b")
        families = "|".join(r.lstrip("^") for r in self.cues["chip_makers"].values())  # chip-family regexes
        self.per_named_unit = re.compile(  # 'per Blackwell GPU', 'per Nvidia B200 chip', 'per B300'
            rf"[ \t]*(?:per|for each|for an?|for one|for a single|a)[ \t]+(?:(?:[A-Z][\w-]*[ \t]+){{1,2}}"
            rf"(?i:{alt(money['per_named_unit'])})"
            rf"|(?:[A-Z][\w-]*[ \t]+)?(?:{families})[A-Za-z0-9-]*)(?![\w-])")
        self.part_opener = re.compile(  # 'Of that, ', 'Of the €4.8 billion, '
            rf"[\s\"“]*(?:{words(money['part_openers'])}|of the\s+[^,\s]*\d[^,]{{0,20}}),\s*"
            rf"(?:(?:about|around|roughly|some|nearly|up to|more than|over)\s+)?", re.I)
        self.part_after = re.compile(rf"\s+(?:{words(money['part_after'])})\b", re.I)  # '$1.6 billion of that'
        self.people_using_before = re.compile(
            rf"\b(?:{words(counts['people_using_before'])})\s+(?:(?:more than|over|about|around|nearly|some|roughly|"
            rf"almost|close to)\s+)?$", re.I)
        self.people_after = re.compile(r"[ \t]+people\b")
        self.min_passive_users = int(counts["min_passive_users"])
        self.min_app_lines = int(counts["min_app_lines"])
        self.change_before = {  # 'adding about 34.5 million weekly users': a change in the count, no count
            t.name: re.compile(rf"\b(?:{alt(t.spec.change_cues_before)})\s+(?:(?:about|around|roughly|some|nearly|"
                               rf"almost|more than|over|another|a further)\s+)?$", re.I)
            for t in self.types if t.spec.change_cues_before}
        self.purpose = re.compile(rf"\s+(?:for|on|to fund|to pay for|in)\s+(?:(?:the|new|its|their|more)\s+)?"
                                  rf"(?:{words(money['not_a_fact_purposes'])})\b", re.I)
        self.contents_of_one = re.compile(
            rf"\b(?:{alt(box['determiners'])})\s+(?:[\w-]+\s+){{0,3}}(?:{alt(box['containers'])})s?\s+"
            rf"(?:[a-z]+\s+)?(?:{alt(box['verbs'])})\s+(?:(?:{words(box['qualifiers'])})\s+)?$", re.I)
        # 'GPUs/node', 'Nodes per rack', '(8 GPUs each)': a count inside one container is a spec, not a count
        self.per_container = re.compile(rf"(?:/\s*|\bper\s+|\ba\s+)(?:{alt(box['containers'])})s?\b", re.I)
        self.each_after = re.compile(r"\s+(?:\w+\s+){0,2}?each\b")
        openers = "|".join(re.escape(w) for w in self.cues["hypothetical_openers"])
        self.example_before = CueList(self.cues["hypothetical_before"])  # ', say, 500,000'
        self.hypothetical = re.compile(rf"[\s\"“(*•·▪-]*(?:{openers})\b")  # '- Suppose Quill reached 2 billion ...'
        self.contents_with = re.compile(  # 'the complete rack, with 72 GPUs': a spec when small
            rf"\b(?:{alt(box['containers'])})(?:s?,?\s+(?:{alt(box['with_words'])})\s+|\s*\()"  # 'server (8 GPUs each)'
            rf"(?:(?:{words(box['qualifiers'])})\s+)?$",
            re.I)
        self.continuation_cue = CueList(counts["continuation_verbs"])
        self.continuation_sentences = int(counts["continuation_sentences"])
        self.continuation = re.compile(
            rf"(?:^|[\s,(])(?:{alt(counts['continuation_before'])})\s+"
            rf"(?:(?:{alt(counts['continuation_determiners'])})\s+)?\S*\s*$", re.I)
        counted = self.types.of_value("count", "measure")
        self.counted = {t.name for t in counted}
        self.needs_context = {t.name: {n.lower() for n in t.spec.nouns_need_context} for t in counted}
        self.context_cues = {t.name: CueList(t.spec.context_cues) for t in counted}
        self.noun_after_context = {
            t.name: re.compile(rf"(?<![\w-])(?i:{self.context_cues[t.name].regex.pattern})[ \t-]+"
                               rf"(?P<noun>(?i:{'|'.join(re.escape(n) for n in t.spec.nouns_need_context)}))(?![\w-])")
            for t in counted if t.spec.nouns_need_context and t.spec.context_cues}

        self.context_label = {t.name: t.spec.context_label for t in counted}
        self.noun_kind = {noun.lower(): t.name for t in counted for noun in t.spec.nouns}
        skip = "|".join(re.escape(s) for s in sorted(counts["skip_between"], key=len, reverse=True))
        noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in
                            sorted(self.noun_kind, key=len, reverse=True))
        name_like = r"[A-Z][\w.&’'/-]*"  # a name or model between number and noun: 'Nvidia', 'H100/H200'
        model_like = r"(?:\d+[A-Za-z][\w-]*|[a-z]\d+[a-z]?)"  # a model's number or version: '910C', 'v7', 'v5e'
        skipped = rf"(?:(?:{name_like}|{model_like}|(?i:{skip}))[ \t-]+){{0,{int(counts['max_gap_tokens'])}}}"
        # the noun is on the figure's own line: '900' ending a timeline row does not count the next line's 'users'
        # a quotation may end between figure and noun: 'brought "just over 180,000" GPUs online'
        self.count_noun = re.compile(rf"\+?[\"”]?[ \t-]*{skipped}(?P<noun>(?i:{noun_alt}))(?![\w-])")
        chip_type = next((t for t in counted if t.spec.context_label == "CHIP"), None)
        self.product_kind = chip_type.name if chip_type else None
        # the count an app's own key-figure line gives: the type whose subject is the product ('Gemini — 780m')
        self.app_kind = next((t.name for t in counted if "product" in t.spec.subject), None)
        self._skipped = skipped
        self.product_noun = _product_regex(skipped, families)
        self.families = re.compile(rf"(?:{families})")
        chip_nouns = "|".join(re.escape(n) for n in sorted(chip_type.spec.nouns, key=len, reverse=True)) if (
            chip_type) else r"(?!x)x"
        self.model_before_chip_noun = re.compile(  # 'Kestrel K3 accelerators', 'the Z9 chips', 'the Vx-4 accelerator'
            rf"(?<![\w-])(?P<prefix>[A-Z](?:[A-Z]{{0,2}}-?|[a-z]-))\d{{1,4}}[A-Za-z]{{0,3}}[ \t]+"
            rf"(?i:{chip_nouns})(?![\w-])")
        self.not_chip_lines = frozenset(counts["not_chip_lines"])
        bare = self.cues["bare_figures"]
        self.bare_followers = {w.lower() for w in bare["followers"]}
        self.not_bare_units = set(bare["not_bare_units"])
        self.bare_max_sentences = int(bare["max_sentences"])
        self.bare_max_ratio = Decimal(str(bare["max_ratio"]))
        self.range_gap = re.compile(rf"\s*(?:{alt(bare['range_words'])})\s+(?:[a-z]+\s+){{0,3}}", re.I)
        self.noun_anywhere = re.compile(rf"(?<![\w-])(?P<noun>(?i:{noun_alt}))(?![\w-])")
        self.noun_of = re.compile(  # 'Its MAU of 3.12 million', 'a daily token volume of about 2 trillion'
            rf"(?<![\w-])(?P<noun>(?i:{noun_alt}))\s+of\s+(?:(?i:about|around|roughly|nearly|some|more than|over|"
            rf"almost|close to|just over|just under)\s+)?$")
        self.bare_blocked = CueList(bare["blocked_by_nouns"])
        self.metric_cues = {t.name: CueList([c for cues in t.spec.metric.cues.values() for c in cues])
                            for t in counted if t.spec.metric is not None}

    def _local_products(self, context: DocContext) -> LocalLines | None:
        """The article's own chip lines: a model written before a chip noun ('560,000 Kestrel K3 accelerators',
        'the Vx-4 accelerator') that the chip-family data does not know makes its prefix a chip family for this
        article, so '40,000 K4s' counts chips and '412,000 Vx-4 units' are chips. Quarters, halves and fiscal
        years ('Q3', 'H2', 'FY26') are no lines. One pass per document."""
        text = context.text
        chips = context.index("CHIP")
        prefixes = {m.group("prefix") for m in self.model_before_chip_noun.finditer(text)
                    if not self.families.match(text, m.start()) and m.group("prefix") not in self.not_chip_lines}
        # a form factor the article writes after a known chip ('GB300 NVL72') is no line of its own
        prefixes -= {m.group("prefix") for m in self.model_before_chip_noun.finditer(text)
                     if (chip := chips.last_before(m.start())) is not None and not text[chip.end:m.start()].strip()}
        if not prefixes:
            return None
        lines = "|".join(rf"{re.escape(p)}\d{{1,4}}[A-Za-z]?" for p in sorted(prefixes))
        names = "|".join(rf"{re.escape(p)}\d{{1,4}}[A-Za-rt-z]?" for p in sorted(prefixes))  # 'K4s' is 'K4'
        return LocalLines(_product_regex(self._skipped, lines),
                          re.compile(rf"(?<![\w-])(?:{names})(?=s?(?![\w-]))"))

    def _nouns_in_context(self, text: str) -> frozenset[tuple[str, str]]:
        """(type, noun) pairs whose noun needs context and that the article writes right after one of the type's
        context cues somewhere ('50,000 Ascend cards'): in this article the noun alone counts them ('to rent 256
        cards'). One pass per type per document."""
        found = set()
        for kind, regex in self.noun_after_context.items():
            found.update((kind, m.group("noun").lower()) for m in regex.finditer(text))
        return frozenset(found)

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc, self.ruler_key, self.patterns)
        local_products = self._local_products(context)
        if local_products is not None:  # the items resolver reads them as chips too
            context.add("CHIP", [Mention(m.start(), m.end(), m.group(), "CHIP", "local-chip-line")
                                 for m in local_products.name.finditer(context.text)])
        article_nouns = self._nouns_in_context(context.text)
        typed: list[Span] = []
        bare: list[tuple[Span, Quantity]] = []
        budgets: dict[tuple[str, float], Quantity] = {}
        money_seen: dict[float, str] = {}
        pending_money: tuple[Span, Quantity] | None = None  # the last amount left undecided, for its conversion
        per_token: list[int] = []  # sentences holding a per-token or per-share price
        for span in doc.spans.get(self.quantities_key, []):
            quantity = span._.quantity
            if quantity is None:
                continue
            if quantity.unit is None:
                restated = self._currency_by_restatement(quantity, money_seen, context.text)
                if restated is not None:
                    quantity = restated
                    span._.quantity = quantity
            if self.hypothetical.match(context.text, context.sentence(quantity.start)[0]) or (
                    self.example_before.ends_before(context.text, _lead(quantity), self.windows["example_before"])):
                continue  # a worked example's figures: no facts, and no antecedent for the sentences after
            if quantity.unit is not None:
                typing = self._type_money(context.text, quantity, context, budgets, typed, per_token)
                if quantity.value is not None:
                    money_seen[amount_key(quantity.value)] = quantity.unit
            else:
                typing = self._type_count(context.text, quantity, context, typed, local_products, article_nouns)
            if typing is None or typing is UNDECIDED:
                if quantity.unit is not None:
                    pending_money = (span, quantity)  # its conversion may decide it: the same money
                if typing is UNDECIDED and self._is_bare(context.text, quantity):
                    bare.append((span, quantity))
                continue
            if pending_money is not None and typing.money:
                original = self._converted_by(context.text, pending_money, quantity, typing)
                if original is not None:
                    typed.append(original)
                    bare = [b for b in bare if b[0] is not pending_money[0]]
            pending_money = None
            if typing.kind in self.counted and _THOUSANDS_POINT.fullmatch(quantity.text):
                # 'With 6.400 Blackwell chips' in a German speaker's quote: no count has a fraction of a chip
                quantity = replace(quantity, value=quantity.value * 1000)
            if self._below_minimum(typing.kind, quantity) or self._is_change(context.text, typing.kind, quantity):
                continue  # '1,000 tokens come to about 750 words', 'adding 34.5 million weekly users': no level
            if typing.kind == self.total and quantity.value is not None:
                budgets.setdefault((quantity.unit, amount_key(quantity.value)), quantity)
            fact_span = Span(doc, span.start, span.end, label=typing.kind)
            fact_span._.quantity = quantity
            fact_span._.typing = typing
            typed.append(fact_span)
        if bare:
            typed = self._type_bare(doc, context, bare, typed)
        doc.spans[self.spans_key] = typed
        return doc

    def _continues_per_token(self, text: str, quantity: Quantity, amount: Decimal, sentence: int,
                             per_token: list[int] | None) -> bool:
        """A small amount right after a per-token price (same or next sentence) with no unit of its own prices
        tokens too."""
        if not per_token or sentence - per_token[-1] > 1:
            return False
        if amount >= self.min_budget.get(quantity.unit, self.min_budget_usd):
            return False
        return not (self.unit_price_after.starts_after(text, quantity.end)
                    or self.per_named_unit.match(text[quantity.end:quantity.end + 60]))

    @staticmethod
    def _corrected(text: str, quantity: Quantity, context: DocContext, typed: list[Span]) -> Typing | None:
        """'about $40,000 per chip, not $107,000': the amount a correction sets against the money before it in its
        sentence is the same kind of money."""
        if not typed or not _CORRECTION_BEFORE.search(text, max(0, quantity.start - 16), _lead(quantity)):
            return None
        previous = typed[-1]
        if not previous._.typing.money or context.sentence_index(previous.start_char) != context.sentence_index(
                quantity.start):
            return None
        cue = Cue(previous.text, previous.start_char, previous.end_char,
                  f"{previous.label_}: the amount the correction sets this one against")
        return Typing(previous.label_, "corrected-amount", cue, rental=previous._.typing.rental, money=True)

    @staticmethod
    def _name_number_ends_line(text: str, quantity: Quantity) -> bool:
        """'GPUs planned for Alder 1': a single digit after a name at the end of a line of words is the name's
        number; a list row ('Naver Clova X 0.58', 'Gemini 3') opens its line with the name and keeps its figure."""
        if not quantity.text.isdigit() or len(quantity.text) > 1 or not _NAME_END.match(text, quantity.end):
            return False
        line_start = text.rfind("\n", 0, quantity.start) + 1
        return _LOWER_WORD_IN.search(text, line_start, quantity.start) is not None

    def _is_change(self, text: str, kind: str, quantity: Quantity) -> bool:
        """Whether the count right after one of its type's change cues is a gain or a loss, not a level."""
        regex = self.change_before.get(kind)
        return regex is not None and regex.search(text, max(0, quantity.start - 40), _lead(quantity)) is not None

    def _below_minimum(self, kind: str, quantity: Quantity) -> bool:
        """Whether the figure is below its type's smallest value (fact_types.json 'min_value')."""
        least = self.types[kind].spec.min_value if kind in self.types else None
        amount = quantity.value if quantity.value is not None else quantity.high
        return least is not None and amount is not None and amount < least

    # -- money -------------------------------------------------------------------------

    def _currency_by_restatement(self, quantity: Any, money_seen: dict, text: str) -> Any | None:
        """'the figure of 85 billion' after '85 billion yuan': same amount, same currency."""
        if quantity.value is None or quantity.value < self.restate_min or not quantity.scaled:
            return None
        if self.count_noun.match(text, quantity.end):
            return None
        unit = money_seen.get(amount_key(quantity.value))
        if unit is None:
            return None
        return replace(quantity, unit=unit, currency_source="restatement")

    def _type_money(self, text: str, quantity: Any, context: DocContext,
                    budgets: dict, typed: list[Span], per_token: list[int] | None = None) -> Typing | None:
        """A unit price, a budget, or None (not a fact)."""
        lo, hi = context.sentence(quantity.start)
        sentence = context.sentence_index(quantity.start)
        if self.not_unit_price_after.starts_after(text, quantity.end):
            if per_token is not None:
                per_token.append(sentence)
            return None  # a per-token or per-share price
        amount = quantity.value if quantity.value is not None else quantity.high
        if self._continues_per_token(text, quantity, amount, sentence, per_token):
            return None  # '$3 per million input tokens ...; its small model costs $0.20 and $0.80'
        corrected = self._corrected(text, quantity, context, typed)
        if corrected is not None:
            return corrected
        lead = _lead(quantity)
        if self.per_unit and amount < self.max_unit_price.get(quantity.unit, self.max_unit_price_usd):
            rental = bool(self.rental.nearest(text, quantity.start, quantity.end, lo, hi))
            bracket = _CONVERSION_BRACKET.match(text, quantity.end)  # 'RM168,000 (US$38,000) per B200'
            tail = bracket.end() if bracket is not None else quantity.end
            after = self.unit_price_after.starts_after(text, tail) or self.per_named_unit.match(
                text[tail:tail + 60])  # a match on the slice, as starts_after gives
            if after:
                cue = _cue(after, tail, "unit_price: a per-unit phrase right after the amount")
                return Typing(self.per_unit, "per-unit-after", cue, rental=rental, money=True)
            # the qualifier may itself price the item ('priced from US$92,000': 'priced from' is a lower bound)
            before = self.unit_price_before.ends_before(text, lead) or self.unit_price_before.ends_before(
                text, quantity.start)
            if before:
                cue = _cue(before, 0, "unit_price: a price phrase right before the amount")
                return Typing(self.per_unit, "price-phrase-before", cue, rental=rental, money=True)
            clause = self._price_clause(text, context, lo, lead)
            if clause:
                cue = _cue(clause, 0, "unit_price: the clause before the amount prices one item")
                return Typing(self.per_unit, "price-clause-before", cue, rental=rental, money=True)
            period = self.rental_period_after.starts_after(text, quantity.end) if rental else None
            if period:
                cue = _cue(period, quantity.end, "unit_price: a rental rate per month or week")
                return Typing(self.per_unit, "rental-per-period", cue, rental=True, money=True)
        if self.purpose.match(text, quantity.end):
            return None  # 'for coupons', 'on user subsidies': not capacity
        restated = self._restates_typed(text, quantity, typed)  # the same money in another currency, whatever cue
        if restated is not None:
            return restated
        positive = self.budget.nearest(text, quantity.start, quantity.end, lo, hi)
        negative = self.not_a_fact.nearest(text, quantity.start, quantity.end, lo, hi)
        if negative and (positive is None or negative[0] < positive[0] or negative[0] == positive[0] and len(
                negative[1].group()) >= len(positive[1].group())):
            return None  # a distractor cue (revenue, valuation…) is nearer; of two as near, the longer wins
        small = amount < self.min_budget.get(quantity.unit, self.min_budget_usd)  # a rate, not a budget
        if positive and self.total and not small:
            m = positive[1]
            if m.group().lower().startswith("invest") and self._invested_in_company(text, quantity, context, hi):
                return None  # an investment in a company
            return Typing(self.total, "cue", Cue(m.group(), m.start(), m.end(),
                                                 f"{self.total}: cue {m.group()!r}, the nearest in the sentence"),
                          money=True)
        earlier = budgets.get((quantity.unit, amount_key(quantity.value))) if quantity.value is not None else None
        if earlier is not None:
            cue = Cue(earlier.text, earlier.start, earlier.end, f"{self.total}: restates this earlier amount")
            return Typing(self.total, "restates-earlier-budget", cue, money=True)
        part = self._part_of_budget(text, quantity, lo, lead, typed)
        if part is not None:
            return part
        price = self._price_before(context, quantity, typed) if self.per_unit else None
        if price is not None:
            earlier = price._.typing
            cue = Cue(price.text, price.start_char, price.end_char, f"{self.per_unit}: continues the price before it")
            return Typing(self.per_unit, "continues-earlier-price", cue, continuation=True, rental=earlier.rental,
                          money=True)
        return UNDECIDED

    def _part_of_budget(self, text: str, quantity: Quantity, lo: int, lead: int, typed: list[Span]) -> Typing | None:
        """'Of that, R$2.5 billion goes to a supercomputer', 'Roughly $1.6 billion of that is for computing
        equipment': a smaller amount in the last budget's currency, in a clause that names the whole, is part of
        that budget."""
        if not self.total or not (self.part_opener.fullmatch(text, lo, lead) or self.part_after.match(text,
                                                                                                     quantity.end)):
            return None
        whole = next((s for s in reversed(typed) if s._.typing.money), None)
        if whole is None or whole.label_ != self.total or whole._.quantity.unit != quantity.unit:
            return None
        mine = quantity.value if quantity.value is not None else quantity.high
        theirs = whole._.quantity.value if whole._.quantity.value is not None else whole._.quantity.high
        if mine is None or theirs is None or mine >= theirs:
            return None
        cue = Cue(whole.text, whole.start_char, whole.end_char, f"{self.total}: a part of this earlier budget")
        return Typing(self.total, "part-of-earlier-budget", cue, money=True)

    def _converted_by(self, text: str, pending: tuple[Span, Quantity], quantity: Quantity,
                      typing: Typing) -> Span | None:
        """'¥84.6 billion (approximately $590 million) in support for ...': the cue follows the conversion, so the
        amount it converts, left undecided, takes the conversion's type."""
        span, original = pending
        if original.unit == quantity.unit or quantity.start - original.end > 24 or not self.conversion_gap.fullmatch(
                text, original.end, _lead(quantity)):
            return None
        fact_span = Span(span.doc, span.start, span.end, label=typing.kind)
        fact_span._.quantity = original
        fact_span._.typing = Typing(typing.kind, "converted-in-next", Cue(
            text[quantity.start:quantity.end], quantity.start, quantity.end,
            f"{typing.kind}: the conversion after it is one"), rental=typing.rental, money=True)
        return fact_span

    def _price_clause(self, text: str, context: DocContext, lo: int, lead: int) -> re.Match | None:
        """'the price of a 910C card at about', 'each GB300 rack costs buyers close to' ending at the amount,
        naming a chip or a counted item (a ticket's price is no unit price of the contract)."""
        for regex in self.price_clause:
            m = regex.search(text, max(lo, lead - 90), lead)
            if m is not None and (context.within("CHIP", m.start(), lead)
                                  or self.item_noun.search(text, m.start(), lead)):
                return m
        m = self.average_price.search(text, max(lo, lead - 90), lead)
        if m is not None:  # an average selling price: of chips where this sentence or the one before names one
            before = context.sentence(lo - 1)[0] if lo > 0 else lo
            if context.within("CHIP", before, lead) or self.item_noun.search(text, before, lead):
                return m
        return None

    def _restates_typed(self, text: str, quantity: Quantity, typed: list[Span]) -> Typing | None:
        """'120,000 yuan, or roughly $16,800': a conversion right after a typed amount takes its type."""
        if not typed or not typed[-1]._.typing.money or typed[-1]._.quantity.unit == quantity.unit:
            return None
        previous = typed[-1]
        gap = previous.end_char
        unit = self.unit_price_after.starts_after(text, gap) or self.per_named_unit.match(text[gap:gap + 60])
        if unit is not None and previous.label_ == self.per_unit:  # '¥690 per GPU-hour (about $4.80)'
            gap += unit.end()
            qualified = _UNIT_QUALIFIER.match(text, gap)  # 'AED 7.50 per GPU-hour on H200 capacity, about $2.04'
            gap = qualified.end() if qualified is not None else gap
        if quantity.start - gap > 24 or not self.conversion_gap.fullmatch(text, gap, _lead(quantity)):
            return None
        cue = Cue(previous.text, previous.start_char, previous.end_char, f"{previous.label_}: the amount it converts")
        return Typing(previous.label_, "converts-typed-amount", cue, rental=previous._.typing.rental, money=True)

    def _price_before(self, context: DocContext, quantity: Any, typed: list[Span]) -> Span | None:
        """The unit price this cue-less amount continues: the last price in its currency among the few figures
        before it ('¥560 (about $3.64) per GPU-hour ... and ¥780 on demand'), at most two sentences back, within
        a factor of ten."""
        if not typed or typed[-1].label_ != self.per_unit or quantity.value is None:
            return None
        here = context.sentence_index(quantity.start)
        for price in reversed(typed[-self.windows["price_continuation_figures"]:]):
            previous = price._.quantity
            if here - context.sentence_index(previous.start) > self.windows["price_continuation_sentences"]:
                return None
            if price.label_ != self.per_unit or previous.unit != quantity.unit or not previous.value:
                continue
            ratio = quantity.value / previous.value
            return price if Decimal("0.1") <= ratio <= 10 else None
        return None

    def _invested_in_company(self, text: str, quantity: Any, context: DocContext, hi: int) -> bool:
        """'invested $4 billion in Anthropic', 'its $8 billion investment in
        Anthropic': money put into another company, not into capacity."""
        orgs = context.index("ORG")
        window = self.in_company.finditer(text, quantity.end,
                                          min(hi, quantity.end + self.windows["investment_in_company_after"]))
        return any(orgs.starting_at(m.end()) for m in window)

    # -- counts ------------------------------------------------------------------------

    def _type_count(self, text: str, quantity: Any, context: DocContext, typed: list[Span],
                    local_products: LocalLines | None = None,
                    article_nouns: frozenset[tuple[str, str]] = frozenset()) -> Typing | None:
        """Chips, users or tokens by the noun after the number, or None (`article_nouns`: see _nouns_in_context)."""
        lead = _lead(quantity)
        if not quantity.scaled and (_REFERENCE.search(text, max(0, quantity.start - 4), quantity.start)
                                    or _FORM_NAME.match(text, quantity.end)):
            return None  # 'Teardown Note #24', 'the 10-Q, p. 14': a reference, not a figure
        if self.contents_of_one.search(text, max(0, lead - self.windows["contents_of_one_before"]), lead):
            return None  # the contents of one product ('each rack holds 72 GPUs')
        if (quantity.value or 0) < self.max_spec_count and self.contents_with.search(
                text, max(0, lead - self.windows["contents_with_before"]), lead):
            return None  # 'the GB300 NVL72 rack, with 72 GPUs,': its spec
        m = self.count_noun.match(text, quantity.end)
        if m is None and _opens_line(text, quantity.start) and (label := _FIGURE_LABEL.match(text, quantity.end)):
            m = self.count_noun.match(text, label.end() - 1)  # '- 24,000: GPUs planned for Alder 1'
        if m is not None and _HYPHEN_SPEC.match(text, quantity.end) and (quantity.value or 0) < self.max_spec_count:
            return None  # '8-GPU instance', 'a 72-GPU rack': a product's spec; '50,000-chip order' is a count
        if m is not None and (quantity.value or 0) < self.max_spec_count and self.each_after.match(text, m.end("noun")):
            return None  # 'used HGX H100 boxes (8 GPUs each)': one box's contents
        passive = (self.people_after.match(text, quantity.end) and (quantity.value or 0) >= self.min_passive_users
                   and self.people_using_before.search(text, max(0, lead - 40), lead))
        if not m and (self.people_using.match(text, quantity.end) or passive) and "user_count" in self.counted:
            cue = Cue(text[quantity.end:quantity.end + 7].strip(), quantity.end, quantity.end + 7,
                      "user_count: people who use a product")
            return Typing("user_count", "people-using", cue)
        if not m and self._is_word_pronoun(quantity):
            return None  # 'two of the people', 'the three', 'four of the companies': not a figure
        named = None if m else self.noun_of.search(text, max(0, lead - 60), lead)
        if named is not None and not self.bare_blocked.after_regex.match(text, quantity.end):
            noun = re.sub(r"\s+", " ", named.group("noun").lower())
            kind = self.noun_kind[noun]
            if noun not in self.needs_context[kind]:
                cue = Cue(named.group("noun"), named.start("noun"), named.end("noun"),
                          f"{kind}: the noun {noun!r} of the number before it")
                return Typing(kind, "noun-of", cue, noun=noun)
        if not m:
            product = self.product_noun.match(text, quantity.end) if self.product_kind else None
            if product is None and local_products is not None and self.product_kind:
                product = local_products.product.match(text, quantity.end)
            if product is not None and not self.count_not_before.ends_before(
                    text, lead, self.windows["count_not_before"]):
                group = next(g for g in ("plural", "times", "single") if product.group(g))
                cue = Cue(product.group(group), product.start(group), product.end(group),
                          f"{self.product_kind}: a product named as the count noun")
                return Typing(self.product_kind, f"product-{group}", cue)
            continued = self._continuation(text, quantity, context, typed)
            if continued is UNDECIDED and _OF_THEM.match(text, quantity.end):
                return self._of_them(text, quantity, context) or UNDECIDED
            return continued
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        kind = self.noun_kind[noun]
        if self.count_not_before.ends_before(text, lead, self.windows["count_not_before"]):
            return None
        if self.count_not_after.starts_after(text, m.end(), self.windows["count_not_after"]):
            return None
        if noun in self.needs_context[kind]:
            lo, hi = context.sentence(quantity.start)
            lo = context.sentence(lo - 1)[0] if lo > 0 else lo  # 'units' may refer to the chips of the sentence before
            label = self.context_label[kind]
            local = local_products is not None and label == "CHIP" and local_products.name.search(text, lo, hi)
            if not ((label and context.within(label, lo, hi)) or self.context_cues[kind].search(text, lo, hi)
                    or (kind, noun) in article_nouns or local):
                return None  # 'units', 'systems' with no sign that they are chips, here or anywhere in the article
        cue = Cue(m.group("noun"), m.start("noun"), m.end("noun"), f"{kind}: the noun {noun!r} after the number")
        return Typing(kind, "noun", cue, noun=noun)

    def _of_them(self, text: str, quantity: Any, context: DocContext) -> Typing | None:
        """'sampling KX-9 chips, and Halcyon has committed to 50,000 of them': the count of the noun its sentence
        named before it, when no count of the sentence carries on."""
        lo = context.sentence(quantity.start)[0]
        nouns = list(self.noun_anywhere.finditer(text, lo, _lead(quantity)))
        if not nouns:
            return None
        noun = re.sub(r"\s+", " ", nouns[-1].group("noun").lower())
        kind = self.noun_kind[noun]
        if noun in self.needs_context[kind]:
            return None
        cue = Cue(nouns[-1].group("noun"), nouns[-1].start("noun"), nouns[-1].end("noun"),
                  f"{kind}: the noun {noun!r} that 'of them' refers to")
        return Typing(kind, "noun-of-them", cue, noun=noun)

    def _continuation(self, text: str, quantity: Any, context: DocContext, typed: list[Span]) -> Typing | None:
        """A count whose noun is elided continues the previous count of its sentence."""
        if not typed or typed[-1].label_ not in self.counted:
            return UNDECIDED
        previous = typed[-1]
        if self.count_not_after.starts_after(text, quantity.end, self.windows["count_not_after"]):
            return UNDECIDED  # 'the first 120 MW', 'the other 40 acres': a measure, not the count continued
        lead = _lead(quantity)
        distance = context.sentence_index(quantity.start) - context.sentence_index(previous.start_char)
        cue = Cue(previous.text, previous.start_char, previous.end_char,
                  f"{previous.label_}: continues the count before it")
        if distance == 0 and self.continuation.search(text, previous.end_char, lead):
            return Typing(previous.label_, "continuation", cue, continuation=True)
        if distance <= self.continuation_sentences and self.continuation_cue.ends_before(
                text, lead, self.windows["continuation_verb_before"]):
            # 'We ordered 25,000, and the first 8,000 arrive…' after '…50,000 Blackwell GPUs'
            return Typing(previous.label_, "continuation-after-verb", cue, continuation=True)
        return UNDECIDED

    # -- figures with no noun or cue of their own ---------------------------------------

    def _is_bare(self, text: str, quantity: Quantity) -> bool:
        """Nothing after the number names what it counts: punctuation, a function word, a name. A list's rank
        ('1. DeepSeek') and a model's version ('Gemini 3 Flash') are not figures."""
        if self.count_not_before.ends_before(text, _lead(quantity), self.windows["count_not_before"]):
            return False
        if _FOOTNOTE.match(text, max(0, quantity.start - 1)) and quantity.unit is None and not quantity.scaled:
            return False  # 'Data centres and AI infrastructure (1)': a footnote marker
        if _opens_line(text, quantity.start) and _FIGURE_LABEL.match(text, quantity.end):
            return False  # '- 412: acres', '- 65: permanent jobs promised': the line names what it counts
        if not quantity.scaled and quantity.unit is None:
            if _opens_line(text, quantity.start) and _RANK.match(text, quantity.end):
                return False
            if _NAME_BEFORE.search(text, max(0, quantity.start - 30), quantity.start) and (
                    _NAME_OR_LEADER_AFTER.match(text, quantity.end) or self._name_number_ends_line(text, quantity)):
                return False  # 'Gemini 3 Flash', 'GPUs planned for Alder 1': a name's number
        line_end = text.find("\n", quantity.end, quantity.end + 40)
        rest = text[quantity.end:line_end if line_end != -1 else quantity.end + 40]
        if self.count_not_after.after_regex.match(rest):
            return False  # 'ended at 83.1 against the dollar'
        after = _NAMES_AFTER.match(rest)
        if self.bare_blocked.after_regex.match(rest[after.end():] if after else rest):
            return False  # '1,800 AI start-ups': another noun follows, past the names that qualify it
        m = _NEXT_WORDS.match(text, quantity.end)
        if m is None:
            return True
        word = m.group("word")
        if word in self.not_bare_units:
            return False
        if word[0].isupper():
            return True
        two = f"{word} {m.group('next') or ''}".strip().lower()
        return word.lower() in self.bare_followers or two in self.bare_followers

    def _type_bare(self, doc: Doc, context: DocContext, bare: list, typed: list[Span]) -> list[Span]:
        """Type the bare figures from the layout around them, else from the nearest typed figure of their
        value kind (see `bare_figures` in the cue data)."""
        text = context.text
        layout = doc_layout(doc)
        found: list[Span] = []
        counts = [s for s in typed if s.label_ in self.counted]
        count_starts = [s.start_char for s in counts]
        typed_starts = [s.start_char for s in typed]  # typed is in document order
        recent: Span | None = None  # the last bare count typed here (bare figures come in document order)
        dollar = currency_table().declared(text) if bare else None
        for span, bare_quantity in bare:
            quantity = self._scaled_by_layout(text, layout, bare_quantity, dollar)
            typing = self._kind_from_layout(text, layout, quantity, context)
            if typing not in (None, UNDECIDED) and typing.kind in self.counted and quantity.unit is not None:
                if typing.basis == "layout-row_label" and self.total:
                    # '(Unit: 100 million yen)' over 'GPU servers (HDI)  1,150': the row names what the money buys
                    typing = Typing(self.total, "layout-row-money", typing.cue, money=True)
                else:
                    quantity = bare_quantity  # 'GPUs to be hosted: 12,000' under a money header: a count, unscaled
            if typing not in (None, UNDECIDED) and typing.kind == self.total and self._app_row(
                    context, layout, quantity):
                continue  # '| ChatGPT | OpenAI | 512.4 | ... | 742.0 |': an app's money is its revenue, not a budget
            if typing is UNDECIDED:
                typing = self._kind_from_body(text, quantity, typed, typed_starts) or UNDECIDED
            if typing is UNDECIDED and quantity.unit is None:
                typing = self._kind_from_neighbour(text, context, quantity, counts, count_starts, recent)
            if typing is None or typing is UNDECIDED or self._below_minimum(typing.kind, quantity):
                continue
            fact_span = Span(doc, span.start, span.end, label=typing.kind)
            fact_span._.quantity = quantity
            fact_span._.typing = typing
            found.append(fact_span)
            if typing.kind in self.counted and not typing.basis.startswith("layout"):
                recent = fact_span  # a prose figure; a table cell's type is its column's, no antecedent
        return sorted([*typed, *found], key=lambda s: (s.start, s.end))

    @staticmethod
    def _app_row(context: DocContext, layout: DocumentLayout, quantity: Quantity) -> bool:
        """Whether a table row names an app (a chatbot, an assistant) before the figure: a ranking of apps, whose
        money columns are consumer spend."""
        line = layout.at(quantity.start).line
        return line.kind == "table_row" and bool(context.within("APP", line.start, quantity.start))

    def _kind_from_body(self, text: str, quantity: Quantity, typed: list[Span],
                        typed_starts: list[int]) -> Typing | None:
        """'4) 50,000' alone on its line, then 'GPUs that Hanbit Telecom will install by 2028 ...': a figure standing
        alone on its line (a newsletter's numbered item, a key-figure card) takes its type from the line below it:
        the same figure restated there, else the noun or the price or spending cue that opens it."""
        lead = _lead(quantity)
        line_start = text.rfind("\n", max(0, lead - 12), lead) + 1
        if (line_start == 0 and lead > 12) or not _ALONE_BEFORE.fullmatch(text, line_start, lead):
            return None
        line_end = text.find("\n", quantity.end, quantity.end + 12)
        if line_end == -1 or text[quantity.end:line_end].strip(" \t+*"):
            return None
        body_start = line_end + 1
        body_end = text.find("\n", body_start, body_start + _BODY_REACH)
        body_end = body_end if body_end != -1 else min(len(text), body_start + _BODY_REACH)
        for span in typed[bisect_left(typed_starts, body_start):bisect_left(typed_starts, body_end)]:
            restated = span._.quantity
            if restated.unit == quantity.unit and (
                    restated.value is not None and restated.value == quantity.value):
                cue = Cue(span.text, span.start_char, span.end_char, f"{span.label_}: the item's body restates it")
                return Typing(span.label_, "restated-in-body", cue, rental=span._.typing.rental,
                              money=span._.typing.money)
        opening_end = min(body_end, body_start + _OPENING_REACH)
        if quantity.unit is None:
            m = _OPENING_WORDS.match(text, body_start)
            noun = self.noun_anywhere.match(text, m.end(), opening_end) if m else None
            if noun is not None:
                kind = self.noun_kind[re.sub(r"\s+", " ", noun.group("noun").lower())]
                cue = Cue(noun.group("noun"), noun.start("noun"), noun.end("noun"), f"{kind}: the noun that opens the"
                          " item's body")
                return Typing(kind, "noun-opening-body", cue)
            product = self.product_noun.match(text, body_start) if self.product_kind else None
            if product is not None and product.group("plural"):
                cue = Cue(product.group("plural"), product.start("plural"), product.end("plural"),
                          f"{self.product_kind}: the product that opens the item's body")
                return Typing(self.product_kind, "noun-opening-body", cue)
            return None
        price = _PRICE_WORD.search(text, body_start, opening_end)
        if price is not None and self.per_unit:
            cue = Cue(price.group(), price.start(), price.end(), f"{self.per_unit}: the item's body opens on a price")
            return Typing(self.per_unit, "price-opening-body", cue,
                          rental=bool(self.rental.search(text, body_start, opening_end)), money=True)
        spend = self.budget.nearest(text, body_start, body_start, body_start, opening_end)
        if spend is not None and self.total and not self.not_a_fact.search(text, body_start, opening_end):
            m = spend[1]
            cue = Cue(m.group(), m.start(), m.end(), f"{self.total}: the item's body opens on {m.group()!r}")
            return Typing(self.total, "cue-opening-body", cue, money=True)
        return None

    def _scaled_by_layout(self, text: str, layout: DocumentLayout, quantity: Quantity,
                          dollar: str | None = None) -> Quantity:
        """'172' under 'MAU (million)', '55.2' under 'in billions of yen': the header's scale and currency. A
        column header or label that names a count noun and no scale or currency keeps the cell a plain count
        ('GPUs committed' under a caption that prices another column in ₹), though a caption may still scale it;
        a corner cell ('GPU' over the models' column) names the rows, not the cells."""
        if quantity.unit is None:
            symbol = layout.cell_currency(quantity.start)
            code = currency_table().read(symbol, text, dollar) if symbol else None
            if code is not None:
                quantity = replace(quantity, unit=code, currency_source="layout")
        if quantity.scaled:
            return quantity
        counted = False
        where = layout.at(quantity.start)
        for name, region in where.context_regions():
            if name == "caption" and where.block_header is not None:
                region = self._segment_for(text, region, where.block_header)
            power, code = header_reading(text[region.start:region.end], dollar)
            if counted and code:
                continue  # a count's column is scaled by a caption's 'million', not by its '₹ crore'
            if not power and not (code and quantity.unit is None):
                counted = counted or (quantity.unit is None and name in ("label", "column_header")
                                      and self.noun_anywhere.search(text, region.start, region.end))
                continue
            values = {name: None if getattr(quantity, name) is None else scaled(getattr(quantity, name), power)
                      for name in ("value", "low", "high")}
            return replace(quantity, **values, unit=quantity.unit or code, scaled=bool(power) or quantity.scaled,
                           currency_source=quantity.currency_source or ("layout" if code else None))
        return quantity

    def _entity_column(self, text: str, column: Region) -> bool:
        """'DataHarbor | TrendLens' under 'July 2026 MAU, millions': a column named by a name (a source, a party,
        a market) counts what the caption counts; a column of a common word ('Revenue', 'Staff', 'Change') or a
        cue names its own measure."""
        words = _HEADER_WORD.findall(text, column.start, column.end)
        if not words or any(not w[0].isupper() for w in words) or _DIGIT.search(text, column.start, column.end):
            return False
        if len(words) == 1 and not _NAME_SHAPED.fullmatch(words[0]):
            return False  # 'Change', 'Revenue': one plain word is a measure; 'DataHarbor', 'IDC' are names
        common = lowercase_words(text)
        return not any(w.lower() in common for w in words) and not any(
            cues.search(text, column.start, column.end)
            for cues in (self.not_a_fact, self.bare_blocked, self.price_column, self.noun_anywhere))

    def _segment_for(self, text: str, caption: Region, group: Region) -> Region:
        """'Capex in US$bn; installed GPUs in thousands' over a row group headed 'Installed GPU base': the part
        of a caption that scales the group, matched by what both count (a count noun, or money)."""
        if ";" not in text[caption.start:caption.end]:
            return caption
        counts = bool(self.noun_anywhere.search(text, group.start, group.end))
        cursor = caption.start
        for part in text[caption.start:caption.end].split(";"):
            segment = Region(cursor, cursor + len(part))
            cursor = segment.end + 1
            if bool(self.noun_anywhere.search(text, segment.start, segment.end)) == counts:
                return segment
        return caption

    def _kind_from_layout(self, text: str, layout: DocumentLayout, quantity: Quantity,
                          context: DocContext | None = None) -> Typing | None:
        """The type a table's column header, a key-figure label, a list's heading or a question gives. A cell
        under a column header takes only its column's word ('#' or 'change' columns count nothing)."""
        where = layout.at(quantity.start)
        regions = where.context_regions()
        # a cell takes its column's word only, unless the column just dates it or names a product ('H100'), or
        # the caption declares the cells' currency ('2026 capital expenditure, $ billion' over 'Latest guide')
        declared = quantity.currency_source == "layout"
        column = where.column_header
        product_column = column is not None and context is not None and bool(context.within("CHIP", column.start,
                                                                                             column.end))
        if (column is not None and not where.dating_column() and not declared and not product_column
                and not self._entity_column(text, column)):
            regions = [(name, region) for name, region in regions if name not in ("block_header", "caption")]
        if column is not None and quantity.unit is None and self.per_container.search(text, column.start, column.end):
            return None  # '| GPUs/node | Nodes/rack |': the columns give a product's spec
        for name, region in regions:
            if name == "label" and self.bare_blocked.regex.search(text, region.start, region.end):
                return None  # 'Start-ups registered: 1,150': the label counts something else
            near = max(region.end, quantity.start - self.windows["label_own_noun_before"])
            own = max(near, text.rfind(". ", near, quantity.start) + 1)  # the figure's own sentence, near it
            if name == "label" and self.bare_blocked.regex.search(text, own, quantity.start):
                return None  # 'USERS: ... and paying subscribers passed 3 million': the figure's own noun counts
            borrowed = quantity.unit is not None and quantity.currency_source == "layout"
            if quantity.unit is None or borrowed and name == "label":
                m = self.noun_anywhere.search(text, region.start, region.end)
                if m is not None:
                    noun = re.sub(r"\s+", " ", m.group("noun").lower())
                    kind = self.noun_kind[noun]
                    cue = Cue(m.group("noun"), m.start("noun"), m.end("noun"), f"{kind}: the {name} names {noun!r}")
                    return Typing(kind, f"layout-{name}", cue)  # the header's noun, not the figure's own
                if quantity.unit is None:
                    continue
            # a price per unit first: 'What do you charge per GPU-hour?' is a rate, not a charge
            price = (self.unit_price_after.regex.search(text, region.start, region.end)
                     or self.rental.regex.search(text, region.start, region.end)
                     or (name in ("column_header", "column_note")  # a 'Max. unit price' column
                         and self.price_column.regex.search(text, region.start, region.end)))
            if price and self.per_unit:
                cue = Cue(price.group(), price.start(), price.end(), f"{self.per_unit}: the {name} prices per unit")
                return Typing(self.per_unit, f"layout-{name}", cue, rental=True, money=True)
            if self.not_a_fact.nearest(text, region.start, region.end, region.start, region.end):
                return None
            total = self.budget.nearest(text, region.start, region.end, region.start, region.end)
            if total is not None and self.total:
                m = total[1]
                cue = Cue(m.group(), m.start(), m.end(), f"{self.total}: the {name} has the cue {m.group()!r}")
                return Typing(self.total, f"layout-{name}", cue, money=True)
        return (self._metric_column(text, where, quantity) or self._app_label(where, quantity, context, layout)
                or UNDECIDED)

    def _app_label(self, where: Any, quantity: Quantity, context: DocContext | None,
                   layout: DocumentLayout | None = None) -> Typing | None:
        """'3. Gemini — 780m', '- Copilot: 150 million weekly': a list line whose label is an app and whose figure
        has no noun of its own counts the app's users; so does a name in a ranking where other lines are apps
        ('4. Yunqi — 230m' among 'Gemini — 780m' and 'Copilot — 150m')."""
        label = where.label
        listed = where.line.bullet or where.block_header is not None
        if context is None or label is None or quantity.unit is not None or not self.app_kind or not (
                listed or NUMBERED_ITEM.match(context.text, where.line.start)):
            return None
        if not _LABEL_GAP.fullmatch(context.text, label.end, _lead(quantity)):
            return None  # the line's own figure only, right after its label: not 'Team now ~1,200' further on
        apps = context.within("APP", label.start, label.end)
        if apps:
            cue = Cue(apps[0].text, apps[0].start, apps[0].end, f"{self.app_kind}: the line's label is an app")
            return Typing(self.app_kind, "layout-app-label", cue)
        name = _RANKED_NAME.fullmatch(context.text, label.start, label.end)
        if name is None or layout is None or self._app_lines(context, layout) < self.min_app_lines:
            return None
        cue = Cue(name.group("name"), name.start("name"), name.end("name"),
                  f"{self.app_kind}: a name ranked among apps")
        return Typing(self.app_kind, "layout-ranked-app", cue)

    def _app_lines(self, context: DocContext, layout: DocumentLayout) -> int:
        """How many of the page's key-figure lines are labelled with an app (counted once per page)."""
        cached = self._app_lines_of
        if cached is None or cached[0] is not layout:
            count = sum(1 for line in layout.labelled_lines()
                        if context.within("APP", line.label.start, line.label.end))
            self._app_lines_of = cached = (layout, count)
        return cached[1]

    def _metric_column(self, text: str, where: Any, quantity: Quantity) -> Typing | None:
        """'Weekly active' over a cell, under the caption 'AI chatbot users (millions)': a column that names only
        its metric counts the caption's noun when that noun's type has the metric."""
        column, caption = where.column_header, where.block_header
        if quantity.unit is not None or column is None or caption is None:
            return None
        noun = self.noun_anywhere.search(text, caption.start, caption.end)
        if noun is None:
            return None
        kind = self.noun_kind[re.sub(r"\s+", " ", noun.group("noun").lower())]
        cues = self.metric_cues.get(kind)
        if cues is None or not cues.search(text, column.start, column.end):
            return None
        cue = Cue(noun.group("noun"), noun.start("noun"), noun.end("noun"),
                  f"{kind}: the caption names {noun.group('noun')!r}, the column its metric")
        return Typing(kind, "layout-metric-column", cue)

    def _kind_from_neighbour(self, text: str, context: DocContext, quantity: Quantity, counts: list[Span],
                             starts: list[int], recent: Span | None = None) -> Typing | None:
        """A noun before the figure in its clause, else the typed count it forms a range with, else the one
        before it (within max_sentences, comparable in size; `recent`: the last bare count typed so far, which
        'reached 4.8 trillion a day, compared with 1.9 trillion' continues)."""
        lo, _ = context.sentence(quantity.start)
        noun = self._noun_before(text, clause_start(text, lo, quantity.start), _lead(quantity))
        if noun is not None:
            word = re.sub(r"\s+", " ", noun.group("noun").lower())
            kind = self.noun_kind[word]
            cue = Cue(noun.group("noun"), noun.start("noun"), noun.end("noun"), f"{kind}: the noun before the figure")
            return Typing(kind, "noun-before", cue)
        i = bisect_left(starts, quantity.start)
        if i < len(counts):
            after = counts[i]
            if self.range_gap.fullmatch(text, quantity.end, after.start_char) and self._comparable(quantity, after):
                cue = Cue(after.text, after.start_char, after.end_char, f"{after.label_}: a range with the next count")
                return Typing(after.label_, "range-with-next", cue)
        before = counts[i - 1] if i > 0 else None
        if recent is not None and recent.start_char >= lo and recent.start_char < quantity.start and (
                before is None or recent.start_char > before.start_char):
            before = recent  # only within the figure's own sentence: a chain of bare figures must not run on
        if before is not None:
            distance = context.sentence_index(quantity.start) - context.sentence_index(before.start_char)
            if self.bare_blocked.regex.search(text, lo, quantity.start):
                return None  # 'Paying business seats reached 7 million': another noun counts it
            if distance <= self.bare_max_sentences and self._comparable(quantity, before):
                cue = Cue(before.text, before.start_char, before.end_char,
                          f"{before.label_}: the noun was said with this earlier figure")
                return Typing(before.label_, "antecedent", cue)
        return None

    def _noun_before(self, text: str, lo: int, start: int) -> re.Match | None:
        """'Weekly users for Lumo stood at about 6 million', 'daily token use rose from 12.7 trillion': the
        clause names the noun before the figure, with no other figure between."""
        last = None
        for m in self.noun_anywhere.finditer(text, lo, start):
            last = m
        if last is None or _DIGIT.search(text, last.end(), start):
            return None
        for blocked in self.bare_blocked.regex.finditer(text, last.end(), start):
            if not _IN_PHRASE.search(text, max(last.end(), blocked.start() - 40), blocked.start()):
                return None  # 'Paying business seats reached 7 million'; not 'token use on the Doubao models rose'
        return last

    def _is_word_pronoun(self, quantity: Quantity) -> bool:
        """A number written as one small word ('two of the people', 'the three'): a pronoun-like count."""
        words = quantity.text.split()
        return (quantity.unit is None and not quantity.scaled and len(words) == 1 and words[0].isalpha()
                and quantity.value is not None and quantity.value < self.max_word_pronoun)

    def _comparable(self, quantity: Quantity, other: Span) -> bool:
        mine = quantity.value if quantity.value is not None else quantity.high
        q = other._.quantity
        theirs = q.value if q.value is not None else q.high
        if not mine or not theirs:
            return False
        ratio = abs(mine / theirs)
        return 1 / self.bare_max_ratio <= ratio <= self.bare_max_ratio


_FOOTNOTE = re.compile(r"\(\d{1,2}\)|\[\d{1,2}\]")
_IN_PHRASE = re.compile(r"\b(?:on|of|for|across|by|in|at)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$")


def _cue(m: re.Match, offset: int, why: str) -> Cue:
    """A cue from a match of `CueList.starts_after` (on a slice starting at
    `offset`) or `ends_before` (on the text itself, offset 0)."""
    text = m.group().strip(" \t\n\"“”'’()[]")
    start = offset + m.start() + m.group().find(text)
    return Cue(text, start, start + len(text), why)


_RANKED_NAME = re.compile(r"(?:[ \t]*\d{1,2}[.)][ \t]+)?(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})")
_LABEL_GAP = re.compile(r"[\s:–—-]*")  # between a key-figure line's label and its figure


class LocalLines(NamedTuple):
    """An article's own chip lines: `product` reads one as a count noun, `name` finds one anywhere."""

    product: re.Pattern
    name: re.Pattern


def _product_regex(skipped: str, families: str) -> re.Pattern:
    """A product named as the count noun: '9,000 Blackwells', '350,000 x H100', '24,000 MI450.'"""
    return re.compile(
        rf"\+?[\"”]?[ \t-]*{skipped}(?:(?P<plural>(?:{families})[A-Za-z0-9-]*?s)|[x×]\s+(?P<times>(?:{families})[\w-]*)"
        rf"|(?P<single>(?:{families})[A-Za-z0-9-]*)(?=[ \t]*(?:$|[,;.)\n]|[ \t]+(?:and|or)\b)))"
        r"(?![\w])", re.M)


def _opens_line(text: str, offset: int) -> bool:
    """Only a list's bullets or indentation stand between the line's start and `offset` (a walk back over
    them, never over the whole line).

    >>> _opens_line("Ranking\\n - 1. DeepSeek", 11), _opens_line("Ranking 1. DeepSeek", 8)
    (True, False)
    """
    i = offset
    while i > 0 and text[i - 1] in " \t-*•":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _lead(quantity: Quantity) -> int:
    """Where the amount's wording starts once its qualifier is included
    ('sells for less than $100,000' -> the offset of 'less')."""
    start = quantity.qualifier_start
    return start if start is not None and start < quantity.start else quantity.start


@Language.factory("fact_typer", default_config={
    "quantities_key": QUANTITIES_KEY, "spans_key": FACTS_KEY, "ruler_key": RULER_KEY})
def make_fact_typer(nlp: Language, name: str, quantities_key: str, spans_key: str, ruler_key: str) -> FactTyper:
    return FactTyper(nlp, name, quantities_key, spans_key, ruler_key)
