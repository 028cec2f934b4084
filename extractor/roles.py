"""The party a figure belongs to, by its role in the figure's clause rather than by proximity alone.

A clause says who holds, pays or provides: "Samsung, SK and Hyundai will each receive 50,000 GPUs, while
Naver Cloud will take 60,000" gives the 60,000 to Naver Cloud (the party of its own clause); "Nvidia will
ship 5,000 GPUs to Humain" gives them to the recipient; "Fluxstack will spend $3 billion on Nvidia systems"
is Fluxstack's money, Nvidia being the brand of what is bought. `choose_party` returns the names and the
role that chose them, or None when the clause names no party (the caller then looks further away).
Pure functions over text and mentions; the rules are data (`data/roles.json`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from extractor.names import default_shape
from extractor.resources import load_json


class Party(Protocol):
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Choice:
    names: tuple[str, ...]
    role: str  # "recipient", "clause-party", "coordinated-clause-party", "owner-of-unit", "owner-before-sentence",
    # "seller", "unnamed-seller"
    start: int
    end: int


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _party_after(words: list[str]) -> re.Pattern[str]:
    """Text that ends with one of `words` and the start of a name: where a party after them begins."""
    return re.compile(rf"\b(?:{_alternation(words)})\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){{0,3}}?"
                      rf"(?:[A-Z][\w.&-]*['’]s\s+)?$", re.I)


class RoleRules:
    def __init__(self, data: dict[str, Any]) -> None:
        for key in ("clause_breaks", "recipient_verbs", "recipient_prepositions", "brand_followers",
                    "coordination", "not_parties", "counterparty_before", "relation_before", "pronoun_possessives",
                    "designator_tails", "respectively", "appositive_relation", "site_tails", "legal_designators",
                    "owner_relation_after", "institution_heads", "document_tails", "held_fleet_nouns"):
            if not isinstance(data.get(key), list):
                raise ValueError(f"roles data: {key!r} must be a list")
        self.clause_break = re.compile(_alternation(data["clause_breaks"]), re.I)
        self.recipient_verb = re.compile(rf"\b(?:{_alternation(data['recipient_verbs'])})\b", re.I)
        self.recipient_before = re.compile(rf"\b(?:{_alternation(data['recipient_prepositions'])})\s+(?:the\s+)?$",
                                           re.I)
        self.brand_after = re.compile(  # 'Nvidia GPUs', 'Huawei Ascend 910C chips'
            rf"(?:['’]s)?\s+(?:(?:[A-Z0-9][\w-]*\s+){{0,3}}(?i:{_alternation(data['brand_followers'])})\b"
            rf"(?!\s+(?i:{_alternation(data['held_fleet_nouns'])})\b)"
            rf"|(?:[A-Z][a-z][\w-]*\s+){{0,2}}[A-Z]{{1,3}}\d{{2,4}}[A-Za-z]{{0,3}}\b)")
        self.coordination = {c.lower() for c in data["coordination"]}
        self.not_parties = {w.lower() for w in data["not_parties"]}
        self.site_tail = re.compile(rf"\s(?:{_alternation(data['site_tails'])})$")  # 'Johor AI Factory': a place
        self.document_tail = re.compile(rf"(?:^|\s)(?:{_alternation(data['document_tails'])})$")  # 'Supply Agreement'
        self.counterparty = _party_after(data["counterparty_before"] + data["relation_before"])  # 'with Nvidia'
        self.relation = _party_after(data["relation_before"])  # 'backed by Saudi Arabia's Public Investment Fund'
        self.institution_heads = frozenset(data["institution_heads"])
        self.owner_relation = re.compile(  # "Google's parent", 'the TikTok owner': a relation of the name's
            rf"(?:['’]s)?\s+(?:{_alternation(data['owner_relation_after'])})\b", re.I)

        self.pronoun_owned = re.compile(rf"\b(?:{_alternation(data['pronoun_possessives'])})\s+(?:own\s+)?$", re.I)
        self.respectively = re.compile(rf"\b(?:{_alternation(data['respectively'])})\b", re.I)
        self.appositive = re.compile(  # ', the cloud arm of ', ", Nvidia's partner" is handled by _POSSESSOR_AFTER
            rf",\s+(?:the|a|an|its)\s+[\w\s'’-]{{0,40}}?\b(?:{_alternation(data['appositive_relation'])})\s+(?:the\s+)?"
            rf"(?:[\w'’-]+\s+){{0,3}}")  # '..., the data-centre arm of Monterrey conglomerate Grupo Alcén, ...'
        self.possessed = re.compile(r"['’]s\s+(?:own\s+|new\s+)?$")
        self.designator_tails = tuple(sorted(data["designator_tails"], key=len, reverse=True))  # longest first
        self.legal_designators = frozenset(data["legal_designators"])
        self.legal_forms = tuple(sorted(self.legal_designators, key=len, reverse=True))  # 'Sdn Bhd' before 'Bhd'
        definite = data["definite_descriptions"]
        self.public_nouns = frozenset(definite["public"])
        self.definite = re.compile(rf"\b[Tt]he\s+(?P<noun>{_alternation(definite['public'] + definite['company'])})\b")
        self.public_name = re.compile(rf"\b(?:{_alternation(definite['public_name_words'])})\b")
        initial = data["initial_name"]
        word = r"[A-Z][\w&.'’-]*"
        self.initial_name = re.compile(  # a capitalized name, its acronym or appositive, then its clause's verb
            rf"\s*(?:The\s+)?(?P<name>{word}(?:(?:[ ](?:{_alternation(initial['connectors'])}))?[ ]{word})*)"
            rf"(?:['’]s\b|\s*\([^)]{{1,20}}\))?(?:,[^,]{{1,80}},)?\s+(?:[a-z]+\s+){{0,1}}?"
            rf"(?:{_alternation(initial['verbs'])})\b")
        self.not_names = frozenset(initial["not_names"])
        indefinite = data["indefinite_subject"]
        verbs = _alternation(indefinite["verbs"])
        self.indefinite_subject = re.compile(  # 'Some resellers quote', 'Server makers expect', 'A consortium led by'
            rf"\s*[\"“‘'(-]?\s*(?:(?i:{_alternation(indefinite['determiners'])})\s+"
            rf"(?!(?i:{_alternation(indefinite['time_nouns'])})\b)(?:[\w-]+\s+){{0,6}}?"
            rf"|(?!(?i:{_alternation(indefinite['definite'])})\b)(?:[A-Za-z][\w-]*\s+){{0,2}}?"
            rf"(?!(?i:{_alternation(indefinite['not_heads'])})\b)(?P<head>[A-Za-z][a-z-]{{2,}}s)\s+(?:[a-z]+\s+){{0,3}}?)(?:{verbs})\b")
        self.person_before = re.compile(rf"\b(?:{_alternation(indefinite['persons'])})\b", re.I)
        self.public_heads = frozenset(indefinite["public_heads"])
        funding = data["funding"]
        self.funded_kinds = frozenset(funding["kinds"])
        self.receive_verb = re.compile(rf"\b(?:{_alternation(funding['receive_verbs'])})\b", re.I)
        self.funder_after = re.compile(  # after the figure: '... in debt financing from', '... announced by'
            rf"(?:[^,;:()]{{0,60}}?\b(?P<noun>{_alternation(funding['funding_nouns'])})\b)?[^,;:()]{{0,60}}?"
            rf"(?:\b(?P<agent>{_alternation(funding['agent_participles'])})\s+by|\bfrom)\s+(?:the\s+)?$", re.I)
        self.lender_with = re.compile(  # '... term loan with Maybank'
            rf"[^,;:()]{{0,60}}?\b(?:{_alternation(funding['lender_nouns'])})\b[^,;:()]{{0,40}}?\bwith\s+(?:the\s+)?$",
            re.I)
        self.grant_verb = re.compile(rf"\b(?:has\s+|have\s+|had\s+)?(?:{_alternation(funding['grant_verbs'])})\s+$",
                                     re.I)
        self.subsidy_before = re.compile(  # 'Subsidy: up to ', 'a subsidy of about '
            rf"\b(?:{_alternation(funding['subsidy_nouns'])})\b(?:\s*:|\s+of)?\s+(?:[a-z]+\s+){{0,2}}$", re.I)
        self.grants_after = re.compile(  # 'METI grants', 'The ministry (METI) on Friday will grant'
            rf"(?:\s*\([^)]{{1,24}}\))?(?:\s+(?:on|this|last)\s+\w+)?\s+(?:will\s+|has\s+|have\s+|had\s+|to\s+)?"
            rf"(?:{_alternation(funding['grant_verbs'])})\b", re.I)
        self.bid_before = re.compile(  # 'won with ', 'a quote of ', 'the winning bids add up to about '
            rf"\b(?:{_alternation(data['tendering']['bid_before'])})\b[^.;:!?]{{0,40}}$", re.I)
        self.tender_noun = re.compile(rf"\b(?:{_alternation(data['tendering']['tender_nouns'])})\b", re.I)
        selling = data["selling"]
        self.sold_kinds = frozenset(selling["kinds"])
        seller_nouns = _alternation(selling["seller_nouns"])
        self.seller_before = re.compile(  # 'through reseller ', 'paid ', 'via server maker '
            rf"\b(?:{_alternation(selling['seller_before'])})\s+(?:(?:a|an|the|its|their)\s+)?"
            rf"(?:[\w-]+\s+){{0,2}}?(?:(?:{seller_nouns})\s+)?$", re.I)
        self.unnamed_seller = re.compile(  # 'paid the distributors', 'a trader in Shenzhen', 'through a broker'
            rf"(?:\b(?:{_alternation(selling['seller_before'])})\s+(?:a|an|the|one|some|its|their)|(?<![\w'’-])(?:a|an|one|some))"
            rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{seller_nouns})\b", re.I)
        self.sale_verb = re.compile(rf"\b(?:{_alternation(selling['sale_verbs'])})\b", re.I)
        self.pronoun_seller = re.compile(rf"\s*(?:then\s+)?(?:{_alternation(selling['pronoun_sellers'])})\b", re.I)
        self.used_market = re.compile(rf"\b(?:{_alternation(selling['used_market'])})\b", re.I)
        self.speech_verb = re.compile(rf"\b(?:{_alternation(selling['speech_verbs'])})\b", re.I)


@cache
def default_rules() -> RoleRules:
    return RoleRules(load_json("roles.json"))


def clause_start(text: str, lo: int, position: int, rules: RoleRules | None = None) -> int:
    """Where the clause holding `position` starts, within its sentence starting at `lo`."""
    rules = rules or default_rules()
    start = lo
    for m in rules.clause_break.finditer(text, lo, position):
        start = m.end()
    return start


def choose_party(text: str, start: int, end: int, kind: str, parties: list[Party], lo: int, hi: int,
                 rules: RoleRules | None = None) -> Choice | None:
    """The party of the figure text[start:end] among `parties` (the sentence text[lo:hi]'s organizations,
    sorted by start), by role: a shipment's recipient for chip counts, else the party of the figure's own
    clause nearest before it, with the parties coordinated with it ('A, B and C will each receive'), or the
    owner of that party's unit. No names ('owner-before-sentence') means the owner is named before the
    sentence ('Its Shakti Cloud rents ...'): the caller looks there."""
    rules = rules or default_rules()
    candidates = [p for p in parties if lo <= p.start and p.end <= hi and p.text.lower() not in rules.not_parties]
    if kind == "chip_count":
        recipient = _recipient(text, start, end, candidates, lo, hi, rules)
        if recipient is not None:
            return recipient
    begin = clause_start(text, lo, start, rules)
    if kind in rules.funded_kinds:
        funder = _funder(text, start, end, candidates, begin, rules)
        if funder is not None:
            return funder
    before = [p for p in candidates if p.end <= start and not is_brand(text, p, rules)
              and not rules.owner_relation.match(text, p.end)]
    own = [p for p in before
           if p.start >= begin and not rules.counterparty.search(text, max(lo, p.start - 48), p.start)]
    own = [p for i, p in enumerate(own) if i == 0 or not _in_appositive(text, own[i - 1], p, rules)]
    if not own:
        return None
    nearest = own[-1]
    owner = _owner(text, nearest, before, lo, rules)
    if owner is not None:
        return Choice((owner.text,), "owner-of-unit", owner.start, owner.end)
    if rules.pronoun_owned.search(text, max(lo, nearest.start - 12), nearest.start):
        return Choice((), "owner-before-sentence", nearest.start, nearest.end)  # 'Its Shakti Cloud rents ...'

    group = _coordinated_before(text, nearest, before, rules)
    if len(group) > 1 and rules.respectively.search(text, end, min(hi, end + 80)):
        index = len(_NUMBER.findall(text, nearest.end, start))  # 'A and B will bring 3,000 and 3,500 respectively'
        if index < len(group):
            party = group[index]
            return Choice((party.text,), "respective-party", party.start, party.end)
    role = "coordinated-clause-party" if len(group) > 1 else "clause-party"
    return Choice(tuple(dict.fromkeys(p.text for p in group)), role, group[0].start, nearest.end)


def seller(text: str, start: int, parties: list[Party], lo: int, rules: RoleRules | None = None) -> Choice | None:
    """Who sells at the price text[start:...] when its sentence (from `lo`) says so: a party after 'through',
    'via', 'from' or 'paid' ('bought through reseller Tarrant Systems at $31,000'), or the party of a sale
    verb's clause ('Corvane reselling H200s for $54,000'). No names: an unnamed seller or a used-market quote
    ('unnamed-seller'), or a pronoun seller named before the sentence ('owner-before-sentence'). None when
    the sentence names no sale, so the chip's maker stays the seller (D9)."""
    rules = rules or default_rules()
    before = [p for p in parties if lo <= p.start and p.end <= start and p.text.lower() not in rules.not_parties]
    for party in reversed(before):
        if rules.seller_before.search(text, max(lo, party.start - 48), party.start):
            return Choice((party.text,), "seller", party.start, party.end)
    begin = clause_start(text, lo, start, rules)
    verb = rules.sale_verb.search(text, begin, start)
    if verb is not None:
        own = [p for p in before if begin <= p.start and p.end <= verb.start()
               and not rules.counterparty.search(text, max(lo, p.start - 48), p.start)
               and not rules.speech_verb.search(text, p.end, verb.start())]  # 'Nvidia said the B200 sells for
        if own:
            return Choice((own[-1].text,), "seller", own[-1].start, own[-1].end)
        if rules.pronoun_seller.match(text, begin):
            return Choice((), "owner-before-sentence", verb.start(), verb.end())
    unnamed = rules.unnamed_seller.search(text, begin, start) or rules.used_market.search(text, lo, start)
    if unnamed is not None:
        return Choice((), "unnamed-seller", unnamed.start(), unnamed.end())
    return None


