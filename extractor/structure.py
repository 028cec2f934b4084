"""The layout of a news page in plain text: lines, bullets, key-figure lines, tables, headings and Q&A.

Outlets often let the layout carry a figure's noun, cue, subject or period: "Compute budget: roughly $800
million", a table whose row is the company and whose column header is "2026 capex", a list under "Daily
active users", an answer under "What is the budget?". `DocumentLayout.of(text)` reads the layout once per
document (linear in its length) and `layout.at(offset)` says what a figure at `offset` inherits from it.
Pure functions over `str`; no spaCy, so the same layout serves the pipeline, the HTML view and the tests.

>>> layout = DocumentLayout.of("| Company | 2026 capex |\\n|---|---|\\n| Amazon | $200B |")
>>> where = layout.at(layout.text.index("$200B"))
>>> (where.line.kind, where.text(where.column_header), where.text(where.row_label))
('table_row', '2026 capex', 'Amazon')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from extractor.normalize.quantities import MONTHS
from extractor.resources import load_json

_YEAR = re.compile(r"\b(?:FY|CY)?(?:19|20)\d\d[AEFPB]?\b")  # '2026', 'FY2026', '2025A', '2027E': a label
# what else a header cell dates or names by: 'CAGR 25-27E', "FY26", 'Q3', 'H1', '1H26', 'Table 1', '1-year'
_HEADER_LABEL = re.compile(r"\b(?:\d{2}[-–/]\d{2}[AEFPB]?|(?:FY|CY)\d{2}[AEFPB]?|[QH][1-4]|[1-4][QH]\d{2}|Table \d+"
                           r"|\d{1,2}[- ](?:year|yr|month|mo|week|day)s?)\b")
_SPLIT_YEAR_LABEL = r"(?:19|20)\d\d[/-]\d\d"  # '2026/27', '2025-26': one fiscal year's label
_SPLIT_YEAR = re.compile(rf"\b{_SPLIT_YEAR_LABEL}\b")
_DAY_OF_MONTH = re.compile(  # 'March 31', '31 Dec': a date's day, no figure
    rf"\b(?:(?:{MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}[ \t]+(?:{MONTHS}))\b")
_DATE_HEADER = re.compile(  # 'March 31, 2026', '31 Mar 2026', 'APR 2026'
    rf"(?i:(?:{MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+|\d{{1,2}}[ \t]+(?:{MONTHS})\.?,?[ \t]+"
    rf"|(?:{MONTHS})\.?,?[ \t]+)(?:19|20)\d\d")
_FOLLOW_UP = re.compile(r"[ \t]*(?:Q[:.][ \t]*)?(?:And|What about|How about|And what about)\b")  # 'Q: And in 2025?'
_FIGURE_CELL = re.compile(r"[ \t]*(?:[-–−(]?[$€£¥₹]?\d[\d,.]*\)?%?|[-–—])[ \t]*")  # '1,100.0', '(3.2)', '–'
_BRACKETED_NOTE = re.compile(r"\([^()\n]{1,100}\)\s*")  # a line wholly in brackets
_WIDE_GAP = re.compile(r" {2,}|\t+")
NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}[.)][ \t]+\S")  # '1. Hoshizora Cloud K.K. (Osaka)', '4. Yunqi — 230m'
_FISCAL_HEADER = re.compile(  # 'FY27E', "FY'26", '3Q25', '1H26', 'Q3 2026', "H1'26", '2026/27'; not the chip 'H100'
    r"(?:FY|CY)[ '’]?\d{2}[AEFPB]?|[1-4][QH][ '’]?\d{2}[AEFPB]?|[QH][1-4](?:[ '’-]?(?:19|20)\d{2}|[ '’-]\d{2})[AEFPB]?"
    rf"|(?:FY[ ]?)?{_SPLIT_YEAR_LABEL}[AEFPB]?")  # '2026/27', 'FY2025-26': a fiscal year over two calendar years
_FIGURE_START = re.compile(r"(?<![\w.])\d")  # a number's first digit; 'L1', 'H100' and 'B300' are names
_DIGIT = re.compile(r"\d")
_CELL_SYMBOL = re.compile(r"(?P<symbol>[$€£¥₹₩])[ \t]+[\d(]")  # '$  3,870': an accounting cell's own currency
_YEAR_LINE = re.compile(r"((?:19|20)\d\d):?")
_QUESTION_START = re.compile(r"(?:^|(?<=[.!?]))\s*")
_DATE_WORD = rf"(?:{MONTHS})\.?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}}"
_BRACKETED = re.compile(r"\([^()\n]*\)")
_UNITS_ROW = re.compile(r"(?:\([^()\n]*\)[ \t]*)+")  # '(US$/unit)  (US$/unit)': a second header row of units
_DATE_LINE = re.compile(rf"(?:(?:{_DATE_WORD})[\s,/.-]*)+")  # 'Friday, May 16, 2025', '3 March 2026': a page's date


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the article: character offsets, end exclusive."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page, stripped, with what its layout makes of it.

    kind: "table_row", "table_rule", "question", "answer", "heading" (a headline, a section title or a
    list's lead-in) or "text"; bullet: the line starts with a bullet mark; cells: a table row's cells;
    label: the label of a key-figure line ("Compute budget" in "Compute budget: $800 million")."""

    start: int
    end: int
    kind: str
    bullet: bool = False
    cells: tuple[Region, ...] = ()
    label: Region | None = None
    separator: str | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """What the layout says about one position: its line, the heading or lead-in of the list, table or fact
    box the line belongs to, a table cell's column header and row label, a key-figure line's label, and the
    question an answer replies to. Any of them may be None."""

    source: str
    line: Line
    block_header: Region | None = None
    column_header: Region | None = None
    row_label: Region | None = None
    label: Region | None = None
    question: Region | None = None
    corner: Region | None = None  # the header row's first cell, over the row labels: 'Capex estimates (EUR m)'
    caption: Region | None = None  # a heading stacked right above the block header: the caption over its note
    column_note: Region | None = None  # a second header row's cell under the column header: '(US$/unit)'
    prior_question: Region | None = None  # the question a follow-up ('And in 2025?') continues
    rules: LayoutRules | None = None  # the layout's rules: what else than a date a dating column header may say

    def text(self, region: Region | None) -> str | None:
        return None if region is None else self.source[region.start:region.end]

    def dating_column(self) -> bool:
        """Whether the cell's column header only dates it ('2026E', 'FY2025', 'FY27E', '3Q25', 'March 31, 2026',
        'APR 2026'), states it ('Installed', 'Live, Jun 30 2026', 'Contracted, end-2026') or sums the row ('Total'):
        the table's caption and the row's label still type it."""
        header = self.text(self.column_header)
        if header is None:
            return False
        if self.rules is not None:
            if header.strip().lower() in self.rules.sum_headers:
                return True
            header = self.rules.dating_words.sub(" ", header).strip()
            if not header:
                return True  # a state alone: 'Installed', 'Contracted'
        return any(regex.fullmatch(header.strip()) for regex in (_YEAR, _DATE_HEADER, _FISCAL_HEADER))

    def context_regions(self) -> list[tuple[str, Region]]:
        """The regions a figure may inherit a cue from, nearest first."""
        outer = [("block_header", self.block_header), ("caption", self.caption)]
        note = self.text(self.block_header)
        if self.caption is not None and note is not None and note.startswith("("):
            outer.reverse()  # a bracketed note ('(change from February in brackets)') under its caption
        # under columns that only date ('FY26E  FY27E'), the rows name the metric: 'Capex (new)  118.0  142.0'
        row = self.row_label if self.dating_column() else None
        named = [("label", self.label), ("column_header", self.column_header), ("column_note", self.column_note),
                 ("corner", self.corner), ("row_label", row), ("question", self.question),
                 ("prior_question", self.prior_question), *outer]
        return [(name, region) for name, region in named if region is not None]


