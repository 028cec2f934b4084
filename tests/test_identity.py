"""Document identity: stable, unique ids; no document ever silently replaces another."""

import io
import json
import sys

import pytest

from extractor.batch import run_batch
from extractor.sources import Given, html_published, iter_inputs
from extractor.store import Store

STORY = "Vantor ordered 12,000 GPUs this week."
OTHER = "Zorbly Labs will spend $2bn on data centres next year."


def _tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("a.txt", "a"),
        ("day1/story.txt", "day1/story"),
        ("day2/story.txt", "day2/story"),
        ("2025/11/20/wire.v2.html", "2025/11/20/wire.v2"),
        ("UPPER Case/Story One.TXT", "UPPER Case/Story One"),
    ],
)
def test_identity_is_the_path_relative_to_the_folder_given(tmp_path, name, doc_id):
    html = "<html><body><article><p>" + STORY + " More words so it is an article.</p></article></body></html>"
    root = _tree(tmp_path / "news", {name: html if name.endswith(".html") else STORY})
    (item,) = iter_inputs([root])
    assert item.doc_id == doc_id
    assert item.origin == str((root / name).resolve())


def test_identity_no_recursive_reads_only_the_top_folder(tmp_path):
    root = _tree(tmp_path / "news", {"a.txt": STORY, "day1/story.txt": STORY, ".git/HEAD.txt": STORY})
    assert [i.doc_id for i in iter_inputs([root])] == ["a", "day1/story"]
    assert [i.doc_id for i in iter_inputs([root], recursive=False)] == ["a"]


def test_identity_same_names_in_two_folders_both_stored(nlp, tmp_path):
    root = _tree(tmp_path / "news", {"day1/story.txt": STORY, "day2/story.txt": OTHER})
    with Store(tmp_path / "facts.db") as store:
        summary = run_batch(iter_inputs([root]), nlp, store=store, progress=False)
        docs = {d["doc_id"]: d for d in store.documents()}
    assert (summary.processed, summary.failed) == (2, 0)
    assert sorted(docs) == ["day1/story", "day2/story"] and all(d["facts"] == 1 for d in docs.values())


@pytest.mark.parametrize(
    ("second", "status", "reason"),
    [
        (OTHER, "failed", "id conflict: 'story' is already used in this run by"),
        (STORY, "skipped", "same content as"),
    ],
)
def test_identity_two_roots_with_one_name_never_replace(nlp, tmp_path, second, status, reason):
    _tree(tmp_path, {"day1/story.txt": STORY, "day2/story.txt": second})
    with Store(tmp_path / "facts.db") as store:
        summary = run_batch(iter_inputs([tmp_path / "day1", tmp_path / "day2"]), nlp, store=store, progress=False)
        (kept,) = store.query()
    (problem,) = summary.problems
    assert (problem["status"], problem["input"].endswith("day2/story.txt")) == (status, True)
    assert problem["reason"].startswith(reason)
    assert kept["text"] == "12,000" and summary.read == 2


def test_identity_store_conflict_is_reported_and_an_edit_replaces(nlp, tmp_path):
    _tree(tmp_path, {"day1/story.txt": STORY, "day2/story.txt": OTHER})
    with Store(tmp_path / "facts.db") as store:
        run_batch(iter_inputs([tmp_path / "day1"]), nlp, store=store, progress=False)
        clash = run_batch(iter_inputs([tmp_path / "day2"]), nlp, store=store, progress=False)
        assert [f["type"] for f in store.query()] == ["chip_count"]  # day1's story is still there
        (tmp_path / "day1" / "story.txt").write_text("Vantor ordered 15,000 GPUs this week.", encoding="utf-8")
        edit = run_batch(iter_inputs([tmp_path / "day1"]), nlp, store=store, progress=False)
        values = [f["value"] for f in store.query()]
    assert clash.failed == 1 and "already used in the store by" in clash.problems[0]["reason"]
    assert str((tmp_path / "day1" / "story.txt").resolve()) in clash.problems[0]["reason"]
    assert edit.processed == 1 and "content changed" in edit.notes[-1]["note"] and values == [15000]


