"""Cost grows linearly with the document, also when every sentence holds figures.

Compares growth, not absolute time: the same pipeline on a text and on four times that text, best of nine
interleaved runs each in the process's own CPU time with the garbage collector paused (time spent waiting for
another process does not count, nor the collector's passes, which grow with the heap), so a slow or busy machine
does not fail it; a scan that looks at every figure for every sentence, or back to the start of a long line for
every figure, or across the whole text for every heading, does. The timing runs in a fresh interpreter: inside the
test session the heap that the other tests leave behind slowed the larger text alone (5.0x once, against 4.0-4.2x
in a fresh process). The fact-dense text is one long line on purpose: a feed's paragraph joined without newlines
is a real input.
"""

import subprocess
import sys
from pathlib import Path

SENTENCES = (
    "Company{i} Holdings will spend ${b}.{c} billion on data centres in 202{y}.",
    "It ordered {n:,} Nvidia H100 GPUs at about ${p:,} each last month.",
    "Its assistant reached {u} million monthly active users and served {t} trillion tokens a day.",
)


def fact_dense(sentences: int) -> str:
    """Every sentence with figures; names and numbers vary so nothing is cached by text."""
    return " ".join(SENTENCES[i % 3].format(i=i, b=i % 90 + 1, c=i % 10, y=i % 7, n=1000 + 37 * i, p=20000 + i,
                                            u=i % 500 + 1, t=i % 40 + 1) for i in range(sentences))


def sectioned(sections: int) -> str:
    """A long page of capitalized sections and speaker turns (a factbox, a transcript): what a per-heading or
    per-speaker scan of the whole text would make quadratic."""
    return "".join(
        f"KESTREL UNIT{i}\nThe company expects to spend about ${i % 90 + 1} billion on chips this year.\n\n"
        f"Speaker{i % 7}: We run {1000 + i:,} GPUs across our sites in Ohio and Texas today.\n\n"
        for i in range(sections))


_PROBE = """
import gc, sys, time
sys.path.insert(0, {tests!r})
from test_growth import {make}
from extractor.pipeline import build, extract
nlp = build()
small, large = {make}({small}), {make}({large})
found = len(extract(small, "2025-06-01", nlp=nlp))  # warms the caches
def seconds(text):
    gc.collect()
    gc.disable()  # the collector's passes grow with the heap, not with the algorithm: time the algorithm
    try:
        started = time.process_time()
        extract(text, "2025-06-01", nlp=nlp)
        return time.process_time() - started
    finally:
        gc.enable()
runs = [(seconds(small), seconds(large)) for _ in range(9)]  # interleaved: a load change hits both sizes
print(found, min(b for _, b in runs) / min(a for a, _ in runs))
"""


def _growth(make: str, small: int, large: int) -> tuple[int, float]:
    """(facts in the small text, time of the large text over the small one), measured in a fresh interpreter."""
    code = _PROBE.format(tests=str(Path(__file__).parent), make=make, small=small, large=large)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    found, ratio = done.stdout.split()
    return int(found), float(ratio)


def test_growth_fact_dense_text_four_times_longer_costs_at_most_five_times():
    found, ratio = _growth("fact_dense", 1000, 4000)
    assert found > 1000  # it is fact-dense
    assert ratio <= 5.0, f"4x the text took {ratio:.1f}x the time"


def test_growth_sectioned_page_four_times_longer_costs_at_most_five_times():
    found, ratio = _growth("sectioned", 1000, 4000)
    assert found >= 1000
    assert ratio <= 5.0, f"4x the page took {ratio:.1f}x the time"
