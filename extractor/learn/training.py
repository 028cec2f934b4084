"""Collecting the training candidates from the annotated splits and fitting the type model.

The training splits are named in `data/learn.json`; corpus/holdout, any fresh split and the final split are
never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from extractor.corpus import Document, read_corpus, read_gold, read_jsonl
from extractor.learn.candidates import NONE, Candidate, document_candidates, label_candidates, parse
from extractor.learn.models import TypeModel
from extractor.learn.settings import LearnSettings, load_settings
from extractor.learn.subjects import SubjectCase, SubjectRanker, document_cases

ROOT = Path(__file__).resolve().parent.parent.parent
MODEL_FILE = ROOT / "models" / "learn" / "type_model.json"
RANKER_FILE = ROOT / "models" / "learn" / "subject_ranker.json"
SENTENCES = Path("annotations") / "learn" / "sentences.jsonl"
SENTENCE_DATE = "2025-06-01"
FORBIDDEN = ("holdout", "fresh", "final")  # held-out splits: never trained or selected on


def split_dirs(name: str, root: Path = ROOT) -> tuple[Path, Path]:
    """(articles, gold) folders of a split: the seed split is the top of corpus/ and annotations/."""
    if any(word in name for word in FORBIDDEN):
        raise ValueError(f"split {name!r} is held out: it is never used for training or model selection")
    if name == "seed":
        return root / "corpus", root / "annotations"
    return root / "corpus" / name, root / "annotations" / name


@dataclass
class TrainingData:
    """The labelled candidates of the training splits and the gold they were labelled from."""

    candidates: list[Candidate]
    gold: list[dict[str, Any]]
    documents: list[str]
    skipped: list[str]
    subjects: list[SubjectCase]
    extra: list[Candidate]

    @property
    def training(self) -> list[Candidate]:
        """What a model is fitted on: the splits' candidates plus the hand-written sentences'."""
        return self.candidates + self.extra


def collect(nlp: Language, settings: LearnSettings, splits: list[str] | None = None,
            root: Path = ROOT) -> TrainingData:
    """Run the pipeline over every article of `splits` (default: the settings' training splits) once."""
    candidates: list[Candidate] = []
    gold: list[dict[str, Any]] = []
    documents: list[str] = []
    skipped: list[str] = []
    subjects: list[SubjectCase] = []
    linker = nlp.get_pipe("attribute_linker")
    for name in splits or settings.training_splits:
        corpus_dir, gold_dir = split_dirs(name, root)
        if not corpus_dir.is_dir() or not gold_dir.is_dir():
            skipped.append(f"{name}: no {corpus_dir} or {gold_dir}")
            continue
        docs = read_corpus(corpus_dir)
        split_gold = read_gold(gold_dir, [d.doc_id for d in docs])
        for document in docs:
            parsed = parse(nlp, document)
            found = document_candidates(nlp, document, settings.features, parsed)
            doc_gold = [g for g in split_gold if g["doc_id"] == document.doc_id]
            label_candidates(found, doc_gold)
            subjects.extend(document_cases(parsed, linker, doc_gold))
            candidates.extend(found)
            documents.append(document.doc_id)
        gold.extend(split_gold)
    extra = sentence_candidates(nlp, settings, root / SENTENCES) if settings.sentences else []
    return TrainingData(candidates, gold, documents, skipped, subjects, extra)


def sentence_candidates(nlp: Language, settings: LearnSettings, path: Path) -> list[Candidate]:
    """Candidates of the labelled sentences written for training (`annotations/learn/sentences.jsonl`):
    each sentence is its own document; a figure it lists takes its type, every other figure is "none"."""
    if not path.exists():
        return []
    out: list[Candidate] = []
    for row in read_jsonl(path):
        text = row["text"]
        found = document_candidates(nlp, Document(f"sentence:{row['id']}", text, SENTENCE_DATE), settings.features)
        spans = []
        for figure, kind in row["figures"].items():
            start = text.find(figure)
            if start < 0:
                raise ValueError(f"{path}: {row['id']}: {figure!r} is not in the sentence")
            spans.append((start, start + len(figure), kind))
        for candidate in found:
            q = candidate.quantity
            candidate.label = next((kind for a, b, kind in spans if a < q.end and q.start < b), NONE)
        out.extend(found)
    return out


def train(nlp: Language, settings: LearnSettings | None = None, splits: list[str] | None = None,
          root: Path = ROOT) -> tuple[TypeModel, SubjectRanker, TrainingData]:
    """The type model and the subject ranker, fitted on all training candidates with the settings' seed."""
    settings = settings or load_settings()
    data = collect(nlp, settings, splits, root)
    if not data.candidates:
        raise ValueError("no training candidates: none of the training splits was found")
    return TypeModel.fit(data.training, settings), SubjectRanker(settings).fit(data.subjects), data
