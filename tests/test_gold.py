"""Every gold file obeys the fact contract and points into its article."""

import json

import pytest
from conftest import SPLITS

from extractor.corpus import read_manifest
from extractor.records import validate_record

ARTICLES = [
    (corpus, gold, path.stem)
    for corpus, gold in SPLITS
    if corpus.is_dir()
    for path in sorted(corpus.glob("*.txt"))
]


@pytest.mark.parametrize(("corpus", "gold", "doc_id"), ARTICLES, ids=[a[2] for a in ARTICLES])
def test_gold_file_is_valid(corpus, gold, doc_id):
    article = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
    path = gold / f"{doc_id}.jsonl"
    assert path.exists(), f"every article needs a gold file, even an empty one: {path}"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts = {r["start"]: r for r in records}
    for record in records:
        assert record["doc_id"] == doc_id
        assert validate_record(record, article) == [], record
        if record["equivalent_of"] is not None:
            target = starts.get(record["equivalent_of"])
            assert target is not None, f"equivalent_of points at no fact: {record}"
            assert target["unit"] != record["unit"], "a conversion restates another currency"
            assert target["type"] == record["type"]


@pytest.mark.parametrize(("corpus", "gold"), [s for s in SPLITS if s[0].is_dir()])
def test_every_article_has_a_publication_date(corpus, gold):
    dates = read_manifest(corpus / "manifest.jsonl")
    for path in corpus.glob("*.txt"):
        assert dates.get(path.stem), f"{path.stem} has no published date in the manifest"


def test_seed_corpus_is_the_seeds_byte_for_byte(root):
    seeds = root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    for seed in seeds.glob("*.txt"):
        assert (root / "corpus" / seed.name).read_bytes() == seed.read_bytes()


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"value": None, "low": 5, "high": None}, "a range needs both low and high"),
        ({"value": 5, "low": 1, "high": 9}, "a single value must have low and high null"),
        ({"value": None, "low": 9, "high": 1}, "low is above high"),
        ({"unit": "dollars"}, "money needs an ISO 4217 code, got 'dollars'"),
        ({"qualifier": "about"}, "unknown qualifier 'about'"),
        ({"metric": "MAU"}, "metric must be null for budget"),
        ({"text": "16 billion"}, "text '16 billion' != article[0:11]"),
    ],
)
def test_validate_record_reports_each_problem(record, problem):
    good = {
        "doc_id": "d",
        "type": "budget",
        "value": 1.6e11,
        "low": None,
        "high": None,
        "unit": "CNY",
        "start": 0,
        "end": 11,
        "text": "160 billion",
        "qualifier": "exact",
        "subject": [],
        "item": None,
        "metric": None,
        "period": None,
        "retracted": False,
        "equivalent_of": None,
    }
    assert validate_record(good, "160 billion RMB") == []
    assert problem in validate_record({**good, **record}, "160 billion RMB")
