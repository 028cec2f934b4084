"""Article text with spans marked: a tree of nodes that a template prints.

Marks (facts, evaluation items) become nested elements; a mark that crosses
another is split into pieces so the tree stays well formed. Evidence spans
(subject, date, cue) are not elements of their own: every piece of text they
cover carries their keys, so any number of overlapping evidence spans of any
number of facts fit without splitting a fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to render as an element; `attrs` go on its first piece only,
    `common` on every piece (continuations also get class `cont`)."""

    start: int
    end: int
    key: str
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    common: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Tag:
    """An evidence span: `token` ("f1-2:subject") goes on every text piece it covers."""

    start: int
    end: int
    token: str


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | Text] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    tokens: str = ""


def _valid(start: int, end: int, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def nest(text: str, marks: Sequence[Mark], tags: Iterable[Tag] = ()) -> list[Node | Text]:
    """The text as nodes: one leaf per stretch between span boundaries.

    Marks outside the text are left out (callers check offsets first and
    report bad ones); the sweep is linear in the text's spans, not its length.
    """
    marks = [m for m in marks if _valid(m.start, m.end, len(text))]
    tags = [t for t in tags if _valid(t.start, t.end, len(text))]
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                     *(t.start for t in tags), *(t.end for t in tags)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    tag_starting: dict[int, list[Tag]] = {}
    for tag in tags:
        tag_starting.setdefault(tag.start, []).append(tag)
    root = Node("root", {})
    stack: list[tuple[Mark | None, Node]] = [(None, root)]
    active: list[Mark] = []
    active_tags: list[Tag] = []
    opened: set[str] = set()
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        active_tags = [t for t in active_tags if t.end > left] + tag_starting.get(left, [])
        wanted = sorted(active, key=lambda m: (m.start, -m.end, m.key))
        keep = 0
        while keep < len(wanted) and keep + 1 < len(stack) and stack[keep + 1][0] is wanted[keep]:
            keep += 1
        del stack[keep + 1:]
        for mark in wanted[keep:]:
            node = Node("mark", _piece_attrs(mark, first=mark.key not in opened))
            opened.add(mark.key)
            stack[-1][1].children.append(node)
            stack.append((mark, node))
        tokens = " ".join(dict.fromkeys(t.token for t in active_tags))
        stack[-1][1].children.append(Text(text[left:right], tokens))
    return root.children


def _piece_attrs(mark: Mark, first: bool) -> dict[str, str]:
    attrs = {"class": mark.classes if first else mark.classes + " cont", **dict(mark.common)}
    if first:
        attrs.update(mark.attrs)
    return attrs
