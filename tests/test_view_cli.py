"""`extractor view` and displaCy options."""

from __future__ import annotations

import lxml.html
import pytest
from spacy import displacy

import extractor
from extractor.cli import main
from extractor.records import FACT_TYPES


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("Zorbly Labs will spend $2bn on data centres next year.\nIt said so.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Vantor ordered 12,000 GPUs in March.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text('{"doc_id": "a", "published": "2025-03-01"}\n'
                                             '{"doc_id": "b", "published": "2025-06-01"}\n', encoding="utf-8")
    return tmp_path


def marks(path):
    page = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    return [(m.text_content(), m.get("data-type")) for m in page.xpath('//div[@class="text"]//mark[@id]')]


def test_view_extracts_and_writes_one_page(folder, capsys):
    out = folder / "out" / "report.html"
    assert main(["view", str(folder), "--out", str(out)]) == 0
    assert marks(out) == [("$2bn", "budget"), ("12,000", "chip_count")]
    err = capsys.readouterr().err
    assert "viewed 2 articles, 2 facts (2 extracted, 0 from the store, 0 from --facts)" in err
    assert f"wrote {out}" in err


def test_view_reads_unchanged_documents_from_the_store(folder, capsys):
    db, out = folder / "facts.db", folder / "r.html"
    assert main(["extract", str(folder), "--db", str(db), "--no-progress"]) == 0
    assert main(["view", str(folder), "--db", str(db), "--out", str(out)]) == 0
    assert "(0 extracted, 2 from the store" in capsys.readouterr().err
    assert marks(out) == [("$2bn", "budget"), ("12,000", "chip_count")]
    assert main(["view", "--db", str(db), "--out", str(out)]) == 0  # no inputs: the whole store
    assert marks(out) == [("$2bn", "budget"), ("12,000", "chip_count")]


def test_view_shows_a_facts_file(folder, tmp_path, capsys):
    facts = tmp_path / "facts.jsonl"
    assert main(["extract", str(folder / "a.txt"), "--out", str(facts), "--no-progress"]) == 0
    out = tmp_path / "r.html"
    assert main(["view", str(folder / "a.txt"), "--facts", str(facts), "--out", str(out)]) == 0
    assert marks(out) == [("$2bn", "budget")]


@pytest.mark.parametrize(("name", "content", "status", "code"), [
    ("broken.jsonl", "{not json\n", "failed", 1),
    ("empty.txt", "  \n", "skipped", 0),
    ("notes.docx", "x", "skipped", 0),
])
def test_view_lists_inputs_it_could_not_show(folder, capsys, name, content, status, code):
    (folder / name).write_text(content, encoding="utf-8")
    out = folder / "r.html"
    assert main(["view", str(folder), "--out", str(out)]) == code
    assert f"{status} {folder / name}" in capsys.readouterr().err
    page = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert name in page.xpath('//section[@id="problems"]')[0].text_content()
    assert len(marks(out)) == 2


@pytest.mark.parametrize("args", [["view", "--out", "x.html"], ["view", "--db", "missing.db", "--out", "x.html"]])
def test_view_usage_mistakes_are_one_line(tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("extractor view: ")


def test_displacy_options_colour_every_type():
    options = extractor.displacy_options()
    assert options["spans_key"] == "facts" and set(FACT_TYPES) <= set(options["colors"])
    assert len(set(options["colors"].values())) == len(FACT_TYPES)


@pytest.mark.parametrize(("key", "given"), [("facts", None), ("extractor_facts", None), ("mine", "mine")])
def test_displacy_labels_carry_value_and_unit(nlp, key, given):
    doc = nlp("Zorbly Labs will spend about $2bn in 2026 on 40,000 to 80,000 GPUs.")
    spans = next(list(doc.spans[k]) for k in ("extractor_facts", "facts") if k in doc.spans)
    for old in ("extractor_facts", "facts"):
        if old in doc.spans:
            del doc.spans[old]
    doc.spans[key] = spans
    options = extractor.displacy_options(doc, spans_key=given)
    assert options["spans_key"] == f"{key}_labelled"
    labels = [span.label_ for span in doc.spans[options["spans_key"]]]
    assert labels == ["budget ≈ 2 billion USD", "chip_count 40,000–80,000 chips"]
    html = displacy.render(doc, style="span", options=options)
    assert "budget ≈ 2 billion USD" in html and options["colors"][labels[0]] in html
