"""Conformance of `find_quantities` with other normalizers' own test suites.

A case passes when the same spans are found with the same values (and, for
money, the same currency). Each out-of-scope case is skipped by a named rule
(`SCOPE_RULES`) or by an explicit decision, and every known failure is a
declared expectation, so that the pass rate is over cases the project means to
read. The decisions live in `tests/peers/decisions.json`; tests and
`evaluate.py --peers` read the same file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from babel.numbers import get_currency_name

from extractor.normalize.currency import currency_table
from extractor.normalize.quantities import find_quantities
from extractor.records import Quantity

RT_FILES = {
    "rt-currency": "NumberWithUnit_English_CurrencyModel.json",
    "rt-number": "Number_English_NumberModel.json",
    "rt-range": "Number_English_NumberRangeModel.json",
}
QUANTULUM_MONEY_UNITS = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY"}


@dataclass
class Expected:
    start: int
    end: int
    text: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    bound: str | None = None
    currencies: frozenset[str] = frozenset()


@dataclass
class Case:
    suite: str
    index: int
    text: str
    expected: list[Expected]
    raw: dict[str, Any] = field(repr=False)
    status: str = "check"
    reason: str = ""
    peer_supported: bool = True

    @property
    def id(self) -> str:
        return f"{self.suite}#{self.index}"


# -- reading the suites ----------------------------------------------------------------

def _decimal(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None


@cache
def _codes_named(unit: str) -> frozenset[str]:
    """ISO codes whose CLDR English name ends with a unit name ('Pound' -> GBP, EGP, ...)."""
    unit = unit.lower()
    return frozenset(code for code in currency_table().codes
                     if (get_currency_name(code, locale="en") or "").lower().endswith(unit))


def _rt_currencies(resolution: dict[str, Any]) -> frozenset[str]:
    if resolution.get("isoCurrency"):
        return frozenset({resolution["isoCurrency"]})
    unit = resolution.get("unit") or ""
    if unit == "Dollar":
        return frozenset({"USD"})
    return _codes_named(unit)


_INTERVAL = re.compile(r"^([\[(])([^,]*),([^\])]*)([\])])$")


def _rt_expected(suite: str, result: dict[str, Any]) -> Expected:
    resolution = result.get("Resolution") or {}
    expected = Expected(result["Start"], result["End"] + 1, result["Text"])
    value = resolution.get("value")
    if suite == "rt-range" and isinstance(value, str) and (m := _INTERVAL.match(value.replace(" ", ""))):
        expected.low, expected.high = _decimal(m.group(2)), _decimal(m.group(3))
        if expected.low is not None and expected.high is None:
            expected.bound = "lower_bound"
        elif expected.high is not None and expected.low is None:
            expected.bound = "upper_bound"
    else:
        expected.value = _decimal(value)
    if suite == "rt-currency":
        expected.currencies = _rt_currencies(resolution)
    return expected


def load_recognizers_text(peer_dir: str | Path) -> Iterator[Case]:
    for suite, name in RT_FILES.items():
        path = Path(peer_dir) / name
        if not path.exists():
            continue
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            expected = [_rt_expected(suite, r) for r in raw.get("Results", [])]
            supported = "python" not in (raw.get("NotSupported") or "").lower()
            yield Case(suite, index, raw["Input"], expected, raw, peer_supported=supported)


def quantulum_suite_path() -> Path:
    import quantulum3

    return Path(quantulum3.__file__).parent / "_lang" / "en_US" / "tests" / "quantities.json"


def load_quantulum(path: str | Path | None = None) -> Iterator[Case]:
    path = Path(path) if path else quantulum_suite_path()
    for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        text, cursor, expected = raw["req"], 0, []
        out_of_scope = []
        for result in raw["res"]:
            start = text.find(result["surface"], cursor)
            if start < 0:
                start = text.find(result["surface"])
            span = (start, start + len(result["surface"]))
            cursor = span[1] if start >= 0 else cursor
            unit = result["unit"]
            if unit == "dimensionless" or unit in QUANTULUM_MONEY_UNITS:
                currencies = frozenset({QUANTULUM_MONEY_UNITS[unit]}) if unit in QUANTULUM_MONEY_UNITS else frozenset()
                expected.append(Expected(span[0], span[1], result["surface"], _decimal(result["value"]),
                                         currencies=currencies))
            else:
                out_of_scope.append(span)
        case = Case("quantulum3", index, text, expected, raw)
        case.raw = {**raw, "_out_of_scope_spans": out_of_scope}
        yield case


# -- scope ---------------------------------------------------------------------------------

_FRACTION = re.compile(r"\b(?:halves|halfs?|thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|"
                       r"\w+ieths?|\w+(?:st|nd|rd|th)s?|hundredths?|thousandths?|millionths?|billionths?|"
                       r"trillionths?|quarters?)\b|\d\s*/\s*\d|\bover\b|\bout of\b|[⅔¾⅙½]|"
                       r"\d\s+in\s+[\w-]+$|\b\d+\s+in\s+\d+\b", re.I)

ScopeRule = tuple[str, str, Callable[[Case], bool]]


def _texts(case: Case) -> str:
    return " | ".join(e.text for e in case.expected)


SCOPE_RULES: list[ScopeRule] = [
    ("sub-unit", "sub-unit coins (cents, pence, mao) are not how news states money amounts",
     lambda c: bool(re.search(r"\b(?:cents?|pence|penny|mao|kuai)\b", _texts(c) + " " + c.text, re.I))
     and c.suite in ("rt-currency", "quantulum3")),
    ("crypto", "crypto-currencies have no ISO 4217 code",
     lambda c: bool(re.search(r"bitcoin|satoshi|\bbtc\b|₿", _texts(c), re.I))),
    ("historic", "a currency that is no longer legal tender (CLDR's current list) is out of scope",
     lambda c: c.suite == "rt-currency" and any(not e.currencies for e in c.expected if e.value is not None)),
    ("spoken-compound", "a digit amount plus a sub-amount ('15 dollars 50', '17 USD 25') is not news style; spoken "
     "words ('a dollar ninety', 'thirteen dollars forty five') are read as interviews say them",
     lambda c: bool(re.search(r"\d\s*(?:dollars?|usd|\$)\s+(?:and\s+)?[\w-]+$", _texts(c), re.I))),
    ("fraction", "fractions and ratios are not amounts or counts (contract: ratios such as '1/10' are not facts)",
     lambda c: bool(_FRACTION.search(_texts(c))) or bool(re.search(r"\b\d+\s+in\s+\d+\b", c.text))),
    ("scientific", "scientific notation is not a money or count form in news",
     lambda c: bool(re.search(r"\^|\d[eE][+-]?\d|×\s*10|x10", _texts(c) + c.text))),
    ("digit-chain", "digit chains (IP addresses, dates, phone numbers, lists) are not quantities by design",
     lambda c: bool(re.search(r"\d+(?:[./-]\d+){2,}|\d{3}-\d{4}|\d+,\d+,\d+,\d+\.|\d/\d+/\d", c.text))),
    ("dozen", "dozens and grosses are not used for money or counts in news",
     lambda c: bool(re.search(r"\bdoz|\bdzs?\b|\bgross\b", c.text, re.I))),
    ("spoken-negative", "spoken negatives ('minus five', 'negative ten') are not news style",
     lambda c: bool(re.search(r"\b(?:minus|negative)\b", c.text, re.I))),
    ("nought", "British spoken zero ('nought', 'naught') is not news money or count style",
     lambda c: bool(re.search(r"\bn[ao]ught\b", c.text, re.I))),
    ("space-thousands", "thousands grouped by spaces ('40 000') are ambiguous with adjacent numbers in running text",
     lambda c: bool(re.search(r"\d \d{3}\b", c.text)) and any(re.search(r"\d \d{3}", e.text) for e in c.expected)),
    ("comparison", "comparison phrasing and operators ('<= 30', 'equal to or more than') are not news quantity forms",
     lambda c: c.suite == "rt-range" and bool(re.search(r"[<>=]|\bequal|\bor (?:more|less|greater|bigger|smaller|"
                                                       r"higher|lower)\b|\bthan\b.*\bthan\b", c.text, re.I))),
    ("years", "years are not counts (project decision: a bare year is a date)",
     lambda c: any(e.value is not None and e.value == e.value.to_integral_value() and 1900 <= e.value <= 2100
                   and re.fullmatch(r"\d{4}", e.text.strip()) for e in c.expected)),
    ("range-average", "quantulum3 reports a range as the average of its ends; the project reports both ends",
     lambda c: c.suite == "quantulum3" and any(re.search(r"\d\s*(?:to|–|-)\s*\d", e.text) for e in c.expected)),
    ("accounting-negative", "accounting negatives ('($99.99)', '$-99.99') are not amounts of the fact types",
     lambda c: any(e.value is not None and e.value < 0 and c.suite == "quantulum3" for e in c.expected)),
]


@cache
def _decisions(path: str) -> dict[str, dict[str, str]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def classify(case: Case, decisions_path: str | Path) -> Case:
    """Set `status` ('check', 'skip', 'xfail') and `reason` of a case."""
    decisions = _decisions(str(decisions_path))
    decided = decisions.get(case.id)
    if decided:
        case.status, case.reason = decided["status"], decided["reason"]
        return case
    for name, reason, applies in SCOPE_RULES:
        if applies(case):
            case.status, case.reason = "skip", f"{name}: {reason}"
            return case
    return case


# -- comparing -----------------------------------------------------------------------------

def _agree(expected: Expected, found: Quantity, suite: str) -> bool:
    if suite == "rt-range" and (expected.low is not None or expected.high is not None):
        if expected.bound:
            value = expected.low if expected.bound == "lower_bound" else expected.high
            return found.value == value and found.qualifier == expected.bound
        return found.value is None and found.low == expected.low and found.high == expected.high
    if expected.value is None:
        return False
    if found.value is None or found.value != expected.value:
        return False
    if suite == "rt-currency" or expected.currencies:
        return found.unit in expected.currencies
    return True


def _same_span(expected: Expected, found: Quantity, suite: str) -> bool:
    if (found.start, found.end) == (expected.start, expected.end):
        return True
    inside = expected.start <= found.start and found.end <= expected.end
    if suite == "rt-range":
        return inside  # the contract's span leaves qualifier words out
    if suite == "quantulum3":
        return inside and (found.unit is not None or not expected.currencies)  # '$15.4/hour' -> '$15.4'
    if suite == "rt-number":
        return found.start <= expected.start and expected.end <= found.end and found.unit is not None
    return False


def check(case: Case, found: list[Quantity] | None = None) -> tuple[bool, str]:
    """(passed, explanation) for one case."""
    found = find_quantities(case.text) if found is None else found
    expected = [e for e in case.expected if e.value is not None or e.low is not None or e.high is not None]
    if case.suite == "rt-currency":
        found = [q for q in found if q.unit is not None]
    if case.suite == "quantulum3":
        skip_spans = case.raw.get("_out_of_scope_spans", [])
        found = [q for q in found if not any(s <= q.start < e or s < q.end <= e for s, e in skip_spans)]
    if len(found) != len(expected):
        return False, f"expected {len(expected)} quantities, found {len(found)}: {_show(found)}"
    for e, q in zip(expected, found, strict=True):
        if not _same_span(e, q, case.suite):
            return False, f"span {q.text!r} [{q.start},{q.end}) != {e.text!r} [{e.start},{e.end})"
        if not _agree(e, q, case.suite):
            return False, f"{q.text!r}: value {q.value} / {q.low}..{q.high} {q.unit} {q.qualifier} disagrees with {e}"
    return True, "ok"


def _show(found: list[Quantity]) -> str:
    return ", ".join(f"{q.text!r}={q.value if q.value is not None else (q.low, q.high)} {q.unit or ''}".strip()
                     for q in found) or "nothing"


@dataclass
class SuiteReport:
    suite: str
    total: int = 0
    skipped: int = 0
    xfailed: int = 0
    checked: int = 0
    passed: int = 0
    peer_supported: int = 0
    unexpected: list[str] = field(default_factory=list)

    @property
    def in_scope(self) -> int:
        return self.checked + self.xfailed

    @property
    def pass_rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 0.0


def run_suites(cases: list[Case], decisions_path: str | Path) -> dict[str, SuiteReport]:
    reports: dict[str, SuiteReport] = {}
    for case in cases:
        classify(case, decisions_path)
        report = reports.setdefault(case.suite, SuiteReport(case.suite))
        report.total += 1
        report.peer_supported += case.peer_supported
        if case.status == "skip":
            report.skipped += 1
            continue
        ok, detail = check(case)
        if case.status == "xfail":
            report.xfailed += 1
            if ok:
                report.unexpected.append(f"{case.id} passes but is declared xfail: {case.reason}")
            continue
        report.checked += 1
        if ok:
            report.passed += 1
        else:
            report.unexpected.append(f"{case.id} {case.text[:60]!r}: {detail}")
    return reports


def quantulum_quantities(text: str) -> list[Quantity]:
    """quantulum3's own reading of a text, as Quantity records (money and plain numbers)."""
    import warnings

    from quantulum3 import parser

    from extractor.baselines.quantulum import classifier_path

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = parser.parse(text, classifier_path=str(classifier_path()))
    for q in parsed:
        money = q.unit.entity.name == "currency"
        if not money and q.unit.entity.name != "dimensionless":
            continue
        value = _decimal(q.value)
        if value is not None and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        out.append(Quantity(q.span[0], q.span[1], text[q.span[0]:q.span[1]], value,
                            unit=q.unit.currency_code if money else None, rule="quantulum3"))
    return out


