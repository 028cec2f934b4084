"""The HTML view: parsed back with lxml, every fact is where the record says, escaped, explained."""

from __future__ import annotations

import json
from collections import Counter

import lxml.html
import pytest

import extractor
from extractor.corpus import read_corpus, read_gold
from extractor.records import FACT_TYPES, blank_record
from extractor.view import Article, render_html
from extractor.view.markup import Mark, Node, Text, nest
from extractor.view.model import evidence_words, format_value


def parse(html: str):
    return lxml.html.document_fromstring(html)


def marks_with_offsets(text_div) -> list[tuple[int, int, dict[str, str]]]:
    """(start, end, attributes) of every first piece of a mark, offsets in the div's text."""
    found: list[tuple[int, int, dict[str, str]]] = []

    def walk(element, position: int) -> int:
        position += len(element.text or "")
        for child in element:
            start = position
            position = walk(child, position)
            if child.tag == "mark" and "cont" not in child.get("class", "").split():
                found.append((start, position, dict(child.attrib)))
            position += len(child.tail or "")
        return position

    walk(text_div, 0)
    return found


def articles_of(html: str) -> dict[str, object]:
    return {a.get("data-doc"): a for a in parse(html).xpath('//article[contains(@class, "article")]')}


@pytest.fixture(scope="module")
def seed(root):
    documents = read_corpus(root / "corpus")
    gold = read_gold(root / "annotations", [d.doc_id for d in documents])
    return documents, gold


@pytest.fixture(scope="module")
def seed_extracted(seed, nlp):
    documents, _ = seed
    return [Article(d.doc_id, d.text, [f.to_dict() for f in extractor.extract(d.text, d.published, d.doc_id, nlp=nlp)],
                    d.published) for d in documents]


def seed_articles(seed, seed_extracted, source: str) -> list[Article]:
    documents, gold = seed
    if source == "extractor":
        return seed_extracted
    return [Article(d.doc_id, d.text, [g for g in gold if g["doc_id"] == d.doc_id], d.published) for d in documents]


@pytest.mark.parametrize("source", ["gold", "extractor"])
def test_view_every_seed_fact_appears_once_as_its_text(seed, seed_extracted, source):
    articles = seed_articles(seed, seed_extracted, source)
    assert sum(len(a.facts) for a in articles) > 20
    rendered = articles_of(render_html(articles))
    for article in articles:
        text_div = rendered[article.doc_id].xpath('.//div[@class="text"]')[0]
        assert text_div.text_content() == article.text  # line breaks and all, nothing added
        shown = Counter((start, end, attrs["data-type"]) for start, end, attrs in marks_with_offsets(text_div))
        expected = Counter((f["start"], f["end"], f["type"]) for f in article.facts)
        assert shown == expected
        for start, end, _attrs in marks_with_offsets(text_div):
            assert any(f["text"] == article.text[start:end] for f in article.facts if f["start"] == start)


@pytest.mark.parametrize("source", ["gold", "extractor"])
def test_view_counts_per_type_match_the_facts(seed, seed_extracted, source):
    articles = seed_articles(seed, seed_extracted, source)
    page = parse(render_html(articles))
    for row, article in zip(page.xpath('//table[@id="index-table"]/tbody/tr'), articles, strict=True):
        counts = Counter(f["type"] for f in article.facts)
        assert {td.get("data-type"): int(td.text_content()) for td in row.xpath("td[@data-type]")} == \
            {kind: counts.get(kind, 0) for kind in FACT_TYPES}
    rows = page.xpath('//table[@id="all-facts-table"]/tbody/tr')
    assert Counter(r.get("data-type") for r in rows) == Counter(f["type"] for a in articles for f in a.facts)


NASTY = [
    "Acme <script>alert(1)</script> will spend $5bn on data centres.",
    'Acme said "we will spend $5bn" & more on R&D; it\'s "final".',
    "Acme &amp; Co will spend $5bn &lt;b&gt;now&lt;/b&gt; on chips.",
    "</div></article><img src=x onerror=alert(1)> Acme will spend $5bn.",
    "Acme will spend $5bn.\n\n</textarea><!-- not a comment --> {{ 7*7 }} {% raw %}",
]


@pytest.mark.parametrize("text", NASTY)
def test_view_article_text_is_shown_as_text(text):
    start = text.index("$5bn")
    fact = blank_record(doc_id='x"><script>alert(2)</script>', value=5_000_000_000, unit="USD", start=start,
                        end=start + 4, text="$5bn", subject=["<b>Acme</b> & \"Co\" 's"], rule="cue '<i>spend</i>'")
    html = render_html([{"doc_id": fact["doc_id"], "text": text, "facts": [fact]}])
    page = parse(html)
    assert all("alert" not in (s.text or "") for s in page.xpath("//script"))
    assert not page.xpath("//img") and not page.xpath("//b") and not page.xpath("//i")
    (text_div,) = page.xpath('//div[@class="text"]')
    assert text_div.text_content() == text
    assert "<script>alert(1)" not in html and "<script>alert(2)" not in html
    (template,) = page.xpath('//template[starts-with(@id, "d-")]')
    assert '<b>Acme</b> & "Co" \'s' in template.text_content()
    (row,) = page.xpath('//table[@id="all-facts-table"]/tbody/tr')
    assert json.loads(row.get("data-record"))["subject"] == fact["subject"]


