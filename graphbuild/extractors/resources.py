"""Language data and gazetteers, loaded from package data once per process.

Sources: ``data/lang/<lang>.yaml`` (titles, triggers, months …),
``data/organisations.yaml`` (curated organisations, aliases in ar/en/fr),
``data/country_adjectives.tsv`` plus Babel's CLDR names (countries),
``data/countries.tsv`` (Wikidata ids), and ``data/cities.tsv`` (GeoNames cities, built by scripts/build_cities.py).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..script import is_arabic_char
from ..text import fold
from .lexicon import PhraseMatcher, phrase_key

LANGS = ("ar", "en", "fr")


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans: 'on', 'no', 'yes' are words in our lexicons."""


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _data_text(*parts: str) -> str:
    return resources.files("graphbuild").joinpath("data", *parts).read_text(encoding="utf-8")


@dataclass
class LangData:
    lang: str
    raw: dict[str, Any]
    chrome: list[re.Pattern[str]]
    bylines: list[re.Pattern[str]]
    abbreviations: frozenset[str]
    honorifics: PhraseMatcher
    titles: PhraseMatcher
    title_modifiers: PhraseMatcher
    portfolios: PhraseMatcher
    given_names: PhraseMatcher
    particles: frozenset[str]
    name_stop: frozenset[str]
    triggers: PhraseMatcher
    non_triggers: PhraseMatcher
    generic_triggers: frozenset[str]
    future_cues: PhraseMatcher
    sport_cues: frozenset[str]
    absence_cues: PhraseMatcher
    mention_only_cues: PhraseMatcher
    not_venue_cues: frozenset[str]
    ordinals: PhraseMatcher
    ordinal_tens: dict[str, int]
    duration_cues: frozenset[str]
    duration_words: dict[str, int]
    day_words: frozenset[str]
    months: PhraseMatcher
    weekdays: PhraseMatcher
    relative_days: PhraseMatcher
    past_words: frozenset[str]
    future_words: frozenset[str]
    topics: PhraseMatcher
    org_heads: PhraseMatcher
    org_stop: frozenset[str]
    author_cues: frozenset[str]
    extra: dict[str, Any] = field(default_factory=dict)

    def word_set(self, key: str) -> frozenset[str]:
        cached = self.extra.get(("word_set", key))
        if cached is None:
            cached = frozenset(fold(str(w)) for w in self.raw.get(key) or [])
            self.extra[("word_set", key)] = cached
        return cached


def _matcher(items: Any, bare: bool = True, value=None) -> PhraseMatcher:
    m = PhraseMatcher(bare=bare)
    if isinstance(items, dict):
        for k, v in items.items():
            m.add(str(k), v if value is None else value)
    else:
        for k in items or []:
            m.add(str(k), True if value is None else value)
    return m


def _folded(items: Any) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in items or [])


@cache
def lang_data(lang: str) -> LangData:
    raw = load_yaml(_data_text("lang", f"{lang}.yaml"))
    flags = re.IGNORECASE
    topics = PhraseMatcher(bare=True)
    for topic, words in (raw.get("topics") or {}).items():
        for w in words:
            topics.add(w, topic)
    return LangData(
        lang=lang,
        raw=raw,
        chrome=[re.compile(p, flags) for p in raw.get("chrome") or []],
        bylines=[re.compile(p, flags) for p in raw.get("bylines") or []],
        abbreviations=_folded(raw.get("abbreviations")),
        honorifics=_matcher(raw.get("honorifics"), bare=False),
        titles=_matcher(raw.get("titles")),
        title_modifiers=_matcher(raw.get("title_modifiers")),
        portfolios=_matcher(raw.get("portfolios")),
        given_names=_matcher(raw.get("given_names"), bare=False),
        particles=_folded(raw.get("name_particles")),
        name_stop=_folded(raw.get("name_stop")),
        triggers=_matcher(raw.get("triggers")),
        non_triggers=_matcher(raw.get("non_triggers")),
        generic_triggers=_folded(raw.get("generic_triggers")),
        future_cues=_matcher(raw.get("future_cues"), bare=False),
        sport_cues=_folded(raw.get("sport_cues")),
        absence_cues=_matcher(raw.get("absence_cues"), bare=False),
        mention_only_cues=_matcher(raw.get("mention_only_cues"), bare=False),
        not_venue_cues=_folded(raw.get("not_venue_cues")),
        ordinals=_matcher(raw.get("ordinals")),
        ordinal_tens={fold(k): v for k, v in (raw.get("ordinal_tens") or {}).items()},
        duration_cues=_folded(raw.get("duration_cues")),
        duration_words={fold(k): v for k, v in (raw.get("duration_words") or {}).items()},
        day_words=_folded(raw.get("day_words")),
        months=_matcher(raw.get("months"), bare=False),
        weekdays=_matcher(raw.get("weekdays"), bare=True),
        relative_days=_matcher(raw.get("relative_days"), bare=False),
        past_words=_folded(raw.get("past_words")),
        future_words=_folded(raw.get("future_words")),
        topics=topics,
        org_heads=_matcher(raw.get("org_heads"), bare=False),
        org_stop=_folded(raw.get("org_stop")),
        author_cues=_folded(raw.get("author_cues")),
        extra={},
    )


