"""Schemas of the data files that hold rules, checked when a component is
initialized (a typo in a data file is a clear error, not a silent no-op).

pydantic comes with spaCy, so this adds no dependency.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SUBJECT_STRATEGIES = ("product", "grantor", "tender-buyer", "seller",
                      "maker-of-item", "model-family", "row-label", "possessive", "clause-party",
                      "interviewee", "market-average", "definite-description", "clause-initial-name",
                      "indefinite-subject",
                      "sentence-organization", "from-original",
                      "unnamed-group", "earlier-mention", "earlier-of-type", "continued-figure",
                      "previous-sentence-organization", "named-source", "section-heading",
                      "first-person-turn", "speaker-turn", "item-body", "pronoun-antecedent", "publisher-first-person",
                      "publisher-page",
                      "article-organization")
PERIOD_STRATEGIES = ("sentence-date", "from-original", "from-continued-figure", "sub-allocation")
ITEM_STRATEGIES = ("product-in-cue", "product-after", "table-product", "class-noun-none", "product-before",
                   "product-previous-sentence", "continued")
METRIC_STRATEGIES = ("cue-after-count", "cue-in-sentence", "previous-of-type", "named-month", "default")
ATTRIBUTES = ("qualifier", "subject", "item", "metric", "period", "retracted", "equivalent_of")


class _Strict(BaseModel):
    """Unknown keys are errors; keys starting with '_' are notes for the reader."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_notes(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}
        return data


class PatternMetaSchema(_Strict):
    """One row of `data/pattern_meta.json`: what a span ruler pattern id means."""

    maker: str | None = None
    trim: Literal["before-comma", "after-role", "drop-last-word", "drop-first-word", "app-kind"] | None = None
    generic: bool = False
    date: str | None = None


class MetricSchema(_Strict):
    strategies: list[Literal[METRIC_STRATEGIES]]
    values: list[str | None]
    cues: dict[str, list[str]]
    no_metric_cues: list[str] = Field(default_factory=list)
    default: str | None = None
    named_month: str | None = None


class FactTypeSchema(_Strict):
    value: Literal["money", "count", "measure"]
    unit: str | None = None
    money_role: Literal["total", "per_unit"] | None = None
    cues: list[str] = Field(default_factory=list)
    cues_after: list[str] = Field(default_factory=list)
    cues_before: list[str] = Field(default_factory=list)
    rental_cues: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    conversions: dict[str, float] = Field(default_factory=dict)
    nouns_need_context: list[str] = Field(default_factory=list)
    context_cues: list[str] = Field(default_factory=list)
    context_label: str | None = None
    class_nouns: list[str] = Field(default_factory=list)
    min_value: float | None = None  # a count below it is no fact of the type ('1 token is about four characters')
    change_cues_before: list[str] = Field(default_factory=list)  # 'adding 34.5 million weekly users': a change
    attributes: list[Literal[ATTRIBUTES]]
    subject: list[Literal[SUBJECT_STRATEGIES]] = Field(default_factory=list)
    period: list[Literal[PERIOD_STRATEGIES]] = Field(default_factory=list)
    item: list[Literal[ITEM_STRATEGIES]] = Field(default_factory=list)
    metric: MetricSchema | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FactTypeSchema:
        if self.value == "money" and (self.unit is not None or self.money_role is None):
            raise ValueError("a money type has a money_role and no fixed unit (its unit is the currency)")
        if self.value != "money" and (not self.unit or not self.nouns):
            raise ValueError(f"a {self.value} type needs a unit and the nouns that type it")
        if self.value != "measure" and self.conversions:
            raise ValueError("only a measure type converts units")
        nouns = {n.lower() for n in self.nouns}
        if not {n.lower() for n in self.conversions} <= nouns:
            raise ValueError("a conversion names a noun the type does not have")
        for name in ("subject", "period", "item", "metric"):
            if bool(getattr(self, name)) != (name in self.attributes):
                raise ValueError(f"{name!r}: strategies are given exactly when the type carries the attribute")
        if "equivalent_of" in self.attributes and self.value != "money":
            raise ValueError("equivalent_of is only for money")
        return self


class FactTypesSchema(_Strict):
    types: dict[str, FactTypeSchema]

    @model_validator(mode="after")
    def _one_per_money_role(self) -> FactTypesSchema:
        roles = [t.money_role for t in self.types.values() if t.money_role]
        if len(roles) != len(set(roles)):
            raise ValueError("at most one money type per money_role")
        return self


