"""Gazetteer components: organisations, countries and cities, plus organisation patterns."""

from __future__ import annotations

from ..lang import arabic
from ..model import HEADER_FIELD
from ..reference import cities, countries, organisations
from ..text import fold
from .base import AnalysedDoc, Ent
from .lexicon import phrase_key
from .persons import common_words
from .resources import city_matcher, country_matcher, org_matcher, organ_matcher


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


class OrganisationGazetteer:
    """Curated organisations (one entry, aliases in ar/en/fr) → ORG spans."""

    name = "organisations"

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = org_matcher()
        for m in matcher.find_all(ad.tokens, ad.allowed, ad.starts(matcher)):
            ad.add(Ent("ORG", m.start, m.end, m.value, {"source": "gazetteer"}))
        self._bodies_inside(ad, matcher)
        self._organs(ad)

    @staticmethod
    def _bodies_inside(ad: AnalysedDoc, matcher) -> None:
        """"مجلس جامعة الدول العربية", "the ASEAN Coordinating Council", "Conseil de l'Union européenne": an
        organ's name that holds its body's name names the body too, at those words (a span inside the organ's,
        claiming nothing)."""
        table = organisations()
        starts = ad.starts(matcher)
        for e in list(ad.get("ORG")):
            entry = table.get(e.key)
            if entry is None or entry.parent is None:
                continue
            for k in sorted(starts & set(range(e.start + 1, e.end))):
                m = matcher.match_at(ad.tokens, k)
                if m and m.value == entry.parent and m.end <= e.end:
                    ad.add(Ent("ORG", m.start, m.end, m.value, {"source": "gazetteer", "inside": e.key}), claim=False)
                    break

    @staticmethod
    def _organs(ad: AnalysedDoc) -> None:
        """A generic organ name ("الأمانة العامة", "the Secretariat General") is the organ of the body
        the article names (its parent; or the organ itself, named in full before), the one named nearest
        where several could be."""
        table = organisations()
        named: dict[str, list[int]] = {}
        for e in ad.get("ORG"):
            key = e.key
            while key in table:  # an organ named in full names its body too
                named.setdefault(key, []).append(e.start)
                key = table[key].parent
        if not named:
            return
        matcher = organ_matcher()
        free = [ad.allowed[k] and ad.owner[k] is None for k in range(len(ad.tokens))]
        for m in matcher.find_all(ad.tokens, free, ad.starts(matcher)):
            if _runs_on(ad, m.end):
                continue  # "المجلس الأعلى للقضاء", "the Executive Council of Kenya": another body's name
            best = None
            for oid in m.value:
                entry = table[oid]
                anchor = entry.parent or entry.id
                for pos in named.get(anchor, []) + named.get(oid, []):  # its body, or itself in full
                    rank = (abs(pos - m.start) + (0 if pos < m.start else 1), oid)
                    best = rank if best is None or rank < best else best
            if best is not None:
                ad.add(Ent("ORG", m.start, m.end, best[1], {"source": "organ"}))


def _runs_on(ad: AnalysedDoc, k: int) -> bool:
    """Does a name go on at token ``k`` with a genitive ("of …", "de …", "للقضاء") that is not a known body?"""
    if k >= len(ad.tokens) or ad.owner[k] == "ORG":
        return False
    t = ad.tokens[k]
    if t.text in ad.lang.word_set("org_connectors"):
        return not (k + 1 < len(ad.tokens) and ad.owner[k + 1] == "ORG")
    return t.is_arabic and arabic.after_preposition(t.text) and arabic.definite(t.text)


