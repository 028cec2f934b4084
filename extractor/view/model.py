"""What the HTML view shows, computed once in Python: articles, their facts
formatted for people, and the evidence in words.

Templates only print these; no formatting or matching happens in Jinja or JS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_compact_decimal, format_currency, format_decimal, get_currency_symbol

from extractor.records import FACT_TYPES, Fact
from extractor.resources import load_json

LOCALE = "en"
EVIDENCE_ROLES = ("type", "subject", "period", "item", "metric", "qualifier", "retracted", "equivalent_of")
COUNT_NOUNS = {"chips": "chips", "users": "users", "tokens": "tokens"}


def styles() -> dict[str, Any]:
    return load_json("view_styles.json")


@dataclass
class Article:
    """One article and the fact records (contract dicts) that point into its text."""

    doc_id: str
    text: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    published: str | None = None
    source: str | None = None


def _record(fact: Fact | Mapping[str, Any]) -> dict[str, Any]:
    return fact.to_dict() if isinstance(fact, Fact) else dict(fact)


def as_articles(docs_or_facts: Any) -> list[Article]:
    """Articles from what a user has at hand: processed spaCy Docs, `Article`s,
    or mappings with `doc_id`, `text`, `facts` (Fact objects or dicts) and
    optionally `published`; one of them alone or an iterable of them."""
    if isinstance(docs_or_facts, Article | Mapping) or hasattr(docs_or_facts, "spans"):
        docs_or_facts = [docs_or_facts]
    articles = []
    for number, item in enumerate(docs_or_facts, 1):
        if isinstance(item, Article):
            articles.append(Article(item.doc_id, item.text, [_record(f) for f in item.facts], item.published,
                                    item.source))
        elif isinstance(item, Mapping):
            if not isinstance(item.get("text"), str):
                raise TypeError(f"item {number}: a mapping needs a string 'text'")
            articles.append(Article(str(item.get("doc_id") or f"doc-{number}"), item["text"],
                                    [_record(f) for f in item.get("facts") or []], item.get("published")))
        elif hasattr(item, "spans") and hasattr(item, "text"):
            ext = item._
            facts = ext.facts if ext.has("facts") and ext.facts is not None else []
            doc_id = (ext.doc_id if ext.has("doc_id") else None) or f"doc-{number}"
            published = ext.published if ext.has("published") else None
            articles.append(Article(doc_id, item.text, [_record(f) for f in facts], published))
        else:
            raise TypeError(f"item {number}: expected a spaCy Doc, an Article or a mapping, "
                            f"got {type(item).__name__}")
    return articles


# -- numbers ---------------------------------------------------------------------------


def _number(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_amount(value: Any, unit: str | None) -> str:
    """One number for people: '$23,000,000,000', 'CN¥160,000,000,000', '20,000 chips'."""
    number = _number(value)
    if unit and len(unit) == 3 and unit.isupper():
        if get_currency_symbol(unit, locale=LOCALE) == unit:
            return f"{unit} {format_decimal(number, format='#,##0.##', locale=LOCALE)}"
        return format_currency(number, unit, locale=LOCALE, format="¤#,##0.##", currency_digits=False)
    shown = format_decimal(number, format="#,##0.##", locale=LOCALE)
    return f"{shown} {COUNT_NOUNS[unit]}" if unit in COUNT_NOUNS else shown


def format_value(record: Mapping[str, Any]) -> str:
    """The record's value, or its range as low–high; '?' when the record has neither."""
    unit = record.get("unit")
    if record.get("value") is not None:
        return format_amount(record["value"], unit)
    if record.get("low") is not None and record.get("high") is not None:
        if unit in COUNT_NOUNS:
            low = format_decimal(_number(record["low"]), format="#,##0.##", locale=LOCALE)
            return f"{low}–{format_amount(record['high'], unit)}"
        return f"{format_amount(record['low'], unit)}–{format_amount(record['high'], unit)}"
    return "?"


