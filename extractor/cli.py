"""Command line: argument parsing only; the work is in the package."""

from __future__ import annotations

import argparse
import io as stdio
import json
import sys
from contextlib import ExitStack
from pathlib import Path

from extractor import io
from extractor.pipeline import MODEL_DIR
from extractor.records import FACT_TYPES


def _extract(args: argparse.Namespace) -> int:
    from extractor.batch import run_batch
    from extractor.pipeline import load
    from extractor.sources import Fields, iter_inputs
    from extractor.store import Store

    nlp = load(args.model) if args.model else load()
    fields = Fields(args.id_field, args.text_field, args.published_field)
    with ExitStack() as stack:
        store = stack.enter_context(Store(args.db)) if args.db else None
        if args.out:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8"))
        elif store is None or args.format == "table":
            out = sys.stdout if args.format == "jsonl" else stdio.StringIO()
        else:
            out = None
        texts = stack.enter_context(open(args.texts, "w", encoding="utf-8")) if args.texts else None
        summary = run_batch(iter_inputs(args.paths, args.manifest, fields), nlp, store=store, out=out, texts=texts,
                            n_process=args.n_process, keep_going=not args.fail_fast, progress=args.progress)
        if args.format == "table" and isinstance(out, stdio.StringIO):
            facts = [json.loads(line) for line in out.getvalue().splitlines()]
            print(io.format_table(facts))
    print(summary.report(), file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    if summary.failed or (args.strict and summary.skipped):
        return 1
    return 0


def _query(args: argparse.Namespace) -> int:
    from extractor.store import Store, facts_query

    if args.sql:
        sql, params = facts_query(args.type, args.subject, args.period, args.doc, not args.no_retracted)
        print(sql)
        print("-- parameters:", params)
        return 0
    if not Path(args.db).exists():
        print(f"no store at {args.db}", file=sys.stderr)
        return 2
    with Store(args.db) as store:
        facts = list(store.query(args.type, args.subject, args.period, args.doc, not args.no_retracted))
    if args.format == "jsonl":
        io.write_jsonl(facts)
    else:
        print(io.format_table(facts))
    print(f"{len(facts)} facts", file=sys.stderr)
    return 0


def _quantities(args: argparse.Namespace) -> int:
    from extractor.normalize.quantities import find_quantities

    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    for quantity in find_quantities(text):
        print(json.dumps(quantity.to_dict(), ensure_ascii=False))
    return 0


def _build(args: argparse.Namespace) -> int:
    from extractor.pipeline import save

    print(f"saved pipeline to {save(args.out)}", file=sys.stderr)
    return 0


def _build_currencies(args: argparse.Namespace) -> int:
    from extractor.normalize.cldr import write

    print(f"wrote {write()}", file=sys.stderr)
    return 0


def _consolidate(args: argparse.Namespace) -> int:
    """`extractor consolidate`: one row per fact that several mentions state."""
    import sqlite3

    from extractor.consolidation import Config, consolidate, inputs, output
    from extractor.consolidation import store as consolidated_store

    try:
        config = Config.load(args.config).with_tolerance(args.tolerance)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not args.facts and not args.db:
        print("error: give JSON Lines of facts (- for stdin) or --db", file=sys.stderr)
        return 2
    if args.db and not Path(args.db).exists():
        print(f"error: no store at {args.db}", file=sys.stderr)
        return 2
    loaded = inputs.load(args.facts, args.db, args.manifest)
    if loaded.store_error:
        print(f"error: {loaded.store_error}", file=sys.stderr)
        return 2
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    groups = consolidate(loaded.facts, loaded.dates, config)
    with ExitStack() as stack:
        try:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8", newline="")) if args.out else sys.stdout
        except OSError as error:
            print(f"error: cannot write {args.out}: {error.strerror}", file=sys.stderr)
            return 2
        if args.format == "table":
            out.write(output.format_table(groups, config.tolerance, members=args.members) + "\n")
        elif args.format == "jsonl":
            output.write_jsonl(groups, out)
        else:
            output.write_csv(groups, out)
    if args.db and not args.no_save:
        try:
            rows, members = consolidated_store.save(args.db, groups)
        except sqlite3.Error as error:
            print(f"error: could not write the consolidated tables to {args.db}: {error}", file=sys.stderr)
            return 1
        print(f"wrote {rows} rows to table consolidated and {members} to consolidated_members in {args.db}",
              file=sys.stderr)
    print(loaded.report(groups), file=sys.stderr)
    return 0


def _consolidate_parser(sub: argparse._SubParsersAction) -> None:
    co = sub.add_parser("consolidate", help="one row per fact across articles: agreement, conflicts, revisions")
    co.add_argument("facts", nargs="*", help="JSON Lines (.gz) of facts, or - for stdin")
    co.add_argument("--db", help="a store: consolidate its facts and (unless --no-save) write table consolidated")
    co.add_argument("--manifest", help="JSON Lines of {doc_id, published} for the facts' documents")
    co.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    co.add_argument("--out", help="write here instead of stdout")
    co.add_argument("--tolerance", type=float, help="relative difference two figures may have and agree (0.02)")
    co.add_argument("--config", help="a consolidation settings file (default: the package's consolidation.json)")
    co.add_argument("--members", action="store_true", help="list every member mention under its row (table)")
    co.add_argument("--no-save", action="store_true", help="with --db, do not write the consolidated tables")
    co.set_defaults(run=_consolidate)


def _add_view(sub) -> None:
    """`extractor view`: the HTML page of articles and their facts (work in extractor.view.command)."""
    vw = sub.add_parser("view", help="one self-contained HTML page of articles with their facts highlighted")
    vw.add_argument("paths", nargs="*", metavar="INPUT", help="as for extract; none with --db: the whole store")
    vw.add_argument("--out", required=True, help="the HTML file to write, e.g. report.html")
    vw.add_argument("--manifest", help="JSON Lines of {doc_id, published} for .txt/.html articles")
    vw.add_argument("--db", help="SQLite store of `extract --db`: facts of unchanged documents are read from it")
    vw.add_argument("--facts", help="show the facts of this JSON Lines file (e.g. `extract --out`) instead")
    vw.add_argument("--model", help=f"a saved pipeline folder (default: {MODEL_DIR})")
    vw.add_argument("--title", help="the page title")

    def run(args: argparse.Namespace) -> int:
        from extractor.view.command import run as view

        return view(args.paths, args.out, args.manifest, args.db, args.facts, args.model, args.title)

    vw.set_defaults(run=run)


def _add_train(sub) -> None:
    """`extractor train`: fit the learned type model on the training splits (work in extractor.learn.training)."""
    from extractor.learn.settings import SPLITS

    tr = sub.add_parser("train", help="fit the calibrated type model on the annotated training splits")
    tr.add_argument("--out", help="the model file to write (default: models/learn/type_model.json)")
    tr.add_argument("--split", action="append", choices=SPLITS, help="train on this split only (repeatable; "
                    "default: training_splits of data/learn.json)")
    tr.add_argument("--root", help="the folder holding corpus/ and annotations/ (default: this repository)")
    tr.add_argument("--model", help=f"a saved pipeline folder (default: {MODEL_DIR})")

    def run(args: argparse.Namespace) -> int:
        from collections import Counter

        from extractor.learn.training import MODEL_FILE, ROOT, train
        from extractor.pipeline import load

        try:
            model, data = train(load(args.model) if args.model else load(), splits=args.split,
                                root=Path(args.root) if args.root else ROOT)
        except (ValueError, FileNotFoundError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        for note in data.skipped:
            print(f"skipped split {note}", file=sys.stderr)
        labels = Counter(c.label for c in data.training)
        print(f"trained on {len(data.documents)} documents, {len(data.candidates)} candidates, "
              f"{len(data.extra)} of written sentences ("
              + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) + ")", file=sys.stderr)
        print(f"saved type model to {model.to_disk(args.out or MODEL_FILE)}", file=sys.stderr)
        return 0

    tr.set_defaults(run=run)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="extractor", description="Facts about AI infrastructure from news text.")
    sub = top.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract facts from files, folders, JSON Lines (.gz) and stdin (-)")
    ex.add_argument("paths", nargs="+", help=".txt/.html files, folders of them, .jsonl(.gz) files, or - for stdin")
    ex.add_argument("--manifest", help="JSON Lines of {doc_id, published} for .txt/.html articles")
    ex.add_argument("--out", help="write facts (JSON Lines) here; default stdout unless --db is given")
    ex.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    ex.add_argument("--db", help="SQLite store: documents and facts, resumable, re-runs add nothing twice")
    ex.add_argument("--texts", help="write the text facts refer to for inputs that were converted (HTML, repairs)")
    ex.add_argument("--summary", help="write the run summary as JSON here")
    ex.add_argument("--model", help=f"a saved pipeline folder (default: {MODEL_DIR})")
    ex.add_argument("--n-process", type=int, default=1, help="worker processes (each holds one pipeline)")
    ex.add_argument("--fail-fast", action="store_true", help="stop at the first failed input (default: keep going)")
    ex.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped, too")
    ex.add_argument("--id-field", default="id", help="JSON Lines field holding the document id")
    ex.add_argument("--text-field", default="text", help="JSON Lines field holding the article text")
    ex.add_argument("--published-field", default="published", help="JSON Lines field holding the publication date")
    bar = ex.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    ex.set_defaults(run=_extract)

    qy = sub.add_parser("query", help="facts from a store, e.g. all budget facts for ByteDance by period")
    qy.add_argument("--db", required=True)
    qy.add_argument("--type", help="one of " + ", ".join(FACT_TYPES))
    qy.add_argument("--subject", help="a subject name (case-insensitive)")
    qy.add_argument("--period", help="a period or its prefix: 2026, 2025-10")
    qy.add_argument("--doc", help="one document id")
    qy.add_argument("--no-retracted", action="store_true", help="leave out retracted figures")
    qy.add_argument("--format", choices=("table", "jsonl"), default="table")
    qy.add_argument("--sql", action="store_true", help="print the SQL the query runs, then exit")
    qy.set_defaults(run=_query)

    qu = sub.add_parser("quantities", help="every normalized amount and count in a text, as JSON Lines")
    qu.add_argument("file", nargs="?", help="a text file, or - / nothing for stdin")
    qu.set_defaults(run=_quantities)

    bu = sub.add_parser("build", help="rebuild the saved pipeline from config plus data")
    bu.add_argument("--out", default=str(MODEL_DIR), help=f"folder to write (default: {MODEL_DIR})")
    bu.set_defaults(run=_build)

    cu = sub.add_parser("build-currencies", help="re-derive data/cldr_currencies.json from Babel's CLDR data")
    cu.set_defaults(run=_build_currencies)
    _consolidate_parser(sub)
    _add_view(sub)
    _add_train(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
