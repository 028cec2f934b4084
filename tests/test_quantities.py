"""find_quantities on the forms news actually writes: a table of examples
written for the project (value or (low, high), ISO code or None, qualifier)."""

from decimal import Decimal

import pytest

from extractor import find_quantities

B, M, T = 10**9, 10**6, 10**12


def found(text):
    return [
        (q.text, q.value if q.value is not None else (q.low, q.high), q.unit, q.qualifier)
        for q in find_quantities(text)
    ]


def D(x):
    return Decimal(str(x))


def row(text, *expected):
    return pytest.param(text, [(t, tuple(map(D, v)) if isinstance(v, tuple) else D(v), u, q)
                               for t, v, u, q in expected], id=text[:60])


TABLE = [
    # scale abbreviations, with and without a space
    row("$1.5bn", ("$1.5bn", 1.5 * B, "USD", "exact")),
    row("US$53b in orders", ("US$53b", 53 * B, "USD", "exact")),
    row("53 bln USD", ("53 bln USD", 53 * B, "USD", "exact")),
    row("a €200bn plan", ("€200bn", 200 * B, "EUR", "exact")),
    row("1.3tn tokens", ("1.3tn", 1.3 * T, None, "exact")),
    row("$54K salary", ("$54K", 54000, "USD", "exact")),
    row("RMB160bn", ("RMB160bn", 160 * B, "CNY", "exact")),
    row("£2.4 mn", ("£2.4 mn", 2.4 * M, "GBP", "exact")),
    row("$7 trillion", ("$7 trillion", 7 * T, "USD", "exact")),
    row("Rs 30,000 crore", ("Rs 30,000 crore", 300 * B, "INR", "exact")),
    row("₹1.5 lakh crore", ("₹1.5 lakh crore", 1.5 * T, "INR", "exact")),
    # a lower-case 'us' is a prefix only glued to its '$'
    row("a us$5 bn deal", ("us$5 bn", 5 * B, "USD", "exact")),
    row("the bank lent us $1.4 billion", ("$1.4 billion", 1.4 * B, "USD", "exact")),
    # Korean English-language headline abbreviations
    row("pour 8 tril. won into AI", ("8 tril. won", 8 * T, "KRW", "exact")),
    row("a 3 bil. won order", ("3 bil. won", 3 * B, "KRW", "exact")),
    # Malaysian copy glues 'bil' to the ringgit: 'RM8.4bil'
    row("to pour RM8.4bil into a campus", ("RM8.4bil", 8.4 * B, "MYR", "exact")),
    # codes before and after
    row("USD 200", ("USD 200", 200, "USD", "exact")),
    row("200 USD", ("200 USD", 200, "USD", "exact")),
    row("CNY380 billion", ("CNY380 billion", 380 * B, "CNY", "exact")),
    row("EUR 1.2bn", ("EUR 1.2bn", 1.2 * B, "EUR", "exact")),
    row("30 MUSD", ("30 MUSD", 30 * M, "USD", "exact")),
    # dollar variants and other symbols
    row("HK$12 billion", ("HK$12 billion", 12 * B, "HKD", "exact")),
    row("A$3bn", ("A$3bn", 3 * B, "AUD", "exact")),
    row("C$450 million", ("C$450 million", 450 * M, "CAD", "exact")),
    row("S$1.1 billion", ("S$1.1 billion", 1.1 * B, "SGD", "exact")),
    row("NT$900 billion", ("NT$900 billion", 900 * B, "TWD", "exact")),
    row("₩2 trillion", ("₩2 trillion", 2 * T, "KRW", "exact")),
    row("₹500 crore", ("₹500 crore", 5 * B, "INR", "exact")),
    row("£40m", ("£40m", 40 * M, "GBP", "exact")),
    row("€9.7bn", ("€9.7bn", 9.7 * B, "EUR", "exact")),
    row("100元", ("100元", 100, "CNY", "exact")),
    row("160 billion yuan", ("160 billion yuan", 160 * B, "CNY", "exact")),
    row("300 billion dollars", ("300 billion dollars", 300 * B, "USD", "exact")),
    row("5 billion euros", ("5 billion euros", 5 * B, "EUR", "exact")),
    row("RM5 billion", ("RM5 billion", 5 * B, "MYR", "exact")),
    # local press forms CLDR's English names leave out (East African, Israeli, Egyptian, Polish copy)
    row("KSh 12 billion", ("KSh 12 billion", 12 * B, "KES", "exact")),
    row("a Ksh3.5bn grant", ("Ksh3.5bn", 3.5 * B, "KES", "exact")),
    row("NIS 1.8 billion", ("NIS 1.8 billion", 1.8 * B, "ILS", "exact")),
    row("E£7 billion", ("E£7 billion", 7 * B, "EGP", "exact")),
    row("2.2 billion złoty", ("2.2 billion złoty", 2.2 * B, "PLN", "exact")),
    row("4 billion zlotys", ("4 billion zlotys", 4 * B, "PLN", "exact")),
    # the yen sign read from context
    row("Alibaba, the Chinese group, will spend ¥50 billion.", ("¥50 billion", 50 * B, "CNY", "exact")),
    row("SoftBank will spend ¥2 trillion in Japan, Tokyo said.", ("¥2 trillion", 2 * T, "JPY", "exact")),
    # fractions and decimals
    row("$11.8 billion", ("$11.8 billion", 11.8 * B, "USD", "exact")),
    row("$0.5bn", ("$0.5bn", 0.5 * B, "USD", "exact")),
    row("$.5 million", ("$.5 million", 0.5 * M, "USD", "exact")),
    # numbers in words
    row("twenty thousand GPUs", ("twenty thousand", 20000, None, "exact")),
    row("a quarter of a trillion dollars", ("a quarter of a trillion dollars", 250 * B, "USD", "exact")),
    row("half a trillion dollars", ("half a trillion dollars", 500 * B, "USD", "exact")),
    row("a quarter-million users", ("a quarter-million", 250000, None, "exact")),
    row("1.2 million users", ("1.2 million", 1.2 * M, None, "exact")),
    row("one point two million users", ("one point two million", 1.2 * M, None, "exact")),
    row("eighteen thousand chips", ("eighteen thousand", 18000, None, "exact")),
    row("a million GPUs", ("a million", M, None, "exact")),
    row("two hundred and fifty thousand", ("two hundred and fifty thousand", 250000, None, "exact")),
    # ranges sharing a scale word or currency
    row("$350-400 billion", ("$350-400 billion", (350 * B, 400 * B), "USD", "exact")),
    row("$350bn–$400bn", ("$350bn–$400bn", (350 * B, 400 * B), "USD", "exact")),
    row("between 40,000 and 80,000 units", ("40,000 and 80,000", (40000, 80000), None, "exact")),
    row("40k to 80k", ("40k to 80k", (40000, 80000), None, "exact")),
    row("$38–40 billion", ("$38–40 billion", (38 * B, 40 * B), "USD", "exact")),
    row("$1.5-2.5 billion", ("$1.5-2.5 billion", (1.5 * B, 2.5 * B), "USD", "exact")),
    row("0.5 to 1.2 trillion tokens", ("0.5 to 1.2 trillion", (0.5 * T, 1.2 * T), None, "exact")),
    row("version 2.4.1 on 2025-01-02"),
    row("between $175 billion and $185 billion", ("$175 billion and $185 billion", (175 * B, 185 * B), "USD", "exact")),
    row("roughly $60-65 billion", ("$60-65 billion", (60 * B, 65 * B), "USD", "approx")),
    row("from 150 billion yuan to 160 billion yuan",
        ("150 billion yuan", 150 * B, "CNY", "exact"), ("160 billion yuan", 160 * B, "CNY", "exact")),
    # ... unless a word of spread leads the 'from': a range
    row("hourly rates run from $3.10 to $5.60", ("$3.10 to $5.60", (3.1, 5.6), "USD", "exact")),
    row("it costs anywhere from $0.95 to $4.20 an hour", ("$0.95 to $4.20", (0.95, 4.2), "USD", "exact")),
    row("quotes varying from 18,000 to 26,000 yuan", ("18,000 to 26,000 yuan", (18000, 26000), "CNY", "exact")),
    row("fell from $4.10 to $2.75", ("$4.10", 4.1, "USD", "exact"), ("$2.75", 2.75, "USD", "exact")),
    row("the fleet went from 9,000 to 14,000", ("9,000", 9000, None, "exact"), ("14,000", 14000, None, "exact")),
    # the naira written as a capital N, where the story is Nigerian; elsewhere no amount
    row("Abuja will commit N215 billion to the cluster", ("N215 billion", 215 * B, "NGN", "exact")),
    row("a N1.2trn deal signed in Lagos", ("N1.2trn", 1.2 * T, "NGN", "exact")),
    row("the lab's N95 masks and Model N1 units"),
    row("a force of 120 N on the arm", ("120", 120, None, "exact")),  # after a number, 'N' is no naira
    # German and French editions: a decimal comma before a scale, 'Mrd.' and 'Mio.'
    row("will invest €1,2 Mrd. in phase one", ("€1,2 Mrd.", 1.2 * B, "EUR", "exact")),
    # French typography: a plain space between thousands, a decimal comma after '€', 'milliards'
    row("will install 12 000 GB300 GPUs", ("12 000", 12000, None, "exact")),
    row("a price of €38 000 per GB300", ("€38 000", 38000, "EUR", "exact")),
    row("pay a subsidised €1,35 per GPU-hour", ("€1,35", 1.35, "EUR", "exact")),
    row("2,5 milliards, the minister said", ("2,5 milliards", 2.5 * B, None, "exact")),
    # negative: a list's next bullet is no range's second end
    row("GPUs planned for Alder 1\n- 412 new jobs", ("1", 1, None, "exact"), ("412", 412, None, "exact")),
    # negative: a count before a hyphenated spec, a year before a count
    row("3 100-GPU pods", ("3", 3, None, "exact"), ("100", 100, None, "exact")),
    # ... and before a currency written after the amount: 'from 2,95 euros per GPU hour'
    row("rents capacity from 2,95 euros per GPU hour", ("2,95 euros", 2.95, "EUR", "exact")),
    row("about 300 Mio. euros", ("300 Mio. euros", 300 * M, "EUR", "approx")),
    row("€2,5 billion for the site", ("€2,5 billion", 2.5 * B, "EUR", "exact")),
    # ... but a comma with three digits after it is a thousands separator, and no scale makes no decimal
    row("1,200 GPUs and 2,50 later", ("1,200", 1200, None, "exact")),
    # a superscript after a table cell's figure is its footnote mark
    row("| Vantor | 2.64¹ | 3.15² |", ("2.64", 2.64, None, "exact"), ("3.15", 3.15, None, "exact")),
    row("listed at $7.05³ per hour", ("$7.05", 7.05, "USD", "exact")),
    # qualifiers
    row("about $5bn", ("$5bn", 5 * B, "USD", "approx")),
    row("approximately 12 billion USD", ("12 billion USD", 12 * B, "USD", "approx")),
    row("nearly 500,000 chips", ("500,000", 500000, None, "approx")),
    row("(≈US$23 billion)", ("US$23 billion", 23 * B, "USD", "approx")),
    row("~US$20,000 each", ("US$20,000", 20000, "USD", "approx")),
    row("more than US$300 billion", ("US$300 billion", 300 * B, "USD", "lower_bound")),
    row("surpassed 30 trillion tokens", ("30 trillion", 30 * T, None, "lower_bound")),
    row("north of $10bn", ("$10bn", 10 * B, "USD", "lower_bound")),
    row("10,000-plus GPUs", ("10,000", 10000, None, "lower_bound")),
    row("up to $500bn", ("$500bn", 500 * B, "USD", "upper_bound")),
    row("fewer than 5,000 GPUs", ("5,000", 5000, None, "upper_bound")),
    row("as many as 80,000 units", ("80,000", 80000, None, "upper_bound")),
    # a floor price (D27)
    row("rents from as little as $1.38 an hour", ("$1.38", 1.38, "USD", "lower_bound")),
    row("goes as low as €1.59", ("€1.59", 1.59, "EUR", "lower_bound")),
    row("priced from ₹65 per GPU-hour", ("₹65", 65, "INR", "lower_bound")),
    row("starts at $2.10 an hour", ("$2.10", 2.10, "USD", "exact")),  # negative: 'start at' is exact (D27)
    # a scale word alone before a currency is a header's unit, not an amount
    row("Subsidy breakdown (billion yen)"),
    # numbers that are neither money nor counts
    row("Nvidia's H200 and B200 chips"),
    row("revenue in Q3 2025 rose"),
    row("in 2026"),
    row("5G networks"),
    row("call +1 415-555-0134"),
    row("ISBN 978-3-16-148410-0"),
    row("only 1/10 of the budget"),
    row("up 22% year on year, or 7 percent"),
    row("the F-35 jet and the SCP-173 file"),
    row("on 22 December"),
    row("at 2 pm"),
    row("a 7nm process"),
    row("in the 1990s"),
    row("the 21st century"),
    row("thousands of GPUs and several hundred servers"),
    # a glued single-letter scale without a currency (real copy: '120M weekly users', '1.3T tokens')
    row("120M weekly users", ("120M", 120 * M, None, "exact")),
    row("about 7.5M daily users", ("7.5M", 7.5 * M, None, "approx")),
    row("served 100t tokens a day", ("100t", 100 * T, None, "exact")),
    row("1.3T tokens in May", ("1.3T", 1.3 * T, None, "exact")),
    row("1M+ GPUs", ("1M", M, None, "lower_bound")),
    row("34K H100s", ("34K", 34000, None, "exact")),
    row("Grok 9.1M, Copilot 7.4M", ("9.1M", 9.1 * M, None, "exact"), ("7.4M", 7.4 * M, None, "exact")),
    row("About 120M users", ("120M", 120 * M, None, "approx")),
    # ... and where the letter is a unit, a spec or part of a model number
    row("streams in 4K video"),
    row("a 7B model and a 70B-parameter one"),
    row("ran a 100m sprint; the mast is 50m tall"),
    row("moved 100t of steel"),
    row("3M Co said"),
    row("Ascend 910B and Llama 405B"),
    # compound scales and spaced multiplication signs
    row("a 40-billion-dollar campus", ("40-billion-dollar", 40 * B, "USD", "exact")),
    row("a three-billion-euro fund", ("three-billion-euro", 3 * B, "EUR", "exact")),
    row("350,000 x H100", ("350,000", 350000, None, "exact")),
    row("a 10x gain, 5 x faster"),
    # spoken numbers on both ends of a range (a podcast transcript): the words read, no division by a zero lead
    row("held at a hundred and ten to a hundred and twenty billion for 2026",
        ("a hundred and ten", 110, None, "exact"), ("a hundred and twenty billion", 120 * B, None, "exact")),
    # spoken money in interviews: bucks, grand, and the cents said after the currency
    row("it was eight bucks an hour", ("eight bucks", 8, "USD", "exact")),
    row("paying thirty grand a chip", ("thirty grand", 30000, "USD", "exact")),
    row("about 30 grand each", ("30 grand", 30000, "USD", "approx")),
    row("an H100 went for a dollar ninety an hour", ("a dollar ninety", 1.90, "USD", "exact")),
    row("two dollars and fifty cents per GPU-hour", ("two dollars and fifty cents", 2.50, "USD", "exact")),
    row("three euros twenty an hour", ("three euros twenty", 3.20, "EUR", "exact")),
    # negative: a scale after the words, a comma between, a team's name, 'a grand total'
    row("two dollars fifty million", ("two dollars", 2, "USD", "exact"), ("fifty million", 50 * M, None, "exact")),
    row("one dollar, ninety percent", ("one dollar", 1, "USD", "exact"), ("ninety", 90, None, "exact")),
    row("the Bucks won 110 games", ("110", 110, None, "exact")),
    row("a grand total of 5,000 GPUs", ("5,000", 5000, None, "exact")),
    # Gulf and South Asian prefixes as outlets write them; a hyphen glued to letters is a name's, not a minus
    row("a SR56.25bn venture", ("SR56.25bn", 56.25 * B, "SAR", "exact")),
    row("QR18.2 billion on GPUs", ("QR18.2 billion", 18.2 * B, "QAR", "exact")),
    row("KD 300 million", ("KD 300 million", 300 * M, "KWD", "exact")),
    row("Tk 500 crore", ("Tk 500 crore", 5 * B, "BDT", "exact")),
    row("an SR-71 on display"),
    row("fell to -3.2 points", ("-3.2", -3.2, None, "exact")),
    # wire headlines: capital scale abbreviations, joined by a hyphen into a range; a metric's name before 'M'
    row("ALDERMOOR SEES 2026 CAPEX $46 BLN-$50 BLN", ("$46 BLN-$50 BLN", (46 * B, 50 * B), "USD", "exact")),
    row("ORBIT ASSISTANT TOPS 310 MLN MONTHLY USERS", ("310 MLN", 310 * M, None, "lower_bound")),
    row("MAUs 18M→31M Jan→Jun", ("18M", 18 * M, None, "exact"), ("31M", 31 * M, None, "exact")),
    row("Llama 405B beat Qwen 72B"),  # negative: a model's size after its name
    # a page that declares its dollar rebinds the bare '$', not 'US$'
    row("All figures are New Zealand dollars. $240 million; US$9 million",
        ("$240 million", 240 * M, "NZD", "exact"), ("US$9 million", 9 * M, "USD", "exact")),
    # '¥' by the nearest cue: a Tokyo item in a China roundup
    row("Alibaba spends ¥380 billion on chips this year. Tokyo's Hoshizora raised its plan to ¥62 billion.",
        ("¥380 billion", 380 * B, "CNY", "exact"), ("¥62 billion", 62 * B, "JPY", "exact")),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_forms_people_write(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("bad", [None, b"$5bn", 12])
def test_find_quantities_rejects_non_text(bad):
    with pytest.raises(TypeError):
        find_quantities(bad)


def test_offsets_point_into_the_text():
    text = "Acme (≈US$2bn) will buy 40k–80k GPUs, about ¥300 billion, in 2026."
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
