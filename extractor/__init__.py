"""extractor: normalized facts about AI infrastructure from news text.

    >>> import extractor
    >>> facts = extractor.extract("Acme will spend $5bn on data centres in 2026.", published="2025-06-01")
    >>> [(f.type, int(f.value), f.unit, f.period) for f in facts]
    [('budget', 5000000000, 'USD', '2026')]
"""

from extractor.consolidation import consolidate
from extractor.normalize.quantities import find_quantities
from extractor.pipeline import add_to_pipeline, build, extract, load
from extractor.records import Fact, Quantity

__all__ = ["Fact", "Quantity", "add_to_pipeline", "build", "consolidate", "displacy_options", "extract",
           "find_quantities", "load", "render_html"]
_VIEW = ("displacy_options", "render_html")


def __getattr__(name: str):
    """The view's functions, imported on first use (Jinja2 stays out of `import extractor`)."""
    if name in _VIEW:
        from extractor import view

        return getattr(view, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