class CountryGazetteer:
    """Country names (CLDR) and adjectives (ours), clitic-aware → COUNTRY spans."""

    name = "countries"

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = country_matcher(ad.lang.lang)
        for m in matcher.find_all(ad.tokens, ad.allowed, ad.starts(matcher)):
            inside_org = any(ad.owner[k] == "ORG" for k in range(m.start, m.end))
            ad.add(Ent("COUNTRY", m.start, m.end, m.value, {"in_org": inside_org, "key": m.key}),
                   claim=not inside_org)
        self._country_or_city(ad)

    @staticmethod
    def _country_or_city(ad: AnalysedDoc) -> None:
        """تونس after العاصمة is the capital; عمان without سلطنة, in an article about Jordan, is Amman."""
        rules = {fold(str(k)): v for k, v in (ad.lang.raw.get("country_or_city") or {}).items()}
        if not rules:
            return
        table = cities()
        present = {e.key for e in ad.get("COUNTRY")}
        for e in list(ad.get("COUNTRY")):
            rule = rules.get(" ".join(e.data.get("key") or ()))
            if not rule or e.end - e.start != 1:
                continue
            prev = ad.tokens[e.start - 1].text if e.start > 0 else ""
            nxt = ad.tokens[e.end].text if e.end < len(ad.tokens) else ""
            country_cues = {fold(str(w)) for w in rule.get("country_cues") or []}
            city_cues = {fold(str(w)) for w in rule.get("city_cues") or []}
            city = table.get(int(rule["city"]))
            if city is None or prev in country_cues or nxt in country_cues:
                continue
            after_cues = {fold(str(w)) for w in rule.get("city_cues_after") or []}
            by_cue = prev in city_cues or (len(prev) > 3 and prev[1:] in city_cues) or nxt in after_cues
            by_context = bool(country_cues) and city.country in present and city.country != e.key
            dl = ad.layout.dateline
            by_dateline = bool(dl and dl[0] <= ad.tokens[e.start].start < dl[1]) \
                or CityGazetteer._inline_dateline(ad, e)  # "عمان - استقبل …": a dateline names a city
            if by_cue or by_context or by_dateline:
                ad.remove(e)
                ad.add(Ent("CITY", e.start, e.end, city.geonames, {"dateline": by_dateline, "from_country": True}))


_PORTFOLIO_FAMILY = {"foreign affairs": "foreign", "foreign affairs and cooperation": "foreign",
                     "foreign affairs and international cooperation": "foreign",
                     "foreign affairs and African cooperation": "foreign", "interior": "interior",
                     "defence": "defence", "national defence": "defence", "justice": "justice", "finance": "finance",
                     "economy and finance": "finance"}


def ministry_entity(portfolio: str, country: str | None) -> tuple[str, str]:
    """Gazetteer id (or a stable made-up one) and English name of a country's ministry."""

    family = _PORTFOLIO_FAMILY.get(portfolio)
    table = organisations()
    if country and family:
        for entry in table.values():
            if entry.type == "ministry" and entry.country == country and entry.id.endswith("_ministry_" + family):
                return entry.id, entry.en
    slug = "-".join(portfolio.lower().split())
    cname = countries()[country].names["en"] if country and country in countries() else None
    name = f"Ministry of {portfolio[:1].upper() + portfolio[1:]}" + (f" ({cname})" if cname else "")
    return f"ministry-{slug}-{(country or 'xx').lower()}", name


class MinistryNames:
    """Ministries named by portfolio and country in any order: وزارة الخارجية المغربية,
    ministère marocain de l'Intérieur, Spain's interior ministry → one id per (country, portfolio)."""

    name = "ministries"

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        maybe = ad.starts(lang.org_heads)
        adjective_first = lang.profile.adjective_before_noun  # "Moroccan Ministry of the Interior"
        i = 0
        while i < len(toks):
            if i not in maybe and not adjective_first:
                i += 1
                continue
            if not ad.free(i):
                country_first = ad.starting_at("COUNTRY", i) if adjective_first else None
                if country_first and not country_first.data.get("in_org"):
                    hit = self._country_first(ad, country_first)
                    if hit:
                        i = hit
                        continue
                i += 1
                continue
            head = lang.org_heads.match_at(toks, i) if i in maybe else None
            if not head or head.value != "ministry":
                i += 1
                continue
            j, country = head.end, None
            c = ad.starting_at("COUNTRY", j)
            if c:
                country, j = c.key, c.end
            connect = lang.word_set("articles") | lang.word_set("org_connectors")
            while j < len(toks) and toks[j].text in connect:
                j += 1
            port = lang.portfolios.match_at(toks, j) if j < len(toks) else None
            if not port:
                i += 1
                continue
            j = port.end
            k = j
            while k < len(toks) and toks[k].text in connect:
                k += 1
            c = ad.starting_at("COUNTRY", k) if k < len(toks) else None
            if c and country is None:
                country, j = c.key, c.end
            self._emit(ad, i, j, str(port.value), country)
            i = j

    def _country_first(self, ad: AnalysedDoc, c: Ent) -> int | None:
        toks = ad.tokens
        j = c.end
        if j < len(toks) and toks[j].text == "'s":
            j += 1
        port = ad.lang.portfolios.match_at(toks, j) if j < len(toks) else None
        if not port or port.end >= len(toks) or toks[port.end].text != "ministry":
            return None
        self._emit(ad, c.start, port.end + 1, str(port.value), c.key)
        return port.end + 1

    @staticmethod
    def _emit(ad: AnalysedDoc, start: int, end: int, portfolio: str, country: str | None) -> None:
        for e in [x for x in ad.get("COUNTRY") if start <= x.start and x.end <= end]:
            e.data["in_org"] = True
        oid, name_en = ministry_entity(portfolio, country)
        ad.add(Ent("ORG", start, end, oid, {"source": "ministry", "name_en": name_en, "country": country}))


