"""The learned type decision: settings, candidates and features, labels, the saved model, the CV's systems."""

from __future__ import annotations

import json

import numpy
import pytest

from extractor.cli import main as cli
from extractor.corpus import Document
from extractor.learn.candidates import NONE, document_candidates, label_candidates, parse
from extractor.learn.crossval import _per_document, cross_validate, decide, reliability
from extractor.learn.models import TypeModel, sklearn_pipeline
from extractor.learn.settings import load_settings
from extractor.learn.subjects import SavedRanker, SubjectRanker, document_cases, subject_cross_validation
from extractor.learn.training import collect, sentence_candidates, split_dirs
from extractor.resources import load_json
from extractor.scoring import score

SETTINGS = load_settings()


@pytest.fixture(scope="module")
def dev_data(nlp, root):
    return collect(nlp, SETTINGS, ["dev"], root)


def _candidates(nlp, text: str):
    return document_candidates(nlp, Document("d", text, "2025-06-01"), SETTINGS.features)


def _edited(path: str, value):
    data = json.loads(json.dumps(load_json("learn.json")))
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize("path, value", [
    ("seed", None),
    ("training_splits", ["dev", "holdout"]),
    ("training_splits", ["fresh"]),
    ("model.calibration", "platt"),
    ("model.C", 0),
    ("combination.veto", 1.5),
    ("decisions.typing", True),
])
def test_learn_settings_reject_bad_rows(path, value):
    with pytest.raises(ValueError, match="data/learn.json"):
        load_settings(_edited(path, value))


@pytest.mark.parametrize("name", ["holdout", "fresh", "fresh-news", "news-fresh2"])
def test_learn_held_out_splits_are_never_read(name, root):
    with pytest.raises(ValueError, match="held out"):
        split_dirs(name, root)


@pytest.mark.parametrize("text, figure, expected, absent", [
    ("Zentrix will spend $5 billion on new data centres this year.", "$5 billion",
     {"rule=budget", "basis=cue", "cue=spend", "money", "cur=USD", "scaled", "mag=money:9"}, {"count"}),
    ("Revenue at Zentrix rose to $3 billion last quarter.", "$3 billion",
     {"rule=none", "money", "wb=revenue"}, {"basis=cue"}),
    ("The Quillo chatbot now has 20 million weekly users.", "20 million",
     {"rule=user_count", "noun=users", "count", "has=APP", "mag=count:7"}, {"money"}),
    ("Orbitel ordered 12,000 H200 chips, each costing about $25,000.", "$25,000",
     {"rule=unit_price", "basis=price-phrase-before", "qual=approx", "prev=chip_count", "has=CHIP"}, {"scaled"}),
    ("| Company | GPUs |\n|---|---|\n| Orbitel | 8,000 |", "8,000",
     {"line=table_row", "under=column_header", "hw=gpus", "row_label"}, {"bullet"}),
    ("Cloud spending plans:\n- Orbitel: $4 billion\n- Zentrix: $2 billion", "$2 billion",
     {"bullet", "under=block_header", "hw=spending", "prev=budget"}, {"line=table_row"}),
    ("Between 40,000 and 80,000 GPUs will ship.", "40,000 and 80,000", {"range", "rule=chip_count"}, {"money"}),
])
def test_learn_features_come_from_the_typed_evidence(nlp, text, figure, expected, absent):
    candidate = next(c for c in _candidates(nlp, text) if c.quantity.text == figure)
    assert expected <= set(candidate.features)
    assert not absent & set(candidate.features)


def _gold(**fields):
    record = {"doc_id": "d", "type": "budget", "value": 5e9, "low": None, "high": None, "unit": "USD",
              "start": 18, "end": 28}
    record.update(fields)
    return record


@pytest.mark.parametrize("gold, label", [
    (_gold(), "budget"),
    (_gold(type="unit_price"), "unit_price"),
    (_gold(value=5.1e9), NONE),            # the numbers disagree beyond 0.5%
    (_gold(value=5.02e9), "budget"),       # within it
    (_gold(unit="EUR"), NONE),             # another currency
    (_gold(start=40, end=50), NONE),       # no overlap
    (_gold(doc_id="other"), NONE),
    (_gold(type="chip_count", unit="chips"), NONE),  # a count cannot label money
])
def test_learn_labels_match_gold_as_the_scorer_does(nlp, gold, label):
    candidates = _candidates(nlp, "Zentrix will spend $5 billion on new data centres this year.")
    label_candidates(candidates, [gold])
    assert [c.label for c in candidates] == [label]


