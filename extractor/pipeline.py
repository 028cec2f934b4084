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

from extractor.components import fact_typer, linker
from extractor.components.context import RULER_KEY
from extractor.components.tokenizer import customize_tokenizer
from extractor.records import Fact
from extractor.resources import load_jsonl

PROJECT_DIR = Path(__file__).resolve().parent.parent
MODEL_DIR = PROJECT_DIR / "models" / "extractor"
PATTERN_FILES = ("patterns/organizations.jsonl", "patterns/products.jsonl", "patterns/time.jsonl")
MAX_LENGTH = 20_000_000


def patterns() -> list[dict]:
    """The span ruler's patterns: token and phrase patterns as written, and
    template rows expanded into phrase patterns (closed vocabularies such as
    months, years and quarters are far cheaper for spaCy's PhraseMatcher than
    token patterns with regex predicates)."""
    out: list[dict] = []
    for name in PATTERN_FILES:
        for row in load_jsonl(name):
            if "template" in row:
                out.extend({"label": row["label"], "pattern": phrase, "id": row["id"]} for phrase in expand(row))
            else:
                out.append(row)
    return out


def _slot_values(spec, chosen: dict[str, str]) -> list[str]:
    if isinstance(spec, list):
        return spec
    if "range" in spec:
        low, high = spec["range"]
        return [format(n, spec.get("format", "d")) for n in range(low, high + 1)]
    if "offset" in spec:
        base, (low, high) = int(chosen[spec["of"]]), spec["offset"]
        return [str(base + n) for n in range(low, high + 1)]
    raise ValueError(f"unknown slot spec {spec!r}")


def expand(row: dict) -> list[str]:
    """All phrases of a template row: '{part}-{month}' x its slots, in order."""
    choices: list[dict[str, str]] = [{}]
    for name, spec in row["slots"].items():
        choices = [{**chosen, name: value} for chosen in choices for value in _slot_values(spec, chosen)]
    return list(dict.fromkeys(row["template"].format(**chosen) for chosen in choices))


def add_to_pipeline(nlp: Language) -> Language:
    """Add the extractor's components (and sentence rules when the pipeline has
    no parser or senter) to `nlp`, initialized with the package data."""
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    if "line_sentences" not in nlp.pipe_names:
        nlp.add_pipe("line_sentences", after="sentencizer" if "sentencizer" in nlp.pipe_names else None)
    ruler = nlp.add_pipe("span_ruler", name="fact_ruler",
                         config={"spans_key": RULER_KEY, "annotate_ents": False, "validate": True})
    ruler.initialize(lambda: [], nlp=nlp, patterns=patterns())
    nlp.add_pipe("quantity_recognizer")
    nlp.add_pipe("fact_typer").initialize(cues=fact_typer.default_cues())
    nlp.add_pipe("attribute_linker").initialize(cues=linker.default_cues())
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp


def build() -> Language:
    """The default pipeline, from config plus data: no pretrained weights."""
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    return add_to_pipeline(nlp)


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
        import extractor.components  # noqa: F401  (registers the factories)

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
    return nlp(doc)._.facts
