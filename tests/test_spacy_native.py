"""The pipeline behaves like any spaCy pipeline: it survives `initialize`,
leaves other components' spans alone, serializes whatever is disabled, loads
without importing the package, and carries all its data in `to_disk`."""

import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

import extractor
from extractor.corpus import read_corpus
from extractor.pipeline import MODEL_DIR, add_to_pipeline

TEXT = ("Zorbly will spend $2bn (¥300 billion) on 10,000 B200 GPUs in 2026, about $30,000 each, "
        "chief executive Ana Ruiz said. Its Quillo app has 40 million monthly active users.")


def _facts(nlp, docs):
    return [[f.to_dict() for f in extractor.extract(d.text, d.published, d.doc_id, nlp=nlp)] for d in docs]


def test_initialize_on_the_loaded_pipeline_keeps_every_fact(root):
    nlp = extractor.load(MODEL_DIR)
    docs = read_corpus(root / "corpus") + read_corpus(root / "corpus" / "dev")
    before = _facts(nlp, docs)
    nlp.initialize()
    after = _facts(nlp, docs)
    assert sum(map(len, before)) > 50
    assert after == before


def test_a_users_span_ruler_spans_survive_add_to_pipeline():
    nlp = spacy.blank("en")
    mine = nlp.add_pipe("span_ruler")
    mine.add_patterns([{"label": "PERSON", "pattern": "Ana Ruiz"}, {"label": "ORG", "pattern": "Zorbly"}])
    add_to_pipeline(nlp)
    doc = nlp(TEXT)
    assert [(s.text, s.label_) for s in doc.spans["ruler"]] == [("Zorbly", "ORG"), ("Ana Ruiz", "PERSON")]
    assert {"extractor_ruler", "extractor_quantities", "extractor_facts"} <= set(doc.spans)
    assert [f.type for f in doc._.facts][:2] == ["budget", "budget"]


@pytest.mark.parametrize("disabled", [None, "sentencizer", "line_sentences", "fact_ruler", "quantity_recognizer",
                                      "fact_typer", "attribute_linker"])
def test_doc_to_bytes_works_with_any_component_disabled(disabled):
    nlp = extractor.load(MODEL_DIR)
    with nlp.select_pipes(disable=[disabled] if disabled else []):
        try:
            doc = nlp(TEXT)
        except ValueError as error:  # a later component may need an earlier one's spans
            assert disabled in ("quantity_recognizer", "fact_typer"), error
            pytest.skip(f"the pipeline needs {disabled}")
        copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert copy.text == doc.text
    assert {k: [(s.start, s.end, s.label_) for s in v] for k, v in copy.spans.items()} == {
        k: [(s.start, s.end, s.label_) for s in v] for k, v in doc.spans.items()}
    if doc._.facts is not None:
        assert [f.to_dict() for f in copy._.facts] == [f.to_dict() for f in doc._.facts]


FRESH = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp.make_doc(sys.argv[2])
doc._.published = "2025-05-01"
print(json.dumps([[f.type, f.subject, f.period, f.item] for f in nlp(doc)._.facts]))
"""


def test_spacy_load_works_in_a_fresh_interpreter_without_importing_extractor(tmp_path):
    out = subprocess.run([sys.executable, "-c", FRESH, str(MODEL_DIR), TEXT], capture_output=True, text=True,
                         cwd=tmp_path, check=False)
    assert out.returncode == 0, out.stderr
    here = [[f.type, f.subject, f.period, f.item] for f in extractor.extract(TEXT, "2025-05-01", nlp=extractor.load())]
    assert json.loads(out.stdout) == here
    assert here[2] == ["chip_count", ["Zorbly"], "2026", "B200"]


def _units(nlp, text):
    doc = nlp(text)
    return [span._.quantity.unit for span in doc.spans["extractor_quantities"]]


def test_the_normalizers_data_travels_in_to_disk(tmp_path):
    nlp = extractor.load(MODEL_DIR)
    text = "The kingdom spent 5 zorkmids and 40 billion dollars on compute."
    assert _units(nlp, text) == [None, "USD"]  # a bare count of 5
    nlp.to_disk(tmp_path / "model")
    saved = tmp_path / "model" / "quantity_recognizer" / "normalizer.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data) == {"currencies.json", "cldr_currencies.json", "scales.json", "number_words.json",
                         "qualifiers.json"}
    data["currencies.json"]["aliases"]["zorkmids"] = "XAU"
    saved.write_text(json.dumps(data), encoding="utf-8")
    changed = extractor.load(tmp_path / "model")
    assert _units(changed, text) == ["XAU", "USD"]


def test_the_config_alone_assembles_the_same_pipeline(root):
    """What `spacy assemble` does: the config plus the registered data functions."""
    config = spacy.util.load_config(MODEL_DIR / "config.cfg")
    assembled = spacy.util.load_model_from_config(config, auto_fill=True)
    assembled.initialize()
    docs = read_corpus(root / "corpus" / "dev")
    assert _facts(assembled, docs) == _facts(extractor.load(MODEL_DIR), docs)


def test_nlp_pipe_over_a_batch_gives_each_doc_its_own_facts(root):
    """The per-document context is held beside the Doc being processed, never
    shared between docs of a batch."""
    nlp = extractor.load(MODEL_DIR)
    texts = [d.text for d in read_corpus(root / "corpus" / "dev")]
    one_by_one = [[f.to_dict() for f in nlp(text)._.facts] for text in texts]
    batched = [[f.to_dict() for f in doc._.facts] for doc in nlp.pipe(texts, batch_size=4)]
    assert batched == one_by_one and sum(map(len, batched)) > 40
