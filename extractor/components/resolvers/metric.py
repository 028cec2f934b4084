"""`metric`: what a user count or token volume counts per (MAU, daily…)."""

from __future__ import annotations

from typing import Any

from extractor.components.resolvers.base import Draft, PerFactResolver, Scene, match_cue, rewhy, strategy_order
from extractor.cues import CueList
from extractor.fact_types import Registry


class MetricResolver(PerFactResolver):
    """Named strategies, tried per fact type in the registry's order:
    `cue-after-count` (a metric cue right after the count: '40 million monthly
    active users'), `cue-in-sentence` (the nearest rate cue of the sentence; a
    rate the contract has no metric for, 'per second', means none),
    `previous-of-type` (the previous figure's metric), `named-month` (a volume
    for a named month), `default`. The cue tables are the type's own."""

    def __init__(self, cues: dict[str, Any], types: Registry) -> None:
        self.after_window = int(cues["windows"]["metric_after_count"])
        self.specs = {t.name: t.spec.metric for t in types if t.carries("metric")}
        self.cues = {name: [(metric, CueList(words)) for metric, words in spec.cues.items()]
                     + ([(None, CueList(spec.no_metric_cues))] if spec.no_metric_cues else [])
                     for name, spec in self.specs.items()}
        table = {"cue-after-count": self._cue_after, "cue-in-sentence": self._cue_in_sentence,
                 "previous-of-type": self._previous, "named-month": self._named_month, "default": self._default}
        self.order = {name: strategy_order(table, spec.strategies, f"metric of {name}")
                      for name, spec in self.specs.items()}

    def _nearest(self, scene: Scene, draft: Draft, lo: int, hi: int) -> bool:
        best = None
        for metric, cues in self.cues[draft.kind]:
            hit = cues.nearest(scene.text, draft.start, draft.end, lo, hi)
            if hit and (best is None or hit[0] < best[0]):
                best = (hit[0], metric, hit[1])
        if best is None:
            return False
        draft.metric = best[1]
        draft.metric_cue = match_cue(best[2], f"{best[1]}: the rate cue nearest the figure" if best[1]
                                     else "a rate the contract has no metric for")
        return True

    def _cue_after(self, scene: Scene, draft: Draft) -> bool:
        hi = min(scene.context.sentence(draft.start)[1], draft.end + self.after_window)
        return self._nearest(scene, draft, draft.end, hi)

    def _cue_in_sentence(self, scene: Scene, draft: Draft) -> bool:
        lo, hi = scene.context.sentence(draft.start)
        return self._nearest(scene, draft, lo, hi)

    @staticmethod
    def _previous(scene: Scene, draft: Draft) -> bool:
        prior = scene.history.last.get(draft.kind)
        if prior is None or not prior.metric:
            return False
        draft.metric = prior.metric
        draft.metric_cue = rewhy(prior.metric_cue, "the metric of the previous figure of its kind")
        return True

    def _named_month(self, scene: Scene, draft: Draft) -> bool:
        if not (draft.period and len(draft.period) == 7):
            return False
        draft.metric = self.specs[draft.kind].named_month  # '25 trillion tokens last month'
        draft.metric_cue = rewhy(draft.cue_of("period"), "a volume given for a named month")
        return True

    def _default(self, scene: Scene, draft: Draft) -> bool:
        draft.metric = self.specs[draft.kind].default
        return True
