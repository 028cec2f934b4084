"""`item`: the product a chip count or a price is of."""

from __future__ import annotations

import re
from typing import Any

from extractor.components.context import DocContext, Mention
from extractor.components.resolvers.base import Draft, PerFactResolver, Scene, mention_cue, rewhy, strategy_order
from extractor.fact_types import Registry

_DIGIT = re.compile(r"\d")


class ItemResolver(PerFactResolver):
    """Named strategies, tried per fact type in the registry's order:
    `product-in-cue` (the product named inside the phrase that typed the figure, 'An H100 at $2.30', or between
    the figure and its count noun, '12,000 of the previous-generation KX-7 chips'),
    `product-after` (a product right after the figure: '10,000 B200 GPUs'),
    `table-product` (a table cell's column header, row label, corner or caption
    names the product: 'H200' over a column of hourly rates),
    `class-noun-none` (a plain class noun, '100,000 GPUs', means no product
    named: only a continued figure's product can follow), `product-before`
    (the last product before the figure in its sentence),
    `product-previous-sentence` ('rents the chips at ₹150 per GPU-hour' after
    naming them), `continued` (the product of the figure this one continues)."""

    def __init__(self, cues: dict[str, Any], types: Registry) -> None:
        windows = cues["windows"]
        self.after_window = int(windows["product_after_figure"])
        self.sentences_back = int(windows["product_sentences_back"])
        suffixes = "|".join(re.escape(n) for n in sorted(cues["product_name_suffixes"], key=len, reverse=True))
        self.name_suffix = re.compile(rf"\s+(?:{suffixes})$", re.I)
        forms = "|".join(re.escape(f) for f in sorted(cues["product_form_factors"], key=len, reverse=True))
        # 'H200 SXM 141GB' -> 'H200' (a form factor with its memory); 'H100 SXM' alone stays as named
        self.form_factor = re.compile(rf"\s+(?:{forms})\s+\d+\s*(?:GB)?$")
        self.class_nouns = {t.name: {n.lower() for n in t.spec.class_nouns} for t in types}
        self.families = [re.compile(regex) for regex in cues["chip_makers"].values()]
        table = {"product-in-cue": self._in_cue, "product-after": self._after, "table-product": self._table,
                 "class-noun-none": self._class_noun,
                 "product-before": self._before, "product-previous-sentence": self._previous_sentence,
                 "continued": self._continued}
        self.order = {t.name: strategy_order(table, t.spec.item, f"item of {t.name}")
                      for t in types if t.carries("item")}

    def near(self, context: DocContext, draft: Draft) -> Mention | None:
        """The product right after the figure, else the last one before it in its sentence."""
        return self._right(context, draft) or self._left(context, draft)

    def _right(self, context: DocContext, draft: Draft) -> Mention | None:
        """The first product after the figure; of a family and its model written together ('Blackwell Ultra
        B300 chips'), the model."""
        lo, hi = context.sentence(draft.start)
        after = [c for c in context.within("CHIP", lo, hi) if c.start >= draft.end]
        if not after or after[0].start - draft.end > self.after_window:
            return None
        chip = after[0]
        nxt = after[1] if len(after) > 1 else None
        if nxt is not None and not context.text[chip.end:nxt.start].strip() and _DIGIT.search(nxt.text) and not (
                _DIGIT.search(chip.text)):
            return nxt  # a family name, then its model: 'Blackwell Ultra B300'; not 'Trillium TPUs', 'GB300 NVL72'
        return chip

    @staticmethod
    def _left(context: DocContext, draft: Draft) -> Mention | None:
        lo, hi = context.sentence(draft.start)
        left = [c for c in context.within("CHIP", lo, hi) if c.end <= draft.start]
        return left[-1] if left else None

    def _take(self, draft: Draft, chip: Mention | None, why: str) -> bool:
        """Decide on `chip`, named without its class noun ('B200 GPUs' -> 'B200')."""
        if chip is None:
            return False
        draft.item = self._product_name(chip.text) or None
        if draft.item:
            draft.item_cue = mention_cue(chip, why)
        return draft.item is not None

    def _product_name(self, chip: str) -> str:
        """The product as named, without a class noun or a plural: 'H200 chips', 'H200s', 'TPUs' -> 'H200',
        'TPU'; 'Atlas' stays (its singular is no product family)."""
        name = self.form_factor.sub("", self.name_suffix.sub("", chip))
        if name.endswith("s") and any(regex.match(name[:-1]) for regex in self.families):
            return name[:-1]
        return name

    def _in_cue(self, scene: Scene, draft: Draft) -> bool:
        """'An H100 at $2.30 is comfortable; a B200 at $4.45': the product the typing phrase priced; '12,000 of the
        previous-generation KX-7 chips': the product between the figure and the noun that counted it."""
        cue = draft.typing.cue
        if cue is None:
            return False
        if cue.start >= draft.end:  # '12,000 of the previous-generation KX-7 chips': between the figure and its noun
            chips = scene.context.within("CHIP", draft.end, cue.end)
            return self._take(draft, chips[-1] if chips else None, "the product between the figure and its noun")
        if cue.end > draft.start:
            return False
        chips = scene.context.within("CHIP", cue.start, cue.end)
        return self._take(draft, chips[-1] if chips else None, "the product the figure's typing phrase names")

    def _after(self, scene: Scene, draft: Draft) -> bool:
        return self._take(draft, self._right(scene.context, draft), "the product named after the figure")

    def _table(self, scene: Scene, draft: Draft) -> bool:
        """A table cell's product, from the nearest of the regions that frame it: the column header, the row
        label, the corner cell, then the block header above the table (its caption line)."""
        if scene.layout is None:
            return False
        where = scene.layout.at(draft.start)
        if where.line.kind != "table_row":
            return False
        for name, region in (("column header", where.column_header), ("row label", where.row_label),
                             ("corner cell", where.corner), ("block header", where.block_header)):
            chips = scene.context.within("CHIP", region.start, region.end) if region is not None else ()
            if chips:
                return self._take(draft, chips[0], f"the product named in the table's {name}")
        return False

    def _class_noun(self, scene: Scene, draft: Draft) -> bool:
        if draft.typing.noun not in self.class_nouns.get(draft.kind, ()):
            return False
        return self._continued(scene, draft) or True

    def _before(self, scene: Scene, draft: Draft) -> bool:
        return self._take(draft, self._left(scene.context, draft), "the product named before the figure")

    def _previous_sentence(self, scene: Scene, draft: Draft) -> bool:
        context = scene.context
        lo, _ = context.sentence(draft.start)
        previous = context.index("CHIP").last_before(lo)
        if previous is None or context.sentence_index(draft.start) - context.sentence_index(
                previous.start) > self.sentences_back:
            return False
        return self._take(draft, previous, "the product named in the sentence before")

    @staticmethod
    def _continued(scene: Scene, draft: Draft) -> bool:
        earlier = scene.history.continued_figure(draft)
        if earlier is None or not earlier.item:
            return False
        draft.item = earlier.item
        draft.item_cue = rewhy(earlier.item_cue, "the product of the figure this one continues")
        return True
