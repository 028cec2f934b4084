"""Command line: argument parsing only; the work is in the package."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor import io
from extractor.pipeline import MODEL_DIR


def _extract(args: argparse.Namespace) -> int:
    from extractor.pipeline import extract, load

    nlp = load(args.model) if args.model else load()
    summary = io.Summary()
    facts: list[dict] = []
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        for item in io.iter_inputs(args.paths, args.manifest):
            summary.read += 1
            if isinstance(item, io.Problem):
                summary.problems.append(item)
                continue
            try:
                records = [f.to_dict() for f in extract(item.text, item.published, item.doc_id, nlp=nlp)]
            except Exception as error:  # noqa: BLE001 - one bad article must not end the batch
                summary.problems.append(io.Problem(item.source, f"extraction failed: {type(error).__name__}: {error}"))
                continue
            summary.processed += 1
            summary.facts += len(records)
            if args.format == "jsonl":
                io.write_jsonl(records, out)
            else:
                facts.extend(records)
        if args.format == "table":
            out.write(io.format_table(facts) + "\n")
    finally:
        if args.out:
            out.close()
    print(summary.report(), file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 1 if summary.problems and args.strict else 0


def _quantities(args: argparse.Namespace) -> int:
    from extractor.normalize.quantities import find_quantities

    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    for quantity in find_quantities(text):
        print(json.dumps(quantity.to_dict(), ensure_ascii=False))
    return 0


def _build(args: argparse.Namespace) -> int:
    from extractor.pipeline import save

    path = save(args.out)
    print(f"saved pipeline to {path}", file=sys.stderr)
    return 0


def _build_currencies(args: argparse.Namespace) -> int:
    from extractor.normalize.cldr import write

    print(f"wrote {write()}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="extractor", description="Facts about AI infrastructure from news text.")
    sub = top.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract facts from .txt files, folders and JSON Lines files")
    ex.add_argument("paths", nargs="+", help=".txt files, folders of them, or .jsonl files with id/text/published")
    ex.add_argument("--manifest", help="JSON Lines of {doc_id, published} for .txt articles")
    ex.add_argument("--out", help="write here instead of stdout")
    ex.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    ex.add_argument("--summary", help="write the run summary as JSON here")
    ex.add_argument("--model", help="a saved pipeline folder (default: models/extractor)")
    ex.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped")
    ex.set_defaults(run=_extract)

    qu = sub.add_parser("quantities", help="every normalized amount and count in a text, as JSON Lines")
    qu.add_argument("file", nargs="?", help="a text file, or - / nothing for stdin")
    qu.set_defaults(run=_quantities)

    bu = sub.add_parser("build", help="rebuild the saved pipeline from config plus data")
    bu.add_argument("--out", default=str(MODEL_DIR), help=f"folder to write (default: {MODEL_DIR})")
    bu.set_defaults(run=_build)

    cu = sub.add_parser("build-currencies", help="re-derive data/cldr_currencies.json from Babel's CLDR data")
    cu.set_defaults(run=_build_currencies)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