def score_quantulum(cases: list[Case], suite: str) -> tuple[int, int]:
    """(passed, checked) for quantulum3 on the in-scope cases of a suite."""
    checked = passed = 0
    for case in cases:
        if case.suite != suite or case.status == "skip":
            continue
        checked += 1
        passed += check(case, quantulum_quantities(case.text))[0]
    return passed, checked


def format_peer_table(reports: dict[str, SuiteReport], quantulum: dict[str, tuple[int, int]]) -> str:
    """Pass rates per suite beside quantulum3 on the same cases and what the peer
    itself is known to support."""
    header = (f"{'suite':<13}{'cases':>6}{'skipped':>8}{'in scope':>9}{'xfail':>6}{'passed':>7}{'rate':>8}"
              f"{'quantulum3':>12}  peer's own support")
    lines = [header]
    for r in reports.values():
        q_passed, q_checked = quantulum.get(r.suite, (0, 0))
        q_rate = f"{q_passed / q_checked:.1%}" if q_checked else "n/a"
        if r.suite.startswith("rt-"):
            peer = f"Recognizers-Text (Python) marks {r.total - r.peer_supported}/{r.total} unsupported"
        else:
            peer = "its own suite"
        lines.append(f"{r.suite:<13}{r.total:>6}{r.skipped:>8}{r.in_scope:>9}{r.xfailed:>6}{r.passed:>7}"
                     f"{r.pass_rate:>8.1%}{q_rate:>12}  {peer}")
    return "\n".join(lines)