def indefinite_subject(text: str, begin: int, position: int, rules: RoleRules | None = None) -> bool:
    """Whether the clause starting at `begin` opens with an indefinite or bare plural subject ('A consortium
    led by a utility estimates', 'Server makers expect'): a party the article does not name."""
    rules = rules or default_rules()
    m = rules.indefinite_subject.match(text, begin, position)
    return (m is not None and (m.group("head") or "").lower() not in rules.public_heads
            and not rules.person_before.search(text, begin, position))


def _in_appositive(text: str, earlier: Party, party: Party, rules: RoleRules) -> bool:
    """'Siam AI Corp, Nvidia's cloud partner in Bangkok, says', 'Scaleway, the cloud arm of Iliad, runs': a party
    inside an appositive describes the party before it; it is not a party of the clause."""
    between = text[earlier.end:party.start]
    if between == ", " and _POSSESSOR_AFTER.match(text, party.end) is not None:
        return True
    return rules.appositive.fullmatch(between) is not None


def _owner(text: str, party: Party, before: list[Party], lo: int, rules: RoleRules) -> Party | None:
    """'SoftBank's own Crystal Intelligence unit', 'Microsoft ... its Azure AI Foundry': the owner (D13)."""
    earlier = [p for p in before if p.end <= party.start]
    if not earlier:
        return None
    if rules.possessed.match(text[earlier[-1].end:party.start]) and party.start - earlier[-1].end <= 12:
        return earlier[-1]
    if rules.pronoun_owned.search(text, max(lo, party.start - 12), party.start):
        return earlier[0]
    return None