def format_words(record: Mapping[str, Any]) -> str:
    """The size in words ('23 billion', '40 thousand–80 thousand'), to read long numbers at a glance."""
    def words(x: Any) -> str:
        number = _number(x)
        if abs(number) < 1_000_000:
            return format_decimal(number, locale=LOCALE)
        return format_compact_decimal(number, format_type="long", locale=LOCALE, fraction_digits=2)

    if record.get("value") is not None:
        return words(record["value"])
    if record.get("low") is not None and record.get("high") is not None:
        return f"{words(record['low'])}–{words(record['high'])}"
    return ""


def sort_key(record: Mapping[str, Any]) -> str:
    number = record.get("value") if record.get("value") is not None else record.get("low")
    return "" if number is None else str(number)


# -- evidence --------------------------------------------------------------------------


def _entries(record: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(role, entry) of the record's evidence: the known roles in their order, then any others;
    a role may hold one entry or a list of them (several subjects); anything else is skipped."""
    evidence = record.get("evidence")
    if not isinstance(evidence, Mapping):
        return []
    roles = [r for r in EVIDENCE_ROLES if r in evidence] + sorted(str(r) for r in evidence if r not in EVIDENCE_ROLES)
    out = []
    for role in roles:
        value = evidence.get(role)
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, Mapping):
                out.append((role, entry))
    return out


def evidence_spans(record: Mapping[str, Any], text: str) -> list[tuple[str, int, int]]:
    """(role, start, end) of every evidence entry whose offsets lie in the text."""
    spans = []
    for role, entry in _entries(record):
        start, end = entry.get("start"), entry.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append((role if role.isidentifier() else "other", start, end))
    return spans


def evidence_words(record: Mapping[str, Any]) -> list[str]:
    """The evidence as sentences: "budget because of the cue 'plans to spend'", "subject 'ByteDance':
    the buyer before 'will spend'"; the rule string when there is no evidence."""
    labels = styles()["evidence"]
    lines: list[str] = []
    for role, entry in _entries(record):
        quoted, why = entry.get("text"), entry.get("why")
        if role == "type":
            kind = record.get("type", "fact")
            head = f"{kind} because of the cue '{quoted}'" if quoted else kind
        else:
            label = labels.get(role, {}).get("label", role.replace("_", " "))
            head = f"{label} '{quoted}'" if quoted else label
        lines.append(f"{head}: {why}" if why else head)
    if not lines and record.get("rule"):
        lines.extend(f"rule: {part}" for part in str(record["rule"]).split(";") if part)
    return lines


# -- facts -----------------------------------------------------------------------------


@dataclass
class FactView:
    """A fact as the page shows it."""

    id: str
    record: dict[str, Any]
    amount: str
    words: str
    evidence: list[str]
    evidence_spans: list[tuple[str, int, int]]
    restates: FactView | None = None
    restated_by: list[FactView] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.record.get("type", "")

    @property
    def subject(self) -> str:
        return ", ".join(self.record.get("subject") or [])

    @property
    def confidence(self) -> str:
        value = self.record.get("confidence")
        return f"{value:.2f}" if isinstance(value, int | float) and not isinstance(value, bool) else ""

    @property
    def label(self) -> str:
        return f"{self.type}: {self.amount}"


def fact_view(fact_id: str, record: dict[str, Any], text: str) -> FactView:
    return FactView(fact_id, record, format_value(record), format_words(record), evidence_words(record),
                    evidence_spans(record, text))


def link_equivalents(views: list[FactView]) -> None:
    """Point each restating money fact at the fact it restates (same article, by start offset)."""
    by_start = {v.record.get("start"): v for v in views}
    for view in views:
        target = by_start.get(view.record.get("equivalent_of"))
        if target is not None and target is not view:
            view.restates = target
            target.restated_by.append(view)


def span_problem(record: Mapping[str, Any], text: str) -> str | None:
    """Why a record cannot be shown at its place in the text, or None."""
    start, end = record.get("start"), record.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return f"offsets {start!r}..{end!r} outside the text"
    if record.get("text") is not None and text[start:end] != record["text"]:
        return f"text {record['text']!r} is not the article's {text[start:end]!r} at {start}..{end}"
    return None


def type_counts(records: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    counts = Counter(str(r.get("type")) for r in records)
    return {kind: counts.get(kind, 0) for kind in (*FACT_TYPES, *sorted(set(counts) - set(FACT_TYPES)))}