class OrganisationPatterns:
    """Names not in the gazetteer: a head word (وزارة، Ministry of …) and its genitive phrase."""

    name = "org_patterns"
    MAX_TOKENS = 6

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        maybe = ad.starts(lang.org_heads)
        i = 0
        while i < len(toks):
            m = lang.org_heads.match_at(toks, i) if i in maybe and ad.free(i) else None
            if not m:
                i += 1
                continue
            j = m.end
            if j < len(toks) and toks[j].text in lang.word_set("org_connectors"):
                j += 1
            stop = end = self._name_end(ad, i, j)
            while end > j and toks[end - 1].text in lang.word_set("org_function_words"):
                end -= 1  # trim trailing function words
            if end > j and (not lang.profile.cased or toks[i].raw[:1].isupper()):
                data = {"source": "pattern", "head": m.value, "name": self._name(ad, i, end, m.key[0])}
                if self._genitive_of_body(ad, stop):
                    data["parent_at"] = stop  # "المكتب التنفيذي لمجلس …", "the Bureau of the AU": an organ
                ad.add(Ent("ORG", i, end, None, data))
                i = end
            else:
                i += 1

    @staticmethod
    def _name(ad: AnalysedDoc, i: int, end: int, reading: str) -> str:
        """The name without the clitics of its first word ("للجنة الوطنية" → "لجنة الوطنية"); the surface
        keeps them."""
        toks = ad.tokens
        first = arabic.as_read(toks[i].raw, reading) if toks[i].is_arabic else toks[i].raw
        start = toks[i].end - len(first)
        return " ".join(ad.doc.text[start:toks[end - 1].end].split())

    @staticmethod
    def _genitive_of_body(ad: AnalysedDoc, k: int) -> bool:
        """Does the name stop at a known body in its genitive ("لمجلس …", "of the Council …")?"""
        if k >= len(ad.tokens) or ad.owner[k] != "ORG" or ad.tokens[k].sent != ad.tokens[k - 1].sent:
            return False
        t, before = ad.tokens[k], ad.tokens[k - 1]
        if t.is_arabic:
            return arabic.after_preposition(t.text)
        return before.text in ad.lang.word_set("org_connectors") | ad.lang.word_set("articles")

    def _name_end(self, ad: AnalysedDoc, i: int, j: int) -> int:
        """Where the name of the body whose head ends at ``j`` ends: its genitive phrase, up to a
        country (included), punctuation, another entity or a word that cannot be part of it."""
        toks = ad.tokens
        lang = ad.lang
        end = k = j
        while k < len(toks) and k - j < self.MAX_TOKENS and toks[k].sent == toks[i].sent:
            t = toks[k]
            if _is_punct(t.text) or t.text in lang.org_stop or not ad.allowed[k]:
                break
            if lang.honorifics.match_at(toks, k):  # "الدكتور", "Dr": a person's name begins
                break
            if lang.profile.cased and toks[k - 1].is_upper_initial and lang.titles.match_at(toks, k) \
                    and t.text not in lang.word_set("title_modifiers"):  # not the "General" of "Secretaría General"
                break  # "Foreign Office Spokesman X": a person's title, not "Office of the President"
            if ad.owner[k] in ("ORG", "PERSON", "DATE"):
                break
            if lang.profile.cased:
                if not (t.raw[:1].isupper() or t.text in lang.word_set("org_function_words")):
                    break
            elif not self._continues_uncased(ad, j, k):
                break
            k += 1
            end = k
            if ad.owner[k - 1] == "COUNTRY":
                break
        return end

    @staticmethod
    def _continues_uncased(ad: AnalysedDoc, j: int, k: int) -> bool:
        """Without capitals (Arabic): a definite word or a country goes on the name; an indefinite word
        only right after an indefinite head (construct state)."""
        toks = ad.tokens
        t = toks[k]
        joined = arabic.conjoined(t.text)
        core = arabic.without_conjunction(t.text)
        if joined and ad.owner[k] == "COUNTRY":
            return False  # "مجلس الأمن وألمانيا": a country joined by "and" is not part of the name
        if joined and (core in ad.lang.word_set("org_list_nouns") or ad.lang.org_heads.match_at(toks, k)):
            return False  # "مجلس التعاون والدول …", "… والاتحاد الرياضي": the next item of a list
        if k > j and ad.lang.titles.match_at(toks, k):
            return False  # "الجمعية العامة الأمين العام …": a title starts the next phrase
        if arabic.definite(core) or ad.owner[k] == "COUNTRY":
            return True
        # construct state after an indefinite head: مجلس وزراء (not "البنك وهو", nor an adjective:
        # "مؤسسة مالية" is a financial institution, not a name)
        return k == j and not joined and not arabic.definite(toks[j - 1].text) and not arabic.relative_adjective(core)