def is_brand(text: str, party: Party, rules: RoleRules) -> bool:
    """'Nvidia GPUs', 'an Nvidia deal', 'Nvidia's Blackwell chips': the maker as the product's brand."""
    return rules.brand_after.match(text, party.end) is not None


def _recipient(text: str, start: int, end: int, candidates: list[Party], lo: int, hi: int,
               rules: RoleRules) -> Choice | None:
    if not rules.recipient_verb.search(text, lo, start) and not rules.recipient_verb.search(text, end, hi):
        return None
    clause_end = next((m.start() for m in rules.clause_break.finditer(text, end, hi)), hi)
    for party in candidates:
        if party.start < end or party.start >= clause_end:
            continue
        if rules.recipient_before.search(text, max(end, party.start - 12), party.start):
            group = _coordinated_after(text, party, [p for p in candidates if p.start >= party.start], rules)
            return Choice(tuple(dict.fromkeys(p.text for p in group)), "recipient", group[0].start, group[-1].end)
    return None


def _funder(text: str, start: int, end: int, candidates: list[Party], begin: int,
            rules: RoleRules) -> Choice | None:
    """The party a sum comes from: 'from X' after a receiving verb or a funding noun, 'announced by X', or
    the granter before 'has granted Y ... <sum>' (the one granted is the recipient, not the subject)."""
    after = [p for p in candidates if p.start >= end]
    if after:
        first = after[0]
        m = rules.funder_after.match(text, end, first.start) if first.start - end <= 140 else None
        named_before = any(begin <= p.start and p.end <= start for p in candidates)
        lent = rules.lender_with.match(text, end, first.start) if first.start - end <= 140 else None
        if lent is not None or m is not None and (m.group("noun") or rules.receive_verb.search(text, begin, start)
                                                  or m.group("agent") and not named_before):  # 'X's plan, approved by Y
            group = _coordinated_after(text, first, after, rules)
            return Choice(tuple(dict.fromkeys(p.text for p in group)), "funder", group[0].start, group[-1].end)
    before = [p for p in candidates if p.end <= start]
    for i, granted in enumerate(before[1:], start=1):
        if rules.grant_verb.search(text, max(0, granted.start - 24), granted.start):
            granter = before[i - 1]
            return Choice((granter.text,), "funder", granter.start, granter.end)
    return None


