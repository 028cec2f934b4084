"""The evaluation view marks exactly what `evaluate.py --errors` lists."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections import Counter

import lxml.html
import pytest

LINE = re.compile(r"^(MISS|FALSE ALARM) (\S+) (\S+) \S+ \S+ ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")
ATTRIBUTE = re.compile(r"^ATTRIBUTE (\S+) (\S+) ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"): predicted")


def perturbed_predictions(root, path):
    """The seed gold with a figure dropped, a value doubled, a subject and a type changed, one figure made up."""
    gold = [json.loads(line) for p in sorted((root / "annotations").glob("*.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = [dict(g) for g in gold[1:]]
    preds[0]["value"] = preds[0]["value"] * 2 if preds[0]["value"] is not None else None
    preds[1]["subject"] = ["Somebody Else"]
    preds[2]["period"] = "1999"
    preds[3]["type"] = "unit_price" if preds[3]["type"] != "unit_price" else "budget"
    preds.append({**gold[0], "start": gold[0]["start"] + 400, "end": gold[0]["start"] + 404, "value": 7})
    text = (root / "corpus" / f"{gold[0]['doc_id']}.txt").read_text(encoding="utf-8")
    preds[-1]["text"] = text[preds[-1]["start"]:preds[-1]["end"]]
    path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    return ["--pred", str(path), "--corpus", str(root / "corpus"), "--gold", str(root / "annotations")]


def extractor_on_holdout(root, _path):
    return ["--system", "extractor", "--corpus", str(root / "corpus" / "holdout"),
            "--gold", str(root / "annotations" / "holdout")]


@pytest.fixture(scope="module", params=[perturbed_predictions, extractor_on_holdout])
def evaluated(request, root, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("errors")
    args = request.param(root, tmp / "pred.jsonl")
    html, report = tmp / "errors.html", tmp / "report.json"
    out = subprocess.run([sys.executable, str(root / "evaluate.py"), *args, "--errors", "--html", str(html),
                          "--json", str(report)], check=True, capture_output=True, text=True, timeout=600).stdout
    return out, lxml.html.document_fromstring(html.read_text(encoding="utf-8")), json.loads(report.read_text())


def listed(out: str) -> tuple[Counter, Counter]:
    kinds = {"MISS": "miss", "FALSE ALARM": "false_alarm"}
    errors = Counter((kinds[m[1]], m[2], m[3], ast.literal_eval(m[4]))
                     for m in map(LINE.match, out.splitlines()) if m)
    attributes = Counter((m[2], ast.literal_eval(m[3]), m[1]) for m in map(ATTRIBUTE.match, out.splitlines()) if m)
    return errors, attributes


def marked(page) -> tuple[Counter, Counter]:
    errors, attributes = Counter(), Counter()
    for article in page.xpath('//section[contains(@class, "run")]//article'):
        doc = article.get("data-doc")
        text = article.xpath('.//div[@class="text"]')[0].text_content()
        for mark in article.xpath('.//div[@class="text"]//mark[@data-kind][@id]'):
            kind = mark.get("data-kind")
            side = mark.get("data-gold") if kind == "miss" else mark.get("data-pred")
            if kind in ("miss", "false_alarm"):
                start, end = map(int, side.split(":"))
                assert mark.text_content() == text[start:end]
                errors[(kind, doc, mark.get("data-type"), text[start:end])] += 1
            for name in (mark.get("data-wrong") or "").split():
                start, end = map(int, mark.get("data-gold").split(":"))
                attributes[(doc, text[start:end], name)] += 1
    return errors, attributes


def test_error_view_marks_exactly_what_errors_lists(evaluated):
    out, page, _ = evaluated
    listed_errors, listed_attributes = listed(out)
    assert listed_errors  # both runs have misses and false alarms to compare
    assert marked(page) == (listed_errors, listed_attributes)


def test_error_view_marks_every_matched_pair_too(evaluated):
    _, page, (report,) = evaluated
    kinds = Counter(m.get("data-kind") for m in page.xpath('//div[@class="text"]//mark[@data-kind][@id]'))
    assert kinds["hit"] + kinds["attribute"] == report["mention"]["micro"]["tp"]
    assert kinds["miss"] == report["mention"]["micro"]["fn"]
    assert kinds["false_alarm"] == report["mention"]["micro"]["fp"]


def test_error_view_puts_the_score_table_on_top(evaluated):
    _, page, (report,) = evaluated
    (run,) = page.xpath('//section[contains(@class, "run")]')
    first_table = run.xpath('.//table[contains(@class, "score")]')[0]
    order = list(run.iter())
    assert order.index(first_table) < order.index(run.xpath(".//article")[0])
    micro = first_table.xpath('.//tr[@class="micro"]/td')
    fact = report["fact"]["micro"]
    assert micro[0].text_content() == f"{fact['precision']:.3f} / {fact['recall']:.3f} / {fact['f1']:.3f}"


def test_error_view_shows_gold_and_prediction_side_by_side(evaluated):
    _, page, _ = evaluated
    for mark in page.xpath('//div[@class="text"]//mark[@data-kind="attribute"][@id]'):
        (template,) = page.xpath(f'//template[@id="d-{mark.get("id")}"]')
        differing = [row.xpath("th")[0].text_content().rstrip(" ≠") for row in template.xpath('.//tr[@class="diff"]')]
        assert differing == [n for n in ("qualifier", "subject", "item", "metric", "period", "retracted")
                             if n in mark.get("data-wrong").split()]
