#!/usr/bin/env python
"""Speed benchmark: the extractor beside spaCy's blank tokenizer and quantulum3.

    python bench/speed.py [--words 200000] [--docs 2000] [--quantulum-seconds 30] [--out bench/results]

Measures, in one run on the same texts: (a) spacy.blank("en")'s tokenizer
alone, (b) the full extractor, (c) quantulum3, (d) the extractor with
n_process=2 on at least 2,000 documents; cold start (import + load) and peak
RSS in fresh processes; and a size sweep (1 KB .. 1 MB documents) of news
text and of fact-dense text (every sentence with figures), whose words/s must
stay flat as documents grow. Prints a table, writes results.json and a PNG
(when matplotlib is installed). `--sweep-only` runs just the size sweep.
Not part of the test suite: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.corpus import read_corpus  # noqa: E402


def corpus_texts() -> list[tuple[str, str]]:
    docs = read_corpus(ROOT / "corpus") + read_corpus(ROOT / "corpus" / "dev")
    return [(d.text, d.published or "2025-12-23") for d in docs]


def words(texts) -> int:
    return sum(len(t.split()) for t, _ in texts)


def repeat_to(texts, min_words: int = 0, min_docs: int = 0):
    out = []
    while words(out) < min_words or len(out) < min_docs:
        out.extend(texts)
    return out


def best_of(function, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def run_blank(batch) -> float:
    import spacy

    nlp = spacy.blank("en")
    texts = [t for t, _ in batch]
    return best_of(lambda: [None for _ in nlp.tokenizer.pipe(texts)])


def run_extractor(batch, nlp, n_process: int = 1) -> float:
    from extractor.pipeline import extract_many

    return best_of(lambda: sum(1 for _ in extract_many(batch, nlp=nlp, n_process=n_process)),
                   repeats=3 if n_process == 1 else 1)


def run_quantulum(batch, budget_seconds: float) -> tuple[float, int]:
    """quantulum3 is ~20x slower: run it over the batch until the budget is spent."""
    import warnings

    from quantulum3 import parser

    from extractor.baselines.quantulum import classifier_path

    path = str(classifier_path())
    done_words, started = 0, time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse("warm up $5", classifier_path=path)
        started = time.perf_counter()
        for text, _ in batch:
            parser.parse(text, classifier_path=path)
            done_words += len(text.split())
            if time.perf_counter() - started > budget_seconds:
                break
    return time.perf_counter() - started, done_words


def fresh_process(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


COLD_START = """
import json, time, resource
started = time.perf_counter()
import extractor
nlp = extractor.load()
loaded = time.perf_counter() - started
print(json.dumps({"seconds": loaded}))
"""

PEAK_RSS = """
import json, resource, sys
sys.path.insert(0, ".")
import extractor
from extractor.corpus import read_corpus
nlp = extractor.load()
docs = (read_corpus("corpus") + read_corpus("corpus/dev")) * 40
for d in docs:
    extractor.extract(d.text, d.published, d.doc_id, nlp=nlp)
big = " ".join(d.text for d in docs)[:1_000_000]
extractor.extract(big, "2025-12-23", "big", nlp=nlp)
print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


