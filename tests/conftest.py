from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPLITS = [
    (ROOT / "corpus", ROOT / "annotations"),
    (ROOT / "corpus" / "dev", ROOT / "annotations" / "dev"),
]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
