"""The forms real outlets use to state figures (annotations/FORMS.md), one table per family.

Every sentence is written for these tests; none is taken from an article. A row lists the facts expected
as (type, number, unit, subject, item); `None` for subject or item means "not checked by this row".
Rows the extractor does not handle yet are strict xfails naming their family, so a fix shows up.
"""

import pytest

from extractor import extract

B, M, T = 10**9, 10**6, 10**12


def facts_of(nlp, text, published="2025-06-15"):
    return [f.to_dict() for f in extract(text, published=published, doc_id="t", nlp=nlp)]


def brief(fact, expected):
    number = float(fact["value"]) if fact["value"] is not None else (float(fact["low"]), float(fact["high"]))
    _, _, _, subject, item = expected
    return (fact["type"], number, fact["unit"],
            None if subject is None else sorted(s.lower() for s in fact["subject"]),
            None if item is None else fact["item"])


def norm(expected):
    kind, number, unit, subject, item = expected
    number = tuple(map(float, number)) if isinstance(number, tuple) else float(number)
    return (kind, number, unit, None if subject is None else sorted(s.lower() for s in subject), item)


def todo(family):
    return pytest.mark.xfail(strict=True, reason=f"issue 11, not handled yet: {family}")


def row(text, *expected, marks=()):
    return pytest.param(text, list(expected), marks=marks, id=text[:70])


