"""Reference data any layer may read: languages, countries, organisations, cities.

Plain gazetteers, loaded once per process from package data: ``data/lang/*.yaml`` (one file
per supported language), Babel's CLDR names plus ``data/countries.tsv`` (Wikidata ids) for
countries, ``data/organisations.yaml`` (curated, names per language) and ``data/cities.tsv``
(GeoNames cities, built by scripts/build_cities.py). No matching here: the extractors build
their matchers from these tables.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from .compiled import compiled
from .script import is_arabic_char


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans: 'on', 'no', 'yes' are words in our lexicons."""


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def data_text(*parts: str) -> str:
    return resources.files("graphbuild").joinpath("data", *parts).read_text(encoding="utf-8")


@cache
def languages() -> tuple[str, ...]:
    """The supported languages: one ``data/lang/<code>.yaml`` each (adding a file adds a language)."""
    folder = resources.files("graphbuild").joinpath("data", "lang")
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                        if p.name.endswith(".yaml") and len(p.name) == len("xx.yaml")))


# ---------------------------------------------------------------------------
# Countries

@dataclass(frozen=True)
class CountryEntry:
    iso2: str
    names: dict[str, str]  # language → CLDR name
    wikidata: str | None


# CLDR territories that are not countries (EU, UN …) or only parts of one (Canary Islands, Ceuta and Melilla)
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "IC", "EA", "DG", "CP", "TA", "AC", "CQ"}


@cache
@compiled
def countries() -> dict[str, CountryEntry]:
    from babel import Locale

    locales = {lang: Locale(lang) for lang in sorted({"en", *languages()})}
    qids = {}
    for row in csv.DictReader(data_text("countries.tsv").splitlines(), delimiter="\t"):
        qids[row["iso2"]] = row["wikidata"] or None
    out = {}
    for code in sorted(locales["en"].territories):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        names = {lang: loc.territories.get(code, "") for lang, loc in locales.items()}
        out[code] = CountryEntry(code, names, qids.get(code))
    return out



# ---------------------------------------------------------------------------
# Organisations

@dataclass(frozen=True)
class OrgEntry:
    id: str
    names: dict[str, str]  # language → the organisation's name in it (English always)
    acronym: str | None
    wikidata: str | None
    country: str | None
    type: str | None
    hq: str | None
    aliases: dict[str, tuple[str, ...]]  # language → further surface forms
    parent: str | None = None  # the id of the body this one is an organ of (its council, commission…)
    organ_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language → generic names
    # ("the Secretariat General", "المجلس الوزاري") that mean this organ only where its parent is named

    @property
    def en(self) -> str:
        return self.names["en"]

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


@cache
@compiled
def organisations() -> dict[str, OrgEntry]:
    """The curated organisations by id; a language's name is the key named after its code."""
    langs = {"en", *languages()}
    out = {}
    for r in load_yaml(data_text("organisations.yaml")) or []:
        names = {k: str(v) for k, v in r.items() if k in langs and v}
        aliases = {k: tuple(str(a) for a in v or []) for k, v in (r.get("aliases") or {}).items()}
        organ_names = {k: tuple(str(a) for a in v or []) for k, v in (r.get("organ_names") or {}).items()}
        out[r["id"]] = OrgEntry(r["id"], names, r.get("acronym"), r.get("wikidata"), r.get("country"),
                                r.get("type"), r.get("hq"), aliases, r.get("parent"), organ_names)
    unknown = sorted({e.parent for e in out.values() if e.parent and e.parent not in out})
    if unknown:
        raise ValueError(f"organisations.yaml: unknown parent id(s) {', '.join(unknown)}")
    for e in out.values():  # a cycle of parents would make "the body of the body of …" endless
        seen, key = set(), e.id
        while key is not None:
            if key in seen:
                raise ValueError(f"organisations.yaml: the parents of {e.id!r} go round in a circle")
            seen.add(key)
            key = out[key].parent
    return out


# ---------------------------------------------------------------------------
# Cities

CITY_COLUMNS = ("geonameid", "name", "country", "population", "latitude", "longitude", "latin_names",
                "arabic_names")
_HARAKAT = re.compile("[\u064b-\u0652]")


_NON_ARABIC_LETTERS = re.compile("[پچژگکیۆڕڈڵێھہۃےڑںٹ]")


def is_arabic_name(s: str) -> bool:
    """An Arabic-script name in Arabic letters (GeoNames mixes in Persian and Urdu spellings)."""
    return bool(s) and all(is_arabic_char(ch) or ch in " -" for ch in s) \
        and not _NON_ARABIC_LETTERS.search(s)


def is_latin_alternate(name: str) -> bool:
    """A GeoNames alternate name worth matching in English/French text: capitalised, ASCII, not an acronym."""
    return name[:1].isupper() and not name.isupper() and name.isascii()


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


def arabic_name_flaws(name: str) -> int:
    """How unlike a plain Arabic spelling a GeoNames alternate name is (0 is best; the sort is stable).

    GeoNames mixes in Uyghur and Persian spellings in Arabic script (ئالجىر for Algiers: an
    initial hamza seat, ى inside a word), vowelled forms (عَمّان) and broken ones (د مشق).
    """
    words = name.split()
    return (2 * name.startswith("ئ") + 2 * any("ى" in w[:-1] for w in words)
            + bool(_HARAKAT.search(name)) + (len(words) > 1 and any(len(w) < 2 for w in words)))


@cache
@compiled
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
            best = sorted(ar, key=arabic_name_flaws)
            out[int(gid)] = CityEntry(int(gid), name, cc, int(pop), float(lat), float(lon), best[0] if best else None,
                                      tuple(latin.split("|")) if latin else (), ar)
    return out


@cache
def city_by_name(name: str) -> CityEntry | None:
    """The most populous GeoNames city called ``name`` (English): for gazetteer headquarters."""
    best = None
    for c in cities().values():
        if c.name == name and (best is None or c.population > best.population):
            best = c
    return best


def headquarters(org_id: str) -> CityEntry | None:
    """The city of a gazetteer organisation's headquarters (``interpol`` → Lyon), if known."""
    entry = organisations().get(org_id)
    return city_by_name(entry.hq) if entry and entry.hq else None