class CityGazetteer:
    """GeoNames city names; ambiguity resolved by the article's countries, then population."""

    name = "cities"
    MIN_POPULATION = 100_000

    @staticmethod
    def _place_cue(ad: AnalysedDoc, m) -> bool:
        """A place preposition before the name ("in Gifu", "à Djerba", "في القنفذة"), or glued to it ("بالقنفذة")."""
        t = ad.tokens[m.start]
        cues = ad.lang.word_set("place_prepositions") | ad.lang.word_set("venue_prepositions")
        if m.start > 0 and ad.tokens[m.start - 1].text in cues:
            return True
        return t.is_arabic and t.text != m.key[0] and arabic.after_preposition(t.text)

    @staticmethod
    def _inline_dateline(ad: AnalysedDoc, m) -> bool:
        """"RABAT, March 4 (Reuters) -", "TUNIS, 12 juin (TAP) -": a city opening the first body line."""
        first = _first_body_token(ad)
        if first is None or m.end >= len(ad.tokens):
            return False
        toks = ad.tokens
        if m.start != first:  # "استبن (نواكشوط) -", "SITE (Tunis) –": the city in brackets after the source
            return 0 < m.start - first <= 3 and toks[m.start - 1].text == "(" and toks[m.end].text == ")" \
                and m.end + 1 < len(toks) and toks[m.end + 1].text in ("-", "—", "–", ":") \
                and toks[m.start].sent == toks[first].sent
        return toks[m.end].text in (",", "-", "(", "—", "–", ":") or toks[m.start].raw.isupper()

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = city_matcher(ad.lang.lang)
        table = cities()
        countries_here = {e.key for e in ad.get("COUNTRY")}
        allowed = [ad.allowed[k] and ad.owner[k] is None for k in range(len(ad.tokens))]
        dl = ad.layout.dateline
        if dl:
            allowed = [a or (dl[0] <= t.start < dl[1]) for a, t in zip(allowed, ad.tokens, strict=True)]
        common = common_words(ad.lang.lang)
        for m in matcher.find_all(ad.tokens, allowed, ad.starts(matcher)):
            if len(m.key) == 1 and m.key[0] in common:
                continue  # an ordinary word that is also a place name somewhere (إطار، لأول)
            cands = [table[g] for g in m.value if g in table]
            if not cands:
                continue
            cands.sort(key=lambda c: (c.country not in countries_here, -c.population, c.geonames))
            best = cands[0]
            if best.country not in countries_here and best.population < self.MIN_POPULATION:
                continue
            in_dateline = bool(dl and dl[0] <= ad.tokens[m.start].start < dl[1]) or self._inline_dateline(ad, m)
            if not (in_dateline or best.country in countries_here or m.key in _main_keys(best)
                    or self._place_cue(ad, m)):
                continue  # a GeoNames alternate name with no place around it ("Summit", "Trente", "الخبر")
            ad.add(Ent("CITY", m.start, m.end, best.geonames, {"dateline": in_dateline, "form": m.key}))


def _main_keys(city) -> set[tuple[str, ...]]:
    """The phrase keys of a city's own names (GeoNames' name, and its main Arabic name)."""
    return {phrase_key(n) for n in (city.name, city.name_ar) if n}


def _first_body_token(ad: AnalysedDoc) -> int | None:
    """The body's first token, after a ``date YYYY-MM-DD`` field opening the text (" date 2020-12-02 Muscat:
    …": the dateline follows the field)."""
    field = HEADER_FIELD.match(ad.doc.text)
    after = field.end() if field else 0
    return next((k for k, a in enumerate(ad.allowed) if a and ad.tokens[k].start >= after), None)

