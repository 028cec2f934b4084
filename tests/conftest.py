from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPLITS = [
    (ROOT / "corpus", ROOT / "annotations"),
    (ROOT / "corpus" / "dev", ROOT / "annotations" / "dev"),
    (ROOT / "corpus" / "test", ROOT / "annotations" / "test"),
    (ROOT / "corpus" / "holdout", ROOT / "annotations" / "holdout"),
    (ROOT / "corpus" / "overlap", ROOT / "annotations" / "overlap"),
    (ROOT / "corpus" / "news", ROOT / "annotations" / "news"),
    (ROOT / "corpus" / "fresh", ROOT / "annotations" / "fresh"),
    (ROOT / "corpus" / "final", ROOT / "annotations" / "final"),
    (ROOT / "corpus" / "final2", ROOT / "annotations" / "final2"),
    (ROOT / "corpus" / "final3", ROOT / "annotations" / "final3"),
    (ROOT / "corpus" / "final4", ROOT / "annotations" / "final4"),
    (ROOT / "corpus" / "final5", ROOT / "annotations" / "final5"),
    (ROOT / "corpus" / "final6", ROOT / "annotations" / "final6"),
    (ROOT / "corpus" / "final7", ROOT / "annotations" / "final7"),
    (ROOT / "corpus" / "final8", ROOT / "annotations" / "final8"),
    (ROOT / "corpus" / "final9", ROOT / "annotations" / "final9"),
    (ROOT / "corpus" / "final10", ROOT / "annotations" / "final10"),
    (ROOT / "corpus" / "final11", ROOT / "annotations" / "final11"),
    (ROOT / "corpus" / "final12", ROOT / "annotations" / "final12"),
    (ROOT / "corpus" / "final13", ROOT / "annotations" / "final13"),
    (ROOT / "corpus" / "final14", ROOT / "annotations" / "final14"),
]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, built once for the whole session."""
    from extractor.pipeline import build

    return build()