TEXT = "ByteDance plans to spend 160 billion yuan (about $23 billion) in 2026.\nIt denied buying 20,000 chips."
EVIDENCE = {
    "type": {"text": "plans to spend", "start": 10, "end": 24, "why": "budget: cue 'plans to spend' before the amount"},
    "subject": {"text": "ByteDance", "start": 0, "end": 9, "why": "the buyer before 'plans to spend'"},
    "period": {"text": "in 2026", "start": 62, "end": 69, "why": "a year in the figure's sentence"},
}


def facts_for_evidence() -> list[dict]:
    return [
        blank_record(doc_id="ev", value=160_000_000_000, unit="CNY", start=25, end=41, text="160 billion yuan",
                     subject=["ByteDance"], period="2026", evidence=EVIDENCE, confidence=0.87),
        blank_record(doc_id="ev", value=23_000_000_000, unit="USD", start=49, end=60, text="$23 billion",
                     qualifier="approx", subject=["ByteDance"], period="2026", equivalent_of=25,
                     evidence={"equivalent_of": {"text": "160 billion yuan", "start": 25, "end": 41,
                                                 "why": "conversion in parentheses"},
                               "subject": None, "item": {"start": None}}),
        blank_record(doc_id="ev", type="chip_count", value=20_000, unit="chips", start=88, end=94, text="20,000",
                     retracted=True, rule="count:chip_count:noun:chips;retracted:denied"),
    ]


def test_view_outlines_the_evidence_spans_of_each_fact():
    page = parse(render_html([{"doc_id": "ev", "text": TEXT, "facts": facts_for_evidence()}]))
    (text_div,) = page.xpath('//div[@class="text"]')
    first, second, third = (attrs["data-fact"] for _, _, attrs in sorted(marks_with_offsets(text_div)))
    tokens = Counter()
    covered: dict[str, str] = {}
    for span in text_div.xpath('.//span[@data-ev]'):
        for token in span.get("data-ev").split():
            tokens[token] += 1
            covered[token] = covered.get(token, "") + span.text_content()
    assert covered == {f"{first}:type": "plans to spend", f"{first}:subject": "ByteDance",
                       f"{first}:period": "in 2026", f"{second}:equivalent_of": "160 billion yuan"}
    assert not any(token.startswith(third + ":") for token in tokens)


def details(page, fact_id: str) -> str:
    (template,) = page.xpath(f'//template[@id="d-{fact_id}"]')
    return " ".join(template.text_content().split())


def test_view_details_say_value_subject_link_confidence_and_evidence():
    page = parse(render_html([{"doc_id": "ev", "text": TEXT, "facts": facts_for_evidence()}]))
    first, second, third = (f"f1-{n}" for n in (1, 2, 3))
    one = details(page, first)
    assert "CN¥160,000,000,000 (160 billion)" in one and "ByteDance" in one and "2026" in one
    assert "budget because of the cue 'plans to spend': budget: cue 'plans to spend' before the amount" in one
    assert "subject 'ByteDance': the buyer before 'plans to spend'" in one and "0.87" in one
    (link,) = page.xpath(f'//template[@id="d-{second}"]//a[@data-goto]')
    assert link.get("href") == f"#{first}" and "160 billion yuan" in link.text_content()
    assert page.xpath(f'//template[@id="d-{first}"]//a[@href="#{second}"]')  # restated as
    three = details(page, third)
    assert "20,000 chips" in three and "(20,000)" not in three and "yes: the article says" in three
    assert [li.text_content() for li in page.xpath(f'//template[@id="d-{third}"]//ul[@class="d-evidence"]/li')] == \
        ["rule: count:chip_count:noun:chips", "rule: retracted:denied"]


@pytest.mark.parametrize(("record", "shown"), [
    ({"value": 160_000_000_000, "unit": "CNY"}, "CN¥160,000,000,000"),
    ({"value": 23_000_000_000, "unit": "USD"}, "$23,000,000,000"),
    ({"value": 20_000.5, "unit": "USD"}, "$20,000.5"),
    ({"value": 1_500_000, "unit": "EUR"}, "€1,500,000"),
    ({"value": None, "low": 350_000_000_000, "high": 400_000_000_000, "unit": "USD"},
     "$350,000,000,000–$400,000,000,000"),
    ({"value": None, "low": 40_000, "high": 80_000, "unit": "chips"}, "40,000–80,000 chips"),
    ({"value": 1_300_000_000_000_000, "unit": "tokens"}, "1,300,000,000,000,000 tokens"),
    ({"value": 150, "unit": "INR"}, "₹150"),
    ({"value": 5, "unit": "XAG"}, "XAG 5"),  # a code with no symbol keeps the code
    ({"value": None, "low": None, "high": None, "unit": "USD"}, "?"),
])
def test_format_value(record, shown):
    assert format_value(record) == shown


