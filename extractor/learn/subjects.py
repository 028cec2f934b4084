"""The subject ranker: for each of the rules' facts, the parties that could own it, each with role features,
scored by a calibrated logistic regression; the best party is the model's subject.

Parties are the linker's own organizations (under their short names, sources left out, countries that act
as parties) and products, in the figure's sentence and the two before it, plus those in its table row,
label or list heading. Role features: the word before the party (to/from/by/for/at...), a possessive after
it, before or after the figure and how far, a figure between them, the party as the brand of what is bought,
its place in the layout, how often the article names it, and which strategy of the rules chose it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from scipy.special import expit
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from extractor.components.context import Mention, MentionIndex
from extractor.learn.candidates import Parsed
from extractor.learn.settings import LearnSettings
from extractor.roles import default_rules as role_rules
from extractor.roles import is_brand
from extractor.scoring import attribute_equal, match_mentions

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*([A-Za-z]+)")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_SENTENCES_BACK = 2


@dataclass
class SubjectCase:
    """One rules' fact with its candidate parties. `gold` is the gold subject of the fact it matches (None
    when it matches none)."""

    doc_id: str
    record: dict[str, Any]
    names: list[str]
    features: list[dict[str, Any]] = field(default_factory=list)
    gold: list[str] | None = None

    def labels(self) -> list[int]:
        gold = {g.casefold() for g in self.gold or []}
        return [int(name.casefold() in gold) for name in self.names]


def _bucket(chars: int) -> str:
    return ("-" if chars < 0 else "+") + str(min(int(math.log2(abs(chars) + 1)), 9))


def _parties(parsed: Parsed, linker: Any) -> tuple[list[Mention], dict[str, int]]:
    text = parsed.context.text
    orgs = linker.subjects.organizations(parsed.context, text)
    apps = linker.subjects.apps(parsed.context)
    counts: dict[str, int] = {}
    for m in (*orgs, *apps):
        counts[m.text.casefold()] = counts.get(m.text.casefold(), 0) + 1
    return sorted([*orgs, *apps], key=lambda m: (m.start, -m.end)), counts


def document_cases(parsed: Parsed, linker: Any, gold: list[dict[str, Any]]) -> list[SubjectCase]:
    """The subject cases of one article's facts that carry a subject."""
    context, layout, text = parsed.context, parsed.layout, parsed.context.text
    mentions, counts = _parties(parsed, linker)
    index = MentionIndex(mentions)
    dominant = max(counts, key=counts.get) if counts else None
    figures = sorted((f.start, f.end) for f in parsed.facts)
    records = [f.to_dict() for f in parsed.facts]
    matched = {id(p): g for p, g in match_mentions(records, gold)[0]}
    rules = role_rules()
    cases = []
    for fact, record in zip(parsed.facts, records, strict=True):
        if not linker.types[fact.type].carries("subject"):
            continue
        sentence = context.sentence_index(fact.start)
        lo = context.sentence_starts[max(0, sentence - _SENTENCES_BACK)]
        _, hi = context.sentence(fact.start)
        where = layout.at(fact.start)
        regions = {name: region for name, region in (("row", where.row_label), ("label", where.label),
                                                     ("header", where.block_header)) if region is not None}
        nearby = index.within(lo, hi) + [m for r in regions.values() for m in index.within(r.start, r.end)]
        chosen = {s.casefold() for s in fact.subject}
        strategy = next((link.strategy for link in fact.evidence.links if link.attribute == "subject"), "none")
        best: dict[str, Mention] = {}
        for m in nearby:
            key = m.text.casefold()
            if key not in best or abs(m.start - fact.start) < abs(best[key].start - fact.start):
                best[key] = m
        names, features = [], []
        for key, m in best.items():
            names.append(m.text)
            features.append(_features(text, m, fact, context, regions, figures, counts[key], key == dominant,
                                      key in chosen, strategy, rules))
        gold_record = matched.get(id(record))
        cases.append(SubjectCase(parsed.document.doc_id, record, names, features,
                                 None if gold_record is None else list(gold_record["subject"])))
    return cases


def _features(text: str, m: Mention, fact: Any, context: Any, regions: dict, figures: list[tuple[int, int]],
              count: int, dominant: bool, chosen: bool, strategy: str, rules: Any) -> dict[str, Any]:
    before = m.end <= fact.start
    distance = (fact.start - m.end) if before else (m.start - fact.end)
    out: dict[str, Any] = {f"type={fact.type}": 1, f"label={m.label}": 1, "before" if before else "after": 1,
                           f"dist={_bucket(distance)}": 1,
                           f"sent_back={context.sentence_index(fact.start) - context.sentence_index(m.start)}": 1,
                           f"mentions={min(count, 5)}": 1}
    word = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
    if word:
        out[f"pw={word.group(1).lower()}"] = 1
    after = text[m.end:m.end + 20]
    if _POSSESSIVE.match(after):
        out["possessive"] = 1
    else:
        nxt = _WORD_AFTER.match(after)
        if nxt:
            out[f"nw={nxt.group(1).lower()}"] = 1
    a, b = (m.end, fact.start) if before else (fact.end, m.start)
    if any(a <= s and e <= b for s, e in figures):
        out["figure_between"] = 1
    if is_brand(text, m, rules):
        out["brand"] = 1
    for name, region in regions.items():
        if region.start <= m.start and m.end <= region.end:
            out[f"in={name}"] = 1
    if dominant:
        out["dominant"] = 1
    if chosen:
        out["rules_choice"] = 1
        out[f"chosen_by={strategy}"] = 1
    return out