def _coordinated_before(text: str, last: Party, before: list[Party], rules: RoleRules) -> list[Party]:
    group = [last]
    for party in reversed(before[:-1]):
        between = text[party.end:group[0].start].lower()
        if between in rules.coordination:
            group.insert(0, party)
        else:
            break
    return group


def _coordinated_after(text: str, first: Party, after: list[Party], rules: RoleRules) -> list[Party]:
    group = [first]
    for party in after[1:]:
        between = text[group[-1].end:party.start].lower()
        if between in rules.coordination:
            group.append(party)
        else:
            break
    return group


def capitalized_runs(text: str) -> Counter:
    """How often each maximal run of capitalized words occurs ('Meta', 'Meta Platforms', "Meta's"): read once
    per document, so that checking a party's short name costs nothing more."""
    title = default_shape().title_word
    counts = Counter()
    for m in _CAPITALIZED_RUN.finditer(text):
        for part in _SENTENCE_JOIN.split(m.group()):
            counts[part] += 1
            held = title.search(part)  # 'Fjordlight CEO Ingrid Solheim' writes 'Fjordlight' alone
            if held is not None and held.start() > 1:
                counts[part[:held.start()].rstrip()] += 1
    return counts


def short_name(text: str, name: str, rules: RoleRules | None = None, runs: Counter | None = None) -> str:
    """D13: the shortest name the article uses for a party: 'Meta Platforms' -> 'Meta' when the article also
    writes 'Meta' alone (a possessive 'Meta's' does not count); only corporate designators are dropped
    ('Alibaba Cloud' stays). Pass `runs` (capitalized_runs(text)) when checking many names of one text."""
    rules = rules or default_rules()
    runs = runs if runs is not None else capitalized_runs(text)
    words = name.split()
    acronym = "".join(w[0] for w in words if w[0].isupper())
    if len(words) > 2 and len(acronym) > 2 and runs[acronym] > 0:
        return acronym  # 'Ministry of Economy, Trade and Industry' -> 'METI' where the article writes it
    if len(words) > 2 and words[-1] in rules.legal_designators:  # 'YTL Power International Bhd' -> 'YTL'
        for n in range(1, len(words) - 1):
            if runs[" ".join(words[:n])] > 0:
                return " ".join(words[:n])
    for tail in rules.designator_tails:
        if name.endswith(" " + tail):
            short = name[: -len(tail) - 1].rstrip(",").removesuffix(" &")  # 'Mitsui & Co' -> 'Mitsui'
            if short and (runs[short] > 0 or runs[short + "."] > 0):  # 'A note on Cirrus.' writes it alone too
                return short
    for form in rules.legal_forms:  # 'QazCompute JSC' -> 'QazCompute'
        if name.endswith(" " + form):
            short = name[: -len(form) - 1].rstrip(",").removesuffix(" &")
            return short or name
    return name


