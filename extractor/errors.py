"""The one exception for user mistakes: the command line prints its message
as one line and exits with code 2 (no traceback unless `--debug`)."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in how the tool was called; the message names the flag."""
