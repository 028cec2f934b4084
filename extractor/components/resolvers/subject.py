"""`subject`: who the figure is about (the spender, the buyer, the product
whose users are counted)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.components.context import DocContext, Mention
from extractor.components.resolvers.base import (
    Clauses,
    Draft,
    PerFactResolver,
    Scene,
    lowercase_words,
    match_cue,
    mention_cue,
    rewhy,
    strategy_order,
)
from extractor.components.resolvers.item import ItemResolver
from extractor.countries import country_names, country_parties, country_words, region_names
from extractor.cues import CueList
from extractor.evidence import Cue
from extractor.fact_types import Registry
from extractor.names import ShapedName, alias_after, default_shape, defined_terms, is_description, read_names
from extractor.roles import (
    capitalized_runs,
    choose_party,
    clause_start,
    indefinite_subject,
    is_brand,
    name_occurrences,
    seller,
    short_name,
)
from extractor.roles import default_rules as role_rules
from extractor.structure import Placement, Region

_POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+(?:\S+\s+){0,2}$")
_FIRST_PERSON = re.compile(r"\bwe\b", re.I)  # 'we charge', not an outlet's 'told us' or 'our survey'
_RANK_PREFIX = re.compile(r"^\s*(?:#?\d{1,3}[.)]?\s+)")
_NAME_LIKE = re.compile(r"[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,4}")  # 'Lambda', 'DeepSeek V4 Flash'
_OWNER_AFTER = re.compile(r"['’]s\s")  # "PCO's investment plan": the owner of what is cited
# lower-case words before a row's name, past the connectors of names ('Kestrel and Lumen', 'Bank of Ayr')
_DESCRIBING_WORDS = re.compile(r"(?<![\w-])(?!(?:and|or|of|the|for|de|da|do|von|van|der)\b)[a-z][a-z-]+\b")
_CELL_LABEL = re.compile(r"\s*(?P<name>[A-Z][^:|\n\d]{0,40}?)\s*:?\s*(?:about|around|~|≈)?\s*$")
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_DANGLING_INITIAL = re.compile(r"\s+[A-Z]$")
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")  # 'N.V.', 'S.A.': a designator standing alone
_USERS_FOR = re.compile(r"\b(?:users|MAU|DAU|WAU)\s+(?:for|of|on)\s+(?:the\s+)?$")
# a company's name in its page's furniture: capitalized words, not a pronoun ('About Us')
_PUBLISHER_NAME = r"(?!Us\b|Our\b|This\b|The\b)[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3}?"
_PRONOUN_START = re.compile(r"\s*(?:Its|Their)\b")
_LABEL_JOIN = re.compile(r",\s+|\s+(?:and|&)\s+")
_CLAUSE_END = re.compile(r"[.;!?](?=\s)")
_PARENTHESIS_END = re.compile(r"\s*\([^)]*\)\s*$")  # 'YTL Power (Malaysia)' -> 'YTL Power'
_KICKER = re.compile(r"[A-Z][A-Z .'’-]*")  # 'SEOUL', 'MUMBAI', 'USERS': a dateline or kicker, not a row's name
_POSSESSOR = re.compile(r"['’]s\b.*$")
_PRONOUN_OPENING = re.compile(r"[\s\"“(]*(?:It|Its|They|Their|The company's|The firm's)\b")
_BODY_BASES = frozenset({"restated-in-body", "noun-opening-body", "price-opening-body", "cue-opening-body"})
_CAPS_HEADING = re.compile(r"[A-Z][A-Z&.'’-]*(?: [A-Z][A-Z&.'’-]*){0,3}")  # 'MICROSOFT', 'LAMBENT CLOUD'
_TICKER_HEADING = re.compile(r"[A-Z]{2,6}(?=\s*(?:\(|[-–—:]))")  # 'GOOGL (Buy, PT $260)', 'CRWV - '
_SYSTEM_AFTER = re.compile(r"[\s-]*(?:[\w-]+\s+){0,2}?(?:servers?|racks?|systems?|nodes?|instances?|boxes)\b", re.I)


class SubjectResolver(PerFactResolver):
    """Named strategies, tried per fact type in the registry's order until one
    decides: `product` (the app a user count is of), `maker-of-item` (a price's
    chip maker), `possessive` ('Naver's 1 trillion won'), `sentence-organization`
    (the first organization before the figure, with the ones coordinated to
    it), `from-original` (a conversion's original), `unnamed-group` ('for the
    four cloud giants': no subject), `earlier-mention` (the same figure named
    earlier), `earlier-of-type` (the previous figure of the type),
    `previous-sentence-organization`, `article-organization` (the one the
    article names most); and from the page: `section-heading` (a factbox's or
    analyst note's heading), `first-person-turn` and `speaker-turn` (a company
    call's or interview's turns), `item-body` (the line under a figure standing
    alone), `named-source` (a sentence naming only a source: no subject),
    `pronoun-antecedent` (a price clause opening on 'It')."""

    def __init__(self, cues: dict[str, Any], types: Registry, clauses: Clauses, items: ItemResolver) -> None:
        windows = cues["windows"]
        self.source_before = CueList(cues["source_before"])
        descriptors = CueList(cues["source_descriptors"]).regex.pattern
        self.described_source = re.compile(  # 'app analytics firm AppMetra', 'Source: AppMetra'
            rf"(?i:{descriptors})[ \t]+(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){{0,3}})")
        weak = "|".join(map(re.escape, cues["weak_source_descriptors"]))
        self.weakly_described = re.compile(  # 'Source: EuroHPC JU shortlist notice'
            rf"(?i:{weak})[ \t]+(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){{0,3}})")
        acts = "|".join(map(re.escape, sorted(cues["party_verbs_after"], key=len, reverse=True)))
        self.acts_after = re.compile(rf"[ \t]+(?:{acts})\b")
        self.source_window = int(windows["source_before_organization"])
        self.source_heads = frozenset(cues["source_name_heads"])
        self.ambiguous_heads = frozenset(cues["ambiguous_source_heads"])
        self.research_verb = re.compile(rf"\s+(?:{'|'.join(map(re.escape, cues['research_verbs']))})\b")
        self.aggregate_rows = frozenset(label.lower() for label in cues["aggregate_row_labels"])
        self.place_corners = frozenset(label.lower() for label in cues["place_row_corners"])
        self.not_section_names = frozenset(name.lower() for name in cues["not_section_names"])
        self.speaker_label = re.compile(cues["speaker_label"], re.M)
        self.titled = re.compile(rf"\b(?:{default_shape().titles})\s+(?:[A-Z][\w.'’-]+\s+){{0,2}}$", re.I)
        self.officer = re.compile(rf"\b(?:{'|'.join(map(re.escape, cues['officer_words']))})\b", re.I)
        self.publisher_pronoun = re.compile(rf"\b(?:{'|'.join(map(re.escape, cues['publisher_pronouns']))})\b", re.I)
        self.speaker_pronoun = re.compile(rf"\b(?:{'|'.join(map(re.escape, cues['speaker_pronouns']))})\b", re.I)
        self.source_shapes = [re.compile(shape) for shape in cues["source_shapes"]]
        furniture = "|".join(map(re.escape, sorted(cues["publisher_furniture"], key=len, reverse=True)))
        about = "|".join(map(re.escape, cues["publisher_about"]))
        self.furniture = re.compile(  # 'Lumenary Blog', '... · The Lumenary team'
            rf"(?:^|[·|•—–]\s*|\b[Bb]y\s+)(?:The\s+)?(?P<name>{_PUBLISHER_NAME})\s+(?:{furniture})[ \t]*$", re.M)
        self.about = re.compile(rf"^(?:{about})\s+(?P<name>{_PUBLISHER_NAME})[ \t]*:?[ \t]*$", re.M)
        self.coordination = {c.strip().lower() for c in cues["coordination"]}
        self.unnamed_group = CueList(cues["unnamed_group"])
        self.market_average = CueList(cues["market_average"])
        self.own_average = CueList(cues["own_average"])
        use = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(cues["product_use_verbs"], key=len,
                                                                            reverse=True))
        self.people_use = re.compile(  # '190 million people use Vela', '... people were talking to Mira'
            rf"\s+(?:people|users)\s+(?:now\s+)?(?:(?:are|were|is|was|have been|had been)\s+)?(?:{use})\s+"
            rf"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,2}})")
        governors = "|".join(re.escape(g) for g in cues["unnamed_group_governed_by"])
        self.group_governor = re.compile(rf"\b(?:{governors})\s+(?:the\s+)?(?:[\w-]+\s+){{0,4}}$", re.I)
        self.governor_window = int(windows["unnamed_group_governor_before"])
        self.possessive_window = int(windows["possessive_before_figure"])
        self.host_window = int(windows["host_introduction_after_turn"])
        kinds = "|".join(re.escape(n) for n in cues["app_kind_nouns"])
        self.app_kind = re.compile(rf"(?:\s*(?:powered|-|based))*\s+(?:{kinds})$", re.I)
        self.owns_app = re.compile(  # "Naver's main app has about 42 million monthly users"
            rf"['’]s\s+(?:[\w-]+\s+){{0,3}}?(?:{kinds})s?\s+(?:has|had|have|counts|counted|reached|reaches|passed|"
            rf"drew|draws)\s+(?:about|around|roughly|some|more than|over|nearly|almost)?\s*", re.I)
        self.chip_makers = [(maker, re.compile(regex)) for maker, regex in cues["chip_makers"].items()]
        apposed = "|".join(map(re.escape, sorted(cues["app_apposition_nouns"], key=len, reverse=True)))
        self.apposed_app = re.compile(rf",\s+(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{apposed})\b", re.I)
        self.named_after_kind = re.compile(  # "Its app, Quill,", "Brightwater's assistant Lumo": the product named
            rf"(?:\b(?i:its|their|our)|['’]s)\s+(?:[\w-]+\s+){{0,2}}?(?i:{apposed})(?:,[ \t]+|[ \t]+)"
            rf"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){{0,2}})")
        self.opening_apposed_app = re.compile(  # a sentence that opens on a name set off as a product
            rf"(?:^|(?<=[.!?][ \t])|(?<=\n))(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){{0,2}})"
            rf"(?=(?i:{self.apposed_app.pattern}))", re.M)
        self.clauses = clauses
        self.items = items
        nouns = sorted({n for t in types for n in t.spec.nouns} | {c for t in types for c in t.spec.cues}, key=len,
                       reverse=True)
        self._metric_label = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in nouns)})(?![\w-])", re.I)
        table = {"product": self._product, "maker-of-item": self._maker_of_item, "possessive": self._possessive,
                 "model-family": self._model_family, "row-label": self._row_label, "clause-party": self._clause_party,
                 "interviewee": self._interviewee, "market-average": self._market_average,
                 "definite-description": self._definite_description,
                 "clause-initial-name": self._clause_initial_name, "indefinite-subject": self._indefinite_subject,
                 "sentence-organization": self._sentence_organization, "from-original": self._from_original,
                 "unnamed-group": self._unnamed_group, "earlier-mention": self._earlier_mention,
                 "earlier-of-type": self._earlier_of_type, "continued-figure": self._continued_figure,
                 "previous-sentence-organization": self._previous_sentence_organization,
                 "named-source": self._named_source, "section-heading": self._section_heading,
                 "first-person-turn": self._first_person_turn, "speaker-turn": self._speaker_turn,
                 "publisher-first-person": self._publisher_first_person, "publisher-page": self._publisher_page,
                 "item-body": self._item_body, "pronoun-antecedent": self._pronoun_antecedent,
                 "article-organization": self._article_organization, "seller": self._seller,
                 "grantor": self._grantor, "tender-buyer": self._tender_buyer}
        # the types whose subject is a product or model: a row label names the product in full
        self.product_kinds = {t.name for t in types if {"product", "model-family"} & set(t.spec.subject)}
        # the types priced by a seller: a table of places quotes a market's price, no holder's
        self.seller_kinds = {t.name for t in types if "seller" in t.spec.subject}
        self.order = {t.name: strategy_order(table, t.spec.subject, f"subject of {t.name}")
                      for t in types if t.carries("subject")}


    # -- the scene's organizations -------------------------------------------------------

    def organizations(self, context: DocContext, text: str, sources_out: set[str] | None = None,
                      labels: list[re.Match] | None = None, people_out: set[str] | None = None) -> list[Mention]:
        """Organizations that can be subjects, under their shortest name in the
        article ('Naver Corp' -> 'Naver' when 'Naver' also stands alone);
        sources ('according to the FT') are not subjects (their names go to `sources_out`), nor are a
        transcript's speakers (`labels`, from `speaker_labels`, read here when not given)."""
        reading = read_names(text)
        shaped = self._shaped(context, reading.names)
        patterned = self._whole_names(context, text, reading.runs)
        # a shaped name the article cites as a source once is a source throughout; so is any name it describes as
        # one ('app analytics firm AppMetra', 'Source: AppMetra')
        described = self._described_sources(text, [*patterned, *shaped])
        sources = described | {o.text for o in shaped if self._cited_at(text, o)}
        cited = sources | {o.text for o in [*patterned, *shaped]
                           if self._cited_at(text, o) or self.research_verb.match(text, o.end)}
        named_sources = self._source_names(text, [*patterned, *shaped], cited) | described
        if sources_out is not None:
            sources_out.update(named_sources)
        # a person's surname is no party, unless the company bears it ('Michael Dell' beside 'Dell Technologies')
        companies = {o.text for o in patterned} | {o.text.split()[0] for o in [*patterned, *shaped] if " " in o.text}
        people = reading.people - companies
        if people_out is not None:
            people_out.update(people)
        labels = self.speaker_labels(text) if labels is None else labels
        spans, starts = _label_spans(labels)
        speakers = {m.group("speaker") for m in labels}
        orgs = [o for o in [*patterned, *(o for o in shaped if o.text not in sources)]
                if not self._cited_at(text, o)
                and o.text not in named_sources and o.text not in speakers and o.text.lower() not in STOP_WORDS
                and not _inside(spans, starts, o.start)]
        orgs.sort(key=lambda o: (o.start, -o.end))
        standalone = {o.text for o in orgs if o.pattern != "name-shape:possessive"}
        runs = capitalized_runs(text)
        out = []
        for org in orgs:
            words = org.text.split()
            short = next((" ".join(words[:n]) for n in range(1, len(words)) if " ".join(words[:n]) in standalone),
                         None) or short_name(text, org.text, runs=runs)
            out.append(replace(org, text=short) if short != org.text else org)
        out.extend(self._other_mentions(text, orgs, out))
        out = self._defined_parties(text, out)
        out = self._head_references(text, out)
        taken = sorted((o.start, o.end) for o in out)
        for country in country_parties(text):
            if not _overlaps(taken, country.start, country.end):
                out.append(Mention(country.start, country.end, country.text, "ORG", "countries.py"))
        rules = role_rules()
        lowercase = lowercase_words(text)
        out = _outside_title_case(text, out)
        kept = (o for o in out if o.text.lower() not in rules.not_parties and not rules.site_tail.search(o.text)
                and not rules.document_tail.search(o.text)
                and not _INITIALS_ONLY.fullmatch(o.text) and o.text not in rules.legal_designators
                and not _common_word_opening(text, o, lowercase) and o.text not in people)
        return sorted(kept, key=lambda o: (o.start, -o.end))

    def _cited_at(self, text: str, org: Mention) -> bool:
        """'according to Brightline', 'Brightline data show': the name cited as a source here; the owner of a
        cited document ("according to PCO's investment plan, it will house ...") is the party it speaks for."""
        return (self.source_before.ends_before(text, org.start, self.source_window) is not None
                and not _OWNER_AFTER.match(text, org.end))

    def _described_sources(self, text: str, names: list[Mention]) -> set[str]:
        """Names the article describes as a source anywhere ('app analytics firm AppMetra', 'Source: AppMetra'),
        found in one pass over the descriptors, so a mention no recognizer found there still counts; a name cited
        only by 'Source:' that acts somewhere ('EuroHPC spent') stays a party."""
        described = set()
        weak = {m.start() for m in self.weakly_described.finditer(text)}
        for m in self.described_source.finditer(text):
            words = m.group("name").split()
            forms = {" ".join(words[:n]) for n in range(1, len(words) + 1)}
            if m.start() in weak:  # 'Source: EuroHPC JU notice' beside 'EuroHPC spent €2.1 billion': a party too
                forms -= {o.text for o in names if o.text in forms and self.acts_after.match(text, o.end)}
            described |= forms
        return {o.text for o in names if o.text in described}

    def _source_names(self, text: str, orgs: list[Mention], cited: set[str]) -> set[str]:
        """Names that are sources by their shape: a research firm, broker or outlet by its last word ('Brightline
        Analytics', and 'Brightline' where the article shortens it, unless another party's name starts so:
        'Samsung Securities' beside 'Samsung Electronics'; an ambiguous last word such as 'Intelligence' only for
        a name the article `cited` as a source), or an outlet in a dateline ('(Meridian Wire) -')."""
        full = {o.text for o in orgs if len(o.text.split()) > 1 and (
            o.text.split()[-1] in self.source_heads or o.text.split()[-1] in self.ambiguous_heads and o.text in cited)}
        names = set(full)
        for name in full:
            short = name.rsplit(" ", 1)[0]
            if not any(o.text.startswith(short + " ") and o.text not in full for o in orgs):
                names.add(short)
        for shape in self.source_shapes:
            names.update(m.group("name").strip() for m in shape.finditer(text))
        return names

    @staticmethod
    def _whole_names(context: DocContext, text: str, runs: list[tuple[int, int]]) -> list[Mention]:
        """The patterns' organizations, each widened to the whole capitalized name it is part of when a shape
        pattern found only a part ('National AI' in 'the National AI Capability Plan', 'Uplus Corp.' in 'LG
        Uplus Corp.'); a name that runs on into a product or a chip stays as found."""
        starts = [a for a, _ in runs]
        products = [context.index(label) for label in ("APP", "CHIP")]
        out = []
        for org in context.mentions.get("ORG", []):
            i = bisect_right(starts, org.start) - 1
            if org.info.generic and i >= 0:  # a shape pattern found it, perhaps only in part
                start, end = runs[i]
                wider = start <= org.start and org.end <= end and (start, end) != (org.start, org.end)
                if wider and not any(p.overlapping(start, end) for p in products):
                    dangling = _DANGLING_INITIAL.search(text, start, end)
                    if dangling is not None and text.startswith(".", end):
                        end = dangling.start()  # 'Nebius Group N.V.': the run stops inside the designator
                    org = replace(org, start=start, end=end, text=text[start:end])
            alias = alias_after(text, org.end, org.text)
            if alias is not None:  # 'the Orbis Center for Advanced Computing (OCAC)': OCAC (GUIDELINES D31)
                org = replace(org, end=alias[1], text=alias[0])
            out.append(org)
        return out

    @staticmethod
    def _shaped(context: DocContext, names: list[ShapedName]) -> list[Mention]:
        """Names by their shape and position (extractor/names.py) that no pattern found, that are not a
        product, a chip, a date or a country."""
        countries = country_words()
        known = [context.index(label) for label in ("ORG", "APP", "CHIP", "DATE")]
        return [Mention(n.start, n.end, n.text, "ORG", "name-shape:possessive" if n.possessive else "name-shape")
                for n in names
                if n.text not in countries and not any(i.overlapping(n.start, n.end) for i in known)]

    @staticmethod
    def _defined_parties(text: str, orgs: list[Mention]) -> list[Mention]:
        """'Tessaro Data Centres Sdn Bhd ("Tessaro" or "the Company")': every later 'the Company' is Tessaro."""
        out = sorted(orgs, key=lambda o: o.start)
        for term, at in defined_terms(text):
            owner = next((o for o in reversed(out) if o.start < at and o.text != term), None)
            if owner is None or at - owner.start > 120:
                continue
            named = [o for o in out if o.text == term and o.start > at]
            taken = sorted((o.start, o.end) for o in out)
            named += [Mention(a, b, term, "ORG", "defined-term") for a, b, _ in name_occurrences(text, {term})
                      if a > at and not _overlaps(taken, a, b)]
            ids = {id(o) for o in named}
            out = sorted([*(o for o in out if id(o) not in ids), *(replace(o, text=owner.text) for o in named)],
                         key=lambda o: o.start)
        return out

    @staticmethod
    def _head_references(text: str, orgs: list[Mention]) -> list[Mention]:
        """'The IndiaAI Mission ... the Mission adds 14,280 GPUs': 'the' and an institution's capitalized head
        noun is the last party named with that head (roles data "institution_heads")."""
        heads = role_rules().institution_heads
        named = sorted((o for o in orgs if " " in o.text and o.text.rsplit(" ", 1)[1] in heads), key=lambda o: o.start)
        if not named:
            return orgs
        alternation = "|".join(sorted({re.escape(o.text.rsplit(" ", 1)[1]) for o in named}))
        by_start = {o.start: o for o in orgs}
        out = {id(o): o for o in orgs}
        last: dict[str, Mention] = {}  # the last party named with each head, as the text is read
        k = 0
        for m in re.finditer(rf"\b[Tt]he (?P<head>{alternation})\b(?![ -]?[A-Z])", text):
            while k < len(named) and named[k].start <= m.start():
                last[named[k].text.rsplit(" ", 1)[1]] = named[k]
                k += 1
            owner = last.get(m.group("head"))
            if owner is None:
                continue
            mention = Mention(m.start("head"), m.end("head"), owner.text, "ORG", "institution-head")
            existing = by_start.get(m.start("head"))
            if existing is not None:
                out[id(existing)] = replace(existing, text=owner.text)
            else:
                out[id(mention)] = mention
        return sorted(out.values(), key=lambda o: (o.start, -o.end))

    @staticmethod
    def _other_mentions(text: str, found: list[Mention], named: list[Mention]) -> list[Mention]:
        """A name the patterns found once is the same party wherever else the article writes it ('Fluxstack,
        the Amsterdam GPU cloud, ...' makes "Fluxstack's installed base" Fluxstack's): one pass over the text."""
        names = {o.text: n.text for o, n in zip(found, named, strict=False) if len(o.text) >= 3}
        if not names:
            return []
        taken = sorted((o.start, o.end) for o in found)
        return [Mention(start, end, names[name], "ORG", "same-name")
                for start, end, name in name_occurrences(text, set(names)) if not _overlaps(taken, start, end)]

    @staticmethod
    def parties(text: str, orgs: list[Mention]) -> list[Mention]:
        """The organizations that can own a figure: not a chip maker named as a product's brand ('Nvidia GPUs'),
        not the other side of a relation ('approved by the Union Cabinet', 'backed by X')."""
        rules = role_rules()
        return [o for o in orgs if not is_brand(text, o, rules)
                and not rules.relation.search(text, max(0, o.start - 48), o.start)
                and not rules.owner_relation.match(text, o.end)]

    def apps(self, context: DocContext, orgs: list[Mention] = ()) -> list[Mention]:
        """Products under their names ('the Quillo chatbot' -> 'Quillo'), and the names an apposition calls a
        product ('Arum, the AI assistant run by Nuri Telecom,')."""
        out = []
        places = country_words()
        for app in context.mentions.get("APP", []):
            if app.info.trim == "app-kind":
                name = self.app_kind.sub("", app.text)
                if name in places:
                    continue  # 'The Brazilian assistant': a demonym describes the product, it names none
                app = replace(app, end=app.start + len(name), text=name)
            out.append(app)
        text = context.text
        out += [org for org in orgs if self.apposed_app.match(text, org.end)]
        taken = {(o.start, o.end) for o in orgs}
        dates = context.index("DATE")
        lowercase = lowercase_words(text)
        for regex in (self.opening_apposed_app, self.named_after_kind):  # 'Chatsori, a character-chat app run by'
            for m in regex.finditer(text):
                name, start, end = m.group("name"), m.start("name"), m.end("name")
                if (start, end) in taken or dates.overlapping(start, end) or self._metric_label.search(name):
                    continue  # "Its app MAU of ...": a metric; "its assistant Monday": a date
                first = name.split()[0]
                if first.lower() in default_shape().not_names or first.lower() in lowercase or first.endswith("ly"):
                    continue  # 'Today, the assistant has', 'Separately, the app': a sentence's opening word
                out.append(Mention(start, end, name, "APP", "apposition"))
        return out

    @staticmethod
    def dominant(orgs: list[Mention], counts: Counter | None = None) -> tuple[list[str], Mention | None]:
        """The organization the article names most, and its first mention (`counts`: how often each is named)."""
        counts = counts if counts is not None else Counter(org.text for org in orgs)
        if not counts:
            return [], None
        name = counts.most_common(1)[0][0]
        return [name], next(o for o in orgs if o.text == name)

    # -- strategies -------------------------------------------------------------------------

    def _product(self, scene: Scene, draft: Draft) -> bool:
        lo, hi = scene.context.sentence(draft.start)
        sentence_apps = scene.apps.within(lo, hi)
        app = (max((a for a in sentence_apps if a.end <= draft.start), key=lambda a: a.end, default=None)
               or next((a for a in sentence_apps if a.start >= draft.end), None))
        if app is None:
            text = scene.text
            used = self.people_use.match(text, draft.end)
            if used is not None:  # '190 million people use Vela every week': the product the people use
                draft.subject = [used.group("name")]
                draft.link("subject", "product", Cue(used.group("name"), used.start("name"), used.end("name"),
                                                     "the product the people use"))
                return True
            if any(_USERS_FOR.search(text, max(lo, o.start - 40), o.start) and o.start >= draft.end
                   or o.end <= draft.start and self.owns_app.fullmatch(text, o.end, draft.start)
                   for o in scene.orgs.within(lo, hi)):
                return False  # 'users for Adot', "Naver's main app has": the sentence's own product, by its role
            if any(o.end <= draft.start and draft.start - o.end <= self.possessive_window
                   and _POSSESSIVE.match(text[o.end:draft.start]) for o in scene.orgs.within(lo, hi)):
                return False  # "Orbit's 214 million weekly users": the sentence's owner, not an app named before
            app = scene.apps.last_before(lo)
            party = scene.orgs.last_before(lo)
            if app is None or (_PRONOUN_START.match(text, lo) and party is not None and party.start > app.start):
                return False  # 'Wrtn fell ... Its MAU of 3.12 million': a party named since the last product
        draft.subject = [app.text]
        draft.link("subject", "product", mention_cue(app, "the product the users are counted for"))
        return True

    def _maker_of_item(self, scene: Scene, draft: Draft) -> bool:
        if draft.typing.rental:
            return False  # a rental rate is the renter's, not the chip maker's
        chip = self.items.near(scene.context, draft)
        if chip is None:
            return False
        maker = chip.info.maker or next((m for m, regex in self.chip_makers if regex.match(chip.text)), None)
        if not maker or _SYSTEM_AFTER.match(scene.text, chip.end):
            return False  # no maker, or a server or rack priced whole (its maker is not the chip's)
        if maker not in scene.text:
            return False  # D27: the maker only when the article names it
        draft.subject = [maker]
        draft.link("subject", "maker-of-item", mention_cue(chip, f"{maker} makes the chip priced"))
        return True

    @staticmethod
    def _grantor(scene: Scene, draft: Draft) -> bool:
        """'Subsidy: 52.4 billion yen' under a recipient: a subsidy is the budget of the party the article shows
        granting ('METI grants ...'), the last one named before the figure."""
        rules = role_rules()
        lo = scene.layout.at(draft.start).line.start if scene.layout is not None else draft.start
        if not rules.subsidy_before.search(scene.text, max(lo, draft.start - 40), draft.start):
            return False
        if "grantors" not in scene.memo:
            grantors = [o for o in scene.orgs.items if rules.grants_after.match(scene.text, o.end)]
            scene.memo["grantors"] = grantors, [o.start for o in grantors]
        grantors, starts = scene.memo["grantors"]
        i = bisect_left(starts, draft.start) - 1
        if i < 0:
            return False
        draft.subject = [grantors[i].text]
        draft.link("subject", "grantor", mention_cue(grantors[i], "the party the article shows granting subsidies"))
        return True

    @staticmethod
    def _tender_buyer(scene: Scene, draft: Draft) -> bool:
        """D36: a winning bid is the buyer's budget: 'Haiyun ranked first with a quote of CNY 9.71 billion' in a
        story about one party's tender is that party's money, not the bidder's."""
        if not scene.dominant:
            return False
        lo, _ = scene.context.sentence(draft.start)
        where = scene.layout.at(draft.start) if scene.layout is not None else None
        header = where.column_header if where is not None else None
        m = role_rules().bid_before.search(scene.text, max(lo, draft.start - 80), draft.start)
        if m is None and header is not None:
            m = role_rules().bid_before.search(scene.text, header.start, header.end)
        if m is None:
            return False
        buyer = SubjectResolver._tendering_party(scene)
        draft.subject = [buyer.text] if buyer is not None else list(scene.dominant)
        draft.link("subject", "tender-buyer", mention_cue(buyer, "the party running the tender") if buyer is not None
                   else match_cue(m, "a bid's money is the tendering party's: the article's party"))
        return True

    @staticmethod
    def _tendering_party(scene: Scene) -> Mention | None:
        """The first party the article shows running a tender ('X ... published the winning candidates for its
        centralized procurement', 'X invites tenders'), read once per document."""
        if "tendering_party" not in scene.memo:
            rules, text, found = role_rules(), scene.text, None
            orgs = scene.orgs.items
            for k, org in enumerate(orgs):
                _, hi = scene.context.sentence(org.start)
                stop = min(hi, org.end + 120, orgs[k + 1].start if k + 1 < len(orgs) else hi)
                if rules.tender_noun.search(text, org.end, stop):
                    found = org
                    break
            scene.memo["tendering_party"] = found
        return scene.memo["tendering_party"]

    def _seller(self, scene: Scene, draft: Draft) -> bool:
        """D9/D27: a unit price is its seller's: the reseller it was bought through, the party paid, the party
        whose clause sells at it, the party whose average selling price it is; an unnamed seller or a used-market
        quote has none (extractor/roles.py)."""
        if draft.typing.rental:
            return False  # a rental rate is the renter's
        lo, _ = scene.context.sentence(draft.start)
        in_sentence = self._in_sentence(scene, draft)
        choice = seller(scene.text, draft.start, in_sentence, lo)
        if choice is None:
            # 'The average selling price of a Vx-4 climbed to $18,400': the seller of the sentence before
            return (not in_sentence and self.own_average.search(scene.text, lo, draft.start) is not None
                    and self._previous_sentence_organization(scene, draft))
        if choice.role == "owner-before-sentence":  # 'It then charged its customers $38,000 per H100'
            return self._previous_sentence_organization(scene, draft)
        draft.subject = list(choice.names)
        why = "the seller the figure's sentence names" if choice.names else "a seller the article does not name"
        draft.link("subject", choice.role, Cue(scene.text[choice.start:choice.end], choice.start, choice.end, why))
        return True

    @staticmethod
    def _model_family(scene: Scene, draft: Draft) -> bool:
        """'ByteDance's Doubao large model family now handles 50 trillion tokens': the model family in the clause."""
        lo, hi = scene.context.sentence(draft.start)
        begin = clause_start(scene.text, lo, draft.start)
        owned = [a for a in scene.apps.within(lo, hi) if a.end <= draft.start and a.start >= begin]
        if not owned:
            return False
        draft.subject = [owned[-1].text]
        draft.link("subject", "model-family", mention_cue(owned[-1], "the model family before the figure"))
        return True

    def _row_label(self, scene: Scene, draft: Draft) -> bool:
        """A table row's or key-figure line's own name ('| Lambda | 2.49 |', '- Naver Cloud: 60,000')."""
        if scene.layout is None:
            return False
        text = scene.text
        where = scene.layout.at(draft.start)
        cell = next((c for c in where.line.cells if c.start <= draft.start < c.end), None)
        own = _CELL_LABEL.match(text, cell.start, draft.start) if cell is not None else None
        if own is not None:  # 'Huawei Ascend: 650 | Cambricon: 480': each cell names its own party
            region = Region(own.start("name"), own.end("name"))
        elif where.row_label is not None:
            region = _row_name_cell(text, where, draft.start)
        elif where.label is not None and self._labels_figure(scene, where, draft) and not self._speaker_at(
                scene, where.label.start):
            region = where.label  # a key-figure line; a kicker before a sentence ('Norway: Nscale plans ...') is not
        else:
            return False
        named = [*scene.apps.within(region.start, region.end), *scene.orgs.within(region.start, region.end)]
        if (where.line.cells and region.start == where.line.cells[0].start and draft.kind not in self.seller_kinds
                and self._places_rows(scene, where)):
            return self._caption_owner(scene, where, draft)
        spender = _PARENTHESIS_END.search(text, region.start, region.end)
        first = min((m.start for m in named), default=spender.start() if spender is not None else region.start)
        if _DESCRIBING_WORDS.search(text, region.start, first):
            # 'Purchase of GPU servers, Navi Mumbai AI cluster': a use of money, its place no party; 'GPU servers
            # (HDI)': the bracket after the use names who spends
            return spender is not None and self._bracketed_spender(scene, draft, spender, named)
        whole = any(m.start == region.start and m.end == region.end for m in named)  # 'Sahra Compute' is a name
        if _KICKER.fullmatch(text[region.start:region.end]) or (not whole and self._metric_label.search(
                text, region.start, region.end)) or scene.context.index("DATE").overlapping(region.start, region.end):
            return False  # 'SEOUL', a metric's label ('Installed GPUs: 24,000') or a date ('| May 2025 |')
        chips = scene.context.within("CHIP", region.start, region.end)
        if chips and draft.kind not in self.product_kinds:
            # '| NVIDIA H200 | 9,600 |': the maker named as the product's brand is not the row's party
            named = [m for m in named if not is_brand(text, m, role_rules())]
        if not named and chips:
            # '| H100 SXM | Kestrel Components | 21,900 |': a product's row names its party in a later cell, if any
            later = [c for c in where.line.cells if c.start > region.start and c.end <= draft.start]
            region = next((c for c in later if scene.orgs.within(c.start, c.end) or scene.apps.within(c.start, c.end)),
                          None) or next((c for c in later if _NAME_LIKE.fullmatch(text, c.start, c.end)
                                         and not _DIGIT.search(text, c.start, c.end)
                                         and not scene.context.within("CHIP", c.start, c.end)), None)
            if region is None:
                return False  # '| H100 ..... 2.25 |': a product's row; the price is the market's, not a party's
            named = [*scene.apps.within(region.start, region.end), *scene.orgs.within(region.start, region.end)]
        label = _PARENTHESIS_END.sub("", _RANK_PREFIX.sub("", text[region.start:region.end])).strip()
        bracket = _PARENTHESIS_END.search(text, region.start, region.end)
        if bracket is not None and draft.kind in self.product_kinds:
            # 'Arum (Nuri Telecom)' over a user count: the bracket names the product's maker; the row is the product
            named = [m for m in named if m.start < bracket.start()]
        if label.lower() in self.aggregate_rows and self._product_rows_above(scene, where):
            return False  # '| Total | 39,808 |' under product rows sums one party's fleet, named elsewhere
        if label.lower() in self.aggregate_rows or label.lower() in region_names():
            draft.subject = []
            draft.link("subject", "row-label", Cue(label, region.end - len(label), region.end,
                                                   "a row that sums or lumps parties, or names a region, names none"))
            return True
        if named and draft.kind in self.product_kinds and _NAME_LIKE.fullmatch(label) and len(label) > max(
                len(m.text) for m in named):
            named = []  # 'Naver Clova X 0.58' under a user count: the row is the product, not its maker
        if named:
            best = max(named, key=lambda m: m.end - m.start)
            ordered = sorted(named, key=lambda m: m.start)
            joined = len(ordered) > 1 and all(text[a.end:b.start].lower() in self.coordination
                                              for a, b in zip(ordered, ordered[1:], strict=False))
            draft.subject = list(dict.fromkeys(m.text for m in ordered)) if joined else [best.text]
            draft.link("subject", "row-label", mention_cue(best, "the name of the figure's row"))
            return True
        names = _LABEL_JOIN.split(label)  # 'Kestrel and Lumen (combined)': both
        if not all(_NAME_LIKE.fullmatch(name) for name in names):
            return False
        draft.subject = names
        cue = Cue(label, region.end - len(label), region.end, "the name of the figure's row")
        draft.link("subject", "row-label", cue)
        return True

    @staticmethod
    def _bracketed_spender(scene: Scene, draft: Draft, spender: re.Match, named: list[Mention]) -> bool:
        """The party in the bracket that ends a row describing a use of money: a known name ('(HDI)'), or a name
        no recognizer knew ('(Hoshizora Mobile)')."""
        owner = next((m for m in named if m.start >= spender.start()), None)
        if owner is not None:
            draft.subject = [owner.text]
            draft.link("subject", "row-label", mention_cue(owner, "the party bracketed after the row's use"))
            return True
        inside = spender.group().strip()[1:-1].strip()
        if not _NAME_LIKE.fullmatch(inside) or scene.context.within("CHIP", spender.start(), spender.end()):
            return False
        draft.subject = [inside]
        draft.link("subject", "row-label", Cue(inside, spender.start(), spender.end(),
                                               "the party bracketed after the row's use"))
        return True

    def _places_rows(self, scene: Scene, where: Placement) -> bool:
        """Whether the table's corner cell names places ('Market', 'Region'): its rows are one holder's places."""
        corner = where.text(where.corner)
        return corner is not None and corner.strip().lower() in self.place_corners

    @staticmethod
    def _caption_owner(scene: Scene, where: Placement, draft: Draft) -> bool:
        """'Lumora Cloud GPU fleet by market' over '| Singapore | 3,072 |': the organization the caption names."""
        for region in (where.block_header, where.caption):
            owners = [] if region is None else scene.orgs.within(region.start, region.end)
            if owners:
                draft.subject = [owners[0].text]
                draft.link("subject", "row-label", mention_cue(owners[0], "the holder named over the places"))
                return True
        return False

    @staticmethod
    def _product_rows_above(scene: Scene, where: Placement) -> bool:
        """Whether the table row above names a product and no party in its first cell ('| NVIDIA B200 | 7,200 |',
        not '| Huawei (Ascend) | 0.7 |')."""
        i = scene.layout.line_index(where.line.start)
        above = scene.layout.lines[i - 1] if i > 0 else None
        if above is None or above.kind != "table_row" or not above.cells:
            return False
        first = above.cells[0]
        parties = [m for m in scene.orgs.within(first.start, first.end) if not is_brand(scene.text, m, role_rules())]
        return bool(scene.context.within("CHIP", first.start, first.end)) and not parties

    @staticmethod
    def _labels_figure(scene: Scene, where: Placement, draft: Draft) -> bool:
        """Whether a line's label names the figure's party: a short clause after it ('- OpenRouter: 8.2T tokens a
        week, up 11%. Top model: ...' reads to the sentence's end), naming no party of its own before the figure
        ('Norway: Nscale plans 10,000 GPUs' is a kicker)."""
        label = where.label
        _, hi = scene.context.sentence(draft.start)
        end = min(hi, where.line.end)
        stop = _CLAUSE_END.search(scene.text, draft.end, end)
        if len(scene.text[label.end:stop.start() if stop else end].split()) > 12:
            return False
        return not (scene.orgs.within(label.end, draft.start) or scene.apps.within(label.end, draft.start))

    def _clause_party(self, scene: Scene, draft: Draft) -> bool:
        """The party by its role in the figure's clause (extractor/roles.py)."""
        lo, hi = scene.context.sentence(draft.start)
        choice = choose_party(scene.text, draft.start, draft.end, draft.kind, self._in_sentence(scene, draft), lo, hi)
        if choice is None:
            return False
        if not choice.names:  # 'Its Shakti Cloud rents ...': the owner is named before the sentence
            if self._previous_sentence_organization(scene, draft):
                return True
            draft.subject = [scene.text[choice.start:choice.end]]
            draft.link("subject", "unit-without-owner", Cue(draft.subject[0], choice.start, choice.end,
                                                            "a unit whose owner the article does not name"))
            return True
        draft.subject = list(choice.names)
        draft.link("subject", "clause-party", Cue(scene.text[choice.start:choice.end], choice.start, choice.end,
                                                   f"the {choice.role.replace('-', ' ')} of the figure's clause"))
        return True

    def _clause_initial_name(self, scene: Scene, draft: Draft) -> bool:
        """'The National Center for High-performance Computing (NCHC) will spend NT$6 billion', "Wrtn's daily users
        averaged 1.3 million": a name no pattern knows, opening the figure's sentence before its verb."""
        lo, _ = scene.context.sentence(draft.start)
        if draft.kind == "user_count" and scene.apps.within(lo, draft.start):
            return False  # a product named in the sentence is the subject of a user count
        rules = role_rules()
        m = rules.initial_name.match(scene.text, lo, draft.start)
        if m is None or m.group("name").split()[0] in rules.not_names or rules.site_tail.search(m.group("name")):
            return False
        name = _POSSESSOR.sub("", m.group("name"))  # "KDDI's GPU cloud lists ...": the owner named
        first = name.split()[0]
        if any(map(is_description, name.split())):
            return False  # 'Singtel-owned', 'AI-related': a description, not a name
        if name in scene.people:
            return False  # 'Lindqvist says ...': the chief executive the article introduced, not a party
        if name.lower() in rules.not_parties or first.lower() in STOP_WORDS or self._metric_label.fullmatch(
                first) or (" " not in name and scene.written_lowercase(first)):
            return False  # 'Tokens served through ...', 'Someone reported ...': a common word opening the sentence
        if scene.context.within("CHIP", m.start("name"), m.end("name")) or scene.context.index("DATE").overlapping(
                m.start("name"), m.end("name")):
            return False  # 'The B200 is going for $3.80': a product; 'Jan list was $3.10': a date
        draft.subject = [name]
        draft.link("subject", "clause-initial-name",
                   Cue(name, m.start("name"), m.start("name") + len(name), "the name that opens the figure's sentence"))
        return True

    def _definite_description(self, scene: Scene, draft: Draft) -> bool:
        """'The ministry said it aims to bring in 16,000 GPUs', 'the company aims to run 50,000 GPUs': the last
        party of that kind named before the sentence."""
        lo, _ = scene.context.sentence(draft.start)
        begin = clause_start(scene.text, lo, draft.start)
        rules = role_rules()
        found = list(rules.definite.finditer(scene.text, begin, draft.start))
        if not found:
            return False
        m = found[-1]
        public = m.group("noun").lower() in rules.public_nouns

        def of_kind(written: str, name: str) -> bool:  # 'Ministry of Science and ICT (MSIT)': written, and its name
            return bool(rules.public_name.search(written) or name in country_names()) == public

        earlier = [d for d in scene.history.last.values() if d.subject and d.start < lo]
        if earlier:
            latest = max(earlier, key=lambda d: d.start)
            name = latest.subject[0]
            # a party opening a sentence after the figure before ('Tessellate Cloud will lower ...' after the
            # headline's 'Loom assistant tops 4 million users') is the one the clause refers to; a product is never
            # 'the company'
            since = self.parties(scene.text, scene.orgs.within(latest.start + 1, lo))
            openers = [p for p in since if of_kind(scene.text[p.start:p.end], p.text) and _opens_sentence(scene, p)]
            if openers:
                draft.subject = [openers[-1].text]
                draft.link("subject", "definite-description",
                           mention_cue(openers[-1], f"the {m.group('noun')} the figure's clause refers to"))
                return True
            if len(latest.subject) == 1 and name not in scene.app_names and of_kind(name, name):
                draft.subject = [name]
                draft.link("subject", "definite-description",
                           rewhy(latest.cue_of("subject"), f"the {m.group('noun')} of the figure before"))
                return True
        for party in reversed(self.parties(scene.text, scene.orgs.within(0, lo))):
            if of_kind(scene.text[party.start:party.end], party.text):
                draft.subject = [party.text]
                draft.link("subject", "definite-description",
                           mention_cue(party, f"the {m.group('noun')} the figure's clause refers to"))
                return True
        country = scene.dateline_before(m.start()) if public else None
        if country is not None:
            draft.subject = [country.text]
            draft.link("subject", "definite-description", Cue(
                scene.text[country.start:country.end], country.start, country.end,
                f"the {m.group('noun')} of the country in the dateline"))
            return True
        return False

    @staticmethod
    def _indefinite_subject(scene: Scene, draft: Draft) -> bool:
        """'Server makers expect to ship 55,000 racks', 'A consortium led by a utility estimates its campus would
        cost €4bn': the clause is about a party the article does not name, so no subject."""
        lo, _ = scene.context.sentence(draft.start)
        begin = clause_start(scene.text, lo, draft.start)
        if not indefinite_subject(scene.text, begin, draft.start):
            return False
        words = scene.text[begin:draft.start]
        start = begin + len(words) - len(words.lstrip())
        end = begin + len(words.rstrip())
        draft.subject = []
        draft.link("subject", "indefinite-subject", Cue(scene.text[start:end], start, end,
                                                        "the clause's subject is a party not named"))
        return True

    def _interviewee(self, scene: Scene, draft: Draft) -> bool:
        """A price quoted in an interview's answer or in the first person belongs to the party interviewed."""
        lo, hi = scene.context.sentence(draft.start)
        where = scene.layout.at(draft.start) if scene.layout is not None else None
        spoken = _FIRST_PERSON.search(scene.text, lo, hi) or (
            where is not None and (where.line.kind == "answer" or where.question is not None))
        return bool(spoken) and self._previous_sentence_organization(scene, draft)

    def _item_body(self, scene: Scene, draft: Draft) -> bool:
        """'4) 50,000' over 'GPUs that Korean carrier Hanbit Telecom says it will install ...': a figure typed by the
        body under it (a newsletter's numbered item, a key-figure card) belongs to the party of that body's first
        sentence, chosen by its role there."""
        typing = draft.typing
        if typing.basis not in _BODY_BASES or typing.cue is None:
            return False
        lo, hi = scene.context.sentence(typing.cue.start)
        parties = self.parties(scene.text, scene.orgs.within(lo, hi))
        if not parties:
            return False
        choice = choose_party(scene.text, typing.cue.start, typing.cue.end, draft.kind, parties, lo, hi)
        if choice is not None and choice.names:
            draft.subject = list(choice.names)
            cue = Cue(scene.text[choice.start:choice.end], choice.start, choice.end,
                      "the party of the item's body, by its role there")
        else:
            draft.subject = [parties[0].text]
            cue = mention_cue(parties[0], "the first party of the item's body")
        draft.link("subject", "item-body", cue)
        return True

    def _named_source(self, scene: Scene, draft: Draft) -> bool:
        """'Worldwide shipments will climb to 2.9 million units, according to Brightline Analytics': a figure
        whose sentence names only a source (a research firm, an outlet) is the market's, no party's."""
        lo, hi = scene.context.sentence(draft.start)
        m = scene.source_named(lo, hi)
        if m is None or self.parties(scene.text, scene.orgs.within(lo, hi)):
            return False
        draft.subject = []
        draft.link("subject", "named-source", match_cue(m, "the sentence names only its source"))
        return True

    def _section_heading(self, scene: Scene, draft: Draft) -> bool:
        """A factbox's or analyst note's section title names the party of the figures under it ('MICROSOFT' over
        'The company expects capex of $140 billion', 'GOOGL (Buy, PT $260)' over '- capex guide 2026: $178bn'),
        when the figure's sentence names no party of its own."""
        if scene.layout is None:
            return False
        lo, hi = scene.context.sentence(draft.start)
        if self.parties(scene.text, scene.orgs.within(lo, hi)):
            return False
        region = scene.layout.heading_before(draft.start)
        if region is None:
            return False
        key = f"heading:{region.start}"
        if key not in scene.memo:
            scene.memo[key] = self._heading_name(scene, region)
        named = scene.memo[key]
        if named is None:
            return False
        name, start, end = named
        draft.subject = [name]
        draft.link("subject", "section-heading", Cue(scene.text[start:end], start, end,
                                                     "the party the section's heading names"))
        return True

    def _heading_name(self, scene: Scene, region: Region) -> tuple[str, int, int] | None:
        """The party a heading names: the whole heading in capitals ('LAMBENT CLOUD'), or a ticker opening it
        ('GOOGL (Buy ...)'); spelled as the article spells it elsewhere ('XAI' -> 'xAI'), else in title case."""
        text = scene.text
        whole = _CAPS_HEADING.fullmatch(text, region.start, region.end)
        ticker = None if whole else _TICKER_HEADING.match(text, region.start, region.end)
        m = whole or ticker
        if m is None:
            return None
        words = m.group()
        parts = words.split()
        if words.lower() in self.not_section_names or words in scene.source_names or self._metric_label.search(
                words) or any(w.lower() in STOP_WORDS for w in parts) or all(map(scene.written_lowercase, parts)):
            return None  # 'OUTLOOK', 'KEY FIGURES', 'GPUS': a section's topic, not a party
        headings, spellings = self._party_headings(scene)
        others = [o for o in spellings.get(words.lower(), ()) if not region.start <= o[0] < region.end]
        spelled = others[0][1] if others else None
        if spelled is None and headings < 3:
            return None  # one capitalized heading the article never names again is a topic, not a party
        if ticker is not None:
            return words, m.start(), m.end()
        written = spelled if spelled and spelled != words else " ".join(
            w if len(w) <= 3 and w not in country_words() else w.capitalize() for w in parts)
        return written, m.start(), m.end()

    @staticmethod
    def _party_headings(scene: Scene) -> tuple[int, dict[str, list[tuple[int, str]]]]:
        """How many headings are a capitalized name or open with a ticker (three or more make a factbox or an
        analyst note, whose sections are parties), and where the article writes each one's words, in any case
        (first two places each): one pass over the text for all headings, read once per document."""
        if "party_headings" not in scene.memo:
            layout, text = scene.layout, scene.text
            words = [m.group() for line in (layout.lines[1:] if layout is not None else ()) if line.kind == "heading"
                     for m in [_CAPS_HEADING.fullmatch(text, line.start, line.end)
                               or _TICKER_HEADING.match(text, line.start, line.end)] if m is not None]
            spellings: dict[str, list[tuple[int, str]]] = {}
            if words:
                alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text, re.I):
                    places = spellings.setdefault(m.group().lower(), [])
                    if len(places) < 2:
                        places.append((m.start(), m.group()))
            scene.memo["party_headings"] = (len(words), spellings)
        return scene.memo["party_headings"]

    def publisher(self, text: str, head: int = 600) -> str | None:
        """The company whose own page this is, when the page's furniture names it: 'Lumenary Blog' or 'The
        Lumenary team' in its first lines, or an 'About Lumenary' boilerplate heading. An outlet's name is no
        publisher here: 'we' in a news story is a quoted speaker's company."""
        m = self.furniture.search(text, 0, min(len(text), head)) or self.about.search(text)
        if m is None or m.group("name").split()[-1] in self.source_heads:
            return None  # 'Harbor Wire Newsroom': an outlet's page
        return m.group("name")

    @staticmethod
    def most_named_form(name: str, salience: Counter) -> str:
        """The name the article mostly calls a company by: 'Kijani' for the boilerplate's 'Kijani Cloud'."""
        forms = [n for n in salience if n == name or name.startswith(n + " ")]
        return max(forms, key=lambda n: salience[n]) if forms else name

    def speaker_labels(self, text: str) -> list[re.Match]:
        """The speaker labels of a company transcript or interview, read once per document: at least two, one of
        them naming an officer's title ('Priya Raman, Chief Financial Officer:') or a speaker the article
        introduces with one; a podcast's bare names are hosts, not a company's people. The speakers and what
        their labels say are never parties."""
        found = list(self.speaker_label.finditer(text))
        said = Counter(m.group("speaker") for m in found)
        found = [m for m in found if " " in m.group("speaker") or said[m.group("speaker")] >= 2]
        if len(found) < 2:
            return []
        if not any(self._officer(m.group("affiliation")) for m in found) and not self._introduced_officers(
                text, {m.group("speaker") for m in found}):
            return []
        return found

    def _introduced_officers(self, text: str, speakers: set[str]) -> bool:
        """Whether the article introduces one of `speakers` with a title ('chief technology officer Marisol Aguerre',
        'Rhea Lind, chief technology officer at Orbitra') before the turns labelled 'Aguerre:' or 'Lind:'; one pass
        over the text for all of them."""
        after = default_shape().titled_after
        forms = speakers | {s.title() for s in speakers if s.isupper()}  # 'OKAFOR:' is 'Dana Okafor, CTO at ...'
        alternation = "|".join(re.escape(s) for s in sorted(forms, key=len, reverse=True))
        return any(self.titled.search(text, max(0, m.start() - 60), m.start()) or after.match(text, m.end())
                   for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text))

    def _officer(self, affiliation: str | None) -> bool:
        return affiliation is not None and bool(self.officer.search(affiliation))

    @staticmethod
    def _label_spans(scene: Scene) -> tuple[list[tuple[int, int]], list[int]]:
        if "label_spans" not in scene.memo:
            scene.memo["label_spans"] = _label_spans(scene.speaker_labels)
        return scene.memo["label_spans"]

    def _speaker_at(self, scene: Scene, offset: int) -> bool:
        """Whether `offset` is inside a transcript's speaker label: a person, not a row's party."""
        return _inside(*self._label_spans(scene), offset)

    def _turn_of(self, scene: Scene, offset: int) -> re.Match | None:
        """The speaker label whose turn `offset` is in."""
        i = bisect_right(self._label_spans(scene)[1], offset) - 1
        return scene.speaker_labels[i] if i >= 0 else None

    def _first_person_turn(self, scene: Scene, draft: Draft) -> bool:
        """'Priya Raman, CFO: ... we have roughly 48,000 units on order', 'Analyst: ... you had signed for 100,000':
        in a transcript, 'we' and 'you' are the company the call is about."""
        turn = self._turn_of(scene, draft.start)
        lo, hi = scene.context.sentence(draft.start)
        if turn is None or not scene.dominant or not self.speaker_pronoun.search(scene.text, lo, hi):
            return False
        return self._to_host(scene, draft, turn, "the company the transcript is about: its speaker says we or you")

    def _publisher_first_person(self, scene: Scene, draft: Draft) -> bool:
        """'We spent $1.46 billion on capital expenditures', 'our blended H100 rate fell to $1.92' on a company's
        own page: 'we' is the publisher, unless another party stands between the pronoun and the figure."""
        if scene.publisher is None:
            return False
        lo, _ = scene.context.sentence(draft.start)
        pronoun = next(reversed(list(self.publisher_pronoun.finditer(scene.text, lo, draft.start))), None)
        if pronoun is None:
            return False
        between = self.parties(scene.text, scene.orgs.within(pronoun.end(), draft.start))
        if any(o.text != scene.publisher for o in between):
            return False
        draft.subject = [scene.publisher]
        draft.link("subject", "publisher-first-person", Cue(pronoun.group(), pronoun.start(), pronoun.end(),
                                                            "'we' on the company's own page"))
        return True

    @staticmethod
    def _publisher_page(scene: Scene, draft: Draft) -> bool:
        """A figure no clause gives a party, on a company's own page ('Halyard Blog', 'About Halyard'): the
        publisher's list price, budget, fleet or volume, before any party of an earlier sentence."""
        if scene.publisher is None:
            return False
        draft.subject = [scene.publisher]
        draft.link("subject", "publisher-page", None)
        return True

    def _speaker_turn(self, scene: Scene, draft: Draft) -> bool:
        """A figure in a turn of the company's own people (a label with a title, or none) whose sentence names no
        party: 'Priya Raman: Sure. About $6 billion of the envelope sits under firm orders.'"""
        turn = self._turn_of(scene, draft.start)
        if turn is None or not scene.dominant:
            return False
        if turn.group("affiliation") is not None and not self._officer(turn.group("affiliation")):
            return False  # an analyst's firm: the turn is a question
        lo, hi = scene.context.sentence(draft.start)
        if self.parties(scene.text, scene.orgs.within(lo, hi)):
            return False
        return self._to_host(scene, draft, turn, "the company the transcript is about: its own speaker's turn")

    def _pronoun_antecedent(self, scene: Scene, draft: Draft) -> bool:
        """'It rents H100 capacity at about 80 baht per GPU-hour', 'Its on-demand H200 rate stays at PLN 11.90': a
        clause that opens on a pronoun refers to the party the sentence before names (a price's seller too)."""
        lo, _ = scene.context.sentence(draft.start)
        begin = clause_start(scene.text, lo, draft.start)
        if not _PRONOUN_OPENING.match(scene.text, begin, draft.start):
            return False
        return self._previous_sentence_organization(scene, draft)

    def _to_host(self, scene: Scene, draft: Draft, turn: re.Match, why: str) -> bool:
        """The company the transcript is about: the one its officer is introduced with ('Dana Okafor, chief
        technology officer at Parallax Labs'), else the one it names most."""
        if "host" not in scene.memo:
            scene.memo["host"] = _introduced_company(scene, self.host_window, self.officer)
        draft.subject = [scene.memo["host"]] if scene.memo["host"] else list(scene.dominant)
        draft.link("subject", "speaker-turn", Cue(turn.group("speaker"), turn.start("speaker"), turn.end("speaker"),
                                                  why))
        return True

    def _market_average(self, scene: Scene, draft: Draft) -> bool:
        """'Average on-demand H100 price across the neoclouds we track: $2.09': a market's average price, set by
        no party, when the figure's clause names none."""
        lo, _ = scene.context.sentence(draft.start)  # the sentence: 'Average ... price we track: $2.09'
        m = self.market_average.search(scene.text, lo, draft.start)
        if m is None or scene.orgs.within(lo, draft.end) or self.own_average.search(scene.text, lo, draft.start):
            return False  # a party named, or a seller's own average selling price
        draft.subject = []
        draft.link("subject", "market-average", match_cue(m, "a market average: no party sets it"))
        return True

    def _in_sentence(self, scene: Scene, draft: Draft) -> list[Mention]:
        lo, hi = scene.context.sentence(draft.start)
        return scene.orgs.within(lo, hi)

    def _possessive(self, scene: Scene, draft: Draft) -> bool:
        text = scene.text
        for m in self._in_sentence(scene, draft):
            if (m.end <= draft.start and draft.start - m.end <= self.possessive_window
                    and _POSSESSIVE.match(text[m.end:draft.start])):
                draft.subject = [m.text]
                draft.link("subject", "possessive", mention_cue(m, "the owner named before the figure ('X's')"))
                return True
        return False

    def _sentence_organization(self, scene: Scene, draft: Draft) -> bool:
        in_sentence = self._in_sentence(scene, draft)
        left = self.parties(scene.text, [o for o in in_sentence if o.end <= draft.start])
        if not left:
            return False
        first = left[0]
        names, last = self._coordinated(scene.text, first, in_sentence, draft.start)
        draft.subject = names
        if last is first:
            cue = mention_cue(first, "the first organization before the figure in its sentence")
        else:
            cue = Cue(scene.text[first.start:last.end], first.start, last.end,
                      "the organizations named together before the figure in its sentence")
        draft.link("subject", "sentence-organization", cue)
        return True

    def _coordinated(self, text: str, first: Mention, candidates: list[Mention],
                     limit: int) -> tuple[list[str], Mention]:
        """'Meta and Oracle', 'Meta, Oracle and xAI': the names and the last mention."""
        names = [first.text]
        current = first
        for nxt in candidates:
            if nxt.start <= current.start or nxt.end > limit:
                continue
            if text[current.end:nxt.start].strip().lower() in self.coordination:
                names.append(nxt.text)
                current = nxt
            elif nxt.start > current.end:
                break
        return list(dict.fromkeys(names)), current

    @staticmethod
    def _from_original(scene: Scene, draft: Draft) -> bool:
        if draft.equivalent is None:
            return False
        draft.subject = list(draft.equivalent.subject)
        draft.link("subject", "from-original", rewhy(draft.equivalent.cue_of("subject"),
                                                      "the subject of the amount this converts"))
        return True

    def _unnamed_group(self, scene: Scene, draft: Draft) -> bool:
        """'… for the four major cloud giants': the figure belongs to a group the
        article does not name."""
        text = scene.text
        _, clause_hi = self.clauses.around(text, scene.context, draft.start)
        for m in self.unnamed_group.regex.finditer(text, draft.end, clause_hi):
            if self.group_governor.search(text, max(draft.end, m.start() - self.governor_window), m.start()):
                draft.subject = []
                draft.link("subject", "unnamed-group",
                           match_cue(m, "the figure belongs to a group the article does not name"))
                return True
        return False

    @staticmethod
    def _take_from(draft: Draft, prior: Draft | None, strategy: str = "earlier-mention",
                   why: str = "the subject of an earlier mention of the figure") -> bool:
        if prior is None or not prior.subject:
            return False
        draft.subject = list(prior.subject)
        draft.link("subject", strategy, rewhy(prior.cue_of("subject"), why))
        return True

    def _earlier_mention(self, scene: Scene, draft: Draft) -> bool:
        return self._take_from(draft, scene.history.same_figure(draft))

    def _earlier_of_type(self, scene: Scene, draft: Draft) -> bool:
        return self._take_from(draft, scene.history.last.get(draft.kind))

    def _continued_figure(self, scene: Scene, draft: Draft) -> bool:
        """'190 million people use Vela every week, up from 60 million in January': a figure whose noun is elided
        continues the one before it, and its party."""
        return self._take_from(draft, scene.history.continued_figure(draft), "continued-figure",
                               "the subject of the figure this one continues")

    def _previous_sentence_organization(self, scene: Scene, draft: Draft) -> bool:
        lo, _ = scene.context.sentence(draft.start)
        last = scene.orgs.last_before(lo)
        if last is None:
            return False
        parties = SubjectResolver.parties(scene.text, scene.orgs.within(scene.context.sentence(last.start)[0],
                                                                         last.end))
        if draft.kind not in self.product_kinds:
            # an app holds users and tokens, never a budget, a fleet or a price: its maker does
            parties = [o for o in parties if o.text not in scene.app_names]
        if not parties:
            return False
        # the party the article names most wins over a place or product named once in passing
        first = max(parties, key=lambda o: scene.salience[o.text])
        draft.subject = [first.text]
        draft.link("subject", "previous-sentence-organization",
                   mention_cue(first, "the most-named organization of the last sentence that names one"))
        return True

    @staticmethod
    def _article_organization(scene: Scene, draft: Draft) -> bool:
        draft.subject, named = list(scene.dominant), scene.dominant_mention
        draft.link("subject", "article-organization",
                   mention_cue(named, "the organization the article names most") if named else None)
        return True


