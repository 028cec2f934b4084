"""Rendering the views to one self-contained HTML file (Jinja2, autoescaped).

CSS and JavaScript are package templates inlined into the page, so the file
opens from disk with no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2

from extractor.records import json_number
from extractor.view.errors import KINDS, RunView, run_view
from extractor.view.markup import Mark, Node, Tag, nest
from extractor.view.model import (
    Article,
    FactView,
    as_articles,
    fact_view,
    link_equivalents,
    sort_key,
    span_problem,
    styles,
    type_counts,
)

CSV_FIELDS = ("doc_id", "type", "value", "low", "high", "unit", "qualifier", "subject", "item", "metric", "period",
              "retracted", "equivalent_of", "start", "end", "text", "confidence", "rule")


def _csv_record(record: dict[str, Any]) -> dict[str, Any]:
    """The row's record for CSV export, JSON-ready (a caller's Decimals become numbers)."""
    return {name: json_number(value) if isinstance(value, Decimal) else value
            for name, value in ((name, record.get(name)) for name in CSV_FIELDS)}


@cache
def environment() -> jinja2.Environment:
    """Autoescaping for every .html template (CSS and JS are ours and hold no data)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("extractor.view", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["csv_record"] = _csv_record
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False,
                                          "separators": (",", ":")}  # CSV columns in contract order
    return env


@dataclass
class ArticleView:
    anchor: str
    article: Article
    nodes: list[Any]
    facts: list[FactView]
    counts: dict[str, int]
    unplaced: list[tuple[FactView, str]] = field(default_factory=list)


def _fact_mark(view: FactView) -> Mark:
    record = view.record
    return Mark(record["start"], record["end"], view.id, f"fact t-{view.type}",
                attrs=(("id", view.id), ("tabindex", "0"), ("aria-label", f"{record.get('text')}: {view.label}")),
                common=(("data-fact", view.id), ("data-type", view.type)))


def _evidence_tags(views: Iterable[FactView]) -> list[Tag]:
    return [Tag(start, end, f"{view.id}:{role}") for view in views for role, start, end in view.evidence_spans]


def article_view(article: Article, number: int) -> ArticleView:
    views = [fact_view(f"f{number}-{i}", record, article.text) for i, record in
             enumerate(sorted(article.facts, key=lambda r: (r.get("start", 0), r.get("end", 0))), 1)]
    link_equivalents(views)
    placed, unplaced = [], []
    for view in views:
        problem = span_problem(view.record, article.text)
        if problem:
            unplaced.append((view, problem))
        else:
            placed.append(view)
    nodes = nest(article.text, [_fact_mark(v) for v in placed], _evidence_tags(placed))
    return ArticleView(f"a{number}", article, nodes, views, type_counts(v.record for v in views), unplaced)


def _context() -> dict[str, Any]:
    return {"styles": styles(), "sort_key": sort_key, "is_node": lambda n: isinstance(n, Node)}


def render_html(docs_or_facts: Any, *, title: str = "Extracted facts",
                problems: Sequence[dict[str, str]] = ()) -> str:
    """One self-contained HTML page of articles with their facts highlighted.

    `docs_or_facts`: processed spaCy Docs, `Article`s or mappings with `doc_id`, `text` and `facts`
    (Fact objects or contract dicts, with or without `evidence`); `problems` are inputs that could
    not be read ({input, status, reason}), listed on the page so nothing disappears silently.
    """
    articles = [article_view(a, n) for n, a in enumerate(as_articles(docs_or_facts), 1)]
    all_facts = [(a, v) for a in articles for v in a.facts]
    totals = type_counts(v.record for _, v in all_facts)
    return environment().get_template("view.html").render(
        title=title, articles=articles, all_facts=all_facts, totals=totals, problems=list(problems),
        **_context())


def _where(name: str, view: FactView | None) -> tuple[tuple[str, str], ...]:
    return ((name, f"{view.record['start']}:{view.record['end']}"),) if view else ()


def _error_nodes(doc: Any) -> list[Any]:
    marks, views = [], []
    for item in doc.items:
        view = item.pred or item.gold
        marks.append(Mark(item.start, item.end, item.id, f"fact err e-{item.kind}",
                          attrs=(("id", item.id), ("tabindex", "0"),
                                 ("aria-label", f"{item.kind.replace('_', ' ')}: {view.label}")),
                          common=(("data-fact", item.id), ("data-kind", item.kind), ("data-type", view.type),
                                  *_where("data-gold", item.gold), *_where("data-pred", item.pred),
                                  *((("data-wrong", " ".join(item.wrong)),) if item.wrong else ()))))
        if item.pred is not None:
            views.append(item.pred)
    return nest(doc.text, marks, _evidence_tags(views))


def render_errors_html(runs: Sequence[Any], *, title: str = "Evaluation errors") -> str:
    """The evaluation view: per run (system x split), its score table, then every article with gold and
    predictions overlaid and each hit, attribute error, miss and false alarm beside its records."""
    views: list[RunView] = [run_view(run, n) for n, run in enumerate(runs, 1)]
    nodes = {doc.anchor: _error_nodes(doc) for view in views for doc in view.docs}
    return environment().get_template("errors.html").render(
        title=title, runs=views, nodes=nodes, kinds=KINDS, **_context())
