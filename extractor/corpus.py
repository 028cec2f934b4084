"""Reading an annotated corpus: article texts, their publication dates, gold."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    published: str | None = None


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file; a bad line raises with its line number."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON: {error}") from error


def read_manifest(path: str | Path) -> dict[str, str | None]:
    """doc_id -> publication date (ISO string) from a manifest of JSON lines."""
    return {row["doc_id"]: row.get("published") for row in read_jsonl(path)}


def read_corpus(corpus_dir: str | Path, manifest: str | Path | None = None) -> list[Document]:
    """Every `.txt` article of a folder, sorted by doc_id, with its date."""
    corpus_dir = Path(corpus_dir)
    manifest_path = Path(manifest) if manifest else corpus_dir / "manifest.jsonl"
    dates = read_manifest(manifest_path) if manifest_path.exists() else {}
    return [
        Document(path.stem, path.read_text(encoding="utf-8"), dates.get(path.stem))
        for path in sorted(corpus_dir.glob("*.txt"))
    ]


def read_gold(gold_dir: str | Path, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Gold records of the given documents (all `.jsonl` files when None).

    A document with no gold file is an error rather than an empty gold: an
    article with no facts still gets an empty file, so a missing one is a
    mistake worth hearing about.
    """
    gold_dir = Path(gold_dir)
    if doc_ids is None:
        doc_ids = sorted(p.stem for p in gold_dir.glob("*.jsonl"))
    records: list[dict[str, Any]] = []
    for doc_id in doc_ids:
        path = gold_dir / f"{doc_id}.jsonl"
        if not path.exists():
            raise FileNotFoundError(f"no gold file for {doc_id}: {path}")
        records.extend(read_jsonl(path))
    return records