RANKER_FORMAT = "extractor.subject-ranker.v1"


class SubjectRanker:
    """A binary logistic regression over (fact, party) pairs; a fact's subject is its best-scored party.

    Saved as JSON arrays (feature names, coefficients, intercept) and scored from them with numpy alone, so a
    saved ranker is never unpickled; `SavedRanker` gives the same probabilities as the fitted model."""

    def __init__(self, settings: LearnSettings) -> None:
        self.settings = settings
        self.vectorizer = DictVectorizer()
        self.model = LogisticRegression(C=settings.model.C, max_iter=settings.model.max_iter,
                                        random_state=settings.seed)

    def to_data(self) -> dict[str, Any]:
        """The fitted ranker as plain arrays."""
        return {"format": RANKER_FORMAT, "seed": self.settings.seed,
                "features": [str(n) for n in self.vectorizer.get_feature_names_out()],
                "coef": [float(c) for c in self.model.coef_[0]], "intercept": float(self.model.intercept_[0])}

    def to_disk(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_data(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        return path

    def fit(self, cases: list[SubjectCase]) -> SubjectRanker:
        rows = [(f, y) for c in cases if c.gold is not None for f, y in zip(c.features, c.labels(), strict=True)]
        with threadpool_limits(limits=1):
            x = self.vectorizer.fit_transform([f for f, _ in rows])
            self.model.fit(x, [y for _, y in rows])
        return self

    def scores(self, case: SubjectCase) -> numpy.ndarray:
        if not case.names:
            return numpy.zeros(0)
        with threadpool_limits(limits=1):
            return self.model.predict_proba(self.vectorizer.transform(case.features))[:, 1]


class SavedRanker:
    """A saved `SubjectRanker` read back from its arrays."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != RANKER_FORMAT:
            raise ValueError(f"not a subject ranker of format {RANKER_FORMAT!r}: {data.get('format')!r}")
        self.vocabulary = {name: i for i, name in enumerate(data["features"])}
        self.coef = numpy.asarray(data["coef"], dtype=float)
        self.intercept = float(data["intercept"])

    @classmethod
    def from_disk(cls, path: str | Path) -> SavedRanker:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def scores(self, case: SubjectCase) -> numpy.ndarray:
        """Each candidate party's probability of being the subject."""
        get = self.vocabulary.get
        rows = [sum(float(v) * self.coef[j] for name, v in f.items() if (j := get(name)) is not None)
                for f in case.features]
        return expit(numpy.asarray(rows, dtype=float) + self.intercept) if rows else numpy.zeros(0)


def subject_cross_validation(cases: list[SubjectCase], settings: LearnSettings) -> dict[str, list]:
    """Leave-one-document-out subject accuracy over the facts matched to gold: the rules' subject, the
    ranker's best party, and rules+ranker (the ranker's party only where its probability reaches the
    settings' `subject` threshold and the rules chose another)."""
    out: dict[str, list] = {"rules": [], "ranker": [], "rules+ranker": [], "documents": []}
    documents = list(dict.fromkeys(c.doc_id for c in cases))
    threshold = settings.combination.subject
    for doc_id in documents:
        train = [c for c in cases if c.doc_id != doc_id]
        ranker = SubjectRanker(settings).fit(train)
        for case in (c for c in cases if c.doc_id == doc_id and c.gold is not None):
            gold = {"subject": case.gold}
            rules = case.record["subject"]
            scores = ranker.scores(case)
            top = [case.names[int(numpy.argmax(scores))]] if len(scores) else []
            sure = len(scores) and scores.max() >= threshold and top[0].casefold() not in {
                s.casefold() for s in rules}
            out["documents"].append(doc_id)
            out["rules"].append(attribute_equal("subject", {"subject": rules}, gold))
            out["ranker"].append(attribute_equal("subject", {"subject": top}, gold))
            out["rules+ranker"].append(attribute_equal("subject", {"subject": top if sure else rules}, gold))
    return out


def format_subject_report(results: dict[str, list], settings: LearnSettings) -> str:
    """Subject accuracy of the three systems with 95% bootstrap intervals over documents."""
    documents = sorted(set(results["documents"]))
    where = {d: i for i, d in enumerate(documents)}
    rows = numpy.asarray([where[d] for d in results["documents"]])
    rng = numpy.random.default_rng(settings.seed)
    draws = rng.integers(0, len(documents), size=(settings.evaluation.bootstrap_samples, len(documents)))
    weights = numpy.stack([numpy.bincount(d, minlength=len(documents)) for d in draws])[:, rows]
    lines = [f"subject accuracy over the {len(rows)} rules' facts matched to gold (leave-one-document-out; "
             f"rules+ranker threshold {settings.combination.subject})"]
    rules = numpy.asarray(results["rules"], dtype=float)
    for name in ("rules", "ranker", "rules+ranker"):
        right = numpy.asarray(results[name], dtype=float)
        boot = (weights * right).sum(axis=1) / weights.sum(axis=1)
        delta = (weights * (right - rules)).sum(axis=1) / weights.sum(axis=1)
        lo, hi = numpy.percentile(boot, [2.5, 97.5])
        dlo, dhi = numpy.percentile(delta, [2.5, 97.5])
        lines.append(f"  {name:<14}{int(right.sum()):>5}/{len(right)} = {right.mean():.3f} [{lo:.3f},{hi:.3f}]"
                     f"   minus rules {right.mean() - rules.mean():+.3f} [{dlo:+.3f},{dhi:+.3f}]")
    return "\n".join(lines)
