"""The spaCy side: tokenizer rules, factories in other pipelines, serialization."""

import json

import pytest
import spacy

import extractor
from extractor.pipeline import MODEL_DIR, add_to_pipeline, save


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("US$20,000", ["US$", "20,000"]),
        ("RMB160bn", ["RMB", "160", "bn"]),
        ("$80bn", ["$", "80", "bn"]),
        ("≈US$23 billion", ["≈", "US$", "23", "billion"]),
        ("~US$20,000", ["~", "US$", "20,000"]),
        ("CNY380 billion", ["CNY", "380", "billion"]),
        ("€200bn", ["€", "200", "bn"]),
        ("1.3tn", ["1.3", "tn"]),
        ("HK$5bn", ["HK$", "5", "bn"]),
        ("H200", ["H200"]),
        ("(≈US$23", ["(", "≈", "US$", "23"]),
    ],
)
def test_tokenizer_keeps_money_forms_analysable(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_quantity_spans_align_with_tokens(nlp, root):
    for path in sorted((root / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        for span in doc.spans["extractor_quantities"]:
            q = span._.quantity
            assert (span.start_char, span.end_char) == (q.start, q.end), q.text


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    text = "Zorbly will spend $2bn (¥300 billion) on 10,000 B200 GPUs in 2026, about $30,000 each."
    before = [f.to_dict() for f in extractor.extract(text, "2025-05-01", "x", nlp=nlp)]
    nlp.to_disk(tmp_path / "model")
    reloaded = extractor.load(tmp_path / "model")
    assert reloaded.pipe_names == nlp.pipe_names
    assert [f.to_dict() for f in extractor.extract(text, "2025-05-01", "x", nlp=reloaded)] == before
    assert before


def _content(path):
    """A saved file's content; JSON lists compared as sorted, since spaCy
    writes some sets (the sentencizer's punctuation) in hash order."""
    if path.suffix in (".json", ".jsonl", ".cfg") or path.name == "cfg":
        text = path.read_text(encoding="utf-8")
        try:
            return _sorted_lists(json.loads(text))
        except json.JSONDecodeError:
            return text
    return path.read_bytes()


def _sorted_lists(value):
    if isinstance(value, dict):
        return {k: _sorted_lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted_lists(v) for v in value), key=repr)
    return value


def test_saved_model_is_what_the_build_command_makes(tmp_path):
    if not MODEL_DIR.exists():
        pytest.fail("models/extractor is missing: run `extractor build` (make models)")
    fresh = save(tmp_path / "fresh")
    saved_files = sorted(p.relative_to(MODEL_DIR) for p in MODEL_DIR.rglob("*") if p.is_file())
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert saved_files == fresh_files
    stale = [str(rel) for rel in saved_files if _content(MODEL_DIR / rel) != _content(fresh / rel)]
    assert not stale, f"models/extractor differs from a fresh build in {stale}: run `make models`"


def test_components_work_in_someone_elses_pipeline():
    """A user's pipeline with its own NER (here an entity ruler) gets the
    extractor's components added and uses its entities as subjects."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Quillstone"}])
    add_to_pipeline(nlp)
    assert nlp.pipe_names[-3:] == ["quantity_recognizer", "fact_typer", "attribute_linker"]
    (fact,) = extractor.extract("Quillstone will spend $3bn on data centres.", nlp=nlp)
    assert (fact.type, fact.subject) == ("budget", ["Quillstone"])


def test_a_component_without_its_data_says_so():
    nlp = spacy.blank("en")
    nlp.add_pipe("quantity_recognizer")
    nlp.add_pipe("fact_typer")
    with pytest.raises(ValueError, match="no cue data"):
        nlp("Acme spent $5bn on chips.")


def test_extract_rejects_bad_arguments(nlp):
    with pytest.raises(TypeError):
        extractor.extract(b"bytes", nlp=nlp)
    with pytest.raises(ValueError, match="ISO date"):
        extractor.extract("text", published="last Tuesday", nlp=nlp)


def test_facts_are_on_the_doc(nlp):
    doc = nlp("Acme will buy 5,000 GPUs.")
    assert [f.type for f in doc._.facts] == ["chip_count"]


def test_extract_many_in_two_processes_equals_one(nlp):
    from extractor.pipeline import extract_many

    items = [("Zorbly will spend $2bn (¥300 billion) on data centres in 2026.", "2025-05-01", f"a{i}")
             for i in range(6)] + [("Vantor ordered 4,000 H200 chips.", "2025-05-01", "b")]
    single = [[f.to_dict() for f in facts] for facts in extract_many(items, nlp=nlp)]
    double = [[f.to_dict() for f in facts] for facts in extract_many(items, nlp=nlp, n_process=2, batch_size=2)]
    assert single == double
    assert [facts[0]["doc_id"] for facts in single] == [f"a{i}" for i in range(6)] + ["b"]


def test_docs_serialize_with_their_facts(nlp):
    from spacy.tokens import Doc

    doc = nlp("Acme will buy 5,000 GPUs at ~US$30,000 each.")
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [f.to_dict() for f in copy._.facts] == [f.to_dict() for f in doc._.facts]
