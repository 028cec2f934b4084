"""The examples in the docstrings of the pure modules run as tests (price-parser style)."""

import doctest
import importlib

import pytest

MODULES = [
    "extractor.structure",
    "extractor.normalize.headers",
    "extractor.normalize.quantities",
    "extractor.period_rules",
    "extractor.countries",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