class LayoutRules:
    """The data of `data/structure.json`, compiled once."""

    def __init__(self, data: dict[str, Any]) -> None:
        _check_schema(data)
        bullets = sorted(data["bullets"], key=len, reverse=True)
        marks = [*(re.escape(b) for b in bullets), data["numbered_item"]]
        self.bullet = re.compile(r"(?:" + "|".join(marks) + r")\s+")
        self.separators = {name: re.compile(p) for name, p in data["cell_separators"].items()
                           if not name.startswith("_")}
        self.min_cells = int(data["min_cells"])
        self.rule = re.compile(data["table_rule"])
        kv = data["key_value"]
        self.kv_separator = re.compile("|".join(re.escape(s) for s in kv["separators"]))
        self.max_label_words = int(kv["max_label_words"])
        self.trailing_figure = re.compile(kv["trailing_figure"])
        self.question_prefixes = tuple(data["question_prefixes"])
        self.answer_prefixes = tuple(data["answer_prefixes"])
        self.heading_max_words = int(data["heading"]["max_words"])
        self.heading_not_ending = tuple(data["heading"]["not_ending_with"])
        captions = "|".join(re.escape(word) for word in data["heading"].get("caption_prefixes", ()))
        self.caption = re.compile(rf"(?:{captions})(?:\s+\d+)?\s*[:.\-–—]\s+\S") if captions else None
        self.sum_headers = frozenset(w.lower() for w in data["column_dating_words"]["sum_headers"])
        words = sorted(data["column_dating_words"]["words"], key=len, reverse=True)
        self.dating_words = re.compile(r"(?i)(?:\b(?:" + "|".join(re.escape(w) for w in words) + r")\b|[,:()\-–])")