def check(schema: type[BaseModel], data: dict[str, Any], name: str) -> Any:
    """`data` validated against `schema` (keys starting with '_' are notes for
    the reader); a one-line error naming the file and the first problem."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{name}: {where}: {first['msg']} ({error.error_count()} problem(s))") from None


Words = list[str]


class MoneyCuesSchema(_Strict):
    not_unit_price_after: Words
    not_a_fact: Words
    investment_in_company_after: Words
    rental_period_after: Words
    not_a_fact_purposes: Words
    conversion_after: Words
    price_clause_before: list[str]
    average_price_before: str
    part_openers: Words
    part_after: Words
    per_named_unit: Words
    price_column_headers: Words


class BareFiguresSchema(_Strict):
    followers: Words
    not_bare_units: Words
    max_sentences: int
    max_ratio: int
    range_words: Words
    blocked_by_nouns: Words


class PerContainerSchema(_Strict):
    determiners: Words
    containers: Words
    verbs: Words
    qualifiers: Words
    with_words: Words


class CountCuesSchema(_Strict):
    skip_between: Words
    max_gap_tokens: int
    not_after: Words
    not_before: Words
    per_container: PerContainerSchema
    continuation_before: Words
    continuation_determiners: Words
    continuation_verbs: Words
    continuation_sentences: int
    people_using: Words
    people_using_before: Words
    min_passive_users: int
    not_chip_lines: Words
    min_app_lines: int


class TyperThresholdsSchema(_Strict):
    max_unit_price: int
    restate_min: int
    max_spec_count: int
    max_word_pronoun: int
    min_budget: int


class TyperWindowsSchema(_Strict):
    investment_in_company_after: int
    contents_of_one_before: int
    count_not_before: int
    count_not_after: int
    continuation_verb_before: int
    contents_with_before: int
    example_before: int
    label_own_noun_before: int
    price_continuation_figures: int
    price_continuation_sentences: int


class FactCuesSchema(_Strict):
    """`data/fact_cues.json` (plus the pattern side-table and the registry the typer also receives)."""

    money: MoneyCuesSchema
    counts: CountCuesSchema
    thresholds: TyperThresholdsSchema
    windows: TyperWindowsSchema
    bare_figures: BareFiguresSchema
    hypothetical_openers: Words
    hypothetical_before: Words
    pattern_meta: dict[str, PatternMetaSchema]
    fact_types: dict[str, Any]
    currency_magnitudes: dict[str, Any]
    chip_makers: dict[str, str]


class LinkerWindowsSchema(_Strict):
    conversion_linking_before: int
    retraction_sentences: int
    telling_before_date: int
    date_modifier_after: int
    year_modifier_figure_after: int
    sub_allocation_before: int
    past_before_date: int
    parent_figures: int
    clause_penalty: int
    source_before_organization: int
    unnamed_group_governor_before: int
    possessive_before_figure: int
    product_after_figure: int
    product_sentences_back: int
    metric_after_count: int
    host_introduction_after_turn: int


class LinkCuesSchema(_Strict):
    """`data/link_cues.json` (plus chip makers, the pattern side-table and the registry)."""

    source_before: Words
    source_descriptors: Words
    source_name_heads: Words
    ambiguous_source_heads: Words
    research_verbs: Words
    weak_source_descriptors: Words
    party_verbs_after: Words
    contrast_between: Words
    source_shapes: Words
    aggregate_row_labels: Words
    place_row_corners: Words
    not_section_names: Words
    speaker_label: str
    speaker_pronouns: Words
    publisher_furniture: Words
    publisher_pronouns: Words
    publisher_about: Words
    officer_words: Words
    past_tense_verbs: Words
    coordination: Words
    unnamed_group_governed_by: Words
    unnamed_group: Words
    market_average: Words
    own_average: Words
    product_use_verbs: Words
    future_cues: Words
    past_before_date: Words
    date_modifier_nouns: Words
    retraction: Words
    clause_breaks: Words
    conversion_adjacent: Words
    conversion_linking: Words
    conversion_max_chars: int
    sub_allocation: Words
    fractions: dict[str, float]
    fraction_tolerance: float
    retraction_anaphora: Words
    telling_verbs: Words
    telling_prepositions: Words
    product_name_suffixes: Words
    product_form_factors: Words
    app_kind_nouns: Words
    app_apposition_nouns: Words
    windows: LinkerWindowsSchema
    chip_makers: dict[str, str]
    pattern_meta: dict[str, PatternMetaSchema]
    fact_types: dict[str, Any]
