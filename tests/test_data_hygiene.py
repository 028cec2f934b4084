"""Data hygiene: every key of the components' data is read by a rule, every
data file has a schema checked at initialize, and every label the code
names is one the patterns produce."""

import copy
import re
from pathlib import Path

import pytest

import extractor
from extractor import fact_types, schemas
from extractor.components import fact_typer, linker
from extractor.components.init_data import PATTERN_FILES, fact_cues, link_cues
from extractor.components.resolvers import Clauses, ItemResolver, MetricResolver, PeriodResolver, SubjectResolver
from extractor.corpus import read_corpus
from extractor.fact_types import Registry, default_registry
from extractor.pipeline import build
from extractor.resources import load_json, load_jsonl


class Tracked(dict):
    """A dict that remembers which keys were read (iterating a table reads all of it)."""

    def __init__(self, data, path="", seen=None):
        super().__init__(data)
        self.path, self.seen = path, seen if seen is not None else set()
        for key, value in self.items():
            if isinstance(value, dict):
                dict.__setitem__(self, key, Tracked(value, f"{path}.{key}", self.seen))

    def _mark(self, key):
        self.seen.add(f"{self.path}.{key}")

    def __getitem__(self, key):
        self._mark(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._mark(key)
        return super().get(key, default)

    def _all(self):
        for key in dict.keys(self):
            self._mark(key)

    def items(self):
        self._all()
        return super().items()

    def values(self):
        self._all()
        return super().values()

    def __iter__(self):
        self._all()
        return super().__iter__()


def _paths(data, path=""):
    for key, value in data.items():
        if isinstance(key, str) and key.startswith("_"):
            continue
        yield f"{path}.{key}"
        if isinstance(value, dict):
            yield from _paths(value, f"{path}.{key}")


def _plain(data):
    """A deep copy that does not count as reading (schema checks read every key)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in dict.items(data)}
    return [_plain(v) for v in data] if isinstance(data, list) else data


def _consume(root, extra=None, validate=True):
    nlp = build()
    tracked = {"fact_typer": Tracked(fact_cues()), "attribute_linker": Tracked(link_cues())}
    if extra:
        extra(tracked)
    real = schemas.check
    with pytest.MonkeyPatch.context() as patch:
        for module in (fact_typer, linker, fact_types):
            checked = validate or module is fact_types
            patch.setattr(module, "check", lambda schema, data, name, checked=checked:
                          real(schema, _plain(data), name) if checked else None)
        for name, cues in tracked.items():
            nlp.get_pipe(name).set_cues(cues)
    for folder in ("corpus", "corpus/dev", "corpus/test", "corpus/holdout"):
        for doc in read_corpus(root / folder):
            extractor.extract(doc.text, doc.published, doc.doc_id, nlp=nlp)
    return {name: sorted(p for p in set(_paths(_plain(cues))) - cues.seen if not p.startswith(TYPED))
            for name, cues in tracked.items()}


TYPED = ".fact_types"  # read through its schema into typed objects (tests/test_fact_types.py)


@pytest.fixture(scope="module")
def unread(root):
    return _consume(root)


@pytest.mark.parametrize("component", ["fact_typer", "attribute_linker"])
def test_every_data_key_is_read_by_a_rule(unread, component):
    assert not unread[component], f"{component}: data keys no rule reads: {unread[component]}"


def test_the_check_finds_a_key_no_rule_reads(root):
    def add(tracked):
        tracked["fact_typer"]["counts"]["not_users"] = ["developers"]
        tracked["attribute_linker"]["windows"]["elbow_room"] = 3

    found = _consume(root, add, validate=False)  # the schemas would refuse these keys outright
    assert found == {"fact_typer": [".counts.not_users"], "attribute_linker": [".windows.elbow_room"]}


@pytest.mark.parametrize(
    ("component", "change", "message"),
    [
        ("fact_typer", lambda c: c["windows"].update(count_not_before="thirty"), "windows.count_not_before"),
        ("fact_typer", lambda c: c["money"].update(not_a_fakt=["x"]), "money.not_a_fakt"),
        ("attribute_linker", lambda c: c.pop("retraction"), "retraction"),
        ("attribute_linker", lambda c: c["pattern_meta"].update({"chip:X": {"trim": "sideways"}}),
         "pattern_meta.chip:X.trim"),
    ],
)
def test_broken_component_data_is_a_clear_error_at_initialize(component, change, message):
    nlp = build()
    cues = copy.deepcopy(fact_cues() if component == "fact_typer" else link_cues())
    change(cues)
    with pytest.raises(ValueError, match=re.escape(message)):
        nlp.get_pipe(component).initialize(cues=cues)


COMPONENTS = Path(extractor.__file__).parent / "components"


def test_every_label_the_code_names_is_one_the_patterns_produce():
    labels = {row["label"] for name in PATTERN_FILES for row in load_jsonl(name)}
    named = set()
    for path in COMPONENTS.rglob("*.py"):
        named |= set(re.findall(r"\b(?:within|index|mentions\.get)\(\s*\"([A-Z]+)\"", path.read_text(encoding="utf-8")))
    assert named and named <= labels, named - labels


def test_the_relative_date_pattern_and_its_resolution_share_their_words():
    words = load_json("date_words.json")
    (row,) = [r for r in load_jsonl("patterns/time.jsonl") if r["id"] == "date:relative"]
    assert {w.lower() for w in row["slots"]["rel"]} == set(words["relative_offsets"])
    assert {w.lower() for w in row["slots"]["unit"]} == set(words["relative_units"])  # 'THIS YEAR' in a headline


@pytest.mark.parametrize(
    ("resolver", "attribute", "names"),
    [
        (SubjectResolver, "subject", schemas.SUBJECT_STRATEGIES),
        (PeriodResolver, "period", schemas.PERIOD_STRATEGIES),
        (ItemResolver, "item", schemas.ITEM_STRATEGIES),
        (MetricResolver, "metric", schemas.METRIC_STRATEGIES),
    ],
)
def test_every_strategy_name_the_schema_allows_is_one_a_resolver_has(resolver, attribute, names):
    """A registry naming every allowed strategy builds; each name maps to a method."""
    data = copy.deepcopy(load_json("fact_types.json"))
    spec = data["types"]["user_count" if attribute == "metric" else "chip_count"]
    spec[attribute] = {**spec[attribute], "strategies": list(names)} if attribute == "metric" else list(names)
    if attribute not in spec["attributes"]:
        spec["attributes"].append(attribute)
    built = resolver(link_cues(), Registry(data), *_extra_arguments(resolver))
    kind = "user_count" if attribute == "metric" else "chip_count"
    assert [name for name, _ in built.order[kind]] == list(names)


def _extra_arguments(resolver):
    if resolver is SubjectResolver:
        return Clauses(load_json("link_cues.json")["clause_breaks"]), ItemResolver(link_cues(), default_registry())
    return ()
