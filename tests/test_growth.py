"""Cost grows linearly with the document, also when every sentence holds figures.

Compares growth, not absolute time: the same pipeline on a fact-dense text and
on four times that text, best of three each in the process's own CPU time
(time spent waiting for another process does not count), so a slow or busy
machine does not fail it; a scan that looks at every figure for every sentence,
or back to the start of a long line for every figure, does. The text is one
long line on purpose: a feed's paragraph joined without newlines is a real
input.
"""

import gc
import time

from extractor.pipeline import extract

SENTENCES = (
    "Company{i} Holdings will spend ${b}.{c} billion on data centres in 202{y}.",
    "It ordered {n:,} Nvidia H100 GPUs at about ${p:,} each last month.",
    "Its assistant reached {u} million monthly active users and served {t} trillion tokens a day.",
)


def fact_dense(sentences: int) -> str:
    """Every sentence with figures; names and numbers vary so nothing is cached by text."""
    return " ".join(SENTENCES[i % 3].format(i=i, b=i % 90 + 1, c=i % 10, y=i % 7, n=1000 + 37 * i, p=20000 + i,
                                            u=i % 500 + 1, t=i % 40 + 1) for i in range(sentences))


def _best_seconds(nlp, text: str, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        started = time.process_time()
        extract(text, "2025-06-01", nlp=nlp)
        times.append(time.process_time() - started)
    return min(times)


def test_growth_fact_dense_text_four_times_longer_costs_at_most_five_times(nlp):
    small, large = fact_dense(1000), fact_dense(4000)
    assert len(extract(small, "2025-06-01", nlp=nlp)) > 1000  # it is fact-dense, and warms the caches
    ratio = _best_seconds(nlp, large) / _best_seconds(nlp, small)
    assert ratio <= 5.0, f"4x the text took {ratio:.1f}x the time"


def sectioned(sections: int) -> str:
    """A long page of capitalized sections and speaker turns (a factbox, a transcript): what a per-heading or
    per-speaker scan of the whole text would make quadratic."""
    return "".join(
        f"KESTREL UNIT{i}\nThe company expects to spend about ${i % 90 + 1} billion on chips this year.\n\n"
        f"Speaker{i % 7}: We run {1000 + i:,} GPUs across our sites in Ohio and Texas today.\n\n"
        for i in range(sections))


def test_growth_sectioned_page_four_times_longer_costs_at_most_five_times(nlp):
    small, large = sectioned(1000), sectioned(4000)  # large enough that a busy machine's noise stays small
    assert len(extract(small, "2025-06-01", nlp=nlp)) >= 1000
    ratio = _best_seconds(nlp, large) / _best_seconds(nlp, small)
    assert ratio <= 5.0, f"4x the page took {ratio:.1f}x the time"
