"""Party names by shape and position (extractor/names.py), on sentences written for these tests."""

import pytest

from extractor.names import shaped_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # before the clause's verb, after an adverb, an appositive or a bracketed acronym
        ("BERLIN — Lumora raised its plan for the year.", ["Lumora"]),
        ("Vexel Compute already operates 4,000 GPUs.", ["Vexel Compute"]),
        ("Later, Oslo-based Karvo Cloud will add 2,000 chips.", ["Karvo Cloud"]),
        ("Karvo, the Oslo cloud operator, will add 2,000 chips.", ["Karvo"]),
        ("The Institute for Applied Machine Systems (IAMS) will spend $50 million.", ["IAMS"]),
        ('Halden AI Infrastructure ("Halden") said it had 3,000 H200s.', ["Halden"]),
        # camel case and acronyms, which title-case patterns miss
        ("Later, DataNimbus bought 1,024 units and QXT ordered 512.", ["DataNimbus", "QXT"]),
        # possessive followed by a common noun; relative clause
        ("Sorrel's order book grew. Sorrel's fleet is 900 GPUs.", ["Sorrel", "Sorrel"]),
        ("The deal favours Brightwater, which rents H100s by the hour.", ["Brightwater"]),
        # where a funder or agent stands
        ("The lab will get $40 million from the Northern Fund this year.", ["Northern Fund"]),
        # coordinated names are each a name; 'X of Y and Z' is one
        ("Osk Networks and Pelham Data will each invest $1 billion.", ["Osk Networks", "Pelham Data"]),
        ("The Ministry of Science and ICT said it would buy 10,000 GPUs.", ["Ministry of Science and ICT"]),
        ("The Ministry for Digital Affairs and Public Service said it would pay.",
         ["Ministry for Digital Affairs and Public Service"]),
        ("Later, Kenji & Co and Hanse & Sons will each invest $1 billion.", ["Kenji & Co", "Hanse & Sons"]),
        # an analyst note's section opening on a party the article names again
        ("Indosat runs a cloud.\nIndosat. Its GPU cloud runs 4,000 GPUs.", ["Indosat", "Indosat"]),
        ("Risks. The obvious one is a capex ratio above 200%.\nSummary. We raise estimates.", []),  # labels
        # negative rows: opening words, people, places, currencies, possessors of another name
        ("Separately, demand has risen; demand is high.", []),
        ("Private pledges rose to $2 billion.", []),
        ("Chief executive Ana Lind said the company would spend more. Lind said so again.", []),
        ("Tomas Berg, the company's chief financial officer, said capex would rise.", []),
        ("Microsoft CFO Dana Holt says spending will grow.", []),
        ("Co-CEO Ilse Varga told analysts the company has 9,000 GPUs.", []),
        ("Rune Falk says the company plans to double its cluster.", []),
        ("Q: Reports said you ordered 50,000 chips.", []),
        ("The campus is in Varna. Varna has cheap power.", []),
        ("Prices rose from CHF 2.2 billion last year.", []),
        ("Under the plan, Norway's Fjord Compute will receive chips.", ["Fjord Compute"]),
        ("Gridline will buy 1,024 H100s and 512 B200s from Kestrel.", ["Kestrel"]),
        ("The API handles 5 billion tokens; GPUs are scarce.", []),
    ],
)
def test_shaped_names(text, names):
    found = shaped_names(text)
    assert [n.text for n in found] == names
    assert all(text[n.start:n.end].startswith(n.text) or n.text in text[n.start:n.end] for n in found)
