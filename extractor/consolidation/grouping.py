"""Consolidation: one record per fact that many mentions state.

Mentions are grouped by a key, never compared all against all:
1. a figure and its currency restatement (`equivalent_of`) are one *unit*;
2. units are bucketed by (type, subject names, item, metric);
3. in a bucket, units with the same period whose figures lie within the
   variant window are chained (sorted by value, neighbours only) into one
   consolidated fact; a restatement pair links its two currencies, which is
   how a USD-only article joins a CNY figure's group;
4. a unit whose period lies inside a coarser one of the bucket (a month of
   a year), or that has no period, joins the one group of that coarser (or
   any) period whose figure it matches within the tolerance; otherwise it
   groups with the units of its own period.
Inside a group, figures within the tolerance are one *variant*; several
variants make a conflict or, when each first appeared on a later date, a
revision; variants of which at most one holds a figure stated in its own
right (the others only restate, `equivalent_of`) differ by exchange rate,
not about the fact, and agree. A retracted mention, and the earlier mentions of the figure it
retracts, are kept as members but left out of the agreed value.
Cost: linear in the facts plus a sort per bucket.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extractor.consolidation.config import Config
from extractor.consolidation.names import item_key, subject_key
from extractor.cycles import without_cycle_collection
from extractor.records import Fact

STATUSES = ("agreed", "conflict", "revised", "retracted")


@cache
def default_config() -> Config:
    return Config.load()


@dataclass(slots=True)
class Member:
    """One mention as consolidation sees it; numbers are floats for speed
    (agreement is a relative tolerance, no money arithmetic happens here)."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    subject: tuple[str, ...]
    item: str | None
    metric: str | None
    period: str | None
    retracted: bool
    equivalent_of: int | None
    published: str | None
    mid: float = 0.0
    retracted_by: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    @property
    def excluded(self) -> bool:
        return self.retracted or self.retracted_by is not None

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text, "unit": self.unit,
                "value": _number(self.value), "low": _number(self.low), "high": _number(self.high),
                "qualifier": self.qualifier, "period": self.period, "published": self.published,
                "retracted": self.retracted, "retracted_by": self.retracted_by}


class _Mentioned:
    """What a set of member mentions says about itself: how many articles, first and last publication."""

    __slots__ = ()
    members: list[Member]

    @property
    def articles(self) -> int:
        return len({m.doc_id for m in self.members})

    @property
    def first_published(self) -> str | None:
        return min((m.published for m in self.members if m.published), default=None)

    @property
    def last_published(self) -> str | None:
        return max((m.published for m in self.members if m.published), default=None)


@dataclass(slots=True)
class Variant(_Mentioned):
    """Members of one group whose figures agree within the tolerance."""

    unit: str
    value: float | None
    low: float | None
    high: float | None
    members: list[Member]


    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "value": _number(self.value), "low": _number(self.low),
                "high": _number(self.high), "mentions": len(self.members), "articles": self.articles,
                "docs": sorted({m.doc_id for m in self.members}), "first_published": self.first_published,
                "last_published": self.last_published}


@dataclass(slots=True)
class Consolidated(_Mentioned):
    """One fact across articles: its agreed figure per unit, variants, members."""

    type: str
    subject: list[str]
    item: str | None
    metric: str | None
    period: str | None
    status: str
    units: list[str]
    agreed: dict[str, Variant | None]
    variants: list[Variant]
    members: list[Member]
    id: int = 0
    spread: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return self.units[0]

    @property
    def mentions(self) -> int:
        return len(self.members)

    @property
    def qualifiers(self) -> list[str]:
        return sorted({m.qualifier for m in self.members})

    def to_dict(self) -> dict[str, Any]:
        main = self.agreed.get(self.unit)
        return {
            "id": self.id, "type": self.type, "subject": self.subject, "item": self.item, "metric": self.metric,
            "period": self.period, "status": self.status, "unit": self.unit,
            "value": _number(main.value) if main else None, "low": _number(main.low) if main else None,
            "high": _number(main.high) if main else None,
            "equivalents": [{"unit": u, "value": _number(v.value), "low": _number(v.low), "high": _number(v.high)}
                            for u, v in self.agreed.items() if u != self.unit and v is not None],
            "articles": self.articles, "mentions": self.mentions,
            "first_published": self.first_published, "last_published": self.last_published,
            "spread": {u: {"low": _number(lo), "high": _number(hi), "relative": _relative(lo, hi)}
                       for u, (lo, hi) in self.spread.items()},
            "qualifiers": self.qualifiers,
            "variants": [v.to_dict() for v in self.variants],
            "members": [m.to_dict() for m in self.members],
        }


