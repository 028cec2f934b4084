"""Other normalizers' own test suites, one test per case.

Recognizers-Text's English currency, number and number-range specifications
(shared/peer/recognizers-text) and quantulum3's quantities.json. Out-of-scope
cases are skipped with their reason and known failures are strict xfails
(decisions: extractor/conformance.py SCOPE_RULES and tests/peers/decisions.json).
"""

from pathlib import Path

import pytest

from extractor.conformance import check, classify, load_quantulum, load_recognizers_text

ROOT = Path(__file__).resolve().parent.parent
PEER_DIR = ROOT.parent / "shared" / "peer" / "recognizers-text"
DECISIONS = Path(__file__).parent / "peers" / "decisions.json"


def _params():
    cases = list(load_recognizers_text(PEER_DIR)) + list(load_quantulum())
    params = []
    for case in cases:
        classify(case, DECISIONS)
        marks = []
        if case.status == "skip":
            marks.append(pytest.mark.skip(reason=case.reason))
        elif case.status == "xfail":
            marks.append(pytest.mark.xfail(strict=True, reason=case.reason))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_peer_case(case):
    ok, detail = check(case)
    assert ok, f"{case.text!r}: {detail}"


def test_recognizers_text_suites_are_present():
    if not PEER_DIR.is_dir():
        pytest.skip(f"peer suites not found at {PEER_DIR} (shared/ is beside the checkout in CI)")
    suites = {c.suite for c in load_recognizers_text(PEER_DIR)}
    assert suites == {"rt-currency", "rt-number", "rt-range"}
