"""Subjects by role (extractor/roles.py) on sentences written for these tests.

The parties are marked in the text with [brackets] so each row reads as the sentence it tests."""

import re
from dataclasses import dataclass

import pytest

from extractor.roles import choose_party, clause_start, short_name


@dataclass(frozen=True)
class P:
    start: int
    end: int
    text: str


def parse(marked):
    """'[Orbitra] will buy <5,000> GPUs' -> text, parties, figure span."""
    parties, text, figure = [], "", None
    for piece in re.split(r"(\[[^\]]+\]|<[^>]+>)", marked):
        if piece.startswith("["):
            parties.append(P(len(text), len(text) + len(piece) - 2, piece[1:-1]))
            text += piece[1:-1]
        elif piece.startswith("<"):
            figure = (len(text), len(text) + len(piece) - 2)
            text += piece[1:-1]
        else:
            text += piece
    return text, parties, figure


@pytest.mark.parametrize(
    ("marked", "kind", "names", "role"),
    [
        # the party of the figure's own clause, not the sentence's first one
        ("[Orbitra] plans $80 billion of capex, and [Kestrel] has guided to <$66 billion> for this year.",
         "budget", ("Kestrel",), "clause-party"),
        ("[Lumen] has booked 5,000 boards, and [Pelion] plans to deploy <1.5 million> chips by 2027.",
         "chip_count", ("Pelion",), "clause-party"),
        ("[Vantor], [Kestrel] and [Lumen] will each receive <50,000> GPUs.",
         "chip_count", ("Vantor", "Kestrel", "Lumen"), "coordinated-clause-party"),
        ("[Vantor], [Kestrel] and [Lumen] will each receive 50,000 GPUs, while [Pelion] will take <60,000>.",
         "chip_count", ("Pelion",), "clause-party"),
        # the recipient of a shipment holds the chips
        ("[Nvidia] will ship <5,000> GPUs to [Humain] next year.", "chip_count", ("Humain",), "recipient"),
        ("[Supermicro] will deliver the first <2,500> servers to [Orbitra] and [Kestrel].",
         "chip_count", ("Orbitra", "Kestrel"), "recipient"),
        # the brand of what is bought, and the other side of a deal, are not the payer or buyer
        ("[Fluxstack] will spend <$3 billion> on [Nvidia] systems this year.", "budget", ("Fluxstack",),
         "clause-party"),
        ("[Orbitra] placed an order with [Nvidia] for <20,000> H200 chips.", "chip_count", ("Orbitra",),
         "clause-party"),
        ("The cluster will start with about <12,000> [Nvidia] GPUs.", "chip_count", None, None),
        # a unit owned by a party belongs to it
        ("[Kestrel]'s own [Crystal Labs] unit plans to deploy <10,000> GPUs.", "chip_count", ("Kestrel",),
         "owner-of-unit"),
        ("[Orbitra] told investors its [Azure Forge] served over <100 trillion> tokens.", "token_volume",
         ("Orbitra",), "owner-of-unit"),
        # the funder of a sum: 'from X' after a receiving verb or a funding noun, a passive agent, a granter
        ("[Orbis Lab] will receive <$400 million> from [Tavel Bank] this year.", "budget", ("Tavel Bank",),
         "funder"),
        ("The build includes <US$90 million> in debt financing from [Korvo Capital].", "budget",
         ("Korvo Capital",), "funder"),
        ("It is part of a <$2 billion> compute programme announced by the [State Council].", "budget",
         ("State Council",), "funder"),
        ("The [Energy Agency], which has granted [Lumen] subsidies of up to <$300 million>, said so.", "budget",
         ("Energy Agency",), "funder"),
        # the one paid is a counterparty; an appositive's owner may carry words before its name
        ("[Coastline AI] has agreed to pay [Ridgeway Cloud] <$3.2 billion> over five years for GPUs.", "budget",
         ("Coastline AI",), "clause-party"),
        ("[Conexa], the data-centre arm of Monterrey conglomerate [Grupo Alcen], will invest <MX$38 billion>.",
         "budget", ("Conexa",), "clause-party"),
        # a lender after 'with' once a loan is named (D29: a loan is the lender's budget)
        ("[Orbitra] has signed a <$1.9 billion> seven-year term loan with [Halvard Bank].", "budget",
         ("Halvard Bank",), "funder"),
        # negative: 'with' after a deal names the seller, not a lender
        ("[Orbitra] agreed a <$2 billion> supply deal with [Kestrel] for GPUs.", "budget", ("Orbitra",),
         "clause-party"),
        # the customer a seller charges is not the price's party; a poll's compiler is a source
        ("[Hon Hai] charges [Microsoft] about <US$3.6 million> a rack.", "unit_price", ("Hon Hai",), "clause-party"),
        ("Analysts polled by [LSEG] expect <$40 billion> of capex this year.", "budget", None, None),
        # negative: a seller after 'from' is not the funder; a named party before the figure keeps it
        ("[Orbitra] will spend <$3 billion> on chips from [Kestrel].", "budget", ("Orbitra",), "clause-party"),
        ("[Orbitra]'s plan, approved by the board, sets aside <$3 billion> announced by [Kestrel].", "budget",
         ("Orbitra",), "clause-party"),
        ("[Pelion] bought <5,000> GPUs from [Kestrel].", "chip_count", ("Pelion",), "clause-party"),
        # a possessor in an appositive describes the party before it
        ("[Siam Grid], [Nvidia]'s cloud partner in Bangkok, says it runs <4,000> GPUs.", "chip_count",
         ("Siam Grid",), "clause-party"),
        ("[Orbitra], [Kestrel] and [Lumen] will each invest <$1 billion>.", "budget",
         ("Orbitra", "Kestrel", "Lumen"), "coordinated-clause-party"),
        # 'respectively' gives the n-th figure to the n-th party
        ("[Orbitra] and [Kestrel] will bring 3,000 and <3,500> units respectively.", "chip_count",
         ("Kestrel",), "respective-party"),
        ("[Orbitra] and [Kestrel] will bring <3,000> and 3,500 units respectively.", "chip_count",
         ("Orbitra",), "respective-party"),
        # a party inside 'the ... of X' describes the one before it
        ("[Lumen], the cloud arm of [Pelion], already runs more than <5,000> H100s.", "chip_count",
         ("Lumen",), "clause-party"),
        # a maker before a model name is the brand of what is bought
        ("[Orbitra] will stand up 3,500 [Nvidia] H200s in a build it prices at <$260 million>.", "budget",
         ("Orbitra",), "clause-party"),
        # the recipient is looked for in the figure's own clause
        ("[Lumen] will ship about <1,400> racks, of which 600 go to [Pelion].", "chip_count",
         ("Lumen",), "clause-party"),
        # no party in the sentence
        ("Analysts expect spending of <$40 billion> next year.", "budget", None, None),
    ],
)
def test_choose_party(marked, kind, names, role):
    text, parties, (start, end) = parse(marked)
    choice = choose_party(text, start, end, kind, parties, 0, len(text))
    assert (choice and choice.names, choice and choice.role) == (names, role)