def test_identity_json_lines_without_id_get_a_content_hash(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [{"text": STORY}, {"id": 7, "text": OTHER}, {"text": STORY}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    first = [i.doc_id for i in iter_inputs([feed])]
    feed.write_text(json.dumps({"text": "A new first line."}) + "\n" + feed.read_text(), encoding="utf-8")
    moved = [i.doc_id for i in iter_inputs([feed])]
    assert first[0].startswith("sha-") and first[1] == "7" and first[2] == first[0]
    assert moved[1:] == first  # ids do not move when the feed changes


def test_identity_the_same_text_twice_in_a_feed_is_stored_once(nlp, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    summary = run_batch(iter_inputs([feed]), nlp, progress=False)
    assert (summary.processed, summary.skipped, summary.unchanged) == (1, 1, 1)


@pytest.mark.parametrize(
    ("given", "doc_id", "published"),
    [
        (Given(), "sha-7c1bd704717829b3", None),
        (Given("wire-7"), "wire-7", None),
        (Given(None, "2025-03-01"), "sha-7c1bd704717829b3", "2025-03-01"),
    ],
)
def test_identity_stdin(monkeypatch, given, doc_id, published):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Acme will buy 5,000 GPUs.")))
    (item,) = iter_inputs(["-"], given=given)
    assert (item.doc_id, item.published) == (doc_id, published)


def test_identity_subfolder_manifests_give_dates(tmp_path):
    root = _tree(tmp_path / "news", {"a.txt": STORY, "day1/story.txt": STORY, "day2/story.txt": OTHER})
    (root / "day1" / "manifest.jsonl").write_text('{"doc_id": "story", "published": "2025-01-05"}\n')
    (tmp_path / "given.jsonl").write_text('{"doc_id": "day2/story", "published": "2025-02-06"}\n'
                                          '{"doc_id": "a", "published": "2025-03-07"}\n')
    dates = {i.doc_id: i.published for i in iter_inputs([root], tmp_path / "given.jsonl")}
    assert dates == {"a": "2025-03-07", "day1/story": "2025-01-05", "day2/story": "2025-02-06"}


def test_identity_broken_folder_manifest_is_a_failed_input(tmp_path):
    root = _tree(tmp_path / "news", {"a.txt": STORY, "manifest.jsonl": '{"doc_id": "a", "published": "2025-0'})
    items = list(iter_inputs([root]))
    assert [type(i).__name__ for i in items] == ["Problem", "NewsItem"]
    assert "malformed manifest" in items[0].reason and "line 1 is not JSON" in items[0].reason


HEAD = "<html><head>{}</head><body><article><p>" + STORY + " It said more on 3 March 2024.</p></article></body></html>"


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ('<meta property="article:published_time" content="2025-11-20T08:00:00Z">', "2025-11-20"),
        ('<meta name="pubdate" content="2025-10-01">', "2025-10-01"),
        ('<meta itemprop="datePublished" content="2025-09-02">', "2025-09-02"),
        ('<meta name="DC.date.issued" content="2025-08-03">', "2025-08-03"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-07-04"}</script>',
         "2025-07-04"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
         '{"@type": "NewsArticle", "datePublished": "2025-06-05T10:00:00+02:00"}]}</script>', "2025-06-05"),
        ('<script type="application/ld+json">{not json</script>', None),
        ('<meta property="article:modified_time" content="2025-12-20">', None),  # a modified date is not it
        ('<meta property="article:published_time" content="last Tuesday">', None),
        ("", None),  # the date in the body text is not guessed
    ],
)
def test_identity_html_metadata_date(head, date):
    assert html_published(HEAD.format(head)) == date


@pytest.mark.parametrize(
    ("manifest", "published", "note"),
    [
        (None, "2025-11-20", "publication date 2025-11-20 from the page's metadata"),
        ('{"doc_id": "page", "published": "2025-01-02"}\n', "2025-01-02", None),
    ],
)
def test_identity_html_date_used_only_without_a_manifest_date(tmp_path, manifest, published, note):
    head = '<meta property="article:published_time" content="2025-11-20">'
    _tree(tmp_path, {"news/page.html": HEAD.format(head)})
    if manifest:
        (tmp_path / "news" / "manifest.jsonl").write_text(manifest)
    (item,) = iter_inputs([tmp_path / "news"])
    assert item.published == published
    assert (note in item.notes) if note else not any("metadata" in n for n in item.notes)


def test_identity_a_folder_and_its_subfolder_are_read_once(nlp, tmp_path):
    root = _tree(tmp_path / "news", {"a.txt": OTHER, "day1/story.txt": STORY})
    summary = run_batch(iter_inputs([root, root / "day1"]), nlp, progress=False)
    (problem,) = summary.problems
    assert (summary.processed, summary.unchanged) == (2, 1) and problem["reason"].startswith("same content as")


def test_identity_a_store_from_before_absolute_sources_still_takes_edits(nlp, tmp_path, monkeypatch):
    from extractor.sources import NewsItem

    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, {"news/a.txt": "Vantor ordered 15,000 GPUs this week."})
    with Store(tmp_path / "facts.db") as store:
        run_batch([NewsItem("a", STORY, None, "news/a.txt", "old-hash", origin="news/a.txt")], nlp, store=store,
                  progress=False)
        summary = run_batch(iter_inputs([tmp_path / "news"]), nlp, store=store, progress=False)
        values = [f["value"] for f in store.query()]
    assert (summary.processed, summary.failed, values) == (1, 0, [15000])


def test_identity_linked_folders_are_read_once_without_loops(tmp_path):
    root = _tree(tmp_path / "news", {"a.txt": OTHER, "day1/story.txt": STORY})
    (root / "day1" / "loop").symlink_to(root, target_is_directory=True)
    (root / "linked").symlink_to(tmp_path / "news" / "day1", target_is_directory=True)
    ids = [i.doc_id for i in iter_inputs([root])]
    assert ids == ["a", "day1/story"]  # each real folder once: the loop and the second link are not re-read
