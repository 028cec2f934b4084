"""Command line: argument parsing, checking what the user gave, exit codes; the work is in the package.

A user mistake (a missing file, a folder that does not exist, a file that is
not a store or a pipeline) is one line naming the problem and the flag, exit
code 2, no traceback (`--debug` shows it). `extract` exits 1 when an input
failed or the run stopped early, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import io as stdio
import json
import os
import signal
import sys
import traceback
from contextlib import ExitStack
from pathlib import Path

from extractor import io
from extractor.errors import UsageError
from extractor.pipeline import MODEL_DIR
from extractor.records import FACT_TYPES

INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """One line, not the usage block: the problem and where to read more."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _processes(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number of processes is needed, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"at least 1 process is needed, got {number}")
    return number


def _writable(flag: str, path: str) -> Path:
    """Fail before a long run, not after it, when an output cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{flag} {path}: is a folder, expected a file name")
    if not target.parent.is_dir():
        raise UsageError(f"{flag} {path}: folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"{flag} {path}: not writable")
    return target


def _open_store(path: str):
    import sqlite3

    from extractor.store import NotAStore, Store

    try:
        return Store(path)
    except NotAStore as error:
        raise UsageError(f"--db {path}: {error}") from error
    except sqlite3.Error as error:
        raise UsageError(f"--db {path}: cannot open: {error}") from error


def _pipeline(model: str | None):
    from extractor.pipeline import load

    if not model:
        return load()
    folder = Path(model)
    if folder.is_file():
        raise UsageError(f"--model {model}: a file; a saved pipeline is a folder (made by `extractor build --out`)")
    if not folder.is_dir():
        raise UsageError(f"--model {model}: no such folder")
    if not (folder / "config.cfg").is_file():
        raise UsageError(f"--model {model}: not a saved pipeline (no config.cfg); make one with "
                         f"`extractor build --out {model}`")
    try:
        nlp = load(folder)
    except Exception as error:  # noqa: BLE001 - any loading failure is the same user mistake
        raise UsageError(f"--model {model}: cannot load the pipeline: {type(error).__name__}: {error}") from error
    if "attribute_linker" not in nlp.pipe_names:
        raise UsageError(f"--model {model}: a spaCy pipeline without the extractor's components")
    return nlp


def _manifest(path: str) -> None:
    from extractor.sources import ManifestError, read_manifest

    if not Path(path).is_file():
        raise UsageError(f"--manifest {path}: no such file")
    try:
        read_manifest(path)
    except ManifestError as error:
        raise UsageError(f"--manifest {path}: {error}") from error


def _interrupt(signum, frame):
    """SIGTERM (a scheduler, `kill`) stops the batch like Ctrl-C: cleanly, with a summary."""
    raise KeyboardInterrupt


def _extract(args: argparse.Namespace) -> int:
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _run_extract(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_extract(args: argparse.Namespace) -> int:
    from extractor.batch import Summary, run_batch
    from extractor.sources import Fields, Given, check_inputs, iter_inputs

    given = Given(args.doc_id, args.published)
    check_inputs(args.paths, given)
    if args.manifest:
        _manifest(args.manifest)
    outputs = [(flag, path) for flag, path in (("--out", args.out), ("--db", args.db), ("--summary", args.summary),
                                                ("--texts", args.texts)) if path]
    inputs = {os.path.abspath(p) for p in args.paths if p != "-"}
    for flag, path in outputs:
        _writable(flag, path)
        if os.path.abspath(path) in inputs:
            raise UsageError(f"{flag} {path}: is also an input; writing it would destroy what is read")
    own = [p for _, p in outputs] + ([args.db + suffix for suffix in ("-wal", "-shm", "-journal")] if args.db else [])
    try:
        nlp = _pipeline(args.model)
    except KeyboardInterrupt:
        return _finish(args, Summary(stopped="interrupted"))
    fields = Fields(args.id_field, args.text_field, args.published_field)
    with ExitStack() as stack:
        store = stack.enter_context(_open_store(args.db)) if args.db else None
        if args.format == "table":
            out = stdio.StringIO()
        elif args.out:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8"))
        else:
            out = sys.stdout if store is None else None
        texts = stack.enter_context(open(args.texts, "w", encoding="utf-8")) if args.texts else None
        items = iter_inputs(args.paths, args.manifest, fields, recursive=args.recursive, given=given, outputs=own)
        summary = run_batch(items, nlp, store=store, out=out, texts=texts, n_process=args.n_process,
                            keep_going=not args.fail_fast, progress=args.progress)
    if args.format == "table":
        table = io.format_table([json.loads(line) for line in out.getvalue().splitlines()])
        if args.out:
            Path(args.out).write_text(table + "\n", encoding="utf-8")
        else:
            print(table)
    return _finish(args, summary)


def _finish(args: argparse.Namespace, summary) -> int:
    """The report, the summary file and the exit code, however the run ended."""
    print(summary.report(), file=sys.stderr)
    if args.summary:
        try:
            Path(args.summary).write_text(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
        except OSError as error:
            raise UsageError(f"--summary {args.summary}: cannot write: {error.strerror or error}") from error
    if summary.stopped == "interrupted":
        return INTERRUPTED
    if summary.failed or not summary.complete:
        return 1
    if args.strict and summary.skipped > summary.expected_skips:
        return 1
    return 0


def _query(args: argparse.Namespace) -> int:
    from extractor.store import facts_query

    if args.sql:
        sql, params = facts_query(args.type, args.subject, args.period, args.doc, not args.no_retracted)
        print(sql)
        print("-- parameters:", params)
        return 0
    if not Path(args.db).is_file():
        raise UsageError(f"--db {args.db}: no store there (make one with `extractor extract ... --db {args.db}`)")
    with _open_store(args.db) as store:
        facts = list(store.query(args.type, args.subject, args.period, args.doc, not args.no_retracted))
    if args.format == "jsonl":
        io.write_jsonl(facts)
    else:
        print(io.format_table(facts))
    print(f"{len(facts)} facts", file=sys.stderr)
    return 0


def _quantities(args: argparse.Namespace) -> int:
    from extractor.normalize.quantities import find_quantities
    from extractor.sources import decode

    if args.file in (None, "-"):
        data = sys.stdin.buffer.read()
    else:
        path = Path(args.file)
        if path.is_dir():
            raise UsageError(f"quantities: {args.file} is a folder; give one text file (`extractor extract` "
                             "reads folders)")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UsageError(f"quantities: cannot read {args.file}: {error.strerror or error}") from error
    text, _ = decode(data)
    for quantity in find_quantities(text):
        print(json.dumps(quantity.to_dict(), ensure_ascii=False))
    return 0


def _needs_checkout(command: str) -> None:
    from extractor.pipeline import PROJECT_DIR, source_checkout

    if not source_checkout():
        raise UsageError(f"{command}: this is an installed package, not a source checkout; it would write into "
                         f"{PROJECT_DIR}. Give --out FOLDER, or run it in a clone of the project")


def _build(args: argparse.Namespace) -> int:
    from extractor.pipeline import save

    if args.out is None:
        _needs_checkout("build")
    out = Path(args.out) if args.out else MODEL_DIR
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: is a file, expected a folder")
    if not out.parent.is_dir():
        raise UsageError(f"--out {args.out}: folder {out.parent} does not exist")
    print(f"saved pipeline to {save(out)}", file=sys.stderr)
    return 0


def _build_currencies(args: argparse.Namespace) -> int:
    from extractor.normalize.cldr import write

    _needs_checkout("build-currencies")
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
    tr.add_argument("--out", help="the type model file to write (default: models/learn/type_model.json)")
    tr.add_argument("--ranker-out", help="the subject ranker file to write (default: "
                    "models/learn/subject_ranker.json, or subject_ranker.json beside --out)")
    tr.add_argument("--split", action="append", choices=SPLITS, help="train on this split only (repeatable; "
                    "default: training_splits of data/learn.json)")
    tr.add_argument("--root", help="the folder holding corpus/ and annotations/ (default: this repository)")
    tr.add_argument("--model", help=f"a saved pipeline folder (default: {MODEL_DIR})")

    def run(args: argparse.Namespace) -> int:
        from collections import Counter

        from extractor.learn.training import MODEL_FILE, RANKER_FILE, ROOT, train
        from extractor.pipeline import load

        try:
            model, ranker, data = train(load(args.model) if args.model else load(), splits=args.split,
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
        ranker_path = args.ranker_out or (Path(args.out).with_name(RANKER_FILE.name) if args.out else RANKER_FILE)
        print(f"saved subject ranker ({len(data.subjects)} facts) to {ranker.to_disk(ranker_path)}", file=sys.stderr)
        return 0

    tr.set_defaults(run=run)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an error")
    top = _Parser(prog="extractor", description="Facts about AI infrastructure from news text.", parents=[common])
    sub = top.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", parents=[common],
                        help="extract facts from files, folders, JSON Lines (.gz) and stdin (-)")
    ex.add_argument("paths", nargs="+", help=".txt/.html files, folders of them, .jsonl(.gz) files, or - for stdin")
    ex.add_argument("--manifest", help="JSON Lines of {doc_id, published} for .txt/.html articles")
    ex.add_argument("--out", help="write facts here (JSON Lines, or a table with --format table); "
                                  "default stdout unless --db is given")
    ex.add_argument("--format", choices=("jsonl", "table"), type=str.lower, default="jsonl")
    ex.add_argument("--db", help="SQLite store: documents and facts, resumable, re-runs add nothing twice")
    ex.add_argument("--texts", help="write the text facts refer to for inputs that were converted (HTML, repairs)")
    ex.add_argument("--summary", help="write the run summary as JSON here (also when the run is interrupted)")
    ex.add_argument("--model", help=f"a saved pipeline folder (default: {MODEL_DIR})")
    ex.add_argument("--n-process", type=_processes, default=1, help="worker processes (each holds one pipeline)")
    ex.add_argument("--fail-fast", action="store_true", help="stop at the first failed input (default: keep going)")
    ex.add_argument("--strict", action="store_true",
                    help="exit 1 when any input was skipped, too (unchanged documents in the store do not count)")
    ex.add_argument("--doc-id", help="the id of the one document given (a file or stdin); default: the file's "
                                     "name without extension, or a content hash for stdin")
    ex.add_argument("--published", help="the publication date (YYYY-MM-DD) of the one document given")
    ex.add_argument("--no-recursive", dest="recursive", action="store_false",
                    help="read only the files directly in each folder, not its subfolders")
    ex.add_argument("--id-field", default="id", help="JSON Lines field holding the document id")
    ex.add_argument("--text-field", default="text", help="JSON Lines field holding the article text")
    ex.add_argument("--published-field", default="published", help="JSON Lines field holding the publication date")
    bar = ex.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    ex.set_defaults(run=_extract)

    qy = sub.add_parser("query", parents=[common],
                        help="facts from a store, e.g. all budget facts for ByteDance by period")
    qy.add_argument("--db", required=True)
    qy.add_argument("--type", type=str.lower, choices=FACT_TYPES, help="one of: " + ", ".join(FACT_TYPES))
    qy.add_argument("--subject", help="a subject name (case-insensitive)")
    qy.add_argument("--period", help="a period or its prefix: 2026, 2025-10")
    qy.add_argument("--doc", help="one document id")
    qy.add_argument("--no-retracted", action="store_true", help="leave out retracted figures")
    qy.add_argument("--format", choices=("table", "jsonl"), type=str.lower, default="table")
    qy.add_argument("--sql", action="store_true", help="print the SQL the query runs, then exit")
    qy.set_defaults(run=_query)

    qu = sub.add_parser("quantities", parents=[common],
                        help="every normalized amount and count in a text, as JSON Lines")
    qu.add_argument("file", nargs="?", help="a text file, or - / nothing for stdin")
    qu.set_defaults(run=_quantities)

    bu = sub.add_parser("build", parents=[common], help="rebuild the saved pipeline from config plus data")
    bu.add_argument("--out", help=f"folder to write (default, in a source checkout: {MODEL_DIR})")
    bu.set_defaults(run=_build)

    cu = sub.add_parser("build-currencies", parents=[common],
                        help="re-derive data/cldr_currencies.json from Babel's CLDR data")
    cu.set_defaults(run=_build_currencies)
    _consolidate_parser(sub)
    _add_view(sub)
    _add_train(sub)
    return top


def _quiet_stdout() -> None:
    """After the reader of our stdout went away (`| head`): no second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, stdio.UnsupportedOperation):
        pass


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        code = args.run(args)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return INTERRUPTED
    except UsageError as error:
        if debug:
            traceback.print_exc()
        print(f"extractor: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug still gets one line; --debug shows where
        if debug:
            traceback.print_exc()
        print(f"extractor: error: {type(error).__name__}: {error} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