@pytest.mark.parametrize(
    ("text", "position", "clause"),
    [
        ("Orbitra spends $5bn, while Kestrel spends $3bn.", 40, "Kestrel spends $3bn."),
        ("Orbitra spends $5bn; Kestrel spends $3bn.", 33, "Kestrel spends $3bn."),
        ("Orbitra spends $5bn on chips.", 20, "Orbitra spends $5bn on chips."),
    ],
)
def test_clause_start(text, position, clause):
    assert text[clause_start(text, 0, position):] == clause


@pytest.mark.parametrize(
    ("text", "name", "short"),
    [
        ("Meta Platforms said on Monday. Meta spent more.", "Meta Platforms", "Meta"),
        ("Sakura Internet will buy chips. Sakura's shares rose.", "Sakura Internet", "Sakura Internet"),
        ("Alibaba Cloud said so. Alibaba has many units.", "Alibaba Cloud", "Alibaba Cloud"),
        ("Mistral AI raised money. Mistral will build a cluster.", "Mistral AI", "Mistral"),
        ("Orbitra Inc. reported results.", "Orbitra Inc.", "Orbitra"),
        # a name before a person's title is written alone ('Fjordlight CEO Ingrid Dahl')
        ("Fjordlight CEO Ingrid Dahl spoke. Fjordlight Compute runs two halls.", "Fjordlight Compute", "Fjordlight"),
        ("Orbitra Chief Executive Ana Ruiz spoke. Orbitra Labs builds chips.", "Orbitra Labs", "Orbitra"),
        ("CEO Ana Ruiz of Orbitra Labs spoke.", "Orbitra Labs", "Orbitra Labs"),
        ("Kencana and Mitsui & Co will invest. For Mitsui, it is a record.", "Mitsui & Co", "Mitsui"),
        # a long name's acronym, where the article writes it alone (not only as a possessive)
        ("The Ministry of Economy, Trade and Industry approved it. METI said so.",
         "Ministry of Economy, Trade and Industry", "METI"),
        ("The Ministry of Economy, Trade and Industry approved it. METI's second round opens.",
         "Ministry of Economy, Trade and Industry", "Ministry of Economy, Trade and Industry"),
        # a legal name is called by any leading words the article writes alone
        ("Orvin Power International Bhd will spend more. Orvin built its first hall in 2024.",
         "Orvin Power International Bhd", "Orvin"),
        ("Orvin Power International Bhd will spend more. Orvin Power shares rose.", "Orvin Power International Bhd",
         "Orvin Power"),
        # a legal form alone is never part of the name, even written once
        ("Tarsa Compute JSC won 1,024 licences.", "Tarsa Compute JSC", "Tarsa Compute"),
        ("Mekar Cloud Sdn Bhd will spend RM2 billion.", "Mekar Cloud Sdn Bhd", "Mekar Cloud"),
        ("Ravi Data Pvt Ltd bid for 768 GPUs.", "Ravi Data Pvt Ltd", "Ravi Data"),
        # negative: no legal designator, no shortening past the designator tails
        ("Alibaba Cloud Intelligence said so. Alibaba has many units.", "Alibaba Cloud Intelligence",
         "Alibaba Cloud Intelligence"),
    ],
)
def test_short_name(text, name, short):
    assert short_name(text, name) == short


