"""`attribute_linker`: typed quantities -> the contract's fact records.

Links, per fact: `equivalent_of` (a conversion beside its original),
`qualifier` (the amount's own, else its original's), `retracted` (a
retraction cue in the fact's clause, spread to the same amount elsewhere in
the article), `period` (the nearest time expression of the sentence that no
other figure is closer to; else a sub-allocation's parent, a conversion's
original), `subject`, `item` and `metric`. Each decision is data-driven
(`data/link_cues.json`) and recorded in the fact's `rule`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.base import DataComponent
from extractor.components.context import (
    FACTS_KEY,
    QUANTITIES_KEY,
    RULER_KEY,
    DocContext,
    Mention,
    MentionIndex,
    pattern_table,
    release,
)
from extractor.cues import CueList
from extractor.evidence import Cue, FactEvidence, Link, Typing, assemble_rule
from extractor.normalize.dates import resolve_period
from extractor.records import COUNT_UNITS, Fact, Quantity

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("doc_id"):
    Doc.set_extension("doc_id", default=None)

MONEY_TYPES = ("budget", "unit_price")
_POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+(?:\S+\s+){0,2}$")
_APP_KIND = re.compile(r"(?:\s*(?:powered|-|based))*\s+(?:chatbot|assistant|app|copilot|platform|service)$", re.I)
_CHIP_NOUN = re.compile(r"\s+(?:chips?|gpus?|processors?|accelerators?|units?|servers?)$", re.I)
_SPACES = re.compile(r"\s+")
_CLAUSE_MARKS = re.compile(r"[,;:()\[\]–—]")
CLAUSE_PENALTY = 1000
PARENT_WINDOW = 32  # a sub-allocation's parent is among the last budgets with a period


@dataclass
class Draft:
    """A fact being linked: its quantity plus what the linker decides."""

    kind: str
    quantity: Quantity
    typing: Typing
    sentence: int
    qualifier: str
    equivalent: Draft | None = None
    subject: list[str] = field(default_factory=list)
    item: str | None = None
    metric: str | None = None
    period: str | None = None
    period_candidates: list[Mention] = field(default_factory=list)
    retracted: bool = False
    links: list[Link] = field(default_factory=list)
    item_cue: Cue | None = None
    metric_cue: Cue | None = None

    def link(self, attribute: str, strategy: str, cue: Cue | None = None, detail: str | None = None) -> None:
        self.links.append(Link(attribute, strategy, cue, detail))

    def cue_of(self, attribute: str) -> Cue | None:
        return next((link.cue for link in self.links if link.attribute == attribute), None)

    def figure(self, why: str) -> Cue:
        return Cue(self.quantity.text, self.start, self.end, why)

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    @property
    def amount(self) -> Decimal:
        q = self.quantity
        return q.value if q.value is not None else q.high

    def key(self) -> tuple:
        q = self.quantity
        return (self.kind, q.unit, q.value, q.low, q.high)


class History:
    """What the linker has seen so far in a document, for the look-backs
    (continued figures, restated figures, parent budgets) in constant time."""

    def __init__(self) -> None:
        self.last: dict[str, Draft] = {}
        self.by_figure: dict[tuple, Draft] = {}
        self.budgets_with_period: list[Draft] = []

    def add(self, draft: Draft) -> None:
        self.last[draft.kind] = draft
        if draft.subject:
            self.by_figure[draft.key()] = draft
        if draft.kind == "budget" and draft.period:
            self.budgets_with_period.append(draft)

    def same_figure(self, draft: Draft) -> Draft | None:
        return self.by_figure.get(draft.key())

    def continued(self, draft: Draft, name: str) -> Any:
        """An attribute of the figure a continuation ('or roughly 43 trillion a
        day', 'On-demand is closer to $3.') carries on from."""
        previous = self.continued_figure(draft)
        return getattr(previous, name) if previous else None

    def continued_figure(self, draft: Draft) -> Draft | None:
        return self.last.get(draft.kind) if draft.typing.continuation else None


class AttributeLinker(DataComponent):
    def __init__(self, nlp: Language, name: str, facts_key: str, quantities_key: str, ruler_key: str) -> None:
        super().__init__(nlp, name)
        self.facts_key = facts_key
        self.quantities_key = quantities_key
        self.ruler_key = ruler_key

    def compile(self) -> None:
        c = self.cues
        self.source_before = CueList(c["source_before"])
        self.unnamed_group = CueList(c["unnamed_group"])
        governors = "|".join(re.escape(g) for g in c["unnamed_group_governed_by"])
        self.group_governor = re.compile(rf"\b(?:{governors})\s+(?:the\s+)?(?:[\w-]+\s+){{0,4}}$", re.I)
        self.future = CueList(c["future_cues"])
        self.retraction = CueList(c["retraction"])
        self.retraction_anaphora = CueList(c["retraction_anaphora"])
        verbs = "|".join(re.escape(v) for v in c["telling_verbs"])
        self.telling = re.compile(rf"\b(?:{verbs})\s+(?:(?:in|on|during|at|by)\s+)?$", re.I)
        self.clause_break = re.compile("|".join(re.escape(b) for b in c["clause_breaks"]), re.I)
        self.conversion_adjacent = {_SPACES.sub(" ", s.strip().lower()) for s in c["conversion_adjacent"]}
        self.conversion_linking = CueList(c["conversion_linking"])
        self.sub_allocation = CueList(c["sub_allocation"])
        self.fractions = {k: Decimal(str(v)) for k, v in c["fractions"].items()}
        self.fraction_tolerance = Decimal(str(c["fraction_tolerance"]))
        self.date_modifier = CueList(c["date_modifier_nouns"])
        self.class_nouns = {n.lower() for n in c["class_nouns"]}
        self.chip_makers = [(maker, re.compile(regex)) for maker, regex in c["chip_makers"].items()]
        self.user_metric = {m: CueList(v) for m, v in c["metric"]["user_count"].items()}
        self.token_metric = {m: CueList(v) for m, v in c["metric"]["token_volume"].items()}
        self.patterns = pattern_table(c["pattern_meta"])

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        context = DocContext.of(doc, self.ruler_key, self.patterns)
        text = context.text
        drafts = [
            Draft(span.label_, span._.quantity, span._.typing, context.sentence_index(span.start_char),
                  span._.quantity.qualifier)
            for span in doc.spans.get(self.facts_key, [])
        ]
        orgs = MentionIndex(self._organizations(context, text))
        apps = MentionIndex([_app_name(a) for a in context.mentions.get("APP", [])])
        self._link_conversions(text, drafts)
        self._link_retractions(text, context, drafts)
        figures = [(q.start_char, q.end_char) for q in doc.spans.get(self.quantities_key, [])
                   if any(ch.isdigit() for ch in q.text) or (q._.quantity is not None and q._.quantity.scaled)]
        self._link_periods(text, context, drafts, doc._.published, figures)
        dominant = self._dominant(orgs.items)
        history = History()
        for draft in drafts:
            self._link_subject(text, context, orgs, apps, history, draft, dominant)
            if draft.kind in ("chip_count", "unit_price"):
                self._link_item(context, history, draft)
            if draft.kind == "user_count":
                self._user_metric(text, context, draft)
            elif draft.kind == "token_volume":
                self._token_metric(text, context, history, draft)
            history.add(draft)
        doc._.facts = [self._fact(doc._.doc_id or "", draft, text) for draft in drafts]
        release(doc)
        return doc

    # -- conversions, qualifiers, retractions -----------------------------------------

    def _link_conversions(self, text: str, drafts: list[Draft]) -> None:
        money = [d for d in drafts if d.kind in MONEY_TYPES]
        for prev, cur in zip(money, money[1:], strict=False):
            if prev.quantity.unit == cur.quantity.unit or prev.equivalent is not None:
                continue
            between = _SPACES.sub(" ", text[prev.end:cur.start].strip().lower())
            linked = between in self.conversion_adjacent
            if not linked and cur.start - prev.end <= self.cues["conversion_max_chars"]:
                linked = bool(self.conversion_linking.ends_before(text, cur.start, 30)) and not re.search(
                    r"\d", text[prev.end:cur.start])
            if linked:
                cur.equivalent = prev
                cur.kind = prev.kind
                adjacent = between in self.conversion_adjacent
                cur.link("equivalent", "adjacent" if adjacent else "linking-phrase",
                         prev.figure("conversion beside its original" if adjacent
                                     else "conversion linked by a phrase ('equivalent to')"), between or "adjacent")
                if cur.qualifier == "exact":
                    cur.qualifier = prev.qualifier

    def _clause(self, text: str, context: DocContext, start: int) -> tuple[int, int]:
        lo, hi = context.sentence(start)
        clause_lo, clause_hi = lo, hi
        for m in self.clause_break.finditer(text, lo, hi):
            if m.end() <= start:
                clause_lo = m.end()
            elif m.start() >= start:
                clause_hi = m.start()
                break
        return clause_lo, clause_hi

    def _link_retractions(self, text: str, context: DocContext, drafts: list[Draft]) -> None:
        retracted_keys: dict[tuple, Cue] = {}
        for draft in drafts:
            lo, hi = self._clause(text, context, draft.start)
            cue = self.retraction.search(text, lo, hi)
            if cue:
                draft.retracted = True
                draft.link("retracted", "clause-cue", _match_cue(cue, "a retraction word in the figure's clause"))
                retracted_keys.setdefault(draft.key(), draft.cue_of("retracted"))
        for m in self.retraction_anaphora.regex.finditer(text):
            lo, hi = context.sentence(m.start())
            cue = self.retraction.search(text, lo, hi)
            if not cue:
                continue
            here = context.sentence_index(m.start())
            earlier = [d for d in drafts if d.end <= lo and here - d.sentence <= 2]
            if earlier and not any(lo <= d.start < hi for d in drafts):
                earlier[-1].retracted = True
                earlier[-1].link("retracted", "later-sentence-says-so",
                                 _match_cue(cue, "a later sentence says the figure is wrong"))
                retracted_keys.setdefault(earlier[-1].key(), earlier[-1].cue_of("retracted"))
        for draft in drafts:
            if not draft.retracted and draft.key() in retracted_keys:
                draft.retracted = True
                cue = retracted_keys[draft.key()]
                draft.link("retracted", "same-amount", replace(cue, why="the same amount is retracted elsewhere"))

    # -- periods ----------------------------------------------------------------------

    def _link_periods(self, text: str, context: DocContext, drafts: list[Draft], published: str | None,
                      figures: list[tuple[int, int]]) -> None:
        by_sentence: dict[int, list[Draft]] = {}
        for draft in drafts:
            by_sentence.setdefault(draft.sentence, []).append(draft)
        for sentence, members in by_sentence.items():
            lo = context.sentence_starts[sentence]
            hi = context.sentence(lo)[1]
            others = [_Span(a, b) for a, b in figures if lo <= a < hi and not any(d.start == a for d in members)]
            for date in context.within("DATE", lo, hi):
                if (self.telling.search(text, max(lo, date.start - 30), date.start)
                        and not self.date_modifier.starts_after(text, date.end, 25)):
                    continue  # 'projected in September': the date of the telling, not of a figure
                owner = self._date_owner(text, date, members + others)
                if not isinstance(owner, Draft):
                    continue  # the nearest figure is not a fact ('780 million queries in May')
                if owner is None:
                    continue
                owner.period_candidates.append(date)
                if owner.equivalent is not None:
                    owner.equivalent.period_candidates.append(date)
                for other in members:
                    if other.equivalent is owner:
                        other.period_candidates.append(date)
        history = History()
        for draft in drafts:
            if draft.period_candidates:
                date = min(draft.period_candidates, key=lambda d: _clause_gap(text, d, draft))
                lo, hi = context.sentence(draft.start)
                future = bool(self.future.search(text, lo, hi))
                draft.period = resolve_period(date.text, date.info.date, published, future)
                kind = date.info.date or "date"
                draft.link("period", "sentence-date", Cue(date.text, date.start, date.end,
                                                          f"the {kind} nearest the figure in its sentence"),
                           date.info.date or date.pattern)
            elif draft.equivalent is not None and draft.equivalent.period:
                draft.period = draft.equivalent.period
                draft.link("period", "from-original", _rewhy(draft.equivalent.cue_of("period"),
                                                             "the period of the amount this converts"))
            elif history.continued(draft, "period"):
                draft.period = history.continued(draft, "period")
                draft.link("period", "from-continued-figure", _rewhy(history.continued_figure(draft).cue_of(
                    "period"), "the period of the figure this one continues"))
            elif draft.kind == "budget":
                parent = self._parent_budget(text, context, history.budgets_with_period, draft)
                if parent is not None:
                    draft.period = parent.period
                    draft.link("period", "sub-allocation", _rewhy(parent.cue_of("period"),
                                                                  "the period of the budget this is a part of"))
            history.add(draft)

    def _date_owner(self, text: str, date: Mention, members: list[Draft]) -> Draft | None:
        """The figure a time expression belongs to: the nearest one, except that a
        year modifying a noun ('its 2025 investment') only belongs to a figure
        that follows it closely ('Proposed 2026 budget: RMB 160 billion')."""
        if date.info.date == "year" and self.date_modifier.starts_after(text, date.end, 25):
            after = [d for d in members if d.start >= date.end and d.start - date.end <= 45]
            return after[0] if after else None
        return min(members, key=lambda d: _clause_gap(text, date, d))

    def _parent_budget(self, text: str, context: DocContext, earlier: list[Draft],
                       draft: Draft) -> Draft | None:
        lo, _ = context.sentence(draft.start)
        cue = self.sub_allocation.ends_before(text, draft.start, 80) or self.sub_allocation.search(
            text, max(lo, draft.start - 80), draft.start)
        if cue is None:
            return None
        cue_text = cue.group().lower()
        ratio = next((r for word, r in self.fractions.items() if word in cue_text), None)
        for parent in reversed(earlier[-PARENT_WINDOW:]):
            if parent.kind != "budget" or not parent.period or parent.quantity.unit != draft.quantity.unit:
                continue
            if ratio is not None:
                expected = draft.amount * ratio
                if abs(parent.amount - expected) <= self.fraction_tolerance * expected:
                    return parent
            elif parent.amount > draft.amount:
                return parent
        return None

    # -- subjects ---------------------------------------------------------------------

    def _organizations(self, context: DocContext, text: str) -> list[Mention]:
        """Organizations that can be subjects, under their shortest name in the
        article ('Naver Corp' -> 'Naver' when 'Naver' also stands alone);
        sources ('according to the FT') are not subjects."""
        orgs = [o for o in context.mentions.get("ORG", []) if not self.source_before.ends_before(text, o.start, 50)]
        standalone = {o.text for o in orgs}
        out = []
        for org in orgs:
            words = org.text.split()
            short = next((" ".join(words[:n]) for n in range(1, len(words)) if " ".join(words[:n]) in standalone),
                         None)
            out.append(replace(org, text=short) if short else org)
        return out

    @staticmethod
    def _dominant(orgs: list[Mention]) -> list[str]:
        counts = Counter(org.text for org in orgs)
        return [counts.most_common(1)[0][0]] if counts else []

    def _coordinated(self, text: str, first: Mention, candidates: list[Mention], limit: int) -> list[str]:
        names = [first.text]
        current = first
        for nxt in candidates:
            if nxt.start <= current.start or nxt.end > limit:
                continue
            between = text[current.end:nxt.start].strip().lower()
            if between in (",", "and", ", and", "&", "as well as", ", as well as"):
                names.append(nxt.text)
                current = nxt
            elif nxt.start > current.end:
                break
        return list(dict.fromkeys(names))

    def _possessive_before(self, text: str, mentions: list[Mention], draft: Draft) -> Mention | None:
        for m in mentions:
            if m.end <= draft.start and draft.start - m.end <= 30 and _POSSESSIVE.match(text[m.end:draft.start]):
                return m
        return None

    def _link_subject(self, text: str, context: DocContext, orgs: MentionIndex, apps: MentionIndex,
                      history: History, draft: Draft, dominant: list[str]) -> None:
        lo, hi = context.sentence(draft.start)
        in_sentence = orgs.within(lo, hi)
        left = [o for o in in_sentence if o.end <= draft.start]
        if draft.kind == "user_count":
            sentence_apps = apps.within(lo, hi)
            app = (max((a for a in sentence_apps if a.end <= draft.start), key=lambda a: a.end, default=None)
                   or next((a for a in sentence_apps if a.start >= draft.end), None)
                   or apps.last_before(lo))
            if app is not None:
                draft.subject = [app.text]
                draft.link("subject", "product", _mention_cue(app, "the product the users are counted for"))
                return
        if draft.kind == "unit_price" and not draft.typing.rental:
            maker, chip = self._maker(context, draft)
            if maker:
                draft.subject = [maker]
                draft.link("subject", "maker-of-item", _mention_cue(chip, f"{maker} makes the chip priced"))
                return
        possessive = self._possessive_before(text, in_sentence, draft)
        if possessive is not None:
            draft.subject = [possessive.text]
            draft.link("subject", "possessive", _mention_cue(possessive, "the owner named before the figure ('X's')"))
            return
        if left:
            draft.subject = self._coordinated(text, left[0], in_sentence, draft.start)
            draft.link("subject", "sentence-organization", _mention_cue(
                left[0], "the first organization before the figure in its sentence"))
            return
        if draft.equivalent is not None:
            draft.subject = list(draft.equivalent.subject)
            draft.link("subject", "from-original", _rewhy(draft.equivalent.cue_of("subject"),
                                                          "the subject of the amount this converts"))
            return
        clause_lo, clause_hi = self._clause(text, context, draft.start)
        group = self._unnamed_group_after(text, draft.end, clause_hi) if draft.kind == "budget" else None
        if group is not None:
            draft.subject = []
            draft.link("subject", "unnamed-group", _match_cue(group, "the figure belongs to a group the article "
                                                                     "does not name"))
            return
        prior = history.same_figure(draft) if draft.kind != "token_volume" else history.last.get("token_volume")
        if prior is not None and prior.subject:
            draft.subject = list(prior.subject)
            draft.link("subject", "earlier-mention", _rewhy(prior.cue_of("subject"),
                                                            "the subject of an earlier mention of the figure"))
            return
        last = orgs.last_before(lo)
        if last is not None:
            first = orgs.within(context.sentence(last.start)[0], last.end)[0]
            draft.subject = [first.text]
            draft.link("subject", "previous-sentence-organization", _mention_cue(
                first, "the first organization of the last sentence that names one"))
            return
        if draft.kind == "unit_price":
            return
        draft.subject = list(dominant)
        named = next((o for o in orgs.items if dominant and o.text == dominant[0]), None)
        draft.link("subject", "article-organization",
                   _mention_cue(named, "the organization the article names most") if named else None)

    def _unnamed_group_after(self, text: str, lo: int, hi: int) -> re.Match | None:
        """'… for the four major cloud giants': the figure belongs to a group the
        article does not name."""
        for m in self.unnamed_group.regex.finditer(text, lo, hi):
            if self.group_governor.search(text, max(lo, m.start() - 60), m.start()):
                return m
        return None

    # -- items and metrics --------------------------------------------------------------

    def _chips_near(self, context: DocContext, draft: Draft) -> Mention | None:
        lo, hi = context.sentence(draft.start)
        chips = context.within("CHIP", lo, hi)
        right = [c for c in chips if c.start >= draft.end and c.start - draft.end <= 25]
        if right:
            return right[0]
        left = [c for c in chips if c.end <= draft.start]
        return left[-1] if left else None

    def _item(self, context: DocContext, draft: Draft) -> Mention | None:
        """The product: named in the figure's own noun phrase; a plain class noun
        ('100,000 GPUs') means no product; an anaphoric one ('units', an elided
        noun) or a price takes the nearest product of the sentence."""
        chip = self._chips_near(context, draft)
        if chip is None and draft.kind == "unit_price":
            lo, _ = context.sentence(draft.start)
            previous = context.index("CHIP").last_before(lo)
            gap = context.sentence_index(draft.start) - context.sentence_index(previous.start) if previous else 9
            if gap <= 1:
                chip = previous  # 'rents the chips at ₹150 per GPU-hour' after naming them
        if chip is not None and chip.start >= draft.end:
            return chip
        if draft.kind == "chip_count" and draft.typing.noun in self.class_nouns:
            return None
        return chip

    def _link_item(self, context: DocContext, history: History, draft: Draft) -> None:
        chip = self._item(context, draft)
        draft.item = _CHIP_NOUN.sub("", chip.text) if chip else None
        if draft.item:
            draft.item_cue = _mention_cue(chip, "the product named "
                                          + ("after the figure" if chip.start >= draft.end else "near the figure"))
        elif history.continued(draft, "item"):
            earlier = history.continued_figure(draft)
            draft.item = earlier.item
            draft.item_cue = _rewhy(earlier.item_cue, "the product of the figure this one continues")

    def _maker(self, context: DocContext, draft: Draft) -> tuple[str | None, Mention | None]:
        chip = self._chips_near(context, draft)
        if chip is None:
            return None, None
        if chip.info.maker:
            return chip.info.maker, chip
        return next((maker for maker, regex in self.chip_makers if regex.match(chip.text)), None), chip

    def _user_metric(self, text: str, context: DocContext, draft: Draft) -> None:
        window_hi = min(context.sentence(draft.start)[1], draft.end + 40)
        best = None
        for metric, cues in self.user_metric.items():
            hit = cues.nearest(text, draft.start, draft.end, draft.end, window_hi)
            if hit and (best is None or hit[0] < best[0]):
                best = (hit[0], metric, hit[1])
        if best:
            draft.metric, draft.metric_cue = best[1], _match_cue(best[2], f"{best[1]}: the cue right after the count")
        else:
            draft.metric = "users"

    def _token_metric(self, text: str, context: DocContext, history: History, draft: Draft) -> None:
        lo, hi = context.sentence(draft.start)
        best = None
        for metric, cues in self.token_metric.items():
            hit = cues.nearest(text, draft.start, draft.end, lo, hi)
            if hit and (best is None or hit[0] < best[0]):
                best = (hit[0], metric, hit[1])
        if best:
            null = best[1] == "null"
            draft.metric = None if null else best[1]
            draft.metric_cue = _match_cue(best[2], "a rate the contract has no metric for" if null
                                          else f"{best[1]}: the rate nearest the figure")
            return
        prior = history.last.get("token_volume")
        if prior is not None and prior.metric:
            draft.metric = prior.metric
            draft.metric_cue = _rewhy(prior.metric_cue, "the rate of the previous token volume")
        elif draft.period and len(draft.period) == 7:
            draft.metric = "monthly"  # a volume given for a named month ('25 trillion tokens last month')
            draft.metric_cue = _rewhy(draft.cue_of("period"), "a volume given for a named month")

    # -- output -------------------------------------------------------------------------

    @staticmethod
    def _fact(doc_id: str, draft: Draft, text: str) -> Fact:
        q = draft.quantity
        unit = q.unit if draft.kind in MONEY_TYPES else COUNT_UNITS[draft.kind]
        qualifier = _qualifier_cue(q, text) or (_qualifier_cue(draft.equivalent.quantity, text)
                                          if draft.equivalent is not None and q.qualifier == "exact" else None)
        evidence = FactEvidence(q, draft.typing, list(draft.links), draft.item_cue, draft.metric_cue, qualifier)
        return Fact(
            doc_id=doc_id, type=draft.kind, value=q.value, low=q.low, high=q.high, unit=unit,
            start=q.start, end=q.end, text=q.text, qualifier=draft.qualifier, subject=draft.subject,
            item=draft.item, metric=draft.metric, period=draft.period, retracted=draft.retracted,
            equivalent_of=draft.equivalent.start if draft.equivalent else None, rule=assemble_rule(evidence),
            evidence=evidence,
        )


@dataclass(frozen=True)
class _Span:
    """A figure of the sentence that is not a fact; it can own a date."""

    start: int
    end: int


def _clause_gap(text: str, a: Any, b: Any) -> int:
    """Distance between two spans, where crossing a comma, colon, bracket or
    dash costs more than any distance inside one clause."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    if hi <= lo:
        return 0
    return hi - lo + CLAUSE_PENALTY * len(_CLAUSE_MARKS.findall(text, lo, hi))


def _app_name(app: Mention) -> Mention:
    if app.info.trim == "app-kind":
        name = _APP_KIND.sub("", app.text)
        return replace(app, end=app.start + len(name), text=name)
    return app


def _mention_cue(mention: Mention, why: str) -> Cue:
    return Cue(mention.text, mention.start, mention.start + len(mention.text), why)


def _match_cue(m: re.Match, why: str) -> Cue:
    return Cue(m.group(), m.start(), m.end(), why)


def _rewhy(cue: Cue | None, why: str) -> Cue | None:
    """An earlier decision's text, with the reason it applies here."""
    return replace(cue, why=why) if cue is not None else None


def _qualifier_cue(quantity: Quantity, text: str) -> Cue | None:
    if quantity.qualifier_start is None or quantity.qualifier_end is None or quantity.qualifier == "exact":
        return None
    return Cue(text[quantity.qualifier_start:quantity.qualifier_end], quantity.qualifier_start, quantity.qualifier_end,
               f"{quantity.qualifier}: the word beside the amount")


@Language.factory("attribute_linker", default_config={
    "facts_key": FACTS_KEY, "quantities_key": QUANTITIES_KEY, "ruler_key": RULER_KEY})
def make_attribute_linker(nlp: Language, name: str, facts_key: str, quantities_key: str,
                          ruler_key: str) -> AttributeLinker:
    return AttributeLinker(nlp, name, facts_key, quantities_key, ruler_key)