FORMS = [
    # 1. count nouns that are product names, units or modules
    row("Orbitra ordered 9,000 Blackwells for its Ohio site.", ("chip_count", 9000, "chips", ["Orbitra"], "Blackwell")),
    row("The lab trained its model on 16k H800s.", ("chip_count", 16000, "chips", None, "H800")),
    row("Kestrel plans to buy 1.2 million MI300Xs.", ("chip_count", 1.2 * M, "chips", ["Kestrel"], "MI300X")),
    row("Vantor runs 350,000 x H100 in one hall.", ("chip_count", 350000, "chips", ["Vantor"], "H100")),
    row("Corvex: 18,000 MI450", ("chip_count", 18000, "chips", ["Corvex"], None)),
    row("Lumo will take 6,000 MI455X, and Orbis will take 2,500.", ("chip_count", 6000, "chips", ["Lumo"], None),
        ("chip_count", 2500, "chips", ["Orbis"], None)),
    row("Pelion signed for access to 4,096 TPU v7 chips.", ("chip_count", 4096, "chips", ["Pelion"], None)),
    row("Kestrel has bought 2,048 of the same chips outright.", ("chip_count", 2048, "chips", ["Kestrel"], None)),
    row("The 2026 MI450 launch is near.",),  # negative: a year before a model name
    # the article's own chip line: 'Pellion P3 accelerators' makes '40,000 P4s' a chip count
    row("Pellion shipped 200,000 P3 accelerators last year. Orbitra will deploy 40,000 P4s in Ohio.",
        ("chip_count", 200000, "chips", None, None), ("chip_count", 40000, "chips", ["Orbitra"], None)),
    row("Pellion sold 300 Q3 units. Q3 GPUs were scarce; it shipped 5 Q4s."),  # negative: quarters are no line
    row("Orbitra sold 5,000 H100 hours last month.",),  # negative: a singular model before another noun
    row("Japan's industry ministry approved ¥40 billion (about $270 million) in support for GPU clouds.",
        ("budget", 40 * B, "JPY", None, None), ("budget", 270 * M, "USD", None, None)),
    row("Pelion ordered 900,000 H20 chips. Pelion alone took about 300,000 units.",
        ("chip_count", 900000, "chips", ["Pelion"], None), ("chip_count", 300000, "chips", ["Pelion"], None)),
    row("Analysts pencil in around $40 billion for Kestrel next year.", ("budget", 40 * B, "USD", None, None)),
    row("The plant makes 300,000 units a year. Sales rose.",),  # negative: 'units' with no chips near
    row("Lumo weekly active users (millions)\nNov 2024 — 150\nMay 2025 — 260",
        ("user_count", 150 * M, "users", ["Lumo"], None), ("user_count", 260 * M, "users", ["Lumo"], None)),
    row("Chatbots by monthly users, May (in millions)\nPico 31.4\nLumo 2.75",
        ("user_count", 31.4 * M, "users", ["Pico"], None), ("user_count", 2.75 * M, "users", ["Lumo"], None)),
    row("Dealers put the price of a 910C card at about RMB 170,000.", ("unit_price", 170000, "CNY", None, None)),
    row("Each NVL72 rack costs buyers in the Gulf close to $3.6 million.",
        ("unit_price", 3.6 * M, "USD", None, None)),
    row("The going rate for an H20 is somewhere between 100,000 and 120,000 yuan.",
        ("unit_price", (100000, 120000), "CNY", None, None)),
    row("Its list price is $3.40 an hour, with committed contracts closer to $2.20.",
        ("unit_price", 3.4, "USD", None, None), ("unit_price", 2.2, "USD", None, None)),
    row("Kestrel now expects capex of $40 billion to $44 billion, narrowed from $38 billion-$46 billion.",
        ("budget", (40 * B, 44 * B), "USD", None, None), ("budget", (38 * B, 46 * B), "USD", None, None)),
    row("The price of a ticket to the event was $40.",),  # negative: a ticket is no item of the contract
    row("Its chatbot is used by more than 90 million people a month.",
        ("user_count", 90 * M, "users", None, None)),
    row("Capex estimates (USD m)     2025A     2026E\nOrbitra                       410       590",
        ("budget", 410 * M, "USD", ["Orbitra"], None), ("budget", 590 * M, "USD", ["Orbitra"], None)),
    # a caption names the metric, the corner the scale, year-label columns only date the cells
    row("Table 3: AI capex, actual and estimated\n\n(USD m)     2025A     2026E    CAGR 25-26E\n"
        "Orbitra       410       590          44%",
        ("budget", 410 * M, "USD", ["Orbitra"], None), ("budget", 590 * M, "USD", ["Orbitra"], None)),
    # a footnote marker in a row label is no figure
    row("Capital expenditures (in millions of U.S. dollars)\n\nItem                         Fiscal 2026\n"
        "Data centres (1)                   3,915",
        ("budget", 3915 * M, "USD", None, None)),
    # an increase of a budget is no fundraising ('raised to'), a round is ('raised $600 million')
    row("Kestrel Labs: 2026 compute budget raised to $6bn from $4.5bn in May.",
        ("budget", 6 * B, "USD", None, None), ("budget", 4.5 * B, "USD", None, None)),
    row("Nexa raised $600 million in a Series C round."),
    # a caption's abbreviated scale after its currency, outside brackets ('US$ bn')
    row("Exhibit 1: Capex by company, US$ bn (calendar years)\n\n| Company | 2026E |\n|---|---|\n| Orbitra | 152.0 |",
        ("budget", 152 * B, "USD", ["Orbitra"], None)),
    # a chart desk's prose caption over a table prices its cells, product columns or month columns alike
    row("Renting one B200: list price, US$ per GPU-hour, first day of each month\n\n"
        "Host          | Jan 2026 | Mar 2026 | Change\n--------------|----------|----------|-------\n"
        "Vantor Cloud  |     4.10 |     4.45 |    +9%",
        ("unit_price", 4.1, "USD", ["Vantor Cloud"], "B200"), ("unit_price", 4.45, "USD", ["Vantor Cloud"], "B200")),
    row("We checked out on each site in the same week. Prices are US dollars per GPU-hour, on demand.\n\n"
        "| Host | H100 | H200 |\n|---|---|---|\n| Quillan | 2.25¹ | from 2.90 |",
        ("unit_price", 2.25, "USD", ["Quillan"], "H100"), ("unit_price", 2.9, "USD", ["Quillan"], "H200")),
    # negative: capital letters are no currency and scale ('FACT BOX')
    row("FACT BOX: ORBITRA AT A GLANCE\n- GPUs delivered so far: 18,000 (GB300)",
        ("chip_count", 18000, "chips", None, None)),
    # a caption that declares the cells' currency and scale types them under any column
    row("2026 AI capex, $ billion\n\n               Latest guide     Street view\nOrbitra        ~120             112",
        ("budget", 120 * B, "USD", ["Orbitra"], None), ("budget", 112 * B, "USD", ["Orbitra"], None)),
    # an interview's answer paragraph takes the question's cue, a price per unit before a 'charge' word
    row("What do you charge per GPU-hour for an H100?\n\n$1.95 on a two-year term.",
        ("unit_price", 1.95, "USD", None, "H100")),
    row("How big was the one-off charge?\n\nAbout $40 million, booked in March."),  # negative: a charge
    row("What is the capex budget for next year?\n\nAbout $2 billion, most of it for GPUs.",
        ("budget", 2 * B, "USD", None, None)),
    # a fact box under a money caption: a label naming a count noun counts, one naming other things is no fact
    row("Telangana AI cloud, at a glance (₹ crore)\nGPUs to be hosted: 12,000\nStart-ups registered: 1,150",
        ("chip_count", 12000, "chips", None, None)),
    row("Kimi's maker ran a 500 million yuan red-envelope campaign over New Year."),  # negative: marketing
    # negative: another product's count after 'and' ('36 Grace CPUs')
    row("Each GB300 NVL72 rack links 72 Blackwell GPUs and 36 Grace CPUs."),
    # ... but a column that names something else keeps the caption's word from its cells
    row("Table 4: AI capex plans\n\nCompany     Staff     Sites\nOrbitra       410        12"),
    row("The startup trained on 4,096 GPUs.", ("chip_count", 4096, "chips", None, None),
        marks=todo("'trained on N GPUs' is a deployment, not a dataset size")),
    row("Lumen wants 5,000–10,000 modules of the new accelerator.",
        ("chip_count", (5000, 10000), "chips", None, None)),
    row("Pelion bought 2,000 H100/H200 GPUs.", ("chip_count", 2000, "chips", ["Pelion"], None)),
    # an article's own chip line ('the Vx-4 accelerator') makes its models chips and items, plural or not
    row("Veridian Silicon, the designer of the Vx-4 accelerator, shipped 412,000 Vx-4 units in the quarter. "
        "Halvard Cloud will buy 60,000 Vx-4s.",
        ("chip_count", 412000, "chips", ["Veridian Silicon"], "Vx-4"),
        ("chip_count", 60000, "chips", ["Halvard Cloud"], "Vx-4")),
    row("Orrin Semiconductor designs the OX-5 accelerator. Pellio Cloud bought 7,000 OX-5s.",
        ("chip_count", 7000, "chips", ["Pellio Cloud"], "OX-5")),
    # negative: a rack's form factor is no chip line; quarters neither
    row("Pellio Cloud bought 80 NVL72 racks."),
    row("Pellio Cloud expects Q3 chips demand to stay strong."),
    # 2. 'N of <owner>'s <product>'
    row("Orbitra deployed 7,000 of its in-house TPUs.", ("chip_count", 7000, "chips", ["Orbitra"], "TPU")),
    row("Vantor will rent 3,000 of Huawei's Ascend chips.", ("chip_count", 3000, "chips", ["Vantor"], None)),
    # ... with a longer product name; the maker named as the product's owner is not the payer of the order
    row("Cirrus Compute will buy 46,000 of Nvidia's Blackwell Ultra B300 chips for about $2.9 billion.",
        ("chip_count", 46000, "chips", ["Cirrus Compute"], "B300"),
        ("budget", 2.9 * B, "USD", ["Cirrus Compute"], None)),
    # 4. the noun or metric before the number
    row("Weekly users for Lumo stood at about 6 million.", ("user_count", 6 * M, "users", ["Lumo"], None),
        marks=todo("metric before the number")),
    row("The number of accelerators grew from 4,000 to 12,000.",
        ("chip_count", 4000, "chips", None, None), ("chip_count", 12000, "chips", None, None)),
    row("Its MAU of 3.12 million compares with 3.41 million in January.",
        ("user_count", 3.12 * M, "users", None, None), ("user_count", 3.41 * M, "users", None, None)),
    row("Lumo had a daily token volume of about 2 trillion in May.", ("token_volume", 2 * T, "tokens", None, None)),
    row("The fund backs GPUs of 2,000 companies."),  # negative: another noun counts the number
    # a blocking noun inside a prepositional phrase does not hide the noun before it
    row("Daily token use on the Pico models rose to 12.7 trillion in March.",
        ("token_volume", 12.7 * T, "tokens", None, None)),
    row("Paying business seats reached 7 million."),  # negative: seats count the number
    # the passive names the users before the number
    row("Pico was used by 15.3 million people in Korea last month.", ("user_count", 15.3 * M, "users", None, None)),
    row("The tool is used by 300 people at the bank."),  # negative: a team, not a product's users
    row("The booth was visited by 3,000 people."),  # negative: visitors
    # 7. the clause before the amount prices one item, with many words between
    row("Sources put the selling price of a fully integrated GB300 NVL72 rack at about NT$115 million.",
        ("unit_price", 115 * M, "TWD", None, "GB300 NVL72")),
    row("An eight-GPU H100 server that listed for roughly $300,000 in 2023 is cheaper now.",
        ("unit_price", 300000, "USD", None, "H100")),
    row("A start-up that sold for $2 billion in 2023."),  # negative: no item is priced
    # ... or names one whole rack, server or box and then what it comes to
    row("A fully configured Vantor V4 rack, with 64 accelerators, comes in at \"a little under $2.6 million.\"",
        ("unit_price", 2.6 * M, "USD", None, None)),
    row("Last spring an HGX B300 system was closer to $410,000.", ("unit_price", 410000, "USD", None, "B300")),
    row("The complete GB300 NVL72 rack works out at about $3.2mn.",
        ("unit_price", 3.2 * M, "USD", None, "GB300 NVL72")),
    row("The national AI system at about $600 million opens in 2027."),  # negative: too large for one item
    # a container's contents set off after it are its spec; a cluster's size is a count
    row("The Vantor V4 rack, with 64 accelerators, ships in May."),
    row("Orbitra's new system, with 10,000 GPUs, opens in May.", ("chip_count", 10000, "chips", None, None)),
    row("At roughly €35,000 per Blackwell GPU, the chips are costly.", ("unit_price", 35000, "EUR", None, None)),
    row("It pays $40,000 per Nvidia B200 chip.", ("unit_price", 40000, "USD", None, "B200")),
    row("Its list rate will be about US$2.90 per GB300 GPU-hour, or around MX$52.",
        ("unit_price", 2.9, "USD", None, "GB300"), ("unit_price", 52, "MXN", None, "GB300")),
    row("In Tokyo, Kiyomizu lists them at ¥690 per GPU-hour (about $4.80).",
        ("unit_price", 690, "JPY", None, None), ("unit_price", 4.8, "USD", None, None)),
    # 3. a part of the budget named before it
    row("The ministry set aside R$9.6 billion for AI compute. Of that, R$2.5 billion goes to a supercomputer.",
        ("budget", 9.6 * B, "BRL", None, None), ("budget", 2.5 * B, "BRL", None, None)),
    row("Revenue was $900 million. Of that, $40 million came from Asia."),  # negative: a part of revenue
    # 6. single-letter and compound scales
    row("Pico has 120M weekly users.", ("user_count", 120 * M, "users", ["Pico"], None)),
    row("The Orbis Center for Advanced Computing (OCAC) will spend $6 billion this year.",
        ("budget", 6 * B, "USD", ["OCAC"], None)),  # GUIDELINES D31: the bracketed acronym is the name
    row("Doubao now processes 100t tokens a day.", ("token_volume", 100 * T, "tokens", None, None)),
    row("The group wants 1M+ GPUs by 2027.", ("chip_count", M, "chips", None, None)),
    row("Zorbly will build a 40-billion-dollar campus in Texas.", ("budget", 40 * B, "USD", ["Zorbly"], None)),
    # 7. unit prices without 'each' right after the amount
    row("The B300 is priced near $30,000.", ("unit_price", 30000, "USD", None, "B300")),
    row("Buyers face an estimated $40,000 price tag per unit.", ("unit_price", 40000, "USD", None, None)),
    row("It bought the cards, each costing about $9,500.", ("unit_price", 9500, "USD", None, None)),
    row("Analysts cite a price range of $30,000 to $40,000 for the chip.",
        ("unit_price", (30000, 40000), "USD", None, None)),
    # slide bullets price per GPU-hour after a slash with spaces
    row("- H200 on-demand list: $3.10-3.40 / GPU-hr\n- B200, 3-yr reserved: ~$4.20 / GPU-hr",
        ("unit_price", (3.10, 3.40), "USD", None, "H200"), ("unit_price", 4.20, "USD", None, "B200")),
    row("- Power: $0.09 / kWh"),  # negative: an energy price is no unit price
    # price verbs of listings, markets and bids; a price 'for an H200'
    row("Outside Europe the B300 lists at around $40,000 to $44,000.",
        ("unit_price", (40000, 44000), "USD", None, None)),
    row("Court papers show buyers paid as much as $52,000 for an H200.", ("unit_price", 52000, "USD", None, "H200")),
    row("Its bid prices each GB300 at about €41,000.", ("unit_price", 41000, "EUR", None, "GB300")),
    row("H200s cleared at a median of $2.05 this week.", ("unit_price", 2.05, "USD", None, "H200")),
    row("Orbitra paid $52 million for an office in Austin."),  # negative: an office is no unit
    # a caption names the noun, a column only its metric
    row("Chatbot users, latest figures (millions)\n\n| App | Weekly active | As of |\n|---|---|---|\n"
        "| Lumo | 12.5 | May 2026 |", ("user_count", 12.5 * M, "users", ["Lumo"], None)),
    row("Chatbot users, latest figures (millions)\n\n| App | Change | As of |\n|---|---|---|\n"
        "| Lumo | 12.5 | May 2026 |"),  # negative: a column that names no metric counts nothing
    # an average selling price is a unit price of the chip named in its sentence or the one before; the seller's
    row("Pellio Cloud shipped 41,000 MI355X units. The average selling price of an MI355X climbed to about $18,400.",
        ("chip_count", 41000, "chips", ["Pellio Cloud"], "MI355X"),
        ("unit_price", 18400, "USD", ["Pellio Cloud"], "MI355X")),
    row("Key points\n- Q4 MI355X shipments: 41,000 units\n- Average selling price: $18,400",
        ("chip_count", 41000, "chips", None, "MI355X"), ("unit_price", 18400, "USD", None, "MI355X")),
    # negative: a handset's average selling price is no chip's
    row("The average selling price of an iPhone rose to about $890."),
    # a per-unit phrase after a conversion's bracket prices both amounts
    row("Teras Digital bought them at about RM168,000 (US$38,000) per B200.",
        ("unit_price", 168000, "MYR", None, "B200"), ("unit_price", 38000, "USD", None, "B200")),
    # a chip deal's worth is the buyer's spending
    row("Pellio Cloud ordered 4,000 MI355X chips in a deal worth about $800 million.",
        ("chip_count", 4000, "chips", ["Pellio Cloud"], "MI355X"), ("budget", 800 * M, "USD", ["Pellio Cloud"], None)),
    # negative: buying a company in a deal worth billions is no budget
    row("Pellio Cloud agreed to acquire Harbor Labs in a deal worth about $800 million."),
    # German copy: a thousands point in a quoted count, a decimal comma before 'euros'; 'quote a single B300 at'
    row("\"With 6.400 Blackwell chips we will lead the region,\" Pellio's chief said.",
        ("chip_count", 6400, "chips", None, "Blackwell")),
    row("Pellio rents H100 capacity from 2,95 euros per GPU hour.", ("unit_price", 2.95, "EUR", None, "H100")),
    row("Distributors currently quote a single B300 at €38,000 to €41,000.",
        ("unit_price", (38000, 41000), "EUR", [], "B300")),
    # negative: a decimal count of a measure is no thousands point
    row("Pellio expects 6.5 GW of new capacity."),
    # a correction's amount is the same kind of money as the one it is set against
    row("Pellio ordered 72,000 MI355X accelerators, and the implied price is about $40,000 per chip, not $107,000.",
        ("chip_count", 72000, "chips", ["Pellio"], "MI355X"), ("unit_price", 40000, "USD", None, "MI355X"),
        ("unit_price", 107000, "USD", None, "MI355X")),
    # a range with the wire's 'bln' on both ends; 'costed each ... at'; a bank lending to a campus
    row("10:12  Pellio Cloud raises 2026 capex guidance to $31 bln-$33 bln from $27 bln.",
        ("budget", (31 * B, 33 * B), "USD", ["Pellio Cloud"], None), ("budget", 27 * B, "USD", ["Pellio Cloud"], None)),
    row("Officials costed each GB300 superchip at around £36,000.", ("unit_price", 36000, "GBP", None, "GB300")),
    row("The development bank is lending R$4.2 billion toward the AI campus.",
        ("budget", 4.2 * B, "BRL", None, None)),
    # a bare amount continues a unit price two sentences back, past a sentence with no figure
    row("The H100 median reached roughly $2.30 an hour in September. The H200 line tracks it with a premium. It "
        "bottomed at $2.70 in April.",
        ("unit_price", 2.3, "USD", None, "H100"), ("unit_price", 2.7, "USD", None, None)),
    # a fact box that puts the figure first: its noun after the colon types it, or says it counts something else;
    # a name's single digit at the end of the line is no figure
    row("By the numbers\n- 24,000: GPUs planned for Alder 1\n- 412: acres\n- 65: permanent jobs promised",
        ("chip_count", 24000, "chips", None, None)),
    row("Berlin earmarks EUR1.2 billion for AI computing centres", ("budget", 1.2 * B, "EUR", ["Germany"], None)),
    # 8. public programmes that fund AI or chip capacity
    row("The ministry will invest ₩1.4 trillion in GPU capacity.", ("budget", 1.4 * T, "KRW", None, None)),
    # 9. subjects by role
    row("Nvidia will ship 5,000 GPUs to Humain.", ("chip_count", 5000, "chips", ["Humain"], None)),
    row("Amazon will spend $3 billion on Nvidia systems.", ("budget", 3 * B, "USD", ["Amazon"], None)),
    row("Orbitra and Kestrel will each invest $2 billion in new data centres.",
        ("budget", 2 * B, "USD", ["Kestrel", "Orbitra"], None), marks=todo("'A and B will each invest'")),
    # a name found once is the party wherever the article writes it; 'the ministry', 'the company'
    row("Fluxstack will spend $3 billion on Nvidia systems. Fluxstack's fleet is about 1,800 H100s.",
        ("budget", 3 * B, "USD", ["Fluxstack"], None), ("chip_count", 1800, "chips", ["Fluxstack"], "H100")),
    row("The Ministry of Science and ICT will spend 2.3 trillion won next year. The ministry aims to bring in "
        "16,000 GPUs.", ("budget", 2.3 * T, "KRW", ["Ministry of Science and ICT"], None),
        ("chip_count", 16000, "chips", ["Ministry of Science and ICT"], None)),
    # a unit price is its seller's: the reseller bought through, the party paid, the party whose clause sells
    row("Pellio bought its first 256 Nvidia H100s through distributor Marrow Systems at about $29,000 apiece.",
        ("chip_count", 256, "chips", ["Pellio"], "H100"), ("unit_price", 29000, "USD", ["Marrow Systems"], "H100")),
    row("Tessaly Labs paid Quorn Computing $24,500 apiece for refurbished H100s.",
        ("unit_price", 24500, "USD", ["Quorn Computing"], "H100")),
    row("Tessaly Labs bought 96 refurbished Nvidia H100s.", ("chip_count", 96, "chips", ["Tessaly Labs"], "H100")),
    row("Court papers show Dravik Systems reselling Nvidia H200s for as much as $52,000 apiece.",
        ("unit_price", 52000, "USD", ["Dravik Systems"], "H200")),
    row("Dravik bought chips from distributors in Texas. It then charged buyers $39,000 per Nvidia H100.",
        ("unit_price", 39000, "USD", ["Dravik"], "H100")),
    # ... an unnamed seller or a used-market quote has none
    row("Dravik paid the distributors roughly $27,000 for each Nvidia H100.",
        ("unit_price", 27000, "USD", [], "H100")),
    row("In Shenzhen a trader quoted $33,000 for a single Nvidia H200.", ("unit_price", 33000, "USD", [], "H200")),
    row("A used Nvidia H100 that fetched $30,000 last summer now sells for far less.",
        ("unit_price", 30000, "USD", [], "H100")),
    # negative: with no sale named the maker sells (D9), also when the buyer's clause pays
    row("Pellio will pay about $30,000 per Nvidia H200.", ("unit_price", 30000, "USD", ["Nvidia"], "H200")),
    row("Pellio ordered 4,000 Nvidia H200s at roughly $31,000 each.",
        ("chip_count", 4000, "chips", ["Pellio"], "H200"), ("unit_price", 31000, "USD", ["Nvidia"], "H200")),
    # a full name introduced as a company's officer ('X is co-founder and CEO of') is a person, not a party
    row("Ilse Brandvold is co-founder and CEO of Tessel AI. We run forty thousand GPUs, Brandvold says.",
        ("chip_count", 40000, "chips", ["Tessel AI"], None)),
    # a plural possessive ('the Philippines'') owns the name after it, it is not part of it
    row("The Philippines' National Compute Office will buy 25,000 GPUs.",
        ("chip_count", 25000, "chips", ["National Compute Office"], None)),
    # a filing's defined document ('the Supply Agreement', 'the Complaint') is no party
    row("Pellio Cloud signed a supply agreement with Orrin Semiconductor (the \"Supply Agreement\"). Under the Supply "
        "Agreement it committed to buy 96,000 OX-5 accelerators.",
        ("chip_count", 96000, "chips", ["Pellio Cloud"], "OX-5")),
    # a name ranked among apps counts its app's users
    row("The assistants people use\n\n1. ChatGPT — 950m\nOpenAI counts weekly users.\n\n2. Gemini — 780m\n"
        "Alphabet counts monthly users.\n\n3. Yunqi — 230m\nLantern's assistant leads China.",
        ("user_count", 950 * M, "users", ["ChatGPT"], None), ("user_count", 780 * M, "users", ["Gemini"], None),
        ("user_count", 230 * M, "users", ["Yunqi"], None)),
    # negative: a ranking with no known app counts nothing
    row("The biggest buyers\n\n1. Pellio — 950m\nIt bought the most.\n\n2. Harbor — 780m\nIt came second."),
    # a title-case headline's capitals name no party
    row("Pellio Doubles Computing Vouchers to 250 Million Yuan as Chip Orders Swell\n\n"
        "Pellio Cloud will spend 250 million yuan on computing vouchers for AI start-ups.",
        ("budget", 250 * M, "CNY", ["Pellio Cloud"], None), ("budget", 250 * M, "CNY", ["Pellio Cloud"], None)),
    # a user count owned in its own sentence ("Orbit's 214 million") is not an app's named sentences before
    row("Orbit is the tallest bar on the chart. We left out ChatGPT and Gemini. Orbit's 214 million weekly users are "
        "more than the next two combined.", ("user_count", 214 * M, "users", ["Orbit"], None)),
    # a stock ticker in brackets abbreviates the company's short name; an acronym of the initials is the name (D31)
    row("Norvik Holdings (NRVK) Q2 earnings call\n\nCEO: We ended June with roughly 61,000 GPUs in service.",
        ("chip_count", 61000, "chips", ["Norvik"], None)),
    # on a company's own page a figure no clause gives a party is the company's, not an earlier sentence's party's
    row("Pellio Engineering Blog\n\nWe rented 256 H100s from Tessellate Cloud at $2.35 per GPU-hour. The new "
        "cluster of AI servers cost $18.5 million.",
        ("chip_count", 256, "chips", ["Pellio"], "H100"), ("unit_price", 2.35, "USD", ["Tessellate Cloud"], "H100"),
        ("budget", 18.5 * M, "USD", ["Pellio"], None)),
    # a ranking row 'App (publisher)': the app is the row's party even when no lexicon knows it
    row("Top AI assistants by MAU, September 2026 (millions)\n\nRank | App (publisher) | MAU\n"
        "1 | Lumo (Halcyon AI) | 612.4\n2 | Orbi (Northstar Labs) | 288.7",
        ("user_count", 612.4 * M, "users", ["Lumo"], None), ("user_count", 288.7 * M, "users", ["Orbi"], None)),
    # people talking to or chatting with an app use it
    row("Some 14 million people were talking to Quorra every month.",
        ("user_count", 14 * M, "users", ["Quorra"], None)),
    # a name after a date's year in one capitalized run is still the name
    row("Vela Labs' assistant Quorra had 9 million monthly active users. Rivals drew users away: by March 2025 "
        "Quorra was down to 6.5 million monthly active users.",
        ("user_count", 9 * M, "users", ["Quorra"], None), ("user_count", 6.5 * M, "users", ["Quorra"], None)),
    # an 'Intelligence' company is a party unless the article cites it as a source
    row("Vela Intelligence owned 8,192 Nvidia H100s at its peak.",
        ("chip_count", 8192, "chips", ["Vela Intelligence"], "H100")),
    row("Pellio Cloud owns 8,192 Nvidia H100s, according to Mordane Intelligence. Mordane Intelligence tracks "
        "clouds.", ("chip_count", 8192, "chips", ["Pellio Cloud"], "H100")),
    row("Mordane Intelligence estimates that clouds in Norway hold 8,192 Nvidia H100s.",
        ("chip_count", 8192, "chips", [], "H100")),
    # a subsidy is the budget of the party shown granting it, also on a recipient's list line
    row("The Ministry of Digital Affairs (MODA) will grant 60 billion yen to GPU cloud operators.\n\n"
        "1. Pellio Cloud\n   Subsidy: 31 billion yen\n   Planned investment: 66 billion yen",
        ("budget", 60 * B, "JPY", ["MODA"], None), ("budget", 31 * B, "JPY", ["MODA"], None),
        ("budget", 66 * B, "JPY", ["Pellio Cloud"], None)),
    # negative: with no party shown granting, a subsidy stays with its clause's party
    row("Pellio Cloud will receive a subsidy of about 31 billion yen for its GPU cloud.",
        ("budget", 31 * B, "JPY", ["Pellio Cloud"], None)),
    # a capital pledging money is its government, also in a gapped clause; countries coordinated before a verb
    row("Five AI gigafactory bids are shortlisted. Berlin has pledged €2 billion towards one site, Warsaw €900 million "
        "and Rome €750 million.",
        ("budget", 2 * B, "EUR", ["Germany"], None), ("budget", 900 * M, "EUR", ["Poland"], None),
        ("budget", 750 * M, "EUR", ["Italy"], None)),
    row("Sweden and Denmark will jointly put in €1.2 billion for the AI gigafactory.",
        ("budget", 1.2 * B, "EUR", ["Denmark", "Sweden"], None)),
    # negative: a capital as a place is no party
    row("Pellio Cloud will spend €2 billion on an AI campus in Berlin.",
        ("budget", 2 * B, "EUR", ["Pellio Cloud"], None)),
    # a body cited only by 'Source:' stays a party where it acts
    row("EuroHPC spent €2.1 billion on AI factories in 2025.\n\nSource: EuroHPC shortlist notice",
        ("budget", 2.1 * B, "EUR", ["EuroHPC"], None)),
    # a guidance figure after 'guided to' is a budget in a capex story
    row("The cloud giants keep raising their AI spending. Meta has guided to $125 billion to $140 billion for the "
        "year.",
        ("budget", (125 * B, 140 * B), "USD", ["Meta"], None)),
    # a winning bid is the tendering party's budget (D36), also when the bidder is named more often
    row("Pellio Telecom published the winning candidates for its centralized procurement of AI servers. Lot 1 "
        "covers 4,096 Ascend 910C servers. Haiyun Computing ranked first with a quote of CNY 9.71 billion. "
        "In Lot 3 Haiyun Computing won with CNY 2.46 billion. Haiyun Computing shares rose.",
        ("chip_count", 4096, "chips", None, "Ascend 910C"),
        ("budget", 9.71 * B, "CNY", ["Pellio Telecom"], None), ("budget", 2.46 * B, "CNY", ["Pellio Telecom"], None)),
    # people who use a product are its users; a conversion right after a typed price is a price
    row("More than 2 million people in the UAE use ChatGPT every week.", ("user_count", 2 * M, "users", None, None)),
    row("The Ascend 910B goes for around 120,000 yuan, or roughly $16,800.",
        ("unit_price", 120000, "CNY", None, "Ascend 910B"), ("unit_price", 16800, "USD", None, "Ascend 910B")),
    row("Siam AI will invest 15 billion baht in a new data centre.", ("budget", 15 * B, "THB", None, None)),
    # 5. tables: a caption of any length heads its table, a model name or a term in a header cell is no figure
    row("Exhibit 3: Operators admitted to the second tender round (quoted rate in ₹ per GPU-hour, before tax)\n\n"
        "| Operator | Card | Cards offered | Q1 rate |\n|---|---|---|---|\n| Pelion Cloud | H200 | 2,048 | 175 |",
        ("chip_count", 2048, "chips", ["Pelion Cloud"], "H200"), ("unit_price", 175, "INR", ["Pelion Cloud"], "H200")),
    row("Card   | On demand | 3-year reserved\n-------|------|----------------\nH200   | $3.10 | $2.20",
        ("unit_price", 3.10, "USD", None, "H200"), ("unit_price", 2.20, "USD", None, "H200")),
    row("Chatbots by reach (monthly active users, million)\n\n| App | MAU |\n|---|---|\n| Lumo | 12.5 |",
        ("user_count", 12.5 * M, "users", ["Lumo"], None)),
    # a corner cell naming the models' column ('GPU') does not make the price cells counts
    row("Rate card (US$ per GPU-hour, from July 2026)\n\nGPU\tOn-demand\t1-year reserved\nH200\t3.10\t2.40",
        ("unit_price", 3.10, "USD", None, "H200"), ("unit_price", 2.40, "USD", None, "H200")),
    # a figure alone on its line (a newsletter's numbered item) takes its type and party from the body under it
    row("THE WEEK IN NUMBERS\n\n1) 2.2T\nTokens a day now served by Pellion's API, the company said.\n\n"
        "2) 40,000\nGPUs that Orbitra Cloud says it will install by 2027.\n\n"
        "3) ~$12bn\nKestrel Data lifted its 2026 capex guide to about $12bn.",
        ("token_volume", 2.2 * T, "tokens", ["Pellion"], None), ("chip_count", 40000, "chips", ["Orbitra Cloud"], None),
        ("budget", 12 * B, "USD", ["Kestrel Data"], None), ("budget", 12 * B, "USD", ["Kestrel Data"], None)),
    row("4) 300\nEngineers joined the team this year."),  # negative: the body's noun counts something else
    # negative: a count's cell is never priced by a caption's currency
    row("State compute tender (₹ crore)\n- Subsidy pool: 1,200\n- GPUs to be hosted: 9,000",
        ("budget", 12 * B, "INR", None, None), ("chip_count", 9000, "chips", None, None)),
    # a product's row names its maker as the brand, not as the holder; a total under product rows is the holder's
    row("Pellio Cloud reports second-quarter results\n\nGPU fleet by model (GPUs in service)\n\n"
        "| Model | GPUs |\n|---|---|\n| NVIDIA H100 | 6,000 |\n| NVIDIA B200 | 2,500 |\n| Total | 8,500 |",
        ("chip_count", 6000, "chips", ["Pellio Cloud"], "H100"),
        ("chip_count", 2500, "chips", ["Pellio Cloud"], "B200"), ("chip_count", 8500, "chips", ["Pellio Cloud"], None)),
    # negative: a total under the parties' rows, also one with a product in brackets, lumps them: no party
    row("Who holds the GPUs\n\n| Company | GPUs |\n|---|---|\n| Pellio Cloud | 6,000 |\n"
        "| Harbor Compute (Ascend) | 2,500 |\n| Total | 8,500 |",
        ("chip_count", 6000, "chips", ["Pellio Cloud"], None),
        ("chip_count", 2500, "chips", ["Harbor Compute"], "Ascend"), ("chip_count", 8500, "chips", [], None)),
    # a broker's exhibit: row groups type their rows, the caption's part for each group scales it
    row("Exhibit 3: Capex and installed-base estimates\nCapex in US$bn; installed GPUs in thousands\n\n"
        "                                  2025A     2026E\nCapital expenditure\n"
        "  Pellio Cloud ..............      6.2      10.8\nInstalled GPU base\n"
        "  Pellio Cloud ..............      118       205",
        ("budget", 6.2 * B, "USD", ["Pellio Cloud"], None), ("budget", 10.8 * B, "USD", ["Pellio Cloud"], None),
        ("chip_count", 118000, "chips", ["Pellio Cloud"], None),
        ("chip_count", 205000, "chips", ["Pellio Cloud"], None)),
    # an estimates table with fiscal columns: the rows name the metric, the caption the scale
    row("BROKER ESTIMATES: PELLIO CLOUD ($ bn unless stated)\n                    FY26E     FY27E\n"
        "Revenue             441.0     512.3\nCapex (new)         118.0     142.0\nEPS ($)             11.85     14.20",
        ("budget", 118 * B, "USD", None, None), ("budget", 142 * B, "USD", None, None)),
    # 9. subjects from the page: a factbox's or analyst note's section heading, a company call's turns, sources
    row("Who is paying for AI compute\n\nKESTREL DATA\nThe company expects to spend about $3 billion this year."
        "\n\nORBIS\nThe lab plans to run 20,000 GPUs by December.\n\nALPHABET\nGoogle's parent guided 2026 capex"
        " of $90 billion.",
        ("budget", 3 * B, "USD", ["Kestrel Data"], None), ("chip_count", 20000, "chips", ["Orbis"], None),
        ("budget", 90 * B, "USD", ["Alphabet"], None)),
    row("Morning note\n\nKSTR (Buy, PT $40)\n- capex guide 2026: $12-14bn\n- GPUs: ~200k by YE\n\n"
        "ORBX (Hold)\n- capex 2026: ~$5bn\n\nLMNR (Sell)\n- tokens/day: ~9T",
        ("budget", (12 * B, 14 * B), "USD", ["KSTR"], None), ("chip_count", 200000, "chips", ["KSTR"], None),
        ("budget", 5 * B, "USD", ["ORBX"], None), ("token_volume", 9 * T, "tokens", ["LMNR"], None)),
    # "Let's" opens a question, it names nobody; an undefined 'the Company' in a filing is the filer
    row("Let's talk numbers. The fleet stood at 22,000 GPUs in December.", ("chip_count", 22000, "chips", [], None)),
    row("Orbis Holdings filed its annual report on Monday. The Company expects capital expenditures of $3.1 billion"
        " in fiscal 2027.", ("budget", 3.1 * B, "USD", ["Orbis Holdings"], None)),
    # a price clause opening on a pronoun is the seller named in the sentence before
    row("Siam Compute opened a new hall in Chonburi. It rents H100 capacity at about 80 baht per GPU-hour.",
        ("unit_price", 80, "THB", ["Siam Compute"], "H100")),
    row("Resellers are busy. Prices for an H100 hover near $2 per GPU-hour.", ("unit_price", 2, "USD", [], "H100")),
    # a name opening the sentence as an owner is the owner; a description ('Singtel-owned') is no name
    row("Pellion's GPU cloud lists an H200 at $4.10 per GPU-hour.", ("unit_price", 4.10, "USD", ["Pellion"], "H200")),
    row("The Orbis-owned operator plans 3,000 H200s at its Tuas site.", ("chip_count", 3000, "chips", [], "H200")),
    row("Halvard Bank lent us $1.4 billion for the build.", ("budget", 1.4 * B, "USD", None, None)),  # 'us' no prefix
    # 'the Fund' after 'the National Compute Fund': the institution by its head noun
    row("The Pellucid Compute Fund opened its second round on Monday. Through this round the Fund adds 6,000 GPUs"
        " to the shared pool.", ("chip_count", 6000, "chips", ["Pellucid Compute Fund"], None)),
    row("The fund will buy 2,000 GPUs.", ("chip_count", 2000, "chips", [], None)),  # negative: lower case, no name
    # negative: one capitalized heading the article never names again is a topic
    row("Orbitra Cloud said on Monday that it would keep building.\n\nKEY NUMBERS\nThe company expects to spend"
        " about $3 billion next year.", ("budget", 3 * B, "USD", ["Orbitra Cloud"], None)),
    row("Operator: Welcome to Orbitra's third-quarter earnings call. Please go ahead.\n\n"
        "Dana Holt, Chief Financial Officer: Thanks. We ended the quarter with about 90,000 GPUs in service.\n\n"
        "Sam Ruiz, Kestrel Securities: Thanks, Dana. A report said you ordered 40,000 more accelerators from Nvidia."
        " Is that right?\n\nDana Holt: We do not comment on reports. About $2 billion of next year's budget is"
        " already committed to suppliers.",
        ("chip_count", 90000, "chips", ["Orbitra"], None), ("chip_count", 40000, "chips", ["Orbitra"], None),
        ("budget", 2 * B, "USD", ["Orbitra"], None)),
    row("We sat down with Rhea Lind, chief technology officer at Orbitra Cloud.\n\n"
        "TR: Your last letter put the fleet at 22,000 GPUs. What is it today?\n\n"
        "Lind: A little over 31,000 in production across our three sites.\n\n"
        "TR: And the budget for this year, in round numbers?\n\n"
        "Lind: Our capex budget for 2026 is $2.1 billion, most of it silicon.",
        ("chip_count", 22000, "chips", ["Orbitra Cloud"], None),
        ("chip_count", 31000, "chips", ["Orbitra Cloud"], None), ("budget", 2.1 * B, "USD", ["Orbitra Cloud"], None)),
    row("March 3 (Harbor Wire) - Technology groups have lined up more than $500 billion of AI spending for 2026.",
        ("budget", 500 * B, "USD", [], None)),
    row("| Company | GPUs |\n|---|---|\n| Orbitra | 12,000 |\n| Others | 3,000 |\n| Total | 15,000 |",
        ("chip_count", 12000, "chips", ["Orbitra"], None), ("chip_count", 3000, "chips", [], None),
        ("chip_count", 15000, "chips", [], None)),
    # a company's own page (its furniture names it): 'we' and 'our' are the company, in the short name it uses
    row("Vantor Blog\n\nOur year in numbers\n\nWe spent $2.3 billion on capital expenditures in 2025, and our fleet "
        "reached 14,000 GPUs.",
        ("budget", 2.3 * B, "USD", ["Vantor"], None), ("chip_count", 14000, "chips", ["Vantor"], None)),
    row("Pellio Cloud adds Oslo region\n\nPellio will rent H200s from $2.80 an hour. We have ordered 2,048 more H200s, "
        "and we pay Dell about $31,000 per GPU.\n\nAbout Pellio Cloud\nPellio Cloud runs GPU clusters in Norway.",
        ("unit_price", 2.8, "USD", ["Pellio"], "H200"), ("chip_count", 2048, "chips", ["Pellio"], "H200"),
        ("unit_price", 31000, "USD", ["Dell"], None)),
    # ... and a price no clause gives a party is its list price; not on an outlet's page
    row("Pellio Cloud Blog\n\nStarting today, on-demand H200 capacity costs $2.60 per GPU-hour.",
        ("unit_price", 2.6, "USD", ["Pellio Cloud"], "H200")),
    row("Harbor News\n\nOn-demand H200 capacity costs $2.60 per GPU-hour at most clouds.",
        ("unit_price", 2.6, "USD", [], "H200")),
    # negative: an outlet's page has no publisher; a quoted 'we' is the speaker's company
    row("Harbor News\n\n\"We will buy 5,000 GPUs this year,\" said Ines Ode, chief executive of Pellio.",
        ("chip_count", 5000, "chips", ["Pellio"], None)),
    # a name set off as a product by an apposition is the product its users are counted for
    row("ChatGPT topped the chart with 4 million users. Quorra, the AI assistant run by Tamsin Mobile, slid to "
        "2.2 million users in May.",
        ("user_count", 4 * M, "users", ["ChatGPT"], None), ("user_count", 2.2 * M, "users", ["Quorra"], None)),
    row("ChatGPT topped the chart with 4 million users. Pibbo, a homework-help app from Seoul, came third with "
        "870,000 users.",
        ("user_count", 4 * M, "users", ["ChatGPT"], None), ("user_count", 870000, "users", ["Pibbo"], None)),
    # ... and so is a name set right after an owner's app noun; a metric there is no name
    row("Its app, Vesper, claims 410 million weekly active users.", ("user_count", 410 * M, "users", ["Vesper"], None)),
    row("Tamsin's assistant Quorra hit 12 million monthly active users in May.",
        ("user_count", 12 * M, "users", ["Quorra"], None)),
    row("The Vesper app is growing. Its app MAU of 410 million compares with 300 million a year earlier.",
        ("user_count", 410 * M, "users", ["Vesper"], None), ("user_count", 300 * M, "users", ["Vesper"], None)),
    # a capitalized common noun opening a line or sentence, written in lower case elsewhere, is no party
    row("Key numbers\n• Tokens processed in March: 4.2 quadrillion\n\nThe tokens came from Orbitra's platform.",
        ("token_volume", 4.2e15, "tokens", ["Orbitra"], None)),
    # a person the article introduced with a title is no party when named again by surname
    row("Orbitra chief executive Hana Lindell opened the call. Lindell says on-demand H200 instances now list at "
        "$3.40 an hour.",
        ("unit_price", 3.4, "USD", [], "H200")),
    # negative: an opening adverb or a weekday set off like a name is no product; a founder's surname that the
    # company bears stays a party; a reader's 'you' on a company's page is not the company
    row("Orbitra launched the Vela app in May. Today, the assistant has 4 million weekly users.",
        ("user_count", 4 * M, "users", ["Vela"], None)),
    row("Brightwater launched its assistant Monday, and the Lumo app passed 3 million users.",
        ("user_count", 3 * M, "users", ["Lumo"], None)),
    row("Dell Technologies chief executive Michael Dell spoke on Tuesday. Dell will buy 20,000 H200 GPUs.",
        ("chip_count", 20000, "chips", ["Dell"], "H200")),
    row("Lumenary Engineering Blog\n\nWe run 9,000 GPUs across two halls.",
        ("chip_count", 9000, "chips", ["Lumenary"], None)),
    row("- Suppose Orbitra bought 40,000 H100 GPUs."),
    row("Harbor Wire Newsroom\n\nWe run 9,000 GPUs in two halls.", ("chip_count", 9000, "chips", [], None)),
    row("Vantor Newsroom\n\nWe run 9,000 GPUs in two halls.", ("chip_count", 9000, "chips", ["Vantor"], None)),
    # a name described as a source is one throughout; a list row's '(Maker) - 3.2 million' is no dateline
    row("According to app analytics firm Tallyfold, the Vela app had 4 million users in May.\n\n"
        "Tallyfold's panel covers Android only. The carrier said it will spend $300 million on GPUs.",
        ("user_count", 4 * M, "users", ["Vela"], None), ("budget", 300 * M, "USD", [], None)),
    # a ranked list: its number is a bullet, the caption over a bracketed note types and dates its rows, and the
    # bracket names a product's maker, not the product
    row("Top AI apps by MAU, May 2026\n(change on April in brackets)\n1. Vela (Orbitra) - 3.21 million (+2%)\n"
        "2. Quorra (Tamsin Mobile) - 1.1 million (-4%)",
        ("user_count", 3.21 * M, "users", ["Vela"], None), ("user_count", 1.1 * M, "users", ["Quorra"], None)),
    # negative: a numbered section title with no figure stays a heading
    row("2) USERS\n\nThe Vela app has 3 million weekly users.", ("user_count", 3 * M, "users", ["Vela"], None)),
    # an app named last holds no fleet: the figure falls back to the page's party; a judge is a person, no party
    row("Vantor Blog\n\nThe Lumo app passed 3 million weekly users. At the end of June the fleet stood at "
        "9,000 GPUs.",
        ("user_count", 3 * M, "users", ["Lumo"], None), ("chip_count", 9000, "chips", ["Vantor"], None)),
    row("Arcturus agreed to buy the servers. Judge Alma Reyes approved the sale. The buyer already runs about "
        "9,000 GPUs.",
        ("chip_count", 9000, "chips", ["Arcturus"], None)),
    # a noun that needs context ('cards') counts chips through the whole article once it is written after a chip
    # word somewhere ('Ascend cards'); in an article that never does, it stays no chip
    row("In Zhongwei, 50,000 Ascend cards sit in one hall. A robotics start-up used its vouchers. It rented 256 cards "
        "for three months.",
        ("chip_count", 50000, "chips", None, None), ("chip_count", 256, "chips", None, None)),
    row("The club printed 256 cards for its members.",),
    # a figure typed by the noun before it in its clause is the antecedent of a bare one later in its sentence
    row("Tokens served on the Vantor platform reached 4.8 trillion a day in July, compared with 1.9 trillion in "
        "January.",
        ("token_volume", 4.8 * T, "tokens", None, None), ("token_volume", 1.9 * T, "tokens", None, None)),
    # negative: a table cell typed by its column is no antecedent for the next cell
    row("App MAU (millions)\n\n| App | MAU | Downloads |\n|---|---|---|\n| Vela | 31.4 | 12.2 |",
        ("user_count", 31.4 * M, "users", ["Vela"], None)),
    # a price tracker: a second header row of units under month columns written in capitals, the product first in
    # each row and the distributor quoting it later (the row's party); a form factor with its memory is no name
    row("PRODUCT           QUOTED BY          MAR 2026    APR 2026\n"
        "                                     (US$/unit)  (US$/unit)\n"
        "----------------  -----------------  ----------  ----------\n"
        "H200 SXM 141GB    Brenholt Supply        30,100      29,400",
        ("unit_price", 30100, "USD", ["Brenholt Supply"], "H200"),
        ("unit_price", 29400, "USD", ["Brenholt Supply"], "H200")),
    # a quotation may close between the figure and its noun; a measure after a bare figure continues no count
    row('Orbitra brought "just over 18,000" GPUs online in the quarter.',
        ("chip_count", 18000, "chips", None, None)),
    row('The site would house "close to 50,000" Nvidia GPUs by 2027, with the first 120 MW online this year.',
        ("chip_count", 50000, "chips", None, None)),
    # a ranked list line whose label is an app counts the app's users; a later figure on the line does not
    row("How we ranked: by the figure each company discloses.\n\n1. Gemini — 610m\n2. ChatGPT — 480m weekly",
        ("user_count", 610 * M, "users", ["Gemini"], None), ("user_count", 480 * M, "users", ["ChatGPT"], None)),
    row("• Perplexity: 31M MAU in March, per a deck we saw. Team now ~900.",
        ("user_count", 31 * M, "users", ["Perplexity"], None)),
    # a tender's lots: a unit-price column prices its cells, a lot-value column is the buyer's budget; a plain
    # 'Cost' column prices nothing per unit
    row("Table 2 – Lots (2026). Amounts in EUR, excluding VAT.\n\n| Lot | Description | Max. unit price | Lot value |\n"
        "|---|---|---|---|\n| 1 | HGX H200 server | 305,000 | 29,280,000 |",
        ("unit_price", 305000, "EUR", None, "H200"), ("budget", 29280000, "EUR", None, None)),
    row("Table 3 – Projects. Amounts in EUR.\n\n| Project | Cost |\n|---|---|\n| Campus A | 4,200,000 |"),
    # a country's cell before the party's own in a row: the party; a region's row names no party
    row("Country      End user          Chip      Units\nOman         Sahra Compute     H200      3,500\n"
        "Chile        Andes Nube        B200      1,200",
        ("chip_count", 3500, "chips", ["Sahra Compute"], "H200"),
        ("chip_count", 1200, "chips", ["Andes Nube"], "B200")),
    row("Mean on-demand rate, US$ per GPU-hour\n\n| Region | H100 |\n|---|---|\n| Asia-Pacific | 2.46 |\n"
        "| Western Europe | 2.31 |",
        ("unit_price", 2.46, "USD", [], "H100"), ("unit_price", 2.31, "USD", [], "H100")),
    # negative: a country alone in its row stays the row's party (a national programme's table)
    row("| Country | Public AI compute budget |\n|---|---|\n| Norway | $1.1 billion |",
        ("budget", 1.1 * B, "USD", ["Norway"], None)),
    row("Tokens served through the platform reached 3 trillion a day in May, Orbitra said.",
        ("token_volume", 3 * T, "tokens", ["Orbitra"], None)),
    # 11. precision: none of these is a fact
    row("Four GPU cloud operators and two GPU cloud firms applied."),
    # a gain or a loss of users is no count of them; paying subscribers are not active users; economic impact
    row("Kitebot shed about 2.2 million monthly users after the paywall, while Orbi added 12 million weekly users."),
    row("Pellio said 31 million people now pay for Lumo Plus."),
    row("The AI campus will contribute AED40 billion to the national economy by 2031."),
    # a small price right after a per-token price prices tokens too; a GPU-hour rate there keeps its unit
    row("Pellio lists its flagship at $3 per million input tokens; its small model costs $0.20 and $0.80."),
    row("Pellio lists its model at $3 per million tokens. Renting an H100 costs $1.90 an hour.",
        ("unit_price", 1.9, "USD", None, "H100")),
    # a prompt's or an answer's size, or a word conversion, is no provider's token volume
    row("In English, 1 token is roughly four characters, so 1,000 tokens come to about 750 words."),
    row("A question of 1,500 tokens that gets a 400-token answer costs little."),
    row("The ministry pledged £145 million for skills and AI fellowships."),
    row("The campaign will spend $500 million on user subsidies."),
    row("Kestrel has budgeted 3 billion yuan for coupons during the festival."),
    # a worked example, a stake, a valuation, consumers' spend and a paragraph number are no facts
    row("Suppose Vela reached 2 billion weekly users and each paid $10 a month."),
    row("A one-gigawatt campus holds, say, 500,000 accelerators."),
    row("A buyer paying, say, $30,000 per H100 GPU would wait a year."),
    row("Ghaf Capital bought a 49 per cent stake in Wahat AI for Dh4 billion, which valued the company at about "
        "Dh8.2 billion."),
    row("Consumers spent $287 million inside AI assistant apps in March."),
    row("(Corrects chip count in paragraph 1 after the company revised its statement)"),
    # a server's contents in brackets are its spec; a bracketed count of racks is a count
    row("| 1 | HGX H200 server (8 GPUs each) | 96 |", ("chip_count", 96, "chips", None, None)),
    # a key-figure label yields to the figure's own noun in its sentence
    row("USERS: the Vela app hit 75 million monthly active users in May, and paying subscribers passed 3 million.",
        ("user_count", 75 * M, "users", ["Vela"], None)),
    # a city's computing vouchers fund compute (a programme's budget); shoppers' vouchers do not
    row("Suzhou Triples Computing Vouchers to 300 Million Yuan", ("budget", 300 * M, "CNY", None, None)),
    row("The app handed out 50 million yuan in shopping vouchers over the holiday."),
    row("Alibaba has budgeted 3 billion yuan for new data centres.", ("budget", 3 * B, "CNY", ["Alibaba"], None)),
    row("Its order backlog rose to $30 billion."),
    row("Training the model cost about $6 million in compute.", marks=todo("one training run's cost")),
    row("Spending came in $5 billion higher than expected.", marks=todo("a difference is not a budget")),
    row("The firm hired 2,000 engineers after buying 10,000 GPUs.", ("chip_count", 10000, "chips", None, None)),
    row("It sells an 8-GPU server."),
    row("Vantor denies a 50,000-chip order.", ("chip_count", 50000, "chips", None, None)),
    row("Its racks, each holding 72 GPUs, ship in May."),
    row("Prices fell to $0.20 per million input tokens."),
    row("Power costs $60 per megawatt-hour there."),
    row("Nvidia expects a $5.5 billion charge tied to its inventory."),
    row("The three groups asked for roughly 1.2 million H20s, according to two of the people.",
        ("chip_count", 1.2 * M, "chips", None, "H20")),
    row("H100 spot prices ranged from $1.10 to $2.60 an hour.", ("unit_price", (1.10, 2.60), "USD", None, "H100")),
    row("Thirty percent of them run on H100s."),
    # an accounting statement: '$' on the first row only, the scale in the lead-in
    row("Our purchase obligations were as follows (in millions):\n\n"
        "                                Fiscal 2027     Later\n"
        "GPU servers and networking      $  3,870   $  1,240\n"
        "Data center construction             905        610\n",
        ("budget", 3870 * M, "USD", None, None), ("budget", 1240 * M, "USD", None, None),
        ("budget", 905 * M, "USD", None, None), ("budget", 610 * M, "USD", None, None)),
    # an app ranking's money column is consumer spend, not a budget
    row("Top assistant apps, Q3\n\n| App | MAU (millions) | Q3 spend ($M) |\n|---|---|---|\n"
        "| ChatGPT | 512.4 | 742.0 |", ("user_count", 512.4 * M, "users", ["ChatGPT"], None)),
    # a caption's number, clouds and labs counted, lots, floor space, a hypothetical cluster
    row("Table 2: AI infrastructure capex, actual and estimated"),
    row("We raise our estimates for the four European GPU clouds we track."),
    row("A Dubai trader asked $16,000 each for H100 cards in lots of 16 or more.",
        ("unit_price", 16000, "USD", None, "H100")),
    row("The campus will grow by a further 40,000 square metres next year."),
    row("Consider a hypothetical 1,000-GPU inference cluster."),
    # exchange rates, context windows, consumer spend, a PUE, a valuation, a budget quoted for scale, agents
    row("Amounts are translated at an exchange rate of $1.09 per euro."),
    row("This story converts at R$5.40 per dollar."),
    row("The service caps context at 200k tokens for now."),
    row("Models with 2M-token context windows win agent traffic."),
    row("It can read 2 million tokens in a single prompt."),
    row("Consumer spending on chatbot apps hit $900 million in the quarter."),
    row("Its subscribers generated $310 million in gross spend."),
    row("The hall runs at a PUE of 1.15."),
    row("Kestrel is now worth about $900 billion."),
    row("France's entire defence budget is about €50 billion."),
    row("The chips went through three server assemblers, according to two industry executives."),
    row("The order is worth roughly $700 million.", ("budget", 700 * M, "USD", None, None)),  # an order is spending
    # Part Q (this session). A column dated with a state word ('Live, Jun 30 2026') keeps the caption's noun; a
    # corner naming places ('Market', 'Region') lists the captioned holder's places, not parties
    row("Orvane Cloud GPU fleet by market\n\nMarket    | Live, Sep 30 2026 | Contracted, end-2027\n"
        "Norway    | 1,536             | 3,072\nTotal     | 2,048             | 4,096",
        ("chip_count", 1536, "chips", ["Orvane Cloud"], None), ("chip_count", 3072, "chips", ["Orvane Cloud"], None),
        ("chip_count", 2048, "chips", ["Orvane Cloud"], None), ("chip_count", 4096, "chips", ["Orvane Cloud"], None)),
    row("Brightvale Networks accelerator sites\n\nSite | Installed (Dec 2025) | 2027 target\nTromso | 800 | 2,400",
        ("chip_count", 800, "chips", ["Brightvale Networks"], None),
        ("chip_count", 2400, "chips", ["Brightvale Networks"], None)),
    # negative: a corner naming parties keeps each row's own name; a market's price table names no holder
    row("GPUs by operator\n\nOperator | Live, Sep 30 2026 | Planned, 2027\nKestrel Cloud | 1,536 | 2,000",
        ("chip_count", 1536, "chips", ["Kestrel Cloud"], None), ("chip_count", 2000, "chips", ["Kestrel Cloud"], None)),
    row("Survey of on-demand H100 rates by Tallis Research\n\nRegion | H100 ($/hr)\nNordics | 2.40",
        ("unit_price", 2.40, "USD", [], "H100")),
    # a chip acronym after a name heads the holding, it is no part of the name nor the chips' brand
    row("Kestrel Cloud's GPU fleet grew to 5,000 units last year, the company said.",
        ("chip_count", 5000, "chips", ["Kestrel Cloud"], None)),
    row("The Orvane Cloud GPU capacity rose to 7,000 chips in June.",
        ("chip_count", 7000, "chips", ["Orvane Cloud"], None)),
    row("Orvane will buy 2,000 Nvidia GPUs this year.", ("chip_count", 2000, "chips", ["Orvane"], None)),
    # a page that declares its dollar means it by every bare '$', in prose and in a '$m' caption
    row("All figures are Australian dollars unless stated.\n\nThe Tasman Compute Fund will invest $90 million in "
        "GPU capacity, alongside a US$40 million loan.",
        ("budget", 90 * M, "AUD", ["Tasman Compute Fund"], None), ("budget", 40 * M, "USD", None, None)),
    row("Amounts in NZ$.\n\nCompute budget by year ($m)\n\nProgramme              2026/27   2027/28    Total\n"
        "Kauri AI Compute Fund     40.0      25.0     65.0",
        ("budget", 40 * M, "NZD", ["Kauri AI Compute Fund"], None),
        ("budget", 25 * M, "NZD", ["Kauri AI Compute Fund"], None),
        ("budget", 65 * M, "NZD", ["Kauri AI Compute Fund"], None)),
    # negative: a page in euros leaves a quoted dollar figure in US dollars
    row("All figures in EUR.\n\nOrvane will spend $2 billion on data centres.",
        ("budget", 2000 * M, "USD", ["Orvane"], None)),
    # a podcast transcript: 'we' is the company its guest is introduced with, not the chip maker the host asks about
    row("Inside Orvane Cloud: CFO Jane Roe on chips | The Rack Pod, Ep. 12\n\n[00:00:04] MIKE STONE: Welcome back to "
        "the show. My guest today is Jane Roe, chief financial officer at Orvane Cloud.\n\n[00:00:12] JANE ROE: Thanks "
        "for having me on the show, Mike.\n\n[00:00:15] STONE: What does Nvidia charge you these days, and how much "
        "are you spending?\n\n[00:00:21] ROE: We are spending about two billion dollars this year, mostly on Nvidia "
        "systems. We run roughly twelve thousand GPUs today.\n\n[00:00:40] STONE: Thanks, Jane, that is all the time "
        "we have.",
        ("budget", 2000 * M, "USD", ["Orvane Cloud"], None), ("chip_count", 12000, "chips", ["Orvane Cloud"], None)),
    # the owner of a cited document is a party; a cited research firm is not
    row("According to Orvane's investment plan, it will house 6,144 Nvidia B200 accelerators.",
        ("chip_count", 6144, "chips", ["Orvane"], "B200")),
    row("According to Brightline Analytics, Orvane runs 6,000 GPUs.", ("chip_count", 6000, "chips", ["Orvane"], None)),
    # 'the company' is the party that opened a sentence since the figure before, never a product
    row("Orvane cuts GPU prices; Lumo assistant tops 4 million users\n\nKestrel Cloud will lower on-demand prices "
        "from June 1, the provider said on Tuesday. The flagship H100 instance in the company's Virginia region drops "
        "to $2.19 per GPU-hour.",
        ("user_count", 4 * M, "users", ["Lumo"], None), ("unit_price", 2.19, "USD", ["Kestrel Cloud"], "H100")),
    # negative: a counterparty named mid-sentence since the figure before is not 'the company'
    row("Oracle said it will spend $35 billion on data centres this year, part of its contract with OpenAI. Co-CEO "
        "Clay Magouyrk told analysts the company has more than 400,000 GPUs on order.",
        ("budget", 35000 * M, "USD", ["Oracle"], None), ("chip_count", 400000, "chips", ["Oracle"], None)),
    # '¥' read by the nearest city or company first, then by the page: a Tokyo item in a roundup about China
    row("Alibaba will spend ¥380 billion on AI infrastructure. Baidu and Tencent also raised budgets.\n\nTokyo's "
        "Hoshizora Cloud raised its GPU spending plan to ¥62 billion.",
        ("budget", 380000 * M, "CNY", ["Alibaba"], None), ("budget", 62000 * M, "JPY", ["Hoshizora Cloud"], None)),
    # a conversion right after a typed amount is the same money, whatever cue stands near ('charge'), also after a
    # unit's qualifier ('per GPU-hour on H200 capacity')
    row("We charge start-ups AED 7.50 per GPU-hour on H200 capacity, about $2.04.",
        ("unit_price", 7.50, "AED", None, "H200"), ("unit_price", 2.04, "USD", None, "H200")),
    row("It booked revenue of AED 70 million, about $19 million."),  # negative: a distractor converted stays one
    # a column named by a name (a source, a market) counts what its caption counts
    row("July 2026 MAU, millions\n\nApp      | DataHarbor | TrendLens\nQingniao | 212        | 187",
        ("user_count", 212 * M, "users", ["Qingniao"], None), ("user_count", 187 * M, "users", ["Qingniao"], None)),
    # negative: a column of a common word names its own measure
    row("GPU clouds, 2026\n\nCompany | Revenue | Staff\nOrvane Cloud | 212 | 187\n\nOur revenue grew; staff too."),
    # a project's total cost is its budget; 'further' between a count and its chip
    row("The total cost of the project is $94 million, including the machine and five years of maintenance.",
        ("budget", 94 * M, "USD", None, None)),
    row("Orvane Cloud could add up to 12,000 further B200s by the end of 2028.",
        ("chip_count", 12000, "chips", ["Orvane Cloud"], "B200")),
    # 'charge' the verb prices; 'a charge' the noun is an accounting item
    row("Hoshizora will charge ¥560 per GPU-hour for B300 instances and ¥780 on demand, compared with ¥410 for H200 "
        "instances.",
        ("unit_price", 560, "CNY", ["Hoshizora"], "B300"), ("unit_price", 780, "CNY", ["Hoshizora"], "B300"),
        ("unit_price", 410, "CNY", ["Hoshizora"], "H200")),
    row("Orvane took a $2 billion charge on older GPUs."),
    row("Orvane booked a charge of $300 million."),
    # a named chip priced with 'at' or 'for', a list price under the product's name, a list price per chip
    row("An H100 at $2.30 is comfortable; a B200 at $4.45 is still printing money.",
        ("unit_price", 2.30, "USD", [], "H100"), ("unit_price", 4.45, "USD", [], "B200")),
    row("Analysts put a B300 at between $40,000 and $50,000.", ("unit_price", (40000, 50000), "USD", [], "B300")),
    row("Kestrel Rack 64\n\nFully configured list price: $2.4 million.", ("unit_price", 2.4 * M, "USD", None, None)),
    row("- KX-9: $28,500 list per chip", ("unit_price", 28500, "USD", None, None)),
    # negative: a cluster bought for an amount is a budget; a count bought for an amount is not priced per unit
    row("Orvane bought an A100 cluster for $300 million.", ("budget", 300 * M, "USD", ["Orvane"], None)),
    # a part named after its amount ('$1.6 billion of that'); 'N of them' counts the noun its sentence named
    row("Ridgeline will spend $2.5 billion on the campus. Roughly $1.6 billion of that is for computing equipment.",
        ("budget", 2500 * M, "USD", ["Ridgeline"], None), ("budget", 1600 * M, "USD", ["Ridgeline"], None)),
    row("Customers are sampling KX-9 chips, and Halcyon AI has committed to 50,000 of them for its Ohio build.",
        ("chip_count", 50000, "chips", ["Halcyon AI"], None)),
    row("Two of them said the plan was sound."),  # negative: no count noun before
    # a product between the figure and its noun is its item, past an adjective of generation
    row("Orvane Cloud already runs 12,000 of the previous-generation H100 chips.",
        ("chip_count", 12000, "chips", ["Orvane Cloud"], "H100")),
    # D13 short names: a name written alone at a sentence's end counts; 'Capital', 'Systems' are designators
    row("Orvane Capital will spend $2 billion on GPUs this year. Analysts doubt Orvane.",
        ("budget", 2000 * M, "USD", ["Orvane"], None)),
    row("A note on Cirrus. In our last report we put Cirrus AI's volume at 52 trillion tokens a day.",
        ("token_volume", 52 * T, "tokens", ["Cirrus"], None)),
    # a maker before a model with digits and a chip noun is the chips' brand, not the buyer
    row("Shenzhen-based Hanyun Technology ordered 12,000 Huawei Ascend 910C processors worth 1.5 billion yuan.",
        ("chip_count", 12000, "chips", ["Hanyun Technology"], "Ascend 910C"),
        ("budget", 1500 * M, "CNY", ["Hanyun Technology"], None)),
    # specs, references and numbering are no figures: a box's contents, a spec table's per-node columns, a thread's
    # post numbers, a note's number, a filing's name and page
    row("Secondary market: used HGX H100 boxes (8 GPUs each) are hard to find."),
    row("Meta and Oracle bought 5,000 GPUs each last year.",  # a count per party is no spec
        ("chip_count", 5000, "chips", ["Meta", "Oracle"], None)),
    row("Model   | Accelerator | GPUs/node | Nodes/rack\nHX-880A | B300        | 8         | 4"),
    row("Orvane ordered 20,000 B200s in March.\n\n8/ Pellucid's rival hit 12M weekly users in June.",
        ("chip_count", 20000, "chips", None, "B200"), ("user_count", 12 * M, "users", None, None)),
    row("Orvane ordered 20,000 B200s (see Teardown Note #24 and the 10-Q, p. 14).",
        ("chip_count", 20000, "chips", None, "B200")),
    # a thought experiment's figures; pay, taxes and a county's general fund are no capacity budgets
    row("A thought experiment, for scale: a new buyer with $1 billion would get perhaps 18,000 GPUs."),
    row("The campus would create 120 jobs paying an average of $78,000 a year."),
    row("The county's entire general fund is $61 million, and the tax break is worth $88 million."),
    # 'priced from' is a price and a lower bound at once
    row("Aurelion showed a deskside box priced from US$92,000.", ("unit_price", 92000, "USD", None, None)),
    # a description of two words before a name; a demonym before a product noun names no product; a month is no
    # name opening a sentence
    row("The borrower, São Paulo-based Atlântica Data, plans to invest R$6.2 billion in the campus.",
        ("budget", 6200 * M, "BRL", ["Atlântica Data"], None)),
    row("The Brazilian assistant crossed 33 million weekly users in September.",
        ("user_count", 33 * M, "users", [], None)),
    row("Jan list was $3.10 per hour.", ("unit_price", 3.10, "USD", [], None)),
    # a Japanese disclosure table: a bracketed '(Unit: 100 million yen)' note scales and prices the cells, columns
    # dated with 'result' and 'plan', a row that names what the money buys and, in brackets, who spends it
    row("Hoshizora Group: AI infrastructure investment\n(Unit: 100 million yen)\n\n"
        "                                FY2025 result   FY2026 plan\n"
        "GPU servers (HDI)                       1,150         2,900",
        ("budget", 115000 * M, "JPY", ["HDI"], None), ("budget", 290000 * M, "JPY", ["HDI"], None)),
    # a whitespace table whose right-aligned figures stand two spaces apart: one cell each, dated by their column
    row("Use of proceeds (₹ crore)\nParticulars                                Total     FY27     FY28\n"
        "Capital expenditure on GPU servers       1,650.0  1,100.0    550.0",
        ("budget", 16500 * M, "INR", None, None), ("budget", 11000 * M, "INR", None, None),
        ("budget", 5500 * M, "INR", None, None)),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_news_forms(nlp, text, expected):
    got = facts_of(nlp, text)
    assert [brief(f, e) for f, e in zip(got, expected, strict=False)] == [norm(e) for e in expected]
    assert len(got) == len(expected), [f["text"] for f in got]


PERIODS = [
    # 10. periods as outlets state them
    # 'plans' the noun is no future cue; 'ships in August' is; 'of a year earlier' dates a noun, not the figure
    ("Iara, bundled with postpaid plans, reached 14 million monthly active users in August.", "2026-09-15",
     ["2026-08"]),
    ("The first order, 960 B300 GPUs for a university, ships in August.", "2026-06-04", ["2026-08"]),
    ("The platform processed 1.9 quadrillion tokens in June, or roughly 63 trillion a day, nearly triple the volume "
     "of a year earlier.", "2026-07-29", ["2026-06", "2026-06"]),
    # a wire headline in capitals dates its figure as prose would
    ("16:09 ET  ALDERMOOR CFO: TO TAKE DELIVERY OF ABOUT 180,000 B300 GPUS THIS YEAR", "2026-07-29", ["2026"]),
    ("16:34 ET  ALDERMOOR: PLATFORM PROCESSED 1.9 QUADRILLION TOKENS IN JUNE", "2026-07-29", ["2026-06"]),
    # a fiscal year written with a slash is the year it ends in (D19), in prose and over a column
    ("Funding: $62 million capital (2026/27)", "2026-05-20", ["2027"]),
    ("The ministry will invest NZ$85 million in GPU capacity in 2026/27.", "2026-05-20", ["2027"]),
    ("Compute budget ($m)\n\nProgramme              2026/27   2027/28\nKauri AI Compute Fund     40.0      25.0",
     "2026-05-20", ["2027", "2028"]),
    # month columns in capitals date their cells
    ("PRODUCT           QUOTED BY          MAR 2026    APR 2026\n"
     "                                     (US$/unit)  (US$/unit)\n"
     "H200 SXM 141GB    Brenholt Supply        30,100      29,400", "2026-04-20", ["2026-03", "2026-04"]),
    # a column header that is a full date dates its cells to the day; the caption still types them
    ("GPU fleet by model (GPUs in service)\n\n| Model | March 31, 2026 | 31 Dec 2025 |\n|---|---|---|\n"
     "| NVIDIA H100 | 18,400 | 18,300 |", "2026-05-13", ["2026-03-31", "2025-12-31"]),
    # numbered entries with key-value lines under a dated section title take its date
    ("Ministry names GPU grant winners\n\nGrant recipients (fiscal 2026 round)\n\n"
     "1. Pellio Cloud (Osaka)\n   GPUs: 9,600\n\n"
     "2. Harbor Compute (Kobe)\n   GPUs: 3,456", "2026-04-24", ["2026", "2026"]),
    # negative: a slide title does not date the next slide's lines
    ("SLIDE 7 | 2027 framework\n- Capex: $30bn+\n\nSLIDE 8 | Pricing\n- H100 on-demand list: $2.10 / GPU-hr",
     "2026-04-24", ["2027", None]),
    # a bare month in the prose of a timeline's year section takes the section's year; a later heading ends it
    ("Pellio Cloud, 2022-2026\n\n2024\n\nIn March it bought 6,144 more H100s.\n\nWhat's left\n\n"
     "The remaining 4,192 H100s will be sold in March.", "2026-02-18", ["2024-03", "2026-03"]),
    # a grouped exhibit's columns date every cell, also a row that is part of the one above
    ("Exhibit 3\nCapex in US$bn\n\n                       2025A     2026E\nCapital expenditure\n"
     "  Pellio Cloud .........      6.2      10.8\n    of which GPUs ......      4.4       7.9", "2026-01-14",
     ["2025", "2026", "2025", "2026"]),
    # a follow-up question dates its answer; the question before it types it
    ("Q: What is the capital budget for this year?\nA: NOK 4.2 billion.\n\nQ: And in 2025?\nA: Around NOK 2.6 "
     "billion.", "2026-06-03", ["2026", "2025"]),
    # fiscal column labels with an estimate's mark date their cells
    ("BROKER ESTIMATES: PELLIO CLOUD ($ bn unless stated)\n                    FY26E     FY27E\n"
     "Capex (new)         118.0     142.0", "2026-03-12", ["2026", "2027"]),
    # a table under 'Week ending April 12, 2026' is the week's month (D36)
    ("Week ending April 12, 2026\n\n| Model | Tokens |\n|---|---|\n| Vela 3 | 3.41T |", "2026-04-13", ["2026-04"]),
    # a list's caption dates its rows, not the bracketed note under it, nor a date line a blank line above
    ("Top AI apps by MAU, May 2026\n(change on April in brackets)\n1. Vela (Orbitra) - 3.21 million (+2%)",
     "2026-06-10", ["2026-05"]),
    ("Friday, May 16, 2025\n\nWhat you need to know:\n• Orbitra will buy 18,000 GPUs.", "2025-05-16", [None]),
    ("We want to reach 100,000 GPUs by end-2026.", "2025-06-15", ["2026"]),
    ("Kestrel guided to $40 billion to $44 billion in 2026 capital expenditures.", "2026-02-01", ["2026"]),
    ("Lumen plans to buy 60,000 GPUs over the next two years and has lifted 2027 capex to $2 billion.",
     "2026-01-10", [None, "2027"]),
    ("Orbitra will deploy 1.5 million chips by mid-2027.", "2025-06-15", ["2027"]),
    ("The first 4,000 GPUs will arrive before Lunar New Year.", "2026-01-08", ["2026-02"]),
    ("Pico had 400 million users at the start of the year.", "2026-03-01", ["2026-01"]),
    ("Its models served 4 trillion tokens at the end of last year.", "2026-03-01", ["2025-12"]),
    ("Kestrel will add 32,000 GPUs by the end of next year.", "2025-06-15", ["2026"]),
    ("A used H100 changed hands at about $18,000 over the Thanksgiving weekend.", "2026-11-30", ["2026-11"]),
    # a month with 'last year'/'next year', 'this fiscal year', a week's closing day, a deadline ahead or behind
    ("It serves 2.6 trillion tokens a day, against 400 billion a day in June last year.", "2026-06-09",
     [None, "2025-06"]),
    ("Kestrel will install roughly 5,000 GPUs this fiscal year.", "2026-05-22", ["2026"]),
    ("Pellion routed 31.6 trillion tokens in the week ending April 12.", "2026-04-14", ["2026-04"]),
    ("The plan says 55,000 GPUs by December.", "2026-04-14", ["2026-12"]),
    ("The first 4,000 GPUs should land in June, the rest in the autumn.", "2026-04-14", ["2026-06"]),
    ("Its assistant had climbed to 150 million users by October.", "2026-04-14", ["2025-10"]),  # negative: behind
    # a comparison word right before a figure splits the sentence in two halves with their own dates
    ("Volumes grew to 2.3 quadrillion tokens in fiscal 2026 from 0.4 quadrillion tokens in fiscal 2025.",
     "2026-03-27", ["2026", "2025"]),
    ("Agents seized 260 H200 GPUs from a leased warehouse in February.", "2026-03-27", ["2026-02"]),  # 'from' a place
    # a table's caption above its note dates the rows
    ("Table 2. Chatbot apps by reach, October 2025\n(MAU in millions)\n\n| App | MAU |\n|---|---|\n| Lumo | 12.5 |",
     "2025-11-20", ["2025-10"]),
    ("March 3, 2026\nKey deals\n- Orbitra ordered 9,000 GPUs.", "2026-03-03", [None]),  # negative: a date line
    # 'a year earlier' steps back for the figure it follows only
    ("The four will spend north of $630 billion in 2026, against about $410 billion a year earlier and less than"
     " $250 billion in 2024.", "2026-02-16", ["2026", "2025", "2024"]),
    # a bare month looks back after 'up from', 'compares with', 'having', whatever else the sentence plans
    ("Pico's MAU of 3.1 million compares with 3.4 million users in January, and it plans a listing.", "2026-04-08",
     [None, "2026-01"]),
    ("Quanta ships 4,200 GPUs a week, up from 2,500 GPUs in March, a person familiar with its plans said.",
     "2026-08-05", [None, "2026-03"]),
    # ... and looks ahead when its own clause plans
    ("Kestrel will take delivery of 8,000 GPUs in February.", "2026-05-01", ["2027-02"]),
    # an Indian-style fiscal label is the year it ends in (D19); two years apart is a multi-year span
    ("The agency will receive KSh 14.5 billion from the Treasury in the 2026-27 budget year.", "2026-03-12",
     ["2027"]),
    ("The state allocated ₹3,400 crore for its AI cloud in FY2026-27.", "2026-02-10", ["2027"]),
    ("It will invest $30 billion in AI data centres in 2026-28.", "2026-02-10", [None]),
    # a date after a conversion's bracket belongs to the converted figure; 'N of that' takes its parent's period
    ("Orbitra plans to spend 160 billion yuan ($22.9 billion) on capex in 2026, with 85 billion yuan of that for "
     "chips.", "2025-12-01", ["2026", "2026", "2026"]),
    # negative: a year in brackets after one figure is not the next figure's
    ("GPUs: from 12,000 (2027) to roughly 40,000 (2029)", "2026-01-10", ["2027", "2029"]),
    # a timeline's year sections date its month-labelled entries
    ("Timeline\n\n2024\n\nJune — Orbitra orders 2,000 H200 GPUs.\n\nSeptember — The first 512 GPUs go live.",
     "2026-10-05", ["2024-06", "2024-09"]),
    # a dateline dates the report, not the figure
    ("BEIJING, Jan 28 (Wire) - Regulators approved imports of 400,000 Nvidia chips.", "2026-01-28", [None]),
    ("STOCKHOLM, 9 April 2026 — Lumen will invest SEK 4.5 billion in a new AI supercomputer.", "2026-04-09",
     [None]),
    # multi-year totals have no period
    ("Orbitra will invest $30 billion in data centres between 2025 and 2028.", "2025-06-15", [None]),
    ("The mission earmarks ₹4,563 crore for compute over five years.", "2025-06-15", [None]),
    # 'a year earlier' steps back from the figure before it
    ("Kestrel bought 230,000 GPUs in 2024. A year earlier it bought 150,000 GPUs.", "2025-06-15", ["2024", "2023"]),
    # a table's caption dates its rows
    ("Monthly active users, December 2025 (million)\n| App | MAU |\n|---|---|\n| Pico | 172 |", "2026-01-10",
     ["2025-12"]),
]


@pytest.mark.parametrize(("text", "published", "periods"), PERIODS, ids=[p[0][:60] for p in PERIODS])
def test_news_periods(nlp, text, published, periods):
    assert [f["period"] for f in facts_of(nlp, text, published)] == periods
