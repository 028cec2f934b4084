"""Each attribute resolver and its named strategies, as tables of sentences:
the value it sets and the strategy that decided it (from the fact's evidence)."""

from decimal import Decimal

import pytest

import extractor
from extractor.components.resolvers.base import Clauses, strategy_order
from extractor.components.resolvers.period import PeriodResolver
from extractor.fact_types import default_registry
from extractor.resources import load_json


def _facts(nlp, text):
    return extractor.extract(text, "2025-06-01", "r", nlp=nlp)


def _strategy(fact, attribute):
    return next((link.strategy for link in fact.evidence.links if link.attribute == attribute), None)


@pytest.mark.parametrize(
    ("text", "index", "equivalent_of", "strategy"),
    [
        ("Meta will spend RMB 160 billion (≈US$23 billion) on data centres in 2026.", 1, 16, "adjacent"),
        ("Meta will spend $23 billion on data centres, equivalent to RMB 160 billion.", 1, 16, "linking-phrase"),
        ("Meta will spend $23 billion on data centres; Tencent will spend RMB 100 billion.", 1, None, None),
        ("Meta will spend $23 billion (US$20 billion) on data centres.", 1, None, None),  # same currency
        # a second conversion of one original points at the original, and the date reaches all three
        ("Orbis will spend PLN 1.2 billion (roughly €282 million, or about $307 million) this year.", 2, 17,
         "adjacent"),
        # a price's conversion after its per-unit phrase
        ("Orbis lists the H200 at PLN 11.90 per GPU-hour (€2.80) on demand.", 1, 24, "adjacent"),
        ("Orbis paid around PLN 145,000 per B300 (about €34,000).", 1, 18, "adjacent"),
        # negative: a second amount after the bracket, in the original's currency, restates nothing
        ("Orbis will spend PLN 1.2 billion (roughly €282 million) and PLN 300 million more.", 2, None, None),
    ],
)
def test_conversion_resolver(nlp, text, index, equivalent_of, strategy):
    fact = _facts(nlp, text)[index]
    assert (fact.equivalent_of, _strategy(fact, "equivalent")) == (equivalent_of, strategy)


def test_conversion_group_shares_its_date(nlp):
    facts = _facts(nlp, "Orbis will spend PLN 1.2 billion (roughly €282 million, or about $307 million) this year.")
    assert [f.period for f in facts] == ["2025"] * 3


@pytest.mark.parametrize(
    ("text", "retracted", "strategies"),
    [
        ("Reports said Meta would spend $40 billion on chips. Meta denied the report.", [True],
         ["later-sentence-says-so"]),
        ("Meta will spend $40 billion on chips. That figure is wrong, a spokesperson said.", [True],
         ["later-sentence-says-so"]),
        ("Meta will spend $40 billion on chips, the FT said. Meta denied it would spend $40 billion on chips.",
         [True, True], ["same-amount", "clause-cue"]),
        ("Meta will spend $40 billion on chips. Analysts called the plan bold.", [False], [None]),
        ("Meta will spend $40 billion on chips. That figure is wrong, but Meta will spend $2 billion on chips.",
         [False, False], [None, None]),  # the retracting sentence has a figure of its own
    ],
)
def test_retraction_resolver(nlp, text, retracted, strategies):
    facts = _facts(nlp, text)
    assert [f.retracted for f in facts] == retracted
    assert [_strategy(f, "retracted") for f in facts] == strategies


@pytest.mark.parametrize(
    ("text", "index", "period", "strategy"),
    [
        ("Meta bought 10,000 GPUs last year.", 0, "2024", "sentence-date"),
        ("Meta will spend RMB 160 billion (≈US$23 billion) on data centres in 2026.", 1, "2026", "sentence-date"),
        ("Meta projected in September that it would spend $30 billion on data centres.", 0, None, None),
        ("Meta plans to spend $30 billion on AI infrastructure in 2026. Half of it, $15 billion, goes to chips.",
         1, "2026", "sub-allocation"),
        ("Meta plans to spend $30 billion on AI infrastructure in 2026. Two-thirds of that, $20 billion, goes to "
         "chips.", 1, "2026", "sub-allocation"),
        ("Meta plans to spend $30 billion on AI infrastructure in 2026. Two-thirds of that, $10 billion, goes to "
         "chips.", 1, None, None),  # the fraction does not fit
        ("Meta bought 10,000 B200 GPUs in 2025, and later another 5,000.", 1, "2025", "from-continued-figure"),
        ("Meta ordered 50,000 Blackwell GPUs in March. The first 8,000 arrive in June.", 1, "2025-06",
         "sentence-date"),
    ],
)
def test_period_resolver(nlp, text, index, period, strategy):
    fact = _facts(nlp, text)[index]
    assert (fact.period, _strategy(fact, "period")) == (period, strategy)