def name_occurrences(text: str, names: set[str]) -> list[tuple[int, int, str]]:
    """Where the article writes one of `names` (capitalized names such as 'Fluxstack', 'Meta AI'), also as a
    possessive ("Fluxstack's"): each run of capitalized words is read once and its leading words looked up,
    so the cost is linear in the text."""
    found = []
    for m in _CAPITALIZED_RUN.finditer(text):
        begin = m.start()
        # 'by March 2025 Mira was down to ...': a name can follow a date's year inside one run
        joins = sorted([*_SENTENCE_JOIN.finditer(text, m.start(), m.end()), *_AFTER_YEAR.finditer(text, m.start(),
                                                                                                  m.end())],
                       key=lambda j: j.start())
        for separator in [*joins, None]:
            stop = separator.start() if separator else m.end()
            words = text[begin:stop].split(" ")
            for n in range(min(len(words), 5), 0, -1):
                candidate = _POSSESSIVE_END.sub("", " ".join(words[:n])).rstrip(".,")
                if candidate in names:
                    found.append((begin, begin + len(candidate), candidate))
                    break
            if separator:
                begin = separator.end()
    return found


_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*")
_POSSESSOR_AFTER = re.compile(r"['’]s\s+[a-z]")
_POSSESSIVE_END = re.compile(r"['’]s$")
_SENTENCE_JOIN = re.compile(r"(?<=\.)[ ]+")  # 'Monday. Meta' is two runs
_AFTER_YEAR = re.compile(r"(?<=\b(?:19|20)\d\d)[ ]+(?=[A-Z])")  # 'March 2025 Mira' is a date, then a name
_CAPITALIZED_RUN = re.compile(r"(?<![\w.&'’-])[A-Z][\w.&'’-]*(?:[ ]+[A-Z0-9][\w.&'’-]*)*")


__all__ = ["Choice", "RoleRules", "capitalized_runs", "choose_party", "clause_start", "default_rules",
           "indefinite_subject", "is_brand", "seller",
           "name_occurrences", "short_name"]