_SCHEMA = {"bullets": list, "cell_separators": dict, "min_cells": int, "table_rule": str, "key_value": dict,
           "question_prefixes": list, "answer_prefixes": list, "heading": dict, "numbered_item": str,
           "column_dating_words": dict}


def _check_schema(data: dict[str, Any]) -> None:
    for key, kind in _SCHEMA.items():
        if not isinstance(data.get(key), kind):
            raise ValueError(f"structure data: {key!r} must be a {kind.__name__}")


@cache
def default_rules() -> LayoutRules:
    return LayoutRules(load_json("structure.json"))


class DocumentLayout:
    """Every line of a text with its layout, and for each line the header it inherits (one pass)."""

    def __init__(self, text: str, lines: list[Line], headers: list[int | None],
                 column_headers: list[tuple[Region, ...] | None], notes: list[int | None] | None = None,
                 tops: list[int | None] | None = None, rules: LayoutRules | None = None) -> None:
        self.text = text
        self.lines = lines
        self.starts = [line.start for line in lines]
        self._headers = headers
        self._column_headers = column_headers
        self._notes = notes or [None] * len(lines)  # per table row: the line index of its table's second header row
        self._tops = tops or [None] * len(lines)  # per grouped table row: the heading stacked over its table
        self._year_headings: list[tuple[int, str]] | None = None
        self._year_starts: list[int] = []
        self._marks: tuple[list[int], list[int]] | None = None
        self._heading_lines: list[int] | None = None
        self._labelled: list[Line] | None = None
        self._titles: dict[int, Region | None] = {}  # per numbered entry's line: the section title over its list
        self.rules = rules

    @classmethod
    def of(cls, text: str, rules: LayoutRules | None = None) -> DocumentLayout:
        rules = rules or default_rules()
        lines = [_read_line(text, start, end, rules) for start, end in _line_bounds(text)]
        headers, column_headers, notes, tops = _inherited(text, lines)
        return cls(text, lines, headers, column_headers, notes, tops, rules)

    def line_index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def year_heading_before(self, offset: int) -> str | None:
        """The year of the nearest line before `offset` that is only a year ('2024', '2025:'): a timeline's
        section, which dates the month-labelled entries under it.

        >>> t = "2024\\n\\nJune — Orbitra orders 2,000 GPUs.\\n\\nSeptember — 512 go live."
        >>> DocumentLayout.of(t).year_heading_before(t.index("512"))
        '2024'
        """
        i = self._year_index(offset)
        return self._year_headings[i][1] if i >= 0 else None

    def _year_index(self, offset: int) -> int:
        """The index of the last year-only line starting at or before `offset` (-1: none); read once."""
        if self._year_headings is None:
            self._year_headings = [(line.start, m.group(1)) for line in self.lines
                                   if (m := _YEAR_LINE.fullmatch(self.text, line.start, line.end))]
            self._year_starts = [start for start, _ in self._year_headings]
        return bisect_right(self._year_starts, offset) - 1

    def cell_currency(self, offset: int, reach: int = 40) -> str | None:
        """The currency symbol a table cell's number is written with: standing alone before it in its own cell
        ('$  3,870', accounting style), or in the same column of an earlier row of the table (a statement prints
        '$' on its first and total rows only)."""
        i = self.line_index(offset)
        line = self.lines[i] if self.lines else None
        if line is None or line.kind != "table_row":
            return None
        column = next((c for c, cell in enumerate(line.cells) if cell.start <= offset < cell.end), None)
        if column is None:
            return None
        for j in range(i, max(-1, i - reach), -1):
            row = self.lines[j]
            if row.kind == "table_rule":
                continue
            if row.kind != "table_row" or row.separator != line.separator:
                return None
            cell = self._same_column(row, line, column)
            if cell is not None:
                m = _CELL_SYMBOL.match(self.text, cell.start, cell.end)
                if m is not None:
                    return m.group("symbol")
        return None

    def _same_column(self, row: Line, line: Line, column: int) -> Region | None:
        """`row`'s cell in `line`'s column: by index when the rows have as many cells, else (a whitespace table
        whose '$      —' splits in two, an indented row of units) the cell under the same characters of the line,
        counted from each line's physical start."""
        if len(row.cells) == len(line.cells):
            return row.cells[column]
        own = line.cells[column]
        line_start = self.text.rfind("\n", 0, line.start) + 1
        row_start = self.text.rfind("\n", 0, row.start) + 1
        lo, hi = own.start - line_start, own.end - line_start
        return next((c for c in row.cells if c.start - row_start < hi and lo < c.end - row_start), None)

    def year_section_at(self, offset: int) -> str | None:
        """The year of the timeline section holding `offset`: the nearest heading above it is a year line
        ('2024'); a later heading ("What's left") ends the timeline."""
        i = self._year_index(offset)
        heading = self.heading_before(offset)
        if i < 0 or heading is None or self._year_headings[i][0] != heading.start:
            return None
        return self._year_headings[i][1]

    def caption_above(self, offset: int) -> Region | None:
        """The heading line right above the block header of `offset`'s table or list, when the two stack: a
        caption ('Table 1. Top apps worldwide, September 2025') over its note ('(MAU in millions)')."""
        if not self.lines:
            return None
        header = self._headers[self.line_index(offset)]
        if header is None or header == 0 or self.lines[header - 1].kind != "heading":
            return None
        above, below = self.lines[header - 1], self.lines[header]
        if self.text.count("\n", above.end, below.start) > 1 or _DATE_LINE.fullmatch(self.text, above.start, above.end):
            return None  # a page's date line, or a section title a blank line above: not this block's caption
        return _region(above)

    def heading_before(self, offset: int) -> Region | None:
        """The nearest heading line above the line of `offset`, the article's first line (its headline) aside:
        a factbox's or an analyst note's section title ('MICROSOFT', 'GOOGL (Buy, PT $260)')."""
        headings = self._headings()
        k = bisect_left(headings, self.line_index(offset)) - 1 if self.lines else -1
        return _region(self.lines[headings[k]]) if k >= 0 else None

    def _headings(self) -> list[int]:
        """The indexes of the heading lines, the first line (the headline) aside; read once."""
        if self._heading_lines is None:
            self._heading_lines = [i for i, line in enumerate(self.lines) if i and line.kind == "heading"]
        return self._heading_lines

    def labelled_lines(self) -> list[Line]:
        """The lines with a key-figure label ('3. Gemini — 780m', 'Compute budget: $800 million'), read once."""
        if self._labelled is None:
            self._labelled = [line for line in self.lines if line.label is not None]
        return self._labelled

    def section_title_over(self, item: Region) -> Region | None:
        """For a numbered entry's line (`item`: '2. Tsubame Networks Inc. (Tokyo)'), the nearest heading above it
        that is no numbered entry: the section title over the list ('Recipients (fiscal 2026 round)'). None
        when `item` is no numbered entry."""
        if not self.lines or not NUMBERED_ITEM.match(self.text, item.start, item.end):
            return None
        headings, i = self._headings(), self.line_index(item.start)
        if i not in self._titles:  # each entry walks back to the entry before it, whose title is known: linear
            k = bisect_left(headings, i) - 1
            line = self.lines[headings[k]] if k >= 0 else None
            if line is None or not NUMBERED_ITEM.match(self.text, line.start, line.end):
                self._titles[i] = _region(line) if line is not None else None
            else:
                self._titles[i] = self.section_title_over(_region(line))
        return self._titles[i]

    def at(self, offset: int) -> Placement:
        if not self.lines:
            return Placement(self.text, Line(0, 0, "text"))
        i = self.line_index(offset)
        line = self.lines[i]
        header = self._headers[i]
        block_header = None if header is None else _region(self.lines[header])
        column_header = row_label = corner = column_note = None
        if line.kind == "table_row":
            column = next((c for c, cell in enumerate(line.cells) if cell.start <= offset < cell.end), None)
            names = self._column_headers[i]
            if names is not None and len(names) == len(line.cells) - 1:
                names = (None, *names)  # a header row with an empty corner cell over the row labels
            if column is not None and names is not None and column < len(names) and names[column] not in (
                    None, line.cells[column]):
                column_header = names[column]
                if column and names[0] not in (None, column_header, line.cells[0]):
                    corner = names[0]
            if column and line.cells:
                row_label = line.cells[0]
            note = self._notes[i]
            if column is not None and note is not None:
                column_note = self._same_column(self.lines[note], line, column)
        label = line.label if line.label is not None and offset >= line.label.end else None
        caption = self.caption_above(offset) if line.kind == "table_row" or line.bullet else None
        if caption is None and self._tops[i] is not None:  # a grouped row: the caption over its whole table
            caption = _region(self.lines[self._tops[i]])
        question = self._question(i, offset)
        return Placement(self.text, line, block_header, column_header, row_label, label, question, corner, caption,
                         column_note, self._prior_question(question), self.rules)

    def _question(self, i: int, offset: int) -> Region | None:
        """The question this position answers: an earlier '?' in its own line ('What is the budget? About $2
        billion.'), or a question line right before its paragraph (Q&A explainers)."""
        line = self.lines[i]
        questions, stops = self._question_marks()
        mark = _last_before(questions, line.start, offset)
        if mark is not None:
            stop = _last_before(stops, line.start, mark)
            begin = line.start if stop is None else stop + 1
            while begin < mark and self.text[begin].isspace():
                begin += 1
            return Region(begin, mark + 1)
        j = i - 1
        while j >= 0 and self.lines[j].kind == "text" and line.kind == "answer" and j > i - 4:
            j -= 1
        if j >= 0 and self.lines[j].kind == "question" and (line.kind in ("answer", "text")) and j >= i - 3:
            return _region(self.lines[j])
        return None

    def _prior_question(self, question: Region | None) -> Region | None:
        """'Q: And in 2025?' after 'Q: What is the capital budget for this year?': a follow-up names no cue of its
        own; the question line before it does (at most a few lines up)."""
        if question is None or not _FOLLOW_UP.match(self.text, question.start, question.end):
            return None
        i = self.line_index(question.start)
        for j in range(i - 1, max(-1, i - 6), -1):
            if self.lines[j].kind == "question":
                return _region(self.lines[j])
        return None

    def _question_marks(self) -> tuple[list[int], list[int]]:
        """Offsets of every '?' and of every sentence stop, read once: a position looks its question up by
        bisection, so a document that is one long line costs no more than one with many."""
        if self._marks is None:
            self._marks = ([m.start() for m in re.finditer(r"\?", self.text)],
                           [m.start() for m in re.finditer(r"[.!\n]", self.text)])
        return self._marks