@pytest.mark.parametrize(
    ("text", "index", "subject", "strategy"),
    [
        ("ChatGPT has 800 million weekly active users.", 0, ["ChatGPT"], "product"),
        ("Nvidia said the new B200 lists for $40,000.", 0, ["Nvidia"], "maker-of-item"),
        ("Meta said the new B200 lists for $40,000.", 0, ["Meta"], "clause-party"),  # D27: no maker unless named
        ("The H100 is priced at $25,000. Rivals rent it for $2 per GPU hour.", 1, [], None),  # a rental: no maker
        ("Meta's 2025 capex reached $72 billion, and Oracle's $35 billion.", 1, ["Oracle"], "possessive"),
        ("Meta and Oracle will spend $50 billion on data centres.", 0, ["Meta", "Oracle"], "clause-party"),
        ("Spending of $400 billion in 2026 is planned by the four big cloud giants.", 0, [], "unnamed-group"),
        ("Google processed 480 trillion tokens a month. In June it processed 980 trillion tokens.", 1, ["Google"],
         "earlier-mention"),
        ("Meta bought 10,000 H200 chips. The first 8,000 arrive in June.", 1, ["Meta"], "continued-figure"),
        ("Meta is big. Meta is fast. The spending of $5 billion on data centres was approved.", 0, ["Meta"],
         "previous-sentence-organization"),
        # the look-back takes the party the article names most, not a place named once in passing
        ("Kestrel reported results on Monday. Its new hall is in Sakai, near Osaka, where Kestrel leased a former "
         "factory. The site holds 9,000 GPUs.", 0, ["Kestrel"], "previous-sentence-organization"),
        # a site named like a company is a place ('... AI Factory', '... Digital Park'), never the party
        ("Kestrel will open the Selatan AI Factory in March, Kestrel said. The Selatan AI Factory will house 4,608 "
         "GPUs.", 0, ["Kestrel"], "previous-sentence-organization"),
        # a key-figure line's label names its figure up to the clause's end, past a second sentence on the line
        ("Usage this week\n\n- Lumora: 8.2T tokens/wk across all models, +11% w/w. Top model: Pico, 29%.", 0,
         ["Lumora"], "row-label"),
        # negative: a kicker before a sentence that names its own party
        ("Usage this week\n\n- Norway: Kestrel Compute will deploy 10,000 GPUs in Rjukan next year, Kestrel Compute "
         "said.", 0, ["Kestrel Compute"], "clause-party"),
        # 'the government' of a country dateline, the nearest dateline before it in a roundup (D20)
        ("SINGAPORE — The government set aside S$1.5 billion for AI compute.", 0, ["Singapore"],
         "definite-description"),
        ("NORWAY — Data centres grow.\n\nKENYA — The ministry will spend KSh 4 billion on GPUs.", 0, ["Kenya"],
         "definite-description"),
        # negative: a city's dateline names no country; a company is no public body
        ("NAIROBI — The government set aside KSh 4 billion for AI compute.", 0, [], "article-organization"),
        ("SINGAPORE — The company will spend S$500 million on GPUs.", 0, [], "article-organization"),
        # a row under a user count names the product in full, not the maker inside its name
        ("Chatbots by MAU (millions)\nNaver Clova X 0.58\nKakao Kanana 0.31", 1, ["Kakao Kanana"], "row-label"),
        # ... while a budget's row keeps the party ('Orbitra Cloud' is Orbitra's)
        ("Capex, $ billion\nOrbitra ........ 4.1\nKestrel ........ 2.2", 1, ["Kestrel"], "row-label"),
        # a row naming two parties together lists both
        ("Hopper buyers, 2025 (GPUs)\n1. Orbitra ...... 485,000\n2. Kestrel and Lumen (combined) ...... 200,000",
         1, ["Kestrel", "Lumen"], "row-label"),
        # a legal name with a dotted designator is the name before it, never the designator alone
        ("AMSTERDAM — Nebius Group N.V. on Wednesday raised its 2026 capex forecast to $8 billion.", 0,
         ["Nebius Group"], "clause-party"),
        # a user count takes the product named in its sentence by role, else the last product named before,
        # unless 'Its' points at a party named since
        ("ChatGPT led with 20 million users. Analysts said Naver's main app has about 42 million monthly users.", 1,
         ["Naver"], "clause-party"),
        ("ChatGPT led with 20 million users. Wrtn fell again, Wrtn said. Its MAU of 3.12 million is lower.", 1,
         ["Wrtn"], "previous-sentence-organization"),
        ("ChatGPT led with 20 million users. Gemini was second. It had 9 million users.", 1, ["Gemini"], "product"),
        # 'the ministry' is the public body named before, also when the article goes on to use its acronym
        ("The Ministry of Science and ICT (MSIT) runs the programme. The ministry promised 10,000 GPUs this year.", 0,
         ["MSIT"], "definite-description"),
        # a market average has no party, even in the outlet's first person ('we track')
        ("Kestrel rents H100s. Average on-demand H100 price across the 14 clouds we track: $2.09 per GPU-hour.", 0,
         [], "market-average"),
        # negative: a party in the sentence sets its own average rate
        ("Kestrel's average H100 rate fell to $2.30 per GPU-hour, Kestrel said.", 0, ["Kestrel"], "clause-party"),
        # the product people use, named after them; a continued figure keeps its party
        ("Today, 190 million people use Vela every week, up from 60 million in January.", 0, ["Vela"], "product"),
        ("Today, 190 million people use Vela every week, up from 60 million in January.", 1, ["Vela"],
         "continued-figure"),
        # a press release's defined term is the party that defines it (D33)
        ('Orbis Data Centres Sdn Bhd ("Orbis" or "the Company") said on Monday it had signed a loan. The Company '
         "will spend RM2 billion on the campus.", 0, ["Orbis"], "clause-party"),
        ('Nimbus Holdings (the "Group") reported results. The Group will spend $2 billion on data centres.', 0,
         ["Nimbus Holdings"], "clause-party"),
    ],
)
def test_subject_resolver(nlp, text, index, subject, strategy):
    fact = _facts(nlp, text)[index]
    assert (fact.subject, _strategy(fact, "subject")) == (subject, strategy)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Meta bought 10,000 B200 GPUs.", ["B200"]),  # product-after
        ("Meta bought 10,000 GPUs last year.", [None]),  # class-noun-none
        ("Meta bought H200 chips: 10,000 units in all.", ["H200"]),  # product-before
        ("Meta bought 10,000 B200 GPUs in 2025, and later another 5,000.", ["B200", "B200"]),  # continued
        ("The H100 is priced at $25,000. Rivals rent them for $2 per GPU hour.", ["H100", "H100"]),  # previous
        ("Meta bought 10,000 H200 chips. Nvidia also shipped 5,000 units to Oracle.", ["H200", None]),
    ],
)
def test_item_resolver(nlp, text, items):
    assert [f.item for f in _facts(nlp, text)] == items


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("ChatGPT has 800 million weekly active users.", ["WAU"]),
        ("Gemini has 400 million users.", ["users"]),
        ("Doubao reached 150 million monthly users, said ByteDance.", ["MAU"]),
        ("Google processed 1.3 quadrillion tokens a month, or roughly 43 trillion a day.", ["monthly", "daily"]),
        ("Google processed 980 trillion tokens last month.", ["monthly"]),  # named-month
        ("Google processed 480 trillion tokens a month. In June it processed 980 trillion tokens.",
         ["monthly", "monthly"]),  # previous-of-type
        ("Google served 480 trillion tokens this quarter.", [None]),  # a rate with no metric
    ],
)
def test_metric_resolver(nlp, text, metrics):
    assert [f.metric for f in _facts(nlp, text)] == metrics


