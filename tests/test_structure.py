"""The page layout a figure inherits from (extractor/structure.py), on layouts written for these tests."""

import pytest

from extractor.structure import DocumentLayout, LayoutRules, default_rules

TABLE = """\
| Company | 2026 capex | GPUs |
|---|---|---|
| Orbitra | $200B | 1.2M |
| Kestrel | $115B to $135B | 600k |"""

LEADERS = """\
Rental rates, H100 per hour
Lumen ........ $2.10
Pelion ....... $2.45"""

FACT_BOX = """\
Key figures

Compute budget: roughly $800 million
- GPUs on order: 18,000

The company did not say when the chips arrive, and declined to give 2027's figure of $1.1 billion."""

QA = """\
Q: How many accelerators does it run?
A: About 18,000, most of them rented.

What is the budget? About $2 billion over two years."""

LIST_LINE = "Daily active users: Grok 9.1 million, Copilot 7.4 million"

TABS = "Provider\tRate\nLumen\t$2.10\nPelion\t$2.45"

ALIGNED = """\
Capex estimates (USD m)     2025A     2026E
Orbitra                       410       590
Kestrel                       220       300"""

# under a caption, with a growth column whose header holds a year range ('CAGR 25-27E') and a '%' column
CAPTIONED = """\
Table 2: GPU cloud capex, actual and estimated

(EUR m)        2025A     2026E     2027E    CAGR 25-27E
Orbitra          310       880     1,240          100%
Kestrel           95       410       700          171%"""

# a header whose cell holds a figure is no header: the first row is data
NO_HEADER = """\
Orbitra       310       880
Kestrel        95       410"""

# the header row leaves the corner over the row labels empty: its cells sit over the figure columns
NO_CORNER = """\
2026 AI capex, $ billion

               Latest guide     Street view
Orbitra        ~120             112
Kestrel        60-65            58"""


EXHIBIT = """Exhibit 3: Capex and installed-base estimates
Capex in US$bn; GPUs in thousands

                                  2025A     2026E     2027E
Capital expenditure
  Pellio Cloud ..............      6.2      10.8      13.5
  Harbor Compute ............      3.1       5.0       6.4
Installed GPU base
  Pellio Cloud ..............      118       205       280"""


def placed(text, needle):
    where = DocumentLayout.of(text).at(text.index(needle))
    fields = ("block_header", "column_header", "row_label", "label", "question", "corner", "column_note", "caption",
              "prior_question")
    return where.line.kind, {name: where.text(getattr(where, name)) for name in fields if getattr(where, name)}