def _last_before(offsets: list[int], lo: int, hi: int) -> int | None:
    """The last of the sorted `offsets` in [lo, hi), if any."""
    k = bisect_left(offsets, hi) - 1
    return offsets[k] if k >= 0 and offsets[k] >= lo else None


def _region(line: Line) -> Region:
    return Region(line.start, line.end)


def _line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, whitespace stripped."""
    bounds = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            bounds.append((start, end))
    return bounds


def _read_line(text: str, start: int, end: int, rules: LayoutRules) -> Line:
    body = text[start:end]
    if rules.rule.match(body):
        return Line(start, end, "table_rule")
    separator, cells = _cells(text, start, end, rules)
    if cells:
        return Line(start, end, "table_row", cells=cells, separator=separator)
    bullet = rules.bullet.match(body)
    content = start + (bullet.end() if bullet else 0)
    rest = text[content:end]
    if rest.startswith(rules.question_prefixes) or (rest.endswith("?") and not bullet and "?" not in rest[:-1]
                                                     and len(rest.split()) <= 30):
        return Line(start, end, "question", bullet=bool(bullet))
    if rest.startswith(rules.answer_prefixes):
        return Line(start, end, "answer", bullet=bool(bullet))
    if not bullet and rules.caption is not None and rules.caption.match(rest):
        return Line(start, end, "heading")
    if not bullet and _BRACKETED_NOTE.fullmatch(rest):
        return Line(start, end, "heading")  # '(Unit: 100 million yen; fiscal years end in March)': a caption's note
    label = _label(text, content, end, rules)
    if label is not None:
        return Line(start, end, "text", bullet=bool(bullet), label=label)
    if not bullet and _is_heading(rest, rules):
        return Line(start, end, "heading")
    return Line(start, end, "text", bullet=bool(bullet))


def _cells(text: str, start: int, end: int, rules: LayoutRules) -> tuple[str | None, tuple[Region, ...]]:
    body = text[start:end]
    for name, separator in rules.separators.items():
        if name == "pipe" and body.count("|") < 2:
            continue
        if not separator.search(body):
            continue
        cells, cursor = [], start
        for m in separator.finditer(text, start, end):
            cells.append((cursor, m.start()))
            cursor = m.end()
        cells.append((cursor, end))
        if name == "leader":  # 'Halcyon Cloud ......   6.2   10.8   13.5': the figures after the leader are cells
            cells = [cells[0], *(part for a, b in cells[1:] for part in _wide_split(text, a, b))]
        elif name == "wide_space":  # '1,650.0  1,100.0': right-aligned figures two spaces apart are two cells
            cells = [cells[0], *(part for a, b in cells[1:] for part in _figure_split(text, a, b))]
        kept = tuple(Region(a, b) for a, b in cells if text[a:b].strip())
        if len(kept) >= rules.min_cells:
            return name, tuple(_strip(text, r) for r in kept)
    return None, ()


def _strip(text: str, region: Region) -> Region:
    start, end = region.start, region.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Region(start, end)


def _label(text: str, start: int, end: int, rules: LayoutRules) -> Region | None:
    """The label of a key-figure line: a few words, then a separator, then a value with a digit."""
    m = rules.kv_separator.search(text, start, end)
    if m is None:
        m = rules.trailing_figure.search(text, start, end)  # 'ChatGPT 20.31': the name, then its figure
        if m is None or _YEAR.fullmatch(m.group().strip()):
            return None
    if m.start() == start:
        return None
    label = text[start:m.start()]
    value = text[m.end():end] or m.group()
    if len(label.split()) > rules.max_label_words or not _DIGIT.search(value):
        return None
    if _DIGIT.search(_YEAR.sub("", label)) or label.rstrip().endswith((".", "!", "?")):
        return None
    return _strip(text, Region(start, m.start()))


def _is_heading(body: str, rules: LayoutRules) -> bool:
    if body.endswith(":"):
        return True
    return len(body.split()) <= rules.heading_max_words and not body.endswith(rules.heading_not_ending)


def _inherited(text: str, lines: list[Line]) -> tuple[list[int | None], list[tuple[Region, ...] | None],
                                                     list[int | None], list[int | None]]:
    """For each line, the index of the heading or lead-in above its list, table or fact box (None for prose),
    a table row's column headers, and the index of its table's second header row (a row of units under the
    column names: '(US$/unit)'), and for a row under a row group's heading the heading stacked over its table
    ('Capex in US$bn; installed GPUs in thousands'); one pass over the lines."""
    headers: list[int | None] = []
    columns: list[tuple[Region, ...] | None] = []
    notes: list[int | None] = []
    current: int | None = None
    table_header: tuple[Region, ...] | None = None
    table_note: int | None = None
    previous: Line | None = None
    grouped = False  # the line before was a row group's heading inside a table
    top: int | None = None  # the heading stacked right over the current table's first row
    in_group = False  # the current table has had a row group's heading
    tops: list[int | None] = []
    for i, line in enumerate(lines):
        listed = line.bullet or line.label is not None or line.kind in ("table_row", "table_rule")
        after_blank = previous is not None and text.count("\n", previous.end, line.start) > 1
        if after_blank and previous.kind != "heading":
            current = None  # a blank line after a list ends what its heading introduced
        new_table = (previous is None or previous.kind not in ("table_row", "table_rule", "table_note") or after_blank
                     or previous.kind == "table_row" and previous.separator != line.separator
                     and not _header_over_rows(previous, line, table_header)) and not (grouped and not after_blank)
        if _groups_rows(text, lines, i, table_header):
            # 'Capital expenditure' between a table's rows: a row group's heading, the table goes on under it
            headers.append(None)
            columns.append(None)
            notes.append(None)
            tops.append(None)
            current, previous, grouped, in_group = i, line, True, True
            continue
        grouped = False
        if (line.kind == "heading" and table_header is not None and previous is not None
                and previous.cells == table_header and _UNITS_ROW.fullmatch(text, line.start, line.end)):
            # '(US$/unit)  (US$/unit)' under 'APR 2026  MAY 2026': the columns' units, read as the table's note row
            line = lines[i] = replace(line, kind="table_note", cells=tuple(
                Region(m.start(), m.end()) for m in _BRACKETED.finditer(text, line.start, line.end)))
            table_note = i
            headers.append(None)
            columns.append(None)
            notes.append(None)
            tops.append(None)
            previous = line
            continue
        if line.kind == "table_row" and new_table:
            table_header = line.cells if _looks_like_header(text, line) else None
            table_note = None
            in_group = False
            top = i - 1 if (previous is not None and previous.kind == "heading"
                            and text.count("\n", previous.end, line.start) <= 2) else None
            if current is None and _captions_table(text, previous, line):
                current = i - 1
        elif (line.kind == "table_row" and table_header is not None and table_note is None and previous is not None
              and previous.cells == table_header and _continues_header(text, line)):
            table_note = i  # a second header row right under the first: the columns' units
        elif line.kind not in ("table_row", "table_rule"):
            table_header = table_note = None
        headers.append(current if listed else None)
        columns.append(table_header if line.kind == "table_row" else None)
        notes.append(table_note if line.kind == "table_row" else None)
        tops.append(top if line.kind == "table_row" and in_group else None)
        if line.kind == "heading":
            current = i
        elif not listed:
            current = None  # prose ends the list a heading introduced
        previous = line
    return headers, columns, notes, tops


def _groups_rows(text: str, lines: list[Line], i: int, table_header: tuple[Region, ...] | None) -> bool:
    """Whether line i is a row group's heading inside a table: a heading right under a row of the table (its
    header row or a data row) and right over another row."""
    line = lines[i]
    if line.kind != "heading" or table_header is None or i == 0 or i + 1 >= len(lines):
        return False
    above, below = lines[i - 1], lines[i + 1]
    return (above.kind == "table_row" and below.kind == "table_row" and text.count("\n", above.end, line.start) == 1
            and text.count("\n", line.end, below.start) == 1)


def _header_over_rows(header: Line, row: Line, table_header: tuple[Region, ...] | None) -> bool:
    """'Country | Lead consortium | Capex (€bn)' over 'Poland ....... Wisła Compute ....... 4.2': a header row
    set with other separators than the rows under it still heads them when the cells line up one for one."""
    return table_header is not None and header.cells == table_header and len(header.cells) == len(row.cells)


def _captions_table(text: str, previous: Line | None, first_row: Line) -> bool:
    """Whether the prose paragraph right above a table's first row is its caption: a chart desk's line of
    prose ('On-demand prices in US dollars per GPU-hour, before tax.') names the cells' unit as a caption
    heading would. At most one blank line between, and the paragraph is no list item or key-figure line."""
    return (previous is not None and previous.kind == "text" and not previous.bullet and previous.label is None
            and text.count("\n", previous.end, first_row.start) <= 2)


def _continues_header(text: str, line: Line) -> bool:
    """Whether a row right under a table's header row is the header's second line: every cell bracketed units
    ('(US$/unit)'), or labels with a year and no figure ('2027 | 2028-2029 | Thereafter' under 'Fiscal | Fiscal');
    a first data row of names ('| Acme Cloud | EMEA West | Tier one |') is not."""
    if all(_BRACKETED.fullmatch(text, c.start, c.end) for c in line.cells):
        return True
    return _looks_like_header(text, line) and any(_YEAR.search(text, c.start, c.end) for c in line.cells)


def _figure_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut at its double spaces when every part is a figure or a dash, else whole.

    >>> t = "1,650.0  1,100.0"
    >>> [t[a:b] for a, b in _figure_split(t, 0, len(t))], len(_figure_split("Navi  Mumbai", 0, 12))
    (['1,650.0', '1,100.0'], 1)
    """
    parts = _wide_split(text, start, end)
    if len(parts) > 1 and all(_FIGURE_CELL.fullmatch(text, a, b) for a, b in parts):
        return parts
    return [(start, end)]


def _wide_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut at runs of two or more spaces."""
    parts, cursor = [], start
    for m in _WIDE_GAP.finditer(text, start, end):
        parts.append((cursor, m.start()))
        cursor = m.end()
    parts.append((cursor, end))
    return parts


def _looks_like_header(text: str, line: Line) -> bool:
    """A table's first row names its columns when it holds no figure (a year or a date is a label, not a figure:
    'March 31, 2026')."""
    return not any(_FIGURE_START.search(_HEADER_LABEL.sub("", _YEAR.sub("", _DAY_OF_MONTH.sub(
        "", _SPLIT_YEAR.sub("", text[c.start:c.end]))))) for c in line.cells)


__all__ = ["NUMBERED_ITEM", "DocumentLayout", "LayoutRules", "Line", "Placement", "Region", "default_rules"]
