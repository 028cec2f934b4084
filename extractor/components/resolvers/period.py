"""`period`: the year, month or day a figure is for."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extractor.components.context import Mention
from extractor.components.resolvers.base import Clauses, Draft, History, Scene, rewhy, strategy_order
from extractor.cues import CueList
from extractor.evidence import Cue
from extractor.fact_types import Registry
from extractor.normalize.dates import resolve_period
from extractor.period_rules import PeriodRules, fiscal_label_at, year_back

_PART_AFTER = re.compile(r"\s+of\s+(?:that|this|it|which)\b", re.I)  # after the figure, unlike sub_allocation
_CLAUSE_MARKS = re.compile(r"[,;:()\[\]–—]")
_IN_BEFORE = re.compile(r"\s+(?:in|for|of)\s+(?:its\s+|their\s+|the\s+)?")
_BY_BEFORE = re.compile(r"\bby\s$", re.I)


@dataclass(frozen=True)
class _Figure:
    """A figure of the sentence that is not a fact; it can own a date."""

    start: int
    end: int


class PeriodResolver:
    """First every time expression of a sentence goes to the figure it belongs
    to (the nearest one by clause distance, a noun-modifying year only to a
    figure right after it, not a telling date: 'projected in September');
    then per fact type its strategies, in the registry's order:
    `sentence-date`, `from-original` (a conversion's original),
    `from-continued-figure`, `sub-allocation` ('half of that for chips': the
    parent figure's period, checked by the fraction when one is named)."""

    def __init__(self, cues: dict[str, Any], types: Registry) -> None:
        windows = cues["windows"]
        self.future = CueList(cues["future_cues"])
        self.past_before = CueList(cues["past_before_date"])
        self.past_window = int(windows["past_before_date"])
        self.date_modifier = CueList(cues["date_modifier_nouns"])
        verbs = "|".join(re.escape(v) for v in cues["telling_verbs"])
        prepositions = "|".join(re.escape(p) for p in cues["telling_prepositions"])
        self.telling = re.compile(rf"\b(?:{verbs})\s+(?:(?:{prepositions})\s+)?$", re.I)
        self.sub_allocation = CueList(cues["sub_allocation"])
        # longest first, so that 'two-thirds' is not read as 'third'
        self.fractions = sorted(((k, Decimal(str(v))) for k, v in cues["fractions"].items()),
                                key=lambda pair: len(pair[0]), reverse=True)
        self.fraction_tolerance = Decimal(str(cues["fraction_tolerance"]))
        self.telling_window = int(windows["telling_before_date"])
        self.modifier_window = int(windows["date_modifier_after"])
        self.modified_figure_window = int(windows["year_modifier_figure_after"])
        self.sub_allocation_window = int(windows["sub_allocation_before"])
        self.parent_window = int(windows["parent_figures"])
        self.clause_penalty = int(windows["clause_penalty"])
        contrast = "|".join(re.escape(w) for w in sorted(cues["contrast_between"], key=len, reverse=True))
        self.contrast = re.compile(  # the comparison word right before a figure: 'from 0.4 quadrillion', not 'from AMD'
            rf"(?<![\w-])(?:{contrast})\s+(?:(?:about|around|roughly|some|nearly|almost|just)\s+)?[~≈$€£¥₹]?\d",
            re.I)
        irregular = "|".join(re.escape(v) for v in cues["past_tense_verbs"])
        self.past_tense = re.compile(rf"\b(?:[a-z]{{2,}}ed|{irregular})\b")
        self.clauses = Clauses(cues["clause_breaks"])
        self.rules = PeriodRules.default()
        table = {"sentence-date": self._sentence_date, "from-original": self._from_original,
                 "from-continued-figure": self._from_continued, "sub-allocation": self._sub_allocation}
        self.order = {t.name: strategy_order(table, t.spec.period, f"period of {t.name}")
                      for t in types if t.carries("period")}

    def resolve(self, scene: Scene, drafts: list[Draft]) -> None:
        self._candidates(scene, drafts)
        history = History()
        for draft in drafts:
            for _, strategy in self.order.get(draft.kind, []):
                if strategy(scene, draft, history):
                    break
            history.add(draft)
        self._period_rules(scene, drafts)

    def _period_rules(self, scene: Scene, drafts: list[Draft]) -> None:
        """Multi-year totals have no period; 'a year earlier' steps back from the figure before; a bare row
        takes the date its table's or list's header gives (extractor/period_rules.py)."""
        text, context = scene.text, scene.context
        previous: Draft | None = None
        for draft in drafts:
            if draft.kind not in self.order:
                continue
            lo, hi = context.sentence(draft.start)
            clause_lo, clause_hi = self.clauses.around(text, context, draft.start)
            if self._multi_year_is_nearer(text, lo, hi, draft):
                if draft.period is not None:
                    draft.period = None
                    draft.link("period", "multi-year", draft.figure("a multi-year total: the format has no period"))
            elif self._says_year_before_of(scene, draft, clause_lo, clause_hi):
                reference = previous.period if previous is not None else (scene.published or "")[:4] or None
                draft.period = year_back(reference)
                draft.link("period", "year-before", draft.figure("'a year earlier': one year before the figure before"))
            elif draft.period is None and scene.layout is not None:
                self._from_layout(scene, draft)
            if draft.period is not None:
                previous = draft

    def _says_year_before_of(self, scene: Scene, draft: Draft, lo: int, hi: int) -> bool:
        """The clause says 'a year earlier' of this figure: the phrase follows it with no other figure between
        ('$630 billion in 2026, against about $410 billion a year earlier and less than $250 billion in 2024'
        steps back for the $410 billion only), or precedes it when nothing follows."""
        m = self.rules.year_before_at(scene.text, lo, hi)
        if m is None:
            return False
        starts = scene.figure_starts
        if draft.end <= m.start():
            i = bisect_right(starts, draft.start)  # the first figure after this one
            return i >= len(starts) or starts[i] >= m.start()
        i = bisect_left(starts, m.end())  # 'A year earlier, volume was 2.9 trillion': the first figure after it
        return i < len(starts) and starts[i] == draft.start

    def _multi_year_is_nearer(self, text: str, lo: int, hi: int, draft: Draft) -> bool:
        """A multi-year span in the sentence makes the figure a multi-year total unless the figure's own date
        is nearer to it ('plans to buy 60,000 GPUs over the next two years and has lifted 2027 capex to ...')."""
        spans = self.rules.multi_year_spans(text, lo, hi)
        if not spans:
            return False
        own = draft.cue_of("period") if draft.period is not None else None
        if own is None:
            return True
        nearest = min(self.clause_gap(text, _Figure(a, b), draft) for a, b in spans)
        return nearest <= self.clause_gap(text, _Figure(own.start, own.end), draft)

    def _from_layout(self, scene: Scene, draft: Draft) -> None:
        where = scene.layout.at(draft.start)
        # a caption above its note ('Table 1. Top apps, September 2025' over '(MAU in millions)') dates the rows
        for name, region in where.context_regions():
            for date in scene.context.within("DATE", region.start, region.end):
                year = scene.layout.year_heading_before(date.start) if date.info.date == "month" else None
                reference = f"{year}-12-31" if year else scene.published  # a timeline's year section
                label = fiscal_label_at(scene.text, date.start, date.end)  # a '2026/27' column: the year it ends in
                period = label or self._week_month(scene.text, date, resolve_period(date.text, date.info.date,
                                                                                    reference, False))
                if period is not None:
                    draft.period = period
                    draft.link("period", f"layout-{name}", _date_cue(date, f"the date of the figure's {name}"))
                    return
        if where.block_header is not None and (where.label is not None or where.line.bullet):
            # an entry of a list under a dated section title: 'Recipients (fiscal 2026 round)' over '1. Hoshizora'
            title = scene.layout.section_title_over(where.block_header)
            dates = scene.context.within("DATE", title.start, title.end) if title is not None else []
            period = resolve_period(dates[0].text, dates[0].info.date, scene.published, False) if dates else None
            if period is not None:
                draft.period = period
                draft.link("period", "layout-section_title",
                           _date_cue(dates[0], "the date of the section title over the list's entries"))

    # -- which figure each time expression belongs to ------------------------------------

    def _candidates(self, scene: Scene, drafts: list[Draft]) -> None:
        """Cost linear in the document: each sentence looks up its own figures
        by offset (bisection), never the whole list."""
        text, context = scene.text, scene.context
        starts = [a for a, _ in scene.figures]
        by_sentence: dict[int, list[Draft]] = {}
        for draft in drafts:
            by_sentence.setdefault(draft.sentence, []).append(draft)
        for sentence, members in by_sentence.items():
            lo = context.sentence_starts[sentence]
            hi = context.sentence(lo)[1]
            member_starts = {d.start for d in members}
            others = [_Figure(a, b) for a, b in scene.figures[bisect_left(starts, lo):bisect_left(starts, hi)]
                      if a not in member_starts]
            for date in context.within("DATE", lo, hi):
                if self.rules.is_dateline(text, date.start, date.end):
                    continue  # 'BEIJING, Jan 28 (Wire) -': the date of the report
                if (self.telling.search(text, max(lo, date.start - self.telling_window), date.start)
                        and not self.date_modifier.starts_after(text, date.end, self.modifier_window)):
                    continue  # 'projected in September': the date of the telling, not of a figure
                owner = self._owner(text, date, members + others)
                if not isinstance(owner, Draft):
                    continue  # no figure, or the nearest is not a fact ('780 million queries in May')
                # the date belongs to every figure of the owner's conversion group: '1.2 billion zloty (roughly
                # €282 million, or about $307 million) this year'
                root = owner.equivalent or owner  # conversions point at their original (ConversionResolver)
                for member in {id(m): m for m in [owner, *members]}.values():
                    if (member.equivalent or member) is root:
                        member.period_candidates.append(date)

    def _owner(self, text: str, date: Mention, figures: list[Any]) -> Any:
        """The figure a time expression belongs to: the nearest one, except that a
        year modifying a noun ('its 2025 investment') only belongs to a figure
        that follows it closely ('Proposed 2026 budget: RMB 160 billion')."""
        if date.info.date == "year" and self.date_modifier.starts_after(text, date.end, self.modifier_window):
            after = [d for d in figures if d.start >= date.end and d.start - date.end <= self.modified_figure_window]
            if after:
                return after[0]
            # '$178 billion to $188 billion in 2026 capital expenditures': the figure the phrase follows
            return next((d for d in figures if d.end <= date.start and _IN_BEFORE.fullmatch(text, d.end, date.start)),
                        None)
        return min(figures, key=lambda d: self.clause_gap(text, date, d))

    def clause_gap(self, text: str, a: Any, b: Any) -> int:
        """Distance between a date `a` and a figure `b`, where crossing a comma, colon, bracket or
        dash costs more than any distance inside one clause."""
        lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
        if hi <= lo:
            return 0
        contrast = self.contrast.search(text, lo, min(len(text), hi + 16))  # its figure may be the one at hi
        marks = len(_CLAUSE_MARKS.findall(text, lo, hi)) + (1 if contrast and contrast.start() < hi else 0)
        if lo == b.end and text.startswith(")", lo):
            marks -= 1  # the close of figure b's own conversion: '160 billion yuan ($22.9 billion) ... in 2026'
        return hi - lo + self.clause_penalty * marks

    # -- strategies -------------------------------------------------------------------------

    def _sentence_date(self, scene: Scene, draft: Draft, history: History) -> bool:
        if not draft.period_candidates:
            return False
        date = min(draft.period_candidates, key=lambda d: self.clause_gap(scene.text, d, draft))
        future = self._looks_forward(scene, date)
        kind = date.info.date
        if kind == "year-edge" and _BY_BEFORE.search(scene.text, max(0, date.start - 4), date.start):
            kind = "year-deadline"  # 'by the end of next year' is a deadline: the year (D3)
        label = fiscal_label_at(scene.text, date.start, date.end) if kind in ("year", "fiscal-year") else None
        reference = scene.published
        year = scene.layout.year_section_at(date.start) if kind == "month" and scene.layout is not None else None
        if year is not None:  # 'In March it bought 6,144 more' under a timeline's '2024' section
            reference, future = f"{year}-12-31", False
        draft.period = self._week_month(scene.text, date, label or resolve_period(date.text, kind, reference,
                                                                                   future))
        kind = date.info.date or "date"
        draft.link("period", "sentence-date", _date_cue(date, f"the {kind} nearest the figure in its sentence"),
                   date.info.date or date.pattern)
        return True

    def _week_month(self, text: str, date: Any, period: str | None) -> str | None:
        """'the week ending April 12', a table under 'Week ending April 12, 2026': the week's month (D22, D36),
        not the day that closes it."""
        if period and len(period) == 10 and self.rules.week_ending.search(text, max(0, date.start - 40), date.start):
            return period[:7]
        return period

    def _looks_forward(self, scene: Scene, date: Any) -> bool:
        """Whether a date without a year lies ahead: a future cue in the date's own clause, unless the words
        right before the date look back ('up from 250 in March')."""
        text = scene.text
        lo, hi = self.clauses.around(text, scene.context, date.start)
        if _BY_BEFORE.search(text, max(0, date.start - 4), date.start) and not self.past_tense.search(text, lo, hi):
            return True  # 'The plan says 55,000 GPUs by December': a deadline ahead ('had climbed ... by' looks back)
        if not self.future.search(text, lo, hi):
            return False
        begin = max(lo, date.start - self.past_window)
        past = list(self.past_before.regex.finditer(text, begin, date.start))
        return not past or bool(self.future.search(text, past[-1].end(), date.start))

    @staticmethod
    def _from_original(scene: Scene, draft: Draft, history: History) -> bool:
        if draft.equivalent is None or not draft.equivalent.period:
            return False
        draft.period = draft.equivalent.period
        draft.link("period", "from-original", rewhy(draft.equivalent.cue_of("period"),
                                                     "the period of the amount this converts"))
        return True

    @staticmethod
    def _from_continued(scene: Scene, draft: Draft, history: History) -> bool:
        period = history.continued(draft, "period")
        if not period:
            return False
        draft.period = period
        draft.link("period", "from-continued-figure", rewhy(history.continued_figure(draft).cue_of("period"),
                                                             "the period of the figure this one continues"))
        return True

    def _sub_allocation(self, scene: Scene, draft: Draft, history: History) -> bool:
        if scene.layout is not None and scene.layout.at(draft.start).dating_column():
            return False  # a table cell under '2027E' is dated by its column, not by the row above it
        parent = self._parent(scene, history.with_period.get(draft.kind, []), draft)
        if parent is None:
            return False
        draft.period = parent.period
        draft.link("period", "sub-allocation", rewhy(parent.cue_of("period"),
                                                      "the period of the figure this is a part of"))
        return True

    def _parent(self, scene: Scene, earlier: list[Draft], draft: Draft) -> Draft | None:
        text = scene.text
        lo, _ = scene.context.sentence(draft.start)
        window = self.sub_allocation_window
        cue = (self.sub_allocation.ends_before(text, draft.start, window)
               or self.sub_allocation.search(text, max(lo, draft.start - window), draft.start)
               or _PART_AFTER.match(text, draft.end))  # '85 billion yuan of that for AI processors'
        if cue is None:
            return None
        cue_text = cue.group().lower()
        ratio = next((r for word, r in self.fractions if word in cue_text), None)
        for parent in reversed(earlier[-self.parent_window:]):
            if not parent.period or parent.quantity.unit != draft.quantity.unit:
                continue
            if ratio is not None:
                expected = draft.amount * ratio
                if abs(parent.amount - expected) <= self.fraction_tolerance * expected:
                    return parent
            elif parent.amount > draft.amount:
                return parent
        return None


def _date_cue(date: Mention, why: str) -> Cue:
    return Cue(date.text, date.start, date.end, why)
