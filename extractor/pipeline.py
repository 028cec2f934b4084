"""The one place the pipeline is assembled.

`build()` makes it from `spacy.blank("en")` plus the project's components
and data; `save()` writes it to `models/`; `load()` reads the saved one (or
builds it when no saved model is present, e.g. in a wheel install).
`add_to_pipeline()` puts the same components into anyone's pipeline, a
pretrained one included.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import registry

import extractor.components  # noqa: F401  (registers the factories)
from extractor.components.context import FACTS_KEY, QUANTITIES_KEY, RULER_KEY, hold_text
from extractor.components.init_data import INITIALIZE, TAKES_FACT_TYPES, expand, patterns
from extractor.components.tokenizer import customize_tokenizer
from extractor.cycles import without_cycle_collection
from extractor.records import Fact

PROJECT_DIR = Path(__file__).resolve().parent.parent
MODEL_DIR = PROJECT_DIR / "models" / "extractor"
MAX_LENGTH = 20_000_000
TOKENIZER_CALLBACK = "extractor.news_tokenizer.v1"
__all__ = ["add_to_pipeline", "build", "expand", "extract", "extract_many", "load", "patterns", "save"]


def _reference(name: str, fact_types: str | None) -> dict[str, str]:
    if fact_types is not None and name in TAKES_FACT_TYPES:
        return {"@misc": name, "fact_types": fact_types}
    return {"@misc": name}


def add_to_pipeline(nlp: Language, fact_types: str | Path | None = None) -> Language:
    """Add the extractor's components (and sentence rules when the pipeline has
    no parser or senter) to `nlp`, initialized with the package data, or with
    the fact-type registry at `fact_types` (a JSON file like
    `extractor/data/fact_types.json`).

    The components are initialized one by one (`nlp.initialize()` would reset
    a pretrained pipeline's own components); the config records where their
    data comes from (`[initialize.components.*]`), so a later
    `nlp.initialize()` rebuilds the same pipeline."""
    types = str(fact_types) if fact_types is not None else None
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    if "line_sentences" not in nlp.pipe_names:
        nlp.add_pipe("line_sentences", after="sentencizer" if "sentencizer" in nlp.pipe_names else None)
    nlp.add_pipe("scheduled_span_ruler", name="fact_ruler", config={
        "spans_key": RULER_KEY, "annotate_ents": False, "validate": True, "overwrite": False})
    nlp.add_pipe("quantity_recognizer", config={"spans_key": QUANTITIES_KEY})
    nlp.add_pipe("fact_typer", config={"quantities_key": QUANTITIES_KEY, "spans_key": FACTS_KEY,
                                       "ruler_key": RULER_KEY})
    nlp.add_pipe("attribute_linker", config={"facts_key": FACTS_KEY, "quantities_key": QUANTITIES_KEY,
                                             "ruler_key": RULER_KEY})
    components = nlp.config["initialize"]["components"]
    for name, settings in INITIALIZE.items():
        references = {key: _reference(ref, types) for key, ref in settings.items()}
        components[name] = references
        resolved = registry.resolve({"data": references})["data"]
        nlp.get_pipe(name).initialize(lambda: [], nlp=nlp, **resolved)
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp


def build(fact_types: str | Path | None = None) -> Language:
    """The default pipeline, from config plus data: no pretrained weights."""
    nlp = spacy.blank("en")
    nlp.config["initialize"]["before_init"] = {"@callbacks": TOKENIZER_CALLBACK}
    customize_tokenizer(nlp)
    return add_to_pipeline(nlp, fact_types)


def source_checkout() -> bool:
    """True when the package runs from a source checkout (where `models/` belongs),
    False in a wheel install, whose parent folder is site-packages."""
    return (PROJECT_DIR / "pyproject.toml").is_file()


def save(path: str | Path = MODEL_DIR) -> Path:
    path = Path(path)
    build().to_disk(path)
    return path


def load(path: str | Path | None = None) -> Language:
    """The saved pipeline (`models/extractor` by default); built from the
    package data when there is no saved one."""
    model = Path(path) if path else MODEL_DIR
    if model.exists():
        nlp = spacy.load(model)
        nlp.max_length = max(nlp.max_length, MAX_LENGTH)
        return nlp
    if path:
        raise FileNotFoundError(f"no saved pipeline at {model}")
    return build()


@cache
def default_pipeline() -> Language:
    return load()


def iso_date(published: str | date | None) -> str | None:
    """The publication date as 'YYYY-MM-DD'; a clear error for anything else."""
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date().isoformat()
    if isinstance(published, date):
        return published.isoformat()
    try:
        return date.fromisoformat(str(published).strip()[:10]).isoformat()
    except ValueError as error:
        raise ValueError(f"published must be an ISO date (YYYY-MM-DD), got {published!r}") from error


_WORKER_NLP: Language | None = None


def _start_worker(model: str | None) -> None:
    """Pool initializer: one pipeline per worker process (inherited on fork,
    loaded once otherwise)."""
    global _WORKER_NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _WORKER_NLP is None:
        _WORKER_NLP = load(model) if model else load()


def _extract_item(item: tuple, nlp: Language | None = None) -> list[Fact]:
    """Facts of one (text, published[, doc_id]) tuple; in a pool worker, with its pipeline."""
    text, published, *rest = item
    return extract(text, published, rest[0] if rest else None, nlp=nlp or worker_pipeline())


def extract_many(items: Iterable[tuple], nlp: Language | None = None, n_process: int = 1,
                 batch_size: int = 32, model: str | Path | None = None) -> Iterator[list[Fact]]:
    """Facts of many articles, in order: `items` are (text, published) or
    (text, published, doc_id) tuples. With `n_process` > 1 the articles are
    spread over worker processes that each hold one pipeline and send back only
    the facts (shipping whole Docs between processes costs more than the work)."""
    if n_process <= 1:
        nlp = nlp or default_pipeline()
        for item in items:
            yield _extract_item(item, nlp)
        return
    with worker_pool(n_process, nlp, model) as pool:
        yield from pool.imap(_extract_item, items, chunksize=batch_size)


def worker_pool(n_process: int, nlp: Language | None = None, model: str | Path | None = None):
    """A process pool whose workers each hold one pipeline: `nlp` itself when
    processes fork, else one loaded from `model` (or the default) per worker."""
    global _WORKER_NLP
    _WORKER_NLP = nlp or default_pipeline()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return context.Pool(n_process, initializer=_start_worker, initargs=(str(model) if model else None,))


def worker_pipeline() -> Language:
    """The pipeline of the current pool worker."""
    return _WORKER_NLP or default_pipeline()


def extract(text: str, published: str | date | None = None, doc_id: str | None = None,
            nlp: Language | None = None) -> list[Fact]:
    """The contract's facts of one article."""
    if not isinstance(text, str):
        raise TypeError(f"extract needs a str, got {type(text).__name__}")
    nlp = nlp or default_pipeline()
    doc = nlp.make_doc(text)
    doc._.published = iso_date(published)
    doc._.doc_id = doc_id
    hold_text(doc, text)
    with without_cycle_collection():  # linear in the document: see extractor/cycles.py
        return nlp(doc)._.facts