@pytest.mark.parametrize(
    ("text", "needle", "kind", "inherited"),
    [
        # tables: the row names the party, the column header the metric and period
        (TABLE, "$200B", "table_row", {"column_header": "2026 capex", "row_label": "Orbitra", "corner": "Company"}),
        (TABLE, "1.2M", "table_row", {"column_header": "GPUs", "row_label": "Orbitra", "corner": "Company"}),
        (TABLE, "$115B", "table_row", {"column_header": "2026 capex", "row_label": "Kestrel", "corner": "Company"}),
        (TABLE, "Company", "table_row", {}),
        (TABS, "$2.45", "table_row", {"column_header": "Rate", "row_label": "Pelion", "corner": "Provider"}),
        # columns aligned by spaces under year labels ('2025A' actual, '2026E' estimate); the corner cell holds
        # the metric and its scale for every cell
        (ALIGNED, "590", "table_row", {"column_header": "2026E", "row_label": "Orbitra",
                                       "corner": "Capex estimates (USD m)"}),
        (ALIGNED, "220", "table_row", {"column_header": "2025A", "row_label": "Kestrel",
                                       "corner": "Capex estimates (USD m)"}),
        (CAPTIONED, "880", "table_row", {"block_header": "Table 2: GPU cloud capex, actual and estimated",
                                         "column_header": "2026E", "row_label": "Orbitra", "corner": "(EUR m)"}),
        (CAPTIONED, "171%", "table_row", {"block_header": "Table 2: GPU cloud capex, actual and estimated",
                                          "column_header": "CAGR 25-27E", "row_label": "Kestrel",
                                          "corner": "(EUR m)"}),
        (NO_HEADER, "410", "table_row", {"row_label": "Kestrel"}),
        (NO_CORNER, "112", "table_row", {"block_header": "2026 AI capex, $ billion", "column_header": "Street view",
                                         "row_label": "Orbitra"}),
        (NO_CORNER, "60-65", "table_row", {"block_header": "2026 AI capex, $ billion",
                                           "column_header": "Latest guide", "row_label": "Kestrel"}),
        # dotted leaders under a caption: no header row, the caption is the block's header
        (LEADERS, "$2.45", "table_row", {"block_header": "Rental rates, H100 per hour", "row_label": "Pelion"}),
        # a pipe-separated header over dotted-leader rows heads them when the cells line up one for one
        ("Bids\nCountry | Consortium | Capex (€bn)\nSpain ...... Meseta AI ...... 5.8\nItaly ...... Orsa ...... 3.9",
         "3.9", "table_row", {"block_header": "Bids", "column_header": "Capex (€bn)", "row_label": "Italy",
                              "corner": "Country"}),
        # negative: a header with another number of cells is another table
        ("Bids\nCountry | Capex (€bn)\nSpain ...... Meseta AI ...... 5.8\nItaly ...... Orsa ...... 3.9",
         "3.9", "table_row", {"block_header": "Country | Capex (€bn)", "row_label": "Italy", "caption": "Bids"}),
        # a header row of dates is a header, not a row of figures
        ("| Model | March 31, 2026 | 31 Dec 2025 |\n|---|---|---|\n| H100 | 18,400 | 18,300 |", "18,300",
         "table_row", {"column_header": "31 Dec 2025", "row_label": "H100", "corner": "Model"}),
        # negative: a row with a day count is a row of figures
        ("| Model | 31 units | 12 units |\n| H100 | 18,400 | 18,300 |", "18,300", "table_row", {"row_label": "H100"}),
        # a broker's exhibit: leader rows split into their figures, row groups under one header, the caption
        # stacked over the table reaches the grouped rows
        (EXHIBIT, "205", "table_row", {"block_header": "Installed GPU base", "column_header": "2026E",
                                       "row_label": "Pellio Cloud", "caption": "Capex in US$bn; GPUs in thousands"}),
        (EXHIBIT, "13.5", "table_row", {"block_header": "Capital expenditure", "column_header": "2027E",
                                        "row_label": "Pellio Cloud", "caption": "Capex in US$bn; GPUs in thousands"}),
        # a prose paragraph right above a table is its caption; a paragraph two blank lines up is not
        ("Hourly list prices in euros per GPU-hour, before VAT.\n\n| Host | H200 |\n|---|---|\n| Vantor | 3.15 |",
         "3.15", "table_row", {"block_header": "Hourly list prices in euros per GPU-hour, before VAT.",
                               "column_header": "H200", "row_label": "Vantor", "corner": "Host"}),
        ("Prices are in euros.\n\n\n| Host | H200 |\n|---|---|\n| Vantor | 3.15 |",
         "3.15", "table_row", {"column_header": "H200", "row_label": "Vantor", "corner": "Host"}),
        ("Prices are in euros.\n- a list item\n| Host | H200 |\n| Vantor | 3.15 |",
         "3.15", "table_row", {"column_header": "H200", "row_label": "Vantor", "corner": "Host"}),
        # a second header row of bracketed units, indented, is each column's note (matched by character column)
        ("Chip        Seller       APR 2026\n                         (US$/unit)\n------  ------  --------\n"
         "H100        Kestrel        21,900", "21,900", "table_row",
         {"column_header": "APR 2026", "column_note": "(US$/unit)", "row_label": "H100", "corner": "Chip"}),
        # negative: a first data row of names is no second header row
        ("| Vendor | Region | Price |\n| Acme Cloud | EMEA West | Tier one |\n| Brel | APAC | 2.10 |", "2.10",
         "table_row", {"column_header": "Price", "row_label": "Brel", "corner": "Vendor"}),
        # fact boxes: the label, and the heading over the box (a blank line between is fine)
        (FACT_BOX, "$800 million", "text", {"block_header": "Key figures", "label": "Compute budget"}),
        (FACT_BOX, "18,000", "text", {"block_header": "Key figures", "label": "GPUs on order"}),
        # ... but prose after the box inherits nothing
        (FACT_BOX, "$1.1 billion", "text", {}),
        # one line listing several parties under one label
        (LIST_LINE, "7.4 million", "text", {"label": "Daily active users"}),
        # Q&A explainers: the question on its own line, or just before in the same line
        (QA, "18,000", "answer", {"question": "Q: How many accelerators does it run?"}),
        (QA, "$2 billion", "text", {"question": "What is the budget?"}),
        # a follow-up question ('And in 2025?') carries the question before it, which names the cue
        ("Q: What is the capital budget for this year?\nA: NOK 4.2 billion.\n\nQ: And in 2025?\nA: Around NOK 2.6 "
         "billion.", "NOK 2.6", "answer", {"question": "Q: And in 2025?",
                                           "prior_question": "Q: What is the capital budget for this year?"}),
        # negative: a question of its own has no prior question
        ("Q: What is the capital budget?\nA: NOK 4.2 billion.\n\nQ: How many GPUs do you run?\nA: About 14,000.",
         "14,000", "answer", {"question": "Q: How many GPUs do you run?"}),
        # a name and one figure ending the line, under a caption: the name is the label
        ("Apps by MAU (in millions)\nPico 31.4\nLumo 2.75", "2.75", "text",
         {"block_header": "Apps by MAU (in millions)", "label": "Lumo"}),
        ("Top AI apps of 2025", "Top", "heading", {}),  # negative: a year ending a title
        # prose: nothing
        ("Orbitra said on Monday it will spend $4bn. Kestrel: no comment.", "$4bn", "text", {}),
    ],
)
def test_layout_placement(text, needle, kind, inherited):
    assert placed(text, needle) == (kind, inherited)