FACT_DENSE = (
    "Company{i} Holdings will spend ${b}.{c} billion on data centres in 202{y}.",
    "It ordered {n:,} Nvidia H100 GPUs at about ${p:,} each last month.",
    "Its assistant reached {u} million monthly active users and served {t} trillion tokens a day.",
)
SIZES = (("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000))


def fact_dense(size: int) -> str:
    """`size` characters of sentences that each hold figures (written for the benchmark)."""
    parts, total, i = [], 0, 0
    while total < size:
        sentence = FACT_DENSE[i % 3].format(i=i, b=i % 90 + 1, c=i % 10, y=i % 7, n=1000 + 37 * i, p=20000 + i,
                                            u=i % 500 + 1, t=i % 40 + 1)
        parts.append(sentence)
        total += len(sentence) + 1
        i += 1
    return " ".join(parts)[:size].rsplit(" ", 1)[0]


def size_sweep(texts, nlp) -> list[dict]:
    """words/s by document size, for news text and for fact-dense text."""
    from extractor.pipeline import extract

    joined = "\n\n".join(t for t, _ in texts)
    rows = []
    for kind in ("news", "fact-dense"):
        for label, size in SIZES:
            text = (joined * (size // len(joined) + 1))[:size] if kind == "news" else fact_dense(size)
            count = max(1, 200_000 // size)
            seconds = best_of(lambda text=text, count=count: [extract(text, "2025-12-23", nlp=nlp)
                                                              for _ in range(count)], repeats=3 if size < 10**6 else 1)
            w = len(text.split()) * count
            rows.append({"text": kind, "size": label, "bytes": size, "docs": count, "words": w,
                         "seconds": round(seconds, 4), "words_per_second": round(w / seconds)})
    return rows


def _sweep_rate(sweep: list[dict], kind: str, size: str) -> int:
    return next(r for r in sweep if r["text"] == kind and r["size"] == size)["words_per_second"]


def print_sweep(sweep: list[dict]) -> None:
    for kind in ("news", "fact-dense"):
        rows = [r for r in sweep if r["text"] == kind]
        print(f"size sweep ({kind}): " + ", ".join(f"{r['size']} {r['words_per_second']:,} w/s" for r in rows))


def plot(results: dict, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    systems = results["systems"]
    names = list(systems)
    left.bar(names, [systems[n]["words_per_second"] for n in names], color=["#999", "#2a6", "#c63", "#26a"])
    left.set_ylabel("words / second")
    left.set_title("Same texts, one run")
    left.tick_params(axis="x", labelrotation=15)
    sweep = results["size_sweep"]
    for kind in ("news", "fact-dense"):
        rows = [r for r in sweep if r["text"] == kind]
        right.plot([r["bytes"] for r in rows], [r["words_per_second"] for r in rows], marker="o", label=kind)
    right.legend()
    right.set_xscale("log")
    right.set_ylim(bottom=0)
    right.set_xlabel("document size (bytes)")
    right.set_ylabel("words / second")
    right.set_title("Size sweep: cost linear in input")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--docs", type=int, default=2_000)
    parser.add_argument("--quantulum-seconds", type=float, default=30.0)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--sweep-only", action="store_true", help="only the size sweep, printed (nothing written)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import extractor

    texts = corpus_texts()
    if args.sweep_only:
        nlp = extractor.load()
        extractor.extract(texts[0][0], texts[0][1], nlp=nlp)
        print_sweep(size_sweep(texts, nlp))
        return 0
    batch = repeat_to(texts, min_words=args.words)
    many = repeat_to(texts, min_docs=args.docs)
    nlp = extractor.load()
    extractor.extract(texts[0][0], texts[0][1], nlp=nlp)  # warm caches (dateparser import)

    n_words = words(batch)
    blank = run_blank(batch)
    single = run_extractor(batch, nlp)
    q_seconds, q_words = run_quantulum(batch, args.quantulum_seconds)
    single_many = run_extractor(many, nlp)
    parallel_many = run_extractor(many, nlp, n_process=2)
    cold = statistics.median(fresh_process(COLD_START)["seconds"] for _ in range(3))
    rss = fresh_process(PEAK_RSS)["peak_rss_mb"]
    sweep = size_sweep(texts, nlp)

    systems = {
        "blank tokenizer": {"words": n_words, "seconds": blank},
        "extractor": {"words": n_words, "seconds": single},
        "quantulum3": {"words": q_words, "seconds": q_seconds},
        "extractor n_process=2": {"words": words(many), "seconds": parallel_many},
    }
    for row in systems.values():
        row["words_per_second"] = round(row["words"] / row["seconds"])
        row["seconds"] = round(row["seconds"], 3)
    wps = {name: row["words_per_second"] for name, row in systems.items()}
    ten_kb, one_mb = _sweep_rate(sweep, "news", "10 KB"), _sweep_rate(sweep, "news", "1 MB")
    dense_ten_kb, dense_one_mb = _sweep_rate(sweep, "fact-dense", "10 KB"), _sweep_rate(sweep, "fact-dense", "1 MB")
    results = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                    "platform": platform.platform()},
        "texts": {"words": n_words, "docs": len(batch), "parallel_docs": len(many)},
        "systems": systems,
        "ratios": {
            "extractor / blank tokenizer": round(wps["extractor"] / wps["blank tokenizer"], 3),
            "extractor / quantulum3": round(wps["extractor"] / wps["quantulum3"], 1),
            "n_process=2 / single (same 2,000+ docs)": round(single_many / parallel_many, 2),
            "1 MB / 10 KB words/s": round(one_mb / ten_kb, 2),
            "fact-dense 1 MB / 10 KB words/s": round(dense_one_mb / dense_ten_kb, 2),
        },
        "cold_start_seconds": round(cold, 3),
        "peak_rss_mb": round(rss, 1),
        "size_sweep": sweep,
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plotted = plot(results, out / "speed.png")

    print(f"{'system':<24}{'words':>10}{'seconds':>10}{'words/s':>12}")
    for name, row in systems.items():
        print(f"{name:<24}{row['words']:>10}{row['seconds']:>10}{row['words_per_second']:>12,}")
    for name, value in results["ratios"].items():
        print(f"{name:<42}{value}")
    print(f"{'cold start (import + load), s':<42}{results['cold_start_seconds']}")
    print(f"{'peak RSS, MB':<42}{results['peak_rss_mb']}")
    print_sweep(sweep)
    print(f"wrote {out / 'results.json'}" + (f" and {out / 'speed.png'}" if plotted else " (no matplotlib: no plot)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
