#!/usr/bin/env python
"""Speed of the opt-in learned path (facts with the type model's confidence) beside the rules alone.

    python bench/learn_speed.py [--model models/learn/type_model.json] [--repeats 3]

Both sides write every fact as its record (`to_dict`); the first repeat warms caches and is not reported.
Not part of the test suite: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor  # noqa: E402
from extractor.corpus import read_corpus  # noqa: E402
from extractor.learn.apply import facts_with_confidence  # noqa: E402
from extractor.learn.models import TypeModel  # noqa: E402
from extractor.learn.settings import load_settings  # noqa: E402
from extractor.learn.training import MODEL_FILE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(MODEL_FILE), help="a type model from `extractor train`")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.model).exists():
        print(f"no type model at {args.model}: run `extractor train` first", file=sys.stderr)
        return 2
    nlp, settings, model = extractor.load(), load_settings(), TypeModel.from_disk(args.model)
    docs = [d for split in ("corpus", "corpus/dev", "corpus/news") for d in read_corpus(ROOT / split)]
    words = sum(len(d.text.split()) for d in docs)
    for repeat in range(args.repeats + 1):
        started = time.perf_counter()
        for d in docs:
            [f.to_dict() for f in extractor.extract(d.text, d.published, d.doc_id, nlp=nlp)]
        rules = time.perf_counter() - started
        started = time.perf_counter()
        for d in docs:
            facts_with_confidence(nlp, d, model, settings)
        learned = time.perf_counter() - started
        if repeat:
            print(f"{len(docs)} docs, {words} words: rules {words / rules:,.0f} words/s, rules + confidence "
                  f"{words / learned:,.0f} words/s, cost {1 - rules / learned:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