@pytest.mark.parametrize(("record", "words"), [
    ({"type": "budget", "rule": "money:budget:cue:spend;subject:org"},
     ["rule: money:budget:cue:spend", "rule: subject:org"]),
    ({"type": "budget"}, []),
    ({"type": "budget", "evidence": None, "rule": "r"}, ["rule: r"]),
    ({"type": "budget", "evidence": {}, "rule": "r"}, ["rule: r"]),
    ({"type": "budget", "evidence": {"type": {"text": "capex"}}}, ["budget because of the cue 'capex'"]),
    ({"type": "user_count", "evidence": {"metric": {"why": "'weekly' before the noun"}}},
     ["metric: 'weekly' before the noun"]),
    ({"type": "budget", "evidence": {"retracted": {"text": "denied", "why": "a denial verb"}, "subject": None}},
     ["retraction 'denied': a denial verb"]),
    ({"type": "budget", "evidence": {"subject": [{"text": "Microsoft"}, {"text": "Meta", "why": "listed"}, "x"]}},
     ["subject 'Microsoft'", "subject 'Meta': listed"]),
    ({"type": "budget", "evidence": {"number_pattern": {"text": "$5bn", "why": "symbol before"}, "type": 3}},
     ["number pattern '$5bn': symbol before"]),
])
def test_evidence_words(record, words):
    assert evidence_words(record) == words


def test_view_keeps_facts_whose_offsets_do_not_fit_and_says_so():
    bad = blank_record(doc_id="d", value=5, unit="USD", start=3, end=99, text="$5")
    page = parse(render_html([{"doc_id": "d", "text": "It costs $5.", "facts": [bad]}]))
    assert not page.xpath('//div[@class="text"]//mark')
    assert "outside the text" in page.xpath('//p[@class="warning"]/following-sibling::ul')[0].text_content()
    assert len(page.xpath('//table[@id="all-facts-table"]/tbody/tr')) == 1


def test_view_rows_carry_the_contract_record_for_csv():
    page = parse(render_html([{"doc_id": "ev", "text": TEXT, "facts": facts_for_evidence()}]))
    rows = page.xpath('//table[@id="all-facts-table"]/tbody/tr')
    records = [json.loads(r.get("data-record")) for r in rows]
    assert [r["text"] for r in records] == ["160 billion yuan", "$23 billion", "20,000"]
    assert records[0]["subject"] == ["ByteDance"] and records[2]["retracted"] is True


def test_render_html_takes_processed_docs(nlp):
    doc = nlp("Zorbly Labs will spend $2bn on data centres next year.")
    page = parse(render_html(doc))
    (mark,) = page.xpath('//div[@class="text"]//mark')
    assert mark.text_content() == "$2bn" and mark.get("data-type") == "budget"


@pytest.mark.parametrize("bad", [42, [object()], [{"doc_id": "x"}]])
def test_render_html_rejects_what_it_cannot_show(bad):
    with pytest.raises(TypeError):
        render_html(bad)


# -- nesting marks ---------------------------------------------------------------------


def pieces(nodes, into=None, position=0):
    """(key, start, end) of each mark piece, and the leaf text in order."""
    into = [] if into is None else into
    leaves = []
    for node in nodes:
        if isinstance(node, Text):
            leaves.append(node.text)
            position += len(node.text)
        else:
            inner, _ = pieces(node.children, into, position)
            text = "".join(inner)
            into.append((node.attrs["data-key"], position, position + len(text), "cont" in node.attrs["class"]))
            leaves.extend(inner)
            position += len(text)
    return leaves, into


@pytest.mark.parametrize(("spans", "split"), [
    ([(0, 4), (6, 10)], set()),                 # apart
    ([(0, 10), (2, 5)], set()),                 # nested
    ([(0, 5), (0, 5)], set()),                  # identical (a miss and a false alarm on one figure)
    ([(0, 6), (3, 10)], {"m1"}),                # crossing: the later one is split
    ([(0, 10), (2, 12), (4, 6)], {"m1"}),
    ([(0, 10), (2, 12), (4, 11)], {"m1", "m2"}),
    ([(5, 3), (-1, 4), (2, 40)], set()),        # outside the text: left out
])
def test_nest_keeps_text_and_splits_only_crossing_marks(spans, split):
    text = "0123456789AB"
    marks = [Mark(s, e, f"m{i}", "fact", common=(("data-key", f"m{i}"),)) for i, (s, e) in enumerate(spans)]
    nodes = nest(text, marks)
    leaves, found = pieces(nodes)
    assert "".join(leaves) == text
    valid = {m.key: (m.start, m.end) for m in marks if 0 <= m.start < m.end <= len(text)}
    for key, (start, end) in valid.items():
        parts = sorted((s, e) for k, s, e, _ in found if k == key)
        assert parts[0][0] == start and parts[-1][1] == end
        assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert {k for k, *_ , cont in found if cont} == split
    assert all(isinstance(n, Node | Text) for n in nodes)