_TITLE_CASE_LINE = re.compile(r"^[ \t]*(?:[\w$€£¥₹.,'’&:-]+[ \t]+){4,}[\w$€£¥₹.,'’&:-]+[ \t]*$", re.M)
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs",
                          "with"})


def _outside_title_case(text: str, orgs: list[Mention]) -> list[Mention]:
    """'Hangzhou Doubles Computing Vouchers to 250 Million Yuan as Domestic AI Chip Orders Swell': in a headline
    written in title case capitals say nothing, so a name only its shape or a generic pattern found there is no
    party unless the article writes it elsewhere."""
    lines = [(m.start(), m.end()) for m in _TITLE_CASE_LINE.finditer(text) if _title_case(m.group())]
    if not lines:
        return orgs
    starts = [a for a, _ in lines]

    def in_title(o: Mention) -> bool:
        i = bisect_right(starts, o.start) - 1
        return i >= 0 and o.end <= lines[i][1]

    elsewhere = {o.text for o in orgs if not in_title(o)}
    return [o for o in orgs if not ((o.pattern.startswith("name-shape") or o.info.generic) and in_title(o)
                                    and o.text not in elsewhere)]


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 5 and all(w[0].isupper() for w in words)


def _label_spans(labels: list[re.Match]) -> tuple[list[tuple[int, int]], list[int]]:
    spans = [(m.start(), m.end()) for m in labels]
    return spans, [a for a, _ in spans]


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-nested spans (bisection)."""
    i = bisect_left(spans, (start, start))
    return any(a < end and start < b for a, b in spans[max(0, i - 1):i + 1])


def _row_name_cell(text: str, where: Placement, before: int) -> Region | None:
    """The row's first cell with a name before the figure (a rank column '| 3 | Wrtn |' names nothing), passing
    over a country's or region's cell when a later one names the party: '| UAE | G42 | GB300 | 35,000 |'."""
    named = [c for c in where.line.cells if c.end <= before and _LETTER.search(text, c.start, c.end)]
    if not named:
        return where.row_label
    parties = [c for c in named if (name := text[c.start:c.end].strip()) not in country_words()
               and name.lower() not in region_names()]
    return (parties or named)[0]


_OPENING = re.compile(r"(?:^|[.!?][\"”’)]?[ \t]+|\n[ \t]*(?:[-*•·–—▪■►‣◦]|\d{1,2}[.)])?[ \t]*)[\"“‘(]?$")


def _common_word_opening(text: str, org: Mention, lowercase: frozenset[str]) -> bool:
    """'Tokens processed in March: 4.2 quadrillion', 'Accelerators installed: ~1.05 million': one capitalized word
    that opens a sentence or a line, found by a name's shape alone, is a common noun when the article also writes
    it in lower case."""
    if " " in org.text or org.text.lower() not in lowercase:
        return False
    if not (org.pattern.startswith("name-shape") or org.info.generic):
        return False
    return bool(_OPENING.search(text, max(0, org.start - 6), org.start))


_AT_OR_OF = re.compile(r"\b(?:at|of)\s+(?:the\s+)?$")  # 'chief technology officer at Parallax Labs'


def _opens_sentence(scene: Scene, party: Mention) -> bool:
    """'Tessellate Cloud will lower ...': the party is the first thing its sentence says."""
    lo, _ = scene.context.sentence(party.start)
    return not scene.text[lo:party.start].strip(" \t\n\"“'‘")


def _introduced_company(scene: Scene, window: int, officer: re.Pattern) -> str | None:
    """The party right after an officer's title in a transcript's introduction ('chief technology officer at
    Parallax Labs'), before its first turn or `window` characters into it; None when no officer is introduced so."""
    first = scene.speaker_labels[0].start() if scene.speaker_labels else len(scene.text)
    for org in scene.orgs.within(0, min(len(scene.text), first + window)):
        lo = max(0, org.start - 60)
        if _AT_OR_OF.search(scene.text, lo, org.start) and officer.search(scene.text, lo, org.start):
            return org.text
    return None