def test_learn_train_is_reproduced_and_the_saved_model_agrees_with_scikit_learn(tmp_path, dev_data, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert cli(["train", "--split", "dev", "--out", str(first)]) == 0
    assert cli(["train", "--split", "dev", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert "trained on 13 documents" in capsys.readouterr().err
    model = TypeModel.from_disk(first)
    features = [c.features for c in dev_data.training]
    pipeline = sklearn_pipeline(SETTINGS, [c.doc_id for c in dev_data.training], features,
                                [c.label for c in dev_data.training])
    assert [str(c) for c in pipeline.classes_] == model.classes
    numpy.testing.assert_allclose(model.raw_proba(features), pipeline.predict_proba(features), rtol=0, atol=1e-12)
    proba = model.predict_proba(dev_data.candidates)
    numpy.testing.assert_allclose(proba.sum(axis=1), 1.0)
    counts = [model.classes.index(k) for k in ("chip_count", "user_count", "token_volume") if k in model.classes]
    money = numpy.asarray([c.is_money for c in dev_data.candidates])
    assert (proba[money][:, counts] == 0).all()


def test_learn_train_saves_the_subject_ranker_reproducibly_and_it_scores_as_fitted(tmp_path, dev_data):
    first, second = tmp_path / "a" / "type.json", tmp_path / "b" / "type.json"
    assert cli(["train", "--split", "dev", "--out", str(first)]) == 0
    assert cli(["train", "--split", "dev", "--out", str(second)]) == 0
    saved = [path.with_name("subject_ranker.json") for path in (first, second)]
    assert saved[0].read_bytes() == saved[1].read_bytes()
    ranker = SavedRanker.from_disk(saved[0])
    fitted = SubjectRanker(SETTINGS).fit(dev_data.subjects)
    cases = [c for c in dev_data.subjects if c.names]
    assert cases
    for case in cases:
        numpy.testing.assert_allclose(ranker.scores(case), fitted.scores(case), rtol=0, atol=1e-9)


@pytest.mark.parametrize("bad", [{"format": "pickle"}, {}])
def test_learn_ranker_refuses_other_formats(bad):
    with pytest.raises(ValueError, match="format"):
        SavedRanker(bad)


@pytest.mark.parametrize("bad", [{"format": "pickle"}, {}])
def test_learn_model_refuses_other_formats(bad):
    with pytest.raises(ValueError, match="format"):
        TypeModel(bad)


def test_learn_train_reports_a_missing_corpus(tmp_path, capsys):
    assert cli(["train", "--root", str(tmp_path), "--out", str(tmp_path / "m.json")]) == 2
    assert "no training candidates" in capsys.readouterr().err


@pytest.mark.parametrize("rule, row, veto, expected", [
    ("budget", {"budget": 0.7, "none": 0.3}, 0.9, "budget"),        # the rules stand
    ("budget", {"budget": 0.05, "none": 0.95}, 0.9, None),          # a sure none vetoes
    ("budget", {"unit_price": 0.93, "none": 0.07}, 0.9, "unit_price"),  # a sure other type retypes
    ("budget", {"unit_price": 0.6, "budget": 0.4}, 0.9, "budget"),  # an unsure one does not
    (None, {"budget": 0.95, "none": 0.05}, 0.9, "budget"),          # a sure fact the rules missed is added
    (None, {"budget": 0.8, "none": 0.2}, 0.9, None),
])
def test_learn_rules_plus_model_only_acts_where_the_model_is_sure(nlp, rule, row, veto, expected):
    text = "Zentrix will spend $5 billion on new data centres this year."
    candidate = _candidates(nlp, text)[0]
    if rule is None:
        candidate.rule_type, candidate.rule_record = NONE, None
    classes = ["budget", "none", "unit_price"]
    proba = numpy.asarray([[row.get(k, 0.0) for k in classes]])
    settings = load_settings(_edited("combination", {"veto": veto, "add": veto, "subject": 0.8}))
    predicted = decide([candidate], classes, proba, settings)["rules+model"]
    assert [r["type"] for r in predicted] == ([expected] if expected else [])


def test_learn_cross_validation_scores_the_rules_as_the_pipeline_does(dev_data):
    cv = cross_validate(dev_data.candidates, dev_data.gold, SETTINGS)
    rules = [c.rule_record for c in dev_data.candidates if c.rule_record is not None]
    assert cv.score("rules").fact["micro"].f1 == score(rules, dev_data.gold).fact["micro"].f1
    documents = sorted({c.doc_id for c in dev_data.candidates})
    counts = _per_document(cv.predictions["model"], cv.gold, documents).sum(axis=0)[-1]
    micro = cv.score("model").fact["micro"]
    assert tuple(counts) == (micro.tp, micro.fp, micro.fn)
    bins = reliability(cv, 5)
    assert sum(b["n"] for b in bins) == len(dev_data.candidates)
    assert all(b["predicted"] is None or b["low"] <= b["predicted"] <= b["high"] for b in bins)


@pytest.mark.parametrize("text, figure, party, expected, absent", [
    ("Orbitel will buy 5,000 Nvidia GPUs for its new cluster.", "5,000", "Orbitel",
     {"before", "rules_choice", "type=chip_count"}, {"after"}),
    ("Orbitel will buy 5,000 Nvidia GPUs for its new cluster.", "5,000", "Nvidia", {"after", "brand"}, {"before"}),
    ("Zentrix Corp's $2 billion data centre budget was approved.", "$2 billion", "Zentrix",
     {"possessive", "before"}, {"figure_between"}),
    ("Zentrix spent $1 billion. Orbitel will spend $4 billion on data centres.", "$4 billion", "Zentrix",
     {"sent_back=1", "figure_between"}, {"rules_choice"}),
    ("Nvidia will ship 8,000 GPUs to Orbitel Inc next year.", "8,000", "Orbitel", {"pw=to", "after"},
     {"possessive"}),
])
def test_learn_subject_parties_carry_role_features(nlp, text, figure, party, expected, absent):
    parsed = parse(nlp, Document("d", text, "2025-06-01"))
    case = next(c for c in document_cases(parsed, nlp.get_pipe("attribute_linker"), [])
                if c.record["text"] == figure)
    features = set(case.features[case.names.index(party)])
    assert expected <= features
    assert not absent & features


def test_learn_subject_cross_validation_counts_every_matched_fact(dev_data):
    results = subject_cross_validation(dev_data.subjects, SETTINGS)
    matched = [c for c in dev_data.subjects if c.gold is not None]
    assert len(results["rules"]) == len(results["ranker"]) == len(results["documents"]) == len(matched)
    assert sum(results["rules"]) == sum(
        {s.casefold() for s in c.record["subject"]} == {s.casefold() for s in c.gold} for c in matched)
    ranker = SubjectRanker(SETTINGS).fit(dev_data.subjects)
    case = next(c for c in matched if len(c.names) > 1)
    scores = ranker.scores(case)
    assert ((scores >= 0) & (scores <= 1)).all()


def test_learn_confidence_is_a_probability_on_the_rules_facts(nlp, dev_data):
    from extractor.learn.apply import facts_with_confidence

    model = TypeModel.fit(dev_data.candidates, SETTINGS)
    text = "Zentrix will spend $5 billion on new data centres. Revenue rose to $3 billion."
    document = Document("d", text, "2025-06-01")
    records = facts_with_confidence(nlp, document, model, SETTINGS, decide=False)
    rules = [c.rule_record for c in _candidates(nlp, text) if c.rule_record is not None]
    assert [(r["type"], r["start"]) for r in records] == [(r["type"], r["start"]) for r in rules]
    assert all(0 <= r["confidence"] <= 1 and len(r["model_features"]) == 3 for r in records)


@pytest.mark.parametrize("row, labels", [
    ({"id": "a", "text": "Zentrix will spend $5 billion on data centres; revenue was $9 billion.",
      "figures": {"$5 billion": "budget"}}, ["budget", NONE]),
    ({"id": "b", "text": "Orbitel ordered 12,000 H200 chips.", "figures": {"12,000": "chip_count"}}, ["chip_count"]),
    ({"id": "c", "text": "Shares fell to $213.", "figures": {}}, [NONE]),
])
def test_learn_written_sentences_label_their_figures(nlp, tmp_path, row, labels):
    path = tmp_path / "sentences.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert [c.label for c in sentence_candidates(nlp, SETTINGS, path)] == labels


def test_learn_written_sentences_name_figures_they_hold(nlp, tmp_path):
    path = tmp_path / "sentences.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Shares fell.", "figures": {"$5": "budget"}}) + "\n")
    with pytest.raises(ValueError, match="x: '\\$5' is not in the sentence"):
        sentence_candidates(nlp, SETTINGS, path)


def test_learn_sentences_file_is_valid(nlp, root):
    candidates = sentence_candidates(nlp, SETTINGS, root / "annotations" / "learn" / "sentences.jsonl")
    assert {c.label for c in candidates} >= {"budget", "unit_price", "chip_count", NONE}


def test_learn_a_model_typed_record_is_a_valid_contract_record(nlp):
    from extractor.records import validate_record

    text = "Revenue at Zentrix rose to about $3 billion."
    candidate = _candidates(nlp, text)[0]
    record = candidate.record("budget")
    assert validate_record(record, text) == []
    assert (record["qualifier"], record["subject"], record["unit"]) == ("approx", [], "USD")