# ---------------------------------------------------------------------------
# Countries

@dataclass(frozen=True)
class CountryEntry:
    iso2: str
    names: dict[str, str]
    wikidata: str | None


# CLDR territories that are not countries (EU, UN …) or only parts of one (Canary Islands, Ceuta and Melilla)
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "IC", "EA", "DG", "CP", "TA", "AC", "CQ"}


@cache
def countries() -> dict[str, CountryEntry]:
    from babel import Locale

    locales = {lang: Locale(lang) for lang in LANGS}
    qids = {}
    for row in csv.DictReader(_data_text("countries.tsv").splitlines(), delimiter="\t"):
        qids[row["iso2"]] = row["wikidata"] or None
    out = {}
    for code in sorted(locales["en"].territories):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        names = {lang: loc.territories.get(code, "") for lang, loc in locales.items()}
        out[code] = CountryEntry(code, names, qids.get(code))
    return out


@cache
def country_matcher(lang: str) -> PhraseMatcher:
    """Names (CLDR, all three languages) and adjectives/aliases (ours) → ISO code."""
    m = PhraseMatcher(bare=False, case_sensitive_latin=lang == "en")
    skip = _folded(lang_data(lang).raw.get("country_stop"))
    for code, entry in countries().items():
        for name in entry.names.values():
            if name and fold(name) not in skip:
                m.add(name, code, capital=True)
    for row in csv.DictReader(_data_text("country_adjectives.tsv").splitlines(), delimiter="\t"):
        if row["iso2"] in countries() and fold(row["form"]) not in skip:
            m.add(row["form"], row["iso2"], capital=row["kind"] == "alias" or row["lang"] == "en")
            if row["lang"] == "ar" and row["form"].startswith("ال"):
                m.add(row["form"][2:], row["iso2"])  # indefinite adjective: مغربية
    return m


# ---------------------------------------------------------------------------
# Organisations

@dataclass(frozen=True)
class OrgEntry:
    id: str
    en: str
    fr: str | None
    ar: str | None
    acronym: str | None
    wikidata: str | None
    country: str | None
    type: str | None
    hq: str | None


@cache
def organisations() -> dict[str, OrgEntry]:
    rows = load_yaml(_data_text("organisations.yaml")) or []
    out = {}
    for r in rows:
        out[r["id"]] = OrgEntry(r["id"], r["en"], r.get("fr"), r.get("ar"), r.get("acronym"),
                                r.get("wikidata"), r.get("country"), r.get("type"), r.get("hq"))
    return out


@cache
def org_matcher() -> PhraseMatcher:
    m = PhraseMatcher(bare=False, case_sensitive_latin=True)
    rows = load_yaml(_data_text("organisations.yaml")) or []
    for r in rows:
        names = [r.get("en"), r.get("fr"), r.get("ar"), r.get("acronym")]
        for lang_aliases in (r.get("aliases") or {}).values():
            names += list(lang_aliases or [])
        for n in names:
            if n:
                m.add(str(n), r["id"])
    return m


# ---------------------------------------------------------------------------
# Cities

_NON_ARABIC_LETTERS = re.compile("[پچژگکیۆڕڈڵێھہۃےڑںٹ]")


CITY_COLUMNS = ("geonameid", "name", "country", "population", "latitude", "longitude", "latin_names",
                "arabic_names")


