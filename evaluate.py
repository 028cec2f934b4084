#!/usr/bin/env python
"""Score systems against the hand-annotated gold (see README, "Evaluation").

python evaluate.py                          # every system, every split
python evaluate.py --system quantulum3      # one system
python evaluate.py --pred out.jsonl         # score a predictions file
python evaluate.py --corpus DIR --gold DIR --manifest FILE --errors --json report.json
python evaluate.py --consolidation          # grouping scores against annotations/groups/<split>.jsonl
python evaluate.py --html errors.html       # gold and predictions overlaid, one page per run
python evaluate.py --cv                     # rules / model / rules+model by leave-one-document-out CV
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.evaluation import (
    SYSTEMS,
    PredictionsError,
    covers,
    format_errors,
    format_table,
    load_split,
    load_system,
    read_predictions,
    run_system,
    score_file,
)

ROOT = Path(__file__).resolve().parent
DEFAULT_SPLITS = (
    ("seed", ROOT / "corpus", ROOT / "annotations"),
    ("dev", ROOT / "corpus" / "dev", ROOT / "annotations" / "dev"),
    ("test", ROOT / "corpus" / "test", ROOT / "annotations" / "test"),
    ("holdout", ROOT / "corpus" / "holdout", ROOT / "annotations" / "holdout"),
    ("overlap", ROOT / "corpus" / "overlap", ROOT / "annotations" / "overlap"),
    ("news", ROOT / "corpus" / "news", ROOT / "annotations" / "news"),
    ("fresh", ROOT / "corpus" / "fresh", ROOT / "annotations" / "fresh"),
    ("final", ROOT / "corpus" / "final", ROOT / "annotations" / "final"),
    ("final2", ROOT / "corpus" / "final2", ROOT / "annotations" / "final2"),
    ("final3", ROOT / "corpus" / "final3", ROOT / "annotations" / "final3"),
    ("final4", ROOT / "corpus" / "final4", ROOT / "annotations" / "final4"),
    ("final5", ROOT / "corpus" / "final5", ROOT / "annotations" / "final5"),
    ("final6", ROOT / "corpus" / "final6", ROOT / "annotations" / "final6"),
    ("final7", ROOT / "corpus" / "final7", ROOT / "annotations" / "final7"),
    ("final8", ROOT / "corpus" / "final8", ROOT / "annotations" / "final8"),
    ("final9", ROOT / "corpus" / "final9", ROOT / "annotations" / "final9"),
    ("final10", ROOT / "corpus" / "final10", ROOT / "annotations" / "final10"),
    ("final11", ROOT / "corpus" / "final11", ROOT / "annotations" / "final11"),
    ("final12", ROOT / "corpus" / "final12", ROOT / "annotations" / "final12"),
    ("final13", ROOT / "corpus" / "final13", ROOT / "annotations" / "final13"),
    ("final14", ROOT / "corpus" / "final14", ROOT / "annotations" / "final14"),
)
GROUPS_DIR = ROOT / "annotations" / "groups"


def peers(json_path: str | None) -> int:
    from extractor.conformance import (
        format_peer_table,
        load_quantulum,
        load_recognizers_text,
        run_suites,
        score_quantulum,
    )

    peer_dir = ROOT.parent / "shared" / "peer" / "recognizers-text"
    if not peer_dir.is_dir():
        print(f"note: Recognizers-Text suites not found at {peer_dir}; only quantulum3's suite is scored")
    cases = list(load_recognizers_text(peer_dir)) + list(load_quantulum())
    reports = run_suites(cases, ROOT / "tests" / "peers" / "decisions.json")
    quantulum = {suite: score_quantulum(cases, suite) for suite in reports}
    print(format_peer_table(reports, quantulum))
    for report in reports.values():
        for line in report.unexpected:
            print("  unexpected:", line)
    if json_path:
        data = {r.suite: {"cases": r.total, "skipped": r.skipped, "in_scope": r.in_scope, "xfail": r.xfailed,
                          "passed": r.passed, "pass_rate": round(r.pass_rate, 4), "peer_supported": r.peer_supported}
                for r in reports.values()}
        for suite, (passed, _checked) in quantulum.items():
            data[suite]["quantulum3_passed"] = passed
        Path(json_path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


def consolidation(splits, groups: str | None, json_path: str | None) -> int:
    """Pairwise grouping F1 and status accuracy, on gold facts and on the extractor's."""
    from extractor.consolidation.scoring import evaluate_split, format_scores

    extract, _ = load_system("extractor")
    rows = []
    for split in splits:
        path = Path(groups) if groups else GROUPS_DIR / f"{split.name}.jsonl"
        if not path.exists():
            print(f"note: no consolidation gold for split {split.name} ({path}); skipped")
            continue
        predictions = [record for document in split.documents for record in extract(document)]
        rows.extend(evaluate_split(split, path, predictions))
    print(format_scores(rows))
    if json_path:
        Path(json_path).write_text(json.dumps([{"split": s, "facts": f, **score.to_dict()} for s, f, score in rows],
                                              indent=2) + "\n", encoding="utf-8")
    return 0


