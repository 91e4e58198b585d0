"""Gazetteer components: organisations, countries and cities, plus organisation patterns."""

from __future__ import annotations

from .base import AnalysedDoc, Ent
from .persons import common_words
from .resources import cities, city_matcher, country_matcher, org_matcher, organisations


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


class OrganisationGazetteer:
    """Curated organisations (one entry, aliases in ar/en/fr) → ORG spans."""

    name = "organisations"

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = org_matcher()
        for m in matcher.find_all(ad.tokens, ad.allowed):
            ad.add(Ent("ORG", m.start, m.end, m.value, {"source": "gazetteer"}))


class CountryGazetteer:
    """Country names (CLDR) and adjectives (ours), clitic-aware → COUNTRY spans."""

    name = "countries"

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = country_matcher(ad.lang.lang)
        for m in matcher.find_all(ad.tokens, ad.allowed):
            inside_org = any(ad.owner[k] == "ORG" for k in range(m.start, m.end))
            ad.add(Ent("COUNTRY", m.start, m.end, m.value, {"in_org": inside_org}), claim=not inside_org)


class OrganisationPatterns:
    """Names not in the gazetteer: a head word (وزارة، Ministry of …) and its genitive phrase."""

    name = "org_patterns"
    MAX_TOKENS = 6

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        i = 0
        while i < len(toks):
            if not ad.free(i):
                i += 1
                continue
            m = lang.org_heads.match_at(toks, i)
            if not m:
                i += 1
                continue
            j = m.end
            if lang.lang != "ar" and j < len(toks) and toks[j].text in ("of", "de", "des", "du", "d'", "pour",
                                                                         "for", "on"):
                j += 1
            end = j
            k = j
            while k < len(toks) and k - j < self.MAX_TOKENS and toks[k].sent == toks[i].sent:
                t = toks[k]
                if _is_punct(t.text) or t.text in lang.org_stop or not ad.allowed[k]:
                    break
                if ad.owner[k] in ("ORG", "PERSON", "DATE"):
                    break
                if lang.lang == "ar":
                    core = t.text[1:] if t.text[:1] in "وف" and len(t.text) > 3 else t.text
                    if not (core.startswith(("ال", "لل")) or ad.owner[k] == "COUNTRY"):
                        if k == j and not core.startswith("ال"):
                            pass  # construct state: وزارة الخارجية / مجلس وزراء
                        else:
                            break
                else:
                    if not (t.raw[:1].isupper() or t.text in ("of", "de", "des", "du", "d'", "and", "et", "la",
                                                              "l'", "for", "pour", "the", "la")):
                        break
                if ad.owner[k] == "COUNTRY":
                    k += 1
                    end = k
                    break
                k += 1
                end = k
            # trim trailing function words
            while end > j and toks[end - 1].text in ("of", "de", "des", "du", "d'", "and", "et", "la", "l'",
                                                     "for", "pour", "the"):
                end -= 1
            if end > j and (lang.lang == "ar" or toks[i].raw[:1].isupper()):
                ad.add(Ent("ORG", i, end, None, {"source": "pattern", "head": m.value}))
                i = end
            else:
                i += 1


class CityGazetteer:
    """GeoNames city names; ambiguity resolved by the article's countries, then population."""

    name = "cities"
    MIN_POPULATION = 100_000

    def __call__(self, ad: AnalysedDoc) -> None:
        matcher = city_matcher(ad.lang.lang)
        table = cities()
        countries_here = {e.key for e in ad.get("COUNTRY")}
        allowed = [ad.allowed[k] and ad.owner[k] is None for k in range(len(ad.tokens))]
        dl = ad.layout.dateline
        if dl:
            allowed = [a or (dl[0] <= t.start < dl[1]) for a, t in zip(allowed, ad.tokens, strict=True)]
        common = common_words(ad.lang.lang)
        for m in matcher.find_all(ad.tokens, allowed):
            if len(m.key) == 1 and m.key[0] in common:
                continue  # an ordinary word that is also a place name somewhere (إطار، لأول)
            cands = [table[g] for g in m.value if g in table]
            if not cands:
                continue
            cands.sort(key=lambda c: (c.country not in countries_here, -c.population, c.geonames))
            best = cands[0]
            if best.country not in countries_here and best.population < self.MIN_POPULATION:
                continue
            in_dateline = bool(dl and dl[0] <= ad.tokens[m.start].start < dl[1])
            ad.add(Ent("CITY", m.start, m.end, best.geonames, {"dateline": in_dateline}))


def org_entry(key):
    return organisations().get(key) if key else None
