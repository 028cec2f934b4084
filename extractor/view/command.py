"""`extractor view`: read inputs, take or extract their facts, write one HTML page.

Every input is accounted for: articles shown, with facts from the store or
freshly extracted, and inputs skipped or failed with their reason (printed and
listed on the page).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.view.model import Article


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)
    from_store: int = 0
    extracted: int = 0
    from_file: int = 0

    def problem(self, source: str, reason: str, status: str) -> None:
        self.problems.append({"input": source, "reason": reason, "status": status})

    def report(self, out: Path) -> str:
        facts = sum(len(a.facts) for a in self.articles)
        lines = [f"viewed {len(self.articles)} articles, {facts} facts "
                 f"({self.extracted} extracted, {self.from_store} from the store, {self.from_file} from --facts); "
                 f"skipped {sum(p['status'] == 'skipped' for p in self.problems)}, "
                 f"failed {sum(p['status'] == 'failed' for p in self.problems)}"]
        lines += [f"  {p['status']} {p['input']}: {p['reason']}" for p in self.problems]
        lines.append(f"wrote {out}")
        return "\n".join(lines)


def _facts_file(path: str) -> dict[str, list[dict[str, Any]]]:
    from extractor.corpus import read_jsonl

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in read_jsonl(path):
        by_doc.setdefault(str(record.get("doc_id")), []).append(record)
    return by_doc


def collect(paths: Iterable[str], manifest: str | None = None, db: str | None = None,
            facts_path: str | None = None, model: str | None = None) -> Collected:
    """Articles of the inputs with their facts: from `facts_path` when given, else from the store when
    it holds the same content, else extracted (the pipeline is loaded once, only if needed). With no
    inputs, every processed document of the store."""
    from extractor.batch import _extract_safely
    from extractor.sources import NewsItem, iter_inputs
    from extractor.store import Store

    collected = Collected()
    given = _facts_file(facts_path) if facts_path else None
    store = Store(db) if db else None
    nlp = None
    try:
        paths = list(paths)
        if not paths and store is not None:
            for row in store.documents():
                if row["status"] == "processed":
                    collected.articles.append(Article(row["doc_id"], store.text(row["doc_id"]) or "",
                                                      list(store.query(doc_id=row["doc_id"])), None, row["source"]))
                    collected.from_store += 1
                else:
                    collected.problem(row["source"] or row["doc_id"], row["reason"] or row["status"], row["status"])
            return collected
        for item in iter_inputs(paths, manifest):
            if not isinstance(item, NewsItem):
                collected.problem(item.source, item.reason, item.status)
                continue
            if given is not None:
                facts = given.get(item.doc_id, [])
                collected.from_file += 1
            elif store is not None and store.is_current(item.doc_id, item.content_hash):
                facts = list(store.query(doc_id=item.doc_id))
                collected.from_store += 1
            else:
                if nlp is None:
                    from extractor.pipeline import load

                    nlp = load(model) if model else load()
                facts, error = _extract_safely(item, nlp)
                if error is not None:
                    collected.problem(item.source, error, "failed")
                    continue
                collected.extracted += 1
            collected.articles.append(Article(item.doc_id, item.text, facts, item.published, item.source))
    finally:
        if store is not None:
            store.close()
    return collected


def run(paths: list[str], out: str, manifest: str | None = None, db: str | None = None,
        facts_path: str | None = None, model: str | None = None, title: str | None = None) -> int:
    """The command: 0 when every input was shown, 1 when one failed, 2 for a usage mistake."""
    from extractor.view.render import render_html

    if not paths and not db:
        print("extractor view: give inputs, or --db to view a store", file=sys.stderr)
        return 2
    if db and not paths and not Path(db).exists():
        print(f"extractor view: no store at {db}", file=sys.stderr)
        return 2
    try:
        collected = collect(paths, manifest, db, facts_path, model)
    except (OSError, ValueError) as error:
        print(f"extractor view: {error}", file=sys.stderr)
        return 2
    target = Path(out)
    html = render_html(collected.articles, title=title or "Extracted facts", problems=collected.problems)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    except OSError as error:
        print(f"extractor view: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 2
    print(collected.report(target), file=sys.stderr)
    return 1 if any(p["status"] == "failed" for p in collected.problems) else 0