def cross_validation(json_path: str | None) -> int:
    """The learned type decision against the rules, over the training splits of data/learn.json."""
    from extractor.learn.crossval import cross_validate, format_report, reliability
    from extractor.learn.settings import load_settings
    from extractor.learn.subjects import format_subject_report, subject_cross_validation
    from extractor.learn.training import collect
    from extractor.pipeline import load

    settings = load_settings()
    data = collect(load(), settings, root=ROOT)
    for note in data.skipped:
        print(f"note: split skipped, {note}")
    cv = cross_validate(data.candidates, data.gold, settings, data.extra)
    if data.extra:
        print(f"every fold also trains on the {len(data.extra)} candidates of the hand-written sentences")
    print(format_report(cv, settings))
    subjects = subject_cross_validation(data.subjects, settings)
    print()
    print(format_subject_report(subjects, settings))
    if json_path:
        report = {name: cv.score(name).to_dict() for name in cv.predictions}
        report["reliability"] = reliability(cv, settings.evaluation.reliability_bins)
        report["subject"] = {name: sum(right) / len(right) if right else None
                             for name, right in subjects.items() if name != "documents"}
        Path(json_path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--system", action="append", choices=sorted(SYSTEMS), help="system to run (repeatable; default: all)"
    )
    parser.add_argument("--pred", help="score this JSON Lines predictions file instead of running a system")
    parser.add_argument("--corpus", help="folder of .txt articles (default: every split under corpus/)")
    parser.add_argument("--gold", help="folder of gold .jsonl files for --corpus")
    parser.add_argument("--manifest", help="manifest of {doc_id, published} lines for --corpus")
    parser.add_argument("--json", dest="json_path", help="write the full report as JSON here")
    parser.add_argument("--errors", action="store_true", help="list every miss, false alarm and attribute error")
    parser.add_argument("--html", help="write the error view here: gold and predictions overlaid, per split")
    parser.add_argument("--peers", action="store_true",
                        help="score find_quantities on Recognizers-Text's and quantulum3's own suites instead")
    parser.add_argument("--consolidation", action="store_true",
                        help="score consolidation (grouping pairs, status) against annotations/groups/ instead")
    parser.add_argument("--groups", help="gold groups file for --consolidation with --corpus")
    parser.add_argument("--cv", action="store_true",
                        help="cross-validate the learned type decision against the rules instead (data/learn.json)")
    args = parser.parse_args(argv)
    if args.peers:
        return peers(args.json_path)
    if args.cv:
        return cross_validation(args.json_path)

    if args.corpus:
        if not args.gold:
            parser.error("--corpus needs --gold")
        splits = [load_split(Path(args.corpus).name, args.corpus, args.gold, args.manifest)]
    else:
        splits = [load_split(name, c, g) for name, c, g in DEFAULT_SPLITS if c.is_dir() and g.is_dir()]
    if args.consolidation:
        return consolidation(splits, args.groups, args.json_path)

    runs = []
    if args.pred:
        try:
            predictions = read_predictions(args.pred)
        except PredictionsError as error:
            parser.error(f"--pred {error}")
        for split in splits:
            if covers(predictions, split):
                runs.append(score_file(args.pred, split, predictions))
            else:
                print(f"split {split.name}: {args.pred} has no predictions for any of its "
                      f"{len(split.documents)} documents; not scored", file=sys.stderr)
        if not runs:
            parser.error(f"--pred {args.pred}: no doc_id matches a document of the splits scored")
    else:
        for name in args.system or list(SYSTEMS):
            extract, load_seconds = load_system(name)
            runs.extend(run_system(name, split, extract, load_seconds) for split in splits)
    print(format_table(runs))
    if args.errors:
        for run in runs:
            print(format_errors(run))
            print()
    if args.json_path:
        Path(args.json_path).write_text(
            json.dumps([r.to_dict() for r in runs], indent=2) + "\n", encoding="utf-8"
        )
    if args.html:
        from extractor.view import render_errors_html

        Path(args.html).write_text(render_errors_html(runs), encoding="utf-8")
        print(f"wrote {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
