"""The store commits documents in batches, each document all or nothing."""

import sqlite3

import pytest

from extractor.sources import NewsItem
from extractor.store import Store

FACT = {"doc_id": "", "type": "chip_count", "value": 5000, "low": None, "high": None, "unit": "chips", "start": 0,
        "end": 5, "text": "5,000", "qualifier": "exact", "subject": ["Acme"], "item": None, "metric": None,
        "period": None, "retracted": False, "equivalent_of": None, "rule": "test"}


def _item(i: int) -> NewsItem:
    return NewsItem(f"d{i}", "5,000 GPUs", None, f"d{i}.txt", f"h{i}")


def _facts(i: int) -> list[dict]:
    return [{**FACT, "doc_id": f"d{i}"}]


def _visible(path) -> int:
    with sqlite3.connect(path) as other:
        return other.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.parametrize(("saved", "visible"), [(1, 0), (2, 0), (3, 3), (4, 3), (6, 6)])
def test_store_commits_every_batch_of_documents(tmp_path, saved, visible):
    db = tmp_path / "facts.db"
    store = Store(db, batch=3, seconds=3600)
    for i in range(saved):
        store.save_processed(_item(i), _facts(i))
    assert _visible(db) == visible
    store.close()
    assert _visible(db) == saved


def test_store_a_failed_document_leaves_the_rest_of_its_batch(tmp_path):
    db = tmp_path / "facts.db"
    with Store(db, batch=10, seconds=3600) as store:
        store.save_processed(_item(1), _facts(1))
        with pytest.raises(sqlite3.IntegrityError):  # its document row is written, then its facts fail
            store.save_processed(_item(2), [{**FACT, "doc_id": "no-such-document"}])
        store.save_processed(_item(3), _facts(3))
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall() == [("d1",), ("d3",)]
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 2


@pytest.mark.parametrize("content", [b"plain text, not SQLite", b"SQLite format 3\x00" + b"\x00" * 80])
def test_store_refuses_a_file_that_is_not_a_store(tmp_path, content):
    from extractor.store import NotAStore

    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(NotAStore, match="not an extractor store"):
        Store(path)
