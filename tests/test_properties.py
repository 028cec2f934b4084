"""Properties of the normalizer: rendered amounts parse back, nothing raises,
time grows linearly with input."""

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import find_quantities

CURRENCIES = [  # (before, after, code)
    ("$", "", "USD"), ("US$", "", "USD"), ("€", "", "EUR"), ("£", "", "GBP"), ("HK$", "", "HKD"),
    ("RMB ", "", "CNY"), ("RMB", "", "CNY"), ("USD ", "", "USD"), ("CNY", "", "CNY"), ("", " USD", "USD"),
    ("", " yuan", "CNY"), ("", " euros", "EUR"), ("", " dollars", "USD"), ("₹", "", "INR"), ("₩", "", "KRW"),
    ("A$", "", "AUD"), ("", " RMB", "CNY"), ("S$", "", "SGD"),
]
SCALES = [("", 0), (" thousand", 3), (" million", 6), (" billion", 9), (" trillion", 12), ("bn", 9), ("m", 6),
          ("tn", 12), (" bn", 9), ("k", 3), (" mn", 6), ("B", 9), (" bln", 9)]


def grouped(n: int) -> str:
    return f"{n:,}"


@st.composite
def amounts(draw):
    whole = draw(st.integers(min_value=1, max_value=999_999))
    decimals = draw(st.sampled_from(["", "5", "25", "75"]))
    before, after, code = draw(st.sampled_from(CURRENCIES))
    scale, power = draw(st.sampled_from(SCALES))
    if scale and whole > 999:
        whole //= 1000
    number = grouped(whole) + (f".{decimals}" if decimals else "")
    value = Decimal(f"{whole}.{decimals}" if decimals else str(whole)).scaleb(power)
    return f"{before}{number}{scale}{after}", value, code


@settings(max_examples=400, deadline=None)
@given(amounts(), st.sampled_from(["", "The firm will spend ", "Capex of ", "(", "about "]),
       st.sampled_from(["", ".", " on chips.", ")", ", analysts said."]))
def test_rendered_amounts_parse_back(rendered, prefix, suffix):
    surface, value, code = rendered
    text = prefix + surface + suffix
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit, quantity.text) == (value, code, surface)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.-–~ $€£¥kmbnMBtT%/+()abillion", max_size=300))
def test_never_raises_on_number_like_noise(text):
    find_quantities(text)


ADVERSARIAL = {  # a unit of text, repeated: long runs of digits and separators
    "digits": "7",
    "commas": "1,",
    "hyphens": "1-",
    "dots": "1.",
    "slashes": "1/",
    "mixed separators": "12,345.6-7 ",
    "en dashes": "9–",
}


def _seconds(text: str) -> float:
    started = time.perf_counter()
    find_quantities(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_long_runs_of_digits_and_separators_parse_in_linear_time(unit):
    """A guard against catastrophic backtracking: four times the text costs about four times the time, far from
    the sixteen times a quadratic scan would (growth, not a wall-clock limit, so a loaded machine cannot fail it)."""
    find_quantities(unit)  # the scanner is built once per process, outside the timing
    small = unit * (20_000 // len(unit))
    base = min(_seconds(small) for _ in range(3))
    large = min(_seconds(small * 4) for _ in range(2))
    assert large <= 8 * base + 0.05