@pytest.mark.parametrize(
    ("text", "names", "found"),
    [
        ("Fluxstack said so. Fluxstack's fleet grew.", {"Fluxstack"}, ["Fluxstack", "Fluxstack"]),
        ("It rose on Monday. Meta AI runs it.", {"Meta AI"}, ["Meta AI"]),
        ("Fluxstack Cloud and Fluxstack", {"Fluxstack"}, ["Fluxstack", "Fluxstack"]),
        ("the fluxstack name in lower case", {"Fluxstack"}, []),
    ],
)
def test_name_occurrences(text, names, found):
    from extractor.roles import name_occurrences

    spans = name_occurrences(text, names)
    assert [name for _, _, name in spans] == found
    assert all(text[a:b] == name for a, b, name in spans)


@pytest.mark.parametrize(
    ("text", "indefinite"),
    [
        ("Server makers expect to ship <55,000> racks this year.", True),
        ("Some resellers quote closer to <$3.5 million>.", True),
        ("A consortium led by a utility estimates its campus would cost <€4bn>.", True),
        ("Neoclouds in our sample committed <$14 billion> to GPUs.", True),
        ("Each site is meant to house more than <100,000> chips.", True),
        # negative rows: definite descriptions refer back, public bodies are the government, people speak
        ("The cluster will start with about <12,000> GPUs.", False),
        ("Ministers have earmarked <£750 million> for a supercomputer.", False),
        ("Reports said you ordered <50,000> GPUs.", False),
        ("A year ago he had set a target of <350,000> GPUs.", False),
        ("Half of this was spent on <2,000> GPUs.", False),
        ("A <£1bn> compute programme is meant to expand capacity.", False),
    ],
)
def test_indefinite_subject(text, indefinite):
    from extractor.roles import indefinite_subject

    plain, _, (start, _) = parse(text)
    assert indefinite_subject(plain, 0, start) is indefinite