@pytest.mark.parametrize(
    ("header", "dating"),
    [
        ("2026E", True),
        ("FY27E", True),
        ("March 31, 2026", True),
        # a date with a state word dates its cells just the same
        ("Live, Jun 30 2026", True),
        ("Contracted, end-2026", True),
        ("Installed (Dec 2025)", True),
        ("2027 target", True),
        ("As of Sep 30, 2026", True),
        # a state alone, or a sum of the row's years, names no metric either
        ("Installed", True),
        ("Contracted", True),
        ("Total", True),
        # negative: a column that names its own metric
        ("GPUs, end-2026", False),
        ("Revenue 2026", False),
        ("Share", False),
    ],
)
def test_dating_column(header, dating):
    text = f"Fleet by market\n\nMarket | {header} | Note\nAlpha | 3,072 | x\n"
    assert DocumentLayout.of(text).at(text.index("3,072")).dating_column() is dating


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Capex guidance (2026)", "heading"),
        ("By the numbers:", "heading"),
        # a caption heads its table at any length, and its 'Round 3' is no key figure
        ("Table: Operators admitted in Round 3 of the national compute tender (quoted rate in ₹ per GPU-hour, "
         "excluding tax)", "heading"),
        ("Exhibit 2 - Capex by company, 2024-2027 ($bn)", "heading"),
        ("Tables turned: Orbitra now spends 3 times what Kestrel does on chips.", "text"),  # negative: no caption
        ("The company will spend $4bn on new data centres in 2026.", "text"),
        ("|---|:---:|", "table_rule"),
        ("Is the spending sustainable?", "question"),
        ("- Orbitra: $200B", "text"),
    ],
)
def test_line_kinds(line, kind):
    assert DocumentLayout.of(line).lines[0].kind == kind


def test_a_label_needs_a_figure_and_few_words():
    assert DocumentLayout.of("Note: the figures are estimates").lines[0].label is None
    text = "A long sentence that goes on and on about many things said: 5,000 GPUs"
    assert DocumentLayout.of(text).lines[0].label is None


@pytest.mark.parametrize(
    ("text", "needle", "caption"),
    [
        ("Table 1. Apps by reach, May 2026\n(MAU in millions)\n\n| App | MAU |\n| Lumo | 12.5 |", "12.5",
         "Table 1. Apps by reach, May 2026"),
        ("(MAU in millions)\n\n| App | MAU |\n| Lumo | 12.5 |", "12.5", None),  # one heading: no caption above it
        ("Orbitra said on Monday it ordered 9,000 GPUs.", "9,000", None),
    ],
)
def test_caption_above(text, needle, caption):
    layout = DocumentLayout.of(text)
    region = layout.caption_above(text.index(needle))
    assert (None if region is None else text[region.start:region.end]) == caption


STATEMENT = """\
Purchase obligations were as follows (in millions):

                                  Fiscal 2027     Later      Total
GPU servers and networking (1)      $  3,870   $  1,240   $  5,110
Data center construction (2)             905        610      1,515
"""


@pytest.mark.parametrize(
    ("text", "needle", "symbol"),
    [
        (STATEMENT, "3,870", "$"),  # its own cell: '$  3,870'
        (STATEMENT, "610", "$"),  # the column's first row prints the '$'
        ("| Provider | GPUs |\n|---|---|\n| Orbis | 4,096 |", "4,096", None),  # no symbol in the column
        ("Orbitra spent $ 5 on it.", "5", None),  # prose: no table
    ],
)
def test_cell_currency(text, needle, symbol):
    assert DocumentLayout.of(text).cell_currency(text.index(needle)) == symbol


def test_empty_and_blank_texts():
    assert DocumentLayout.of("").at(0).line.kind == "text"
    assert DocumentLayout.of("\n\n  \n").lines == []


def test_layout_data_is_checked():
    with pytest.raises(ValueError, match="min_cells"):
        LayoutRules({**_data(), "min_cells": "two"})


def test_layout_is_linear_in_lines():
    rows = "\n".join(f"| Row {i} | ${i}B |" for i in range(20000))
    layout = DocumentLayout.of("| Name | Capex |\n|---|---|\n" + rows)
    assert len(layout.lines) == 20002
    where = layout.at(layout.text.rindex("$19999B"))
    assert where.text(where.column_header) == "Capex"


def _data():
    from extractor.resources import load_json

    assert default_rules() is default_rules()
    return dict(load_json("structure.json"))
