"""Schemas of the data files that hold rules, checked when a component is
initialized (a typo in a data file is a clear error, not a silent no-op).

pydantic comes with spaCy, so this adds no dependency.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SUBJECT_STRATEGIES = ("product", "maker-of-item", "possessive", "sentence-organization", "from-original",
                      "unnamed-group", "earlier-mention", "earlier-of-type", "previous-sentence-organization",
                      "article-organization")
PERIOD_STRATEGIES = ("sentence-date", "from-original", "from-continued-figure", "sub-allocation")
ITEM_STRATEGIES = ("product-after", "class-noun-none", "product-before", "product-previous-sentence", "continued")
METRIC_STRATEGIES = ("cue-after-count", "cue-in-sentence", "previous-of-type", "named-month", "default")
ATTRIBUTES = ("qualifier", "subject", "item", "metric", "period", "retracted", "equivalent_of")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
        return schema.model_validate({k: v for k, v in data.items() if not k.startswith("_")})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{name}: {where}: {first['msg']} ({error.error_count()} problem(s))") from None