@dataclass(frozen=True)
class CityEntry:
    geonames: int
    name: str
    country: str
    population: int
    latitude: float
    longitude: float
    name_ar: str | None
    latin_names: tuple[str, ...] = ()  # capitalised Latin alternate names, besides ``name``
    arabic_names: tuple[str, ...] = ()  # Arabic-script alternate names


def is_latin_alternate(name: str) -> bool:
    """A GeoNames alternate name worth matching in English/French text: capitalised, ASCII, not an acronym."""
    return name[:1].isupper() and not name.isupper() and name.isascii()


@cache
def cities() -> dict[int, CityEntry]:
    """GeoNames cities of 15,000 people or more, from ``data/cities.tsv`` (see scripts/build_cities.py)."""
    out = {}
    with resources.files("graphbuild").joinpath("data", "cities.tsv").open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        header = next(rows)
        if tuple(header) != CITY_COLUMNS:
            raise ValueError(f"data/cities.tsv: columns {header} (expected {list(CITY_COLUMNS)})")
        for gid, name, cc, pop, lat, lon, latin, arabic in rows:
            ar = tuple(arabic.split("|")) if arabic else ()
            best = sorted(ar, key=_arabic_name_flaws)
            out[int(gid)] = CityEntry(int(gid), name, cc, int(pop), float(lat), float(lon), best[0] if best else None,
                                      tuple(latin.split("|")) if latin else (), ar)
    return out


_HARAKAT = re.compile("[\u064b-\u0652]")


def _arabic_name_flaws(name: str) -> int:
    """How unlike a plain Arabic spelling a GeoNames alternate name is (0 is best; the sort is stable).

    GeoNames mixes in Uyghur and Persian spellings in Arabic script (ئالجىر for Algiers: an
    initial hamza seat, ى inside a word), vowelled forms (عَمّان) and broken ones (د مشق).
    """
    words = name.split()
    return (2 * name.startswith("ئ") + 2 * any("ى" in w[:-1] for w in words)
            + bool(_HARAKAT.search(name)) + (len(words) > 1 and any(len(w) < 2 for w in words)))


@cache
def arabic_city_forms() -> dict[tuple[str, ...], str]:
    """Phrase key → the plainest GeoNames spelling with that key: the name as the article wrote it."""
    forms: dict[tuple[str, ...], str] = {}
    for c in cities().values():
        for a in c.arabic_names:
            key = phrase_key(a)
            if key not in forms or _arabic_name_flaws(a) < _arabic_name_flaws(forms[key]):
                forms[key] = a
    return forms


def is_arabic_name(s: str) -> bool:
    """An Arabic-script name in Arabic letters (GeoNames mixes in Persian and Urdu spellings)."""
    return bool(s) and all(is_arabic_char(ch) or ch in " -" for ch in s) \
        and not _NON_ARABIC_LETTERS.search(s)


@cache
def city_matcher(lang: str) -> PhraseMatcher:
    """City names → candidate GeoNames ids (ambiguity resolved by the extractor).

    Arabic: the Arabic-script alternate names; Latin: the name and capitalised
    alternate names. Names that are common words go in the language's
    ``city_stop`` list.
    """
    # a title is never a city (السفيرة, "the ambassador", is also a town in Syria)
    stop = _folded(lang_data(lang).raw.get("city_stop")) | _folded(lang_data(lang).raw.get("titles"))
    index: dict[tuple[str, ...], set[int]] = {}
    for c in cities().values():
        names = c.arabic_names if lang == "ar" else (c.name, *c.latin_names)
        for n in names:
            f = fold(n)
            if f in stop or len(f) < 3:
                continue
            index.setdefault(phrase_key(n), set()).add(c.geonames)
    for extra_name, gid in (lang_data(lang).raw.get("city_aliases") or {}).items():
        index.setdefault(phrase_key(str(extra_name)), set()).add(int(gid))
    m = PhraseMatcher(bare=False, case_sensitive_latin=True)
    for n, ids in sorted(index.items()):
        m.add(n, tuple(sorted(ids)))
    return m


@cache
def city_by_name(name: str) -> CityEntry | None:
    """The most populous GeoNames city called ``name`` (English): for gazetteer headquarters."""
    best = None
    for c in cities().values():
        if c.name == name and (best is None or c.population > best.population):
            best = c
    return best
