"""The currency table: derived from CLDR through Babel, plus a small additions file."""

import json
import re

import babel
import pytest

from extractor.normalize.cldr import OUTPUT, derive
from extractor.normalize.currency import currency_table


def test_cldr_file_matches_what_the_installed_babel_derives():
    """Drift check against the Babel that derived the file; another Babel release is a maintainer's rebuild."""
    saved = json.loads(OUTPUT.read_text(encoding="utf-8"))
    derived_by = re.search(r"Babel (\S+)", saved["_source"]).group(1)
    if derived_by != babel.__version__:
        pytest.skip(f"derived by Babel {derived_by}, installed {babel.__version__}: run `extractor build-currencies`")
    fresh = derive()
    for key in ("codes", "names", "symbols"):
        assert saved[key] == fresh[key], f"data/cldr_currencies.json is stale ({key}): run `extractor build-currencies`"


@pytest.mark.parametrize(
    ("surface", "context", "code"),
    [
        ("RMB", "", "CNY"), ("US$", "", "USD"), ("$", "", "USD"), ("HK$", "", "HKD"), ("C$", "", "CAD"),
        ("€", "", "EUR"), ("£", "", "GBP"), ("₩", "", "KRW"), ("₹", "", "INR"), ("NT$", "", "TWD"),
        ("yuan", "", "CNY"), ("Chinese yuan", "", "CNY"), ("euros", "", "EUR"), ("CNY", "", "CNY"),
        ("¥", "Tencent said in Shenzhen", "CNY"), ("¥", "Japan's SoftBank in Tokyo", "JPY"), ("¥", "", "CNY"),
        ("₾", "", "GEL"), ("zł", "", "PLN"), ("AMD", "", None), ("TRY", "", None),
    ],
)
def test_surfaces_resolve_to_iso_codes(surface, context, code):
    assert currency_table().resolve(surface, context) == code