def _number(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _relative(low: float, high: float) -> float:
    return round((high - low) / high, 4) if high else 0.0


def agree(a: float, b: float, tolerance: float) -> bool:
    """Within `tolerance` of the larger magnitude.

    >>> agree(12e9, 11.8e9, 0.02), agree(14e9, 16e9, 0.02), agree(0, 0, 0.02)
    (True, False, True)
    """
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


# -- input ---------------------------------------------------------------------------------


def publication_dates(documents: Mapping[str, str | None] | Iterable[Any] | None) -> dict[str, str | None]:
    """doc_id -> published from a mapping, Documents, or dicts with doc_id and published."""
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return dict(documents)
    dates: dict[str, str | None] = {}
    for doc in documents:
        if isinstance(doc, Mapping):
            dates[doc["doc_id"]] = doc.get("published")
        else:
            dates[doc.doc_id] = doc.published
    return dates


def member(record: Mapping[str, Any] | Fact, dates: Mapping[str, str | None]) -> Member:
    """A Member from a contract record (dict) or a Fact; `published` on the
    record wins over the documents' dates."""
    r = record.to_dict() if isinstance(record, Fact) else record
    value, low, high = _float(r["value"]), _float(r["low"]), _float(r["high"])
    if value is None and (low is None or high is None):
        raise ValueError(f"{r['doc_id']}:{r['start']}: a fact needs a value or both low and high")
    published = r.get("published")
    published = str(published)[:10] if published else dates.get(r["doc_id"])
    return Member(r["doc_id"], r["start"], r["end"], r["text"], r["type"], r["unit"], value, low, high,
                  r["qualifier"], tuple(r["subject"]), r["item"], r["metric"], r["period"], bool(r["retracted"]),
                  r["equivalent_of"], published, value if value is not None else (low + high) / 2)


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


# -- grouping ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    members: list[Member]
    key: tuple
    period: str | None
    amounts: dict[str, tuple[float, bool]]
    doc_id: str


def consolidate(facts: Iterable[Mapping[str, Any] | Fact],
                documents: Mapping[str, str | None] | Iterable[Any] | None = None,
                config: Config | None = None) -> list[Consolidated]:
    """Consolidated facts of a batch, ordered by type, subject, period and date.

    `documents` gives publication dates: a mapping doc_id -> date, Documents,
    or dicts with `doc_id` and `published`.

    >>> facts = [
    ...     {"doc_id": "a", "type": "budget", "value": 1.6e11, "low": None, "high": None, "unit": "CNY",
    ...      "start": 0, "end": 15, "text": "160 billion RMB", "qualifier": "exact", "subject": ["Acme Ltd."],
    ...      "item": None, "metric": None, "period": "2026", "retracted": False, "equivalent_of": None},
    ...     {"doc_id": "a", "type": "budget", "value": 2.3e10, "low": None, "high": None, "unit": "USD",
    ...      "start": 17, "end": 28, "text": "$23 billion", "qualifier": "approx", "subject": ["Acme"],
    ...      "item": None, "metric": None, "period": "2026", "retracted": False, "equivalent_of": 0},
    ...     {"doc_id": "b", "type": "budget", "value": 2.3e10, "low": None, "high": None, "unit": "USD",
    ...      "start": 5, "end": 11, "text": "$23bn", "qualifier": "exact", "subject": ["ACME"],
    ...      "item": None, "metric": None, "period": None, "retracted": False, "equivalent_of": None}]
    >>> [(c.status, c.units, c.articles, c.mentions) for c in consolidate(facts, {"a": "2025-12-01"})]
    [('agreed', ['USD', 'CNY'], 2, 3)]
    """
    config = config or default_config()
    with without_cycle_collection():
        return _consolidate(facts, documents, config)


def _consolidate(facts: Iterable[Mapping[str, Any] | Fact],
                 documents: Mapping[str, str | None] | Iterable[Any] | None, config: Config) -> list[Consolidated]:
    dates = {doc: str(day)[:10] if day else None for doc, day in publication_dates(documents).items()}
    members = [member(f, dates) for f in facts]
    buckets: dict[tuple, list[_Unit]] = defaultdict(list)
    for unit in _units(members, config):
        buckets[unit.key].append(unit)
    groups = [_summarize(cluster, config) for units in buckets.values() for cluster in _cluster(units, config)]
    groups.sort(key=lambda g: (g.type, [s.casefold() for s in g.subject], g.period or "~", g.item or "",
                               g.metric or "", g.first_published or "~", g.members[0].doc_id, g.members[0].start))
    for number, group in enumerate(groups, 1):
        group.id = number
    return groups


def _units(members: list[Member], config: Config) -> list[_Unit]:
    """Members joined with their restatements (union-find over equivalent_of,
    run only on the members that a restatement links)."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = [i for i, m in enumerate(members) if m.equivalent_of is not None]
    if linked:
        at = {(m.doc_id, m.type, m.start): i for i, m in enumerate(members)}
        for i in linked:
            m = members[i]
            j = at.get((m.doc_id, m.type, m.equivalent_of))
            if j is not None:
                parent[find(i)] = find(j)
    groups: list[list[Member]] = []
    joined: dict[int, list[Member]] = {}
    for i, m in enumerate(members):
        if i not in parent:
            groups.append([m])
            continue
        root = find(i)
        if root in joined:
            joined[root].append(m)
        else:
            joined[root] = [m]
            groups.append(joined[root])
    return _make_units(groups, config)


class _Keys:
    """Name and item keys, each computed once per distinct spelling."""

    def __init__(self, suffixes: frozenset[str]) -> None:
        self.suffixes = suffixes
        self.subjects: dict[tuple[str, ...], frozenset[str]] = {}
        self.items: dict[str | None, str | None] = {}

    def subject(self, names: tuple[str, ...]) -> frozenset[str]:
        key = self.subjects.get(names)
        if key is None:
            key = self.subjects[names] = subject_key(names, self.suffixes)
        return key

    def item(self, item: str | None) -> str | None:
        if item not in self.items:
            self.items[item] = item_key(item)
        return self.items[item]


def _make_units(groups: list[list[Member]], config: Config) -> list[_Unit]:
    keys = _Keys(config.name_suffixes)
    units = []
    for group in groups:
        if len(group) == 1:
            m = group[0]
            units.append(_Unit(group, (m.type, keys.subject(m.subject), keys.item(m.item), m.metric), m.period,
                               {m.unit: (m.mid, m.value is None)}, m.doc_id))
            continue
        original = next((m for m in group if m.equivalent_of is None), group[0])
        key = (original.type, keys.subject(original.subject), keys.item(original.item), original.metric)
        period = original.period or next((m.period for m in group if m.period), None)
        amounts: dict[str, tuple[float, bool]] = {}
        for m in group:
            if m.unit not in amounts:
                amounts[m.unit] = (m.mid, m.value is None)
        units.append(_Unit(group, key, period, amounts, original.doc_id))
    return units


def _cluster(units: list[_Unit], config: Config) -> list[list[_Unit]]:
    by_period: dict[str, list[_Unit]] = defaultdict(list)
    undated: list[_Unit] = []
    for unit in units:
        if unit.period:
            by_period[unit.period].append(unit)
        else:
            undated.append(unit)
    clusters_of: dict[str, list[list[_Unit]]] = {}
    indexes: dict[str, _Index] = {}
    for period in sorted(by_period, key=lambda p: (len(p), p)):
        left = by_period[period]
        for coarser in coarser_periods(period):
            if coarser in clusters_of and left:
                if coarser not in indexes:
                    indexes[coarser] = _Index(clusters_of[coarser])
                left = indexes[coarser].attach(left, config.tolerance)
        clusters_of[period] = _chain(left, config.variant_window)
    clusters = [c for same_period in clusters_of.values() for c in same_period]
    rest = _Index(clusters).attach(undated, config.tolerance) if clusters else undated
    return clusters + _chain(rest, config.variant_window)


def coarser_periods(period: str) -> list[str]:
    """The periods that contain `period`, nearest first: a figure for a month
    is compatible with the same figure given for its year.

    >>> coarser_periods("2026-11-20"), coarser_periods("2026")
    (['2026-11', '2026'], [])
    """
    parts = period.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def _chain(units: list[_Unit], window: float) -> list[list[_Unit]]:
    """Single-link clusters of units whose neighbouring figures (sorted per
    unit and shape) lie within `window`."""
    if len(units) < 2:
        return [units] if units else []
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_unit: dict[tuple[str, bool], list[tuple[float, int]]] = defaultdict(list)
    for i, unit in enumerate(units):
        for currency, (mid, is_range) in unit.amounts.items():
            by_unit[currency, is_range].append((mid, i))
    for points in by_unit.values():
        points.sort()
        for (a, i), (b, j) in zip(points, points[1:], strict=False):
            if agree(a, b, window):
                parent[find(j)] = find(i)
    clusters: dict[int, list[_Unit]] = defaultdict(list)
    for i, unit in enumerate(units):
        clusters[find(i)].append(unit)
    return list(clusters.values())


class _Index:
    """The distinct figures of some clusters, sorted per (unit, shape), to find
    the clusters a figure matches without comparing it to all of them (a
    figure repeated by many articles is one point)."""

    def __init__(self, clusters: list[list[_Unit]]) -> None:
        self.clusters = clusters
        distinct: dict[tuple[str, bool], set[tuple[float, int]]] = defaultdict(set)
        for c, cluster in enumerate(clusters):
            for unit in cluster:
                for currency, (mid, is_range) in unit.amounts.items():
                    distinct[currency, is_range].add((mid, c))
        self.points = {shape: sorted(points) for shape, points in distinct.items()}
        self.docs = [{u.doc_id for u in cluster} for cluster in clusters]

    def matches(self, unit: _Unit, tolerance: float) -> set[int]:
        hits: set[int] = set()
        for currency, (mid, is_range) in unit.amounts.items():
            points = self.points.get((currency, is_range))
            if not points:
                continue
            lowest = mid * (1 - tolerance) if mid >= 0 else mid / (1 - tolerance)
            for other, c in points[bisect.bisect_left(points, (lowest, -1)):]:
                if agree(mid, other, tolerance):
                    hits.add(c)
                elif other > mid:
                    break
        return hits

    def attach(self, units: list[_Unit], tolerance: float) -> list[_Unit]:
        """Put each unit into the one cluster whose figure it matches (a
        cluster from its own article first); return the units left over."""
        rest = []
        for unit in units:
            hits = self.matches(unit, tolerance)
            own = [c for c in hits if unit.doc_id in self.docs[c]]
            chosen = own if len(own) == 1 else sorted(hits)
            if len(chosen) == 1:
                self.clusters[chosen[0]].append(unit)
            else:
                rest.append(unit)
        return rest


# -- summarizing ---------------------------------------------------------------------------


def _summarize(cluster: list[_Unit], config: Config) -> Consolidated:
    members = sorted((m for unit in cluster for m in unit.members),
                     key=lambda m: (m.published or "~", m.doc_id, m.start))
    _propagate_retractions(cluster, config.tolerance)
    active = [m for m in members if not m.excluded]
    shown = active or members
    if all(m.unit == shown[0].unit for m in shown):
        units = [shown[0].unit]
    else:
        counts = Counter(m.unit for m in shown)
        units = sorted(counts, key=lambda u: (-counts[u], u))
    variants: list[Variant] = []
    agreed: dict[str, Variant | None] = {}
    statuses = set()
    spread: dict[str, tuple[float, float]] = {}
    for unit in units:
        mine = active if len(units) == 1 else [m for m in active if m.unit == unit]
        found = _variants(mine, config.tolerance)
        variants.extend(found)
        if mine:
            spread[unit] = (min(m.low if m.is_range else m.value for m in mine),
                            max(m.high if m.is_range else m.value for m in mine))
        status, agreed[unit] = _judge(found)
        statuses.add(status)
    if not active:
        status = "retracted"
        variants = _variants(members, config.tolerance)
    else:
        status = next(s for s in ("conflict", "revised", "agreed") if s in statuses)
    first = members[0]
    return Consolidated(first.type, list(_most_common([m.subject for m in members])),
                        _most_common([m.item for m in members if m.item]), first.metric,
                        _most_common([m.period for m in members if m.period]), status, units, agreed, variants,
                        members, spread=spread)


def _judge(variants: list[Variant]) -> tuple[str, Variant | None]:
    """The status of one unit's variants and the variant that stands for it."""
    if len(variants) <= 1:
        return "agreed", variants[0] if variants else None
    if sum(1 for v in variants if any(m.equivalent_of is None for m in v.members)) < 2:
        return "agreed", max(variants, key=lambda v: len(v.members))
    if _is_revision(variants):
        return "revised", variants[-1]
    return "conflict", None


def _most_common(values: list[Any]) -> Any:
    """The most frequent value (the first seen on a tie), None for no values."""
    if not values:
        return None
    if len(values) == 1 or all(v == values[0] for v in values):
        return values[0]
    return Counter(values).most_common(1)[0][0]


def _propagate_retractions(cluster: list[_Unit], tolerance: float) -> None:
    """A retracted unit retracts its restatement and every earlier (or
    undated) mention of the same figure: they state what was denied."""
    latest: dict[tuple[str, bool, float], Member] = {}
    for unit in cluster:
        said = next((m for m in unit.members if m.retracted), None)
        if said is None:
            continue
        for m in unit.members:
            if not m.retracted:
                m.retracted_by = said.doc_id
            key = (m.unit, m.is_range, m.mid)
            if key not in latest or _later(said.published, latest[key].published):
                latest[key] = said
    if not latest:
        return
    denials = list(latest.items())
    for unit in cluster:
        for m in unit.members:
            if m.excluded:
                continue
            for (currency, is_range, mid), said in denials:
                if (m.unit == currency and m.is_range == is_range and agree(m.mid, mid, tolerance)
                        and (m.published is None or said.published is None or m.published <= said.published)):
                    m.retracted_by = said.doc_id
                    break


def _later(a: str | None, b: str | None) -> bool:
    """`a` is after `b`, an undated retraction counting as the latest."""
    return b is not None and (a is None or a > b)


def _variants(members: list[Member], tolerance: float) -> list[Variant]:
    """Members split into runs that agree with the run's smallest figure,
    ordered by first publication date."""
    runs: list[list[Member]] = []
    for m in sorted(members, key=lambda m: (m.unit, m.is_range, m.mid)):
        head = runs[-1][0] if runs else None
        same = (head is not None and head.unit == m.unit and head.is_range == m.is_range
                and agree(head.mid, m.mid, tolerance)
                and (not m.is_range or (agree(head.low, m.low, tolerance) and agree(head.high, m.high, tolerance))))
        if same:
            runs[-1].append(m)
        else:
            runs.append([m])
    variants = []
    for run in runs:
        value, low, high = _most_common([(m.value, m.low, m.high) for m in run])
        variants.append(Variant(run[0].unit, value, low, high,
                                sorted(run, key=lambda m: (m.published or "~", m.doc_id, m.start))))
    variants.sort(key=lambda v: (v.unit, v.first_published or "~"))
    return variants


def _is_revision(variants: list[Variant]) -> bool:
    """Each variant first reported on its own, later date (an article may
    still quote the older figure as 'up from')."""
    firsts = [v.first_published for v in variants]
    return None not in firsts and len(set(firsts)) == len(firsts)


__all__ = ["STATUSES", "Consolidated", "Member", "Variant", "agree", "consolidate", "publication_dates"]
