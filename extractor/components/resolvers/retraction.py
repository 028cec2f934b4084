"""`retracted`: a figure its own article says is wrong."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from extractor.components.context import DocContext
from extractor.components.resolvers.base import Clauses, Draft, match_cue
from extractor.cues import CueList
from extractor.evidence import Cue


class RetractionResolver:
    """Strategies, in order: `clause-cue` (a retraction word in the figure's
    clause: 'denied', 'inaccurate'), `later-sentence-says-so` ('That figure is
    wrong.' within `retraction_sentences` sentences after a figure, in a
    sentence with no figure of its own), `same-amount` (the same figure
    elsewhere in the article)."""

    def __init__(self, cues: dict[str, Any], clauses: Clauses) -> None:
        self.retraction = CueList(cues["retraction"])
        self.anaphora = CueList(cues["retraction_anaphora"])
        self.sentences = int(cues["windows"]["retraction_sentences"])
        self.clauses = clauses

    def resolve(self, text: str, context: DocContext, drafts: list[Draft]) -> None:
        retracted: dict[tuple, Cue] = {}
        for draft in drafts:
            lo, hi = self.clauses.around(text, context, draft.start)
            cue = self.retraction.search(text, lo, hi)
            if cue:
                self._retract(draft, "clause-cue", match_cue(cue, "a retraction word in the figure's clause"),
                              retracted)
        starts = [d.start for d in drafts]
        ends = [d.end for d in drafts]
        for m in self.anaphora.regex.finditer(text):
            lo, hi = context.sentence(m.start())
            cue = self.retraction.search(text, lo, hi)
            if not cue:
                continue
            here = context.sentence_index(m.start())
            before = bisect_right(ends, lo)  # drafts do not overlap: ends grow with starts
            if not before or here - drafts[before - 1].sentence > self.sentences:
                continue
            if bisect_left(starts, hi) > bisect_left(starts, lo):
                continue  # the sentence has a figure of its own
            self._retract(drafts[before - 1], "later-sentence-says-so",
                          match_cue(cue, "a later sentence says the figure is wrong"), retracted)
        for draft in drafts:
            if not draft.retracted and draft.key() in retracted:
                draft.retracted = True
                draft.link("retracted", "same-amount",
                           replace(retracted[draft.key()], why="the same amount is retracted elsewhere"))

    @staticmethod
    def _retract(draft: Draft, strategy: str, cue: Cue, retracted: dict[tuple, Cue]) -> None:
        draft.retracted = True
        draft.link("retracted", strategy, cue)
        retracted.setdefault(draft.key(), draft.cue_of("retracted"))
