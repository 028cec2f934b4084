"""Seeing the facts: a self-contained HTML view of articles and their facts,
the evaluation's errors overlaid on the text, and displaCy options."""

from extractor.view.displacy import displacy_options
from extractor.view.model import Article
from extractor.view.render import render_errors_html, render_html

__all__ = ["Article", "displacy_options", "render_errors_html", "render_html"]