def test_an_unknown_strategy_name_is_an_error():
    with pytest.raises(ValueError, match=r"subject of toy: unknown strategies \['telepathy'\]"):
        strategy_order({"possessive": lambda scene, draft: True}, ["possessive", "telepathy"], "subject of toy")


@pytest.mark.parametrize(
    ("sentence", "at", "clause"),
    [
        ("Meta will spend $5bn, but Oracle will not.", "$5bn", "Meta will spend $5bn"),
        ("Meta denied it; Oracle will spend $5bn.", "$5bn", "Oracle will spend $5bn."),
        ("Meta will spend $5bn.", "$5bn", "Meta will spend $5bn."),
    ],
)
def test_clause_bounds_stop_at_clause_breaks(nlp, sentence, at, clause):
    from extractor.components.context import DocContext

    doc = nlp.make_doc(sentence)
    for _, proc in nlp.pipeline[:3]:
        doc = proc(doc)
    linker = nlp.get_pipe("attribute_linker")
    context = DocContext.of(doc, linker.ruler_key, linker.patterns)
    lo, hi = Clauses(load_json("link_cues.json")["clause_breaks"]).around(sentence, context, sentence.index(at))
    assert sentence[lo:hi] == clause


@pytest.mark.parametrize(
    ("cue", "ratio"),
    [("two-thirds of", Decimal("1.5")), ("a third of", Decimal(3)), ("half of it", Decimal(2)),
     ("a quarter of", Decimal(4)), ("of which", None)],
)
def test_a_fraction_cue_reads_its_longest_fraction_word(cue, ratio):
    resolver = PeriodResolver(load_json("link_cues.json"), default_registry())
    assert next((r for word, r in resolver.fractions if word in cue), None) == ratio

