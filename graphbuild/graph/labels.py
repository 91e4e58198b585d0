"""Readable names for graph nodes in the display languages, and titles that say what a meeting was.

A meeting's own label is the word that announced it ("met", «استقبل»); people want "what · where ·
when": "42nd session of Council of Arab Interior Ministers · Tunis · 3 Mar 2025", "Bourita – Albares
talks · Madrid". The viewer, the tables and the RDF labels all take their text from here, so they
agree. The words and word order of each language are in ``data/labels.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .. import ids
from ..reference import cities, data_text, load_yaml, organisations
from ..script import has_arabic

if TYPE_CHECKING:
    from .store import GraphStore

# types whose meetings are named after the body that sits, not after the people who came
BODY_TYPES = frozenset({"session", "assembly", "summit", "conference", "forum"})
MAX_PEOPLE = 3


@dataclass(frozen=True)
class TitleWords:
    """One display language's words and patterns (see data/labels.yaml)."""

    types: dict[str, dict[str, str]]
    ordinal: dict[str, Any]
    with_ordinal: str
    with_body: str
    with_body_ordinal: str
    of_prefixes: dict[str, str]
    with_people: str
    people_joiner: str
    planned: str
    date_pattern: str
    separator: str
    capitalise: bool
    script: str

    @property
    def arabic(self) -> bool:
        return self.script == "arabic"

    def ordinal_of(self, n: int, gender: str | None) -> str:
        first = self.ordinal.get("first") or {}
        if n == 1 and gender in first:
            return str(first[gender])
        suffixes = self.ordinal.get("suffixes")
        if suffixes:
            digits = str(n)
            suffix = next(v for k, v in suffixes.items() if digits.endswith(str(k)))
            return f"{n}{suffix}"
        return str(self.ordinal["pattern"]).format(n=n)

    def of_body(self, body: str) -> str:
        if has_arabic(body) != self.arabic:
            return body
        for start, joined in self.of_prefixes.items():
            if body.startswith(start):
                return joined + body[len(start):]
        return body


@cache
def title_words() -> dict[str, TitleWords]:
    """Each display language's title words, checked on load: every meeting type needs a word."""
    raw = load_yaml(data_text("labels.yaml"))
    out = {}
    types = None
    for lang, d in raw.items():
        words = TitleWords(types={k: {kk: str(vv) for kk, vv in v.items()} for k, v in d["types"].items()},
                           ordinal=d["ordinal"], with_ordinal=d["with_ordinal"], with_body=d["with_body"],
                           with_body_ordinal=d["with_body_ordinal"], of_prefixes=d["of_prefixes"],
                           with_people=d["with_people"], people_joiner=d["people_joiner"],
                           planned=d["planned"], date_pattern=d["date_pattern"], separator=d["separator"],
                           capitalise=bool(d["capitalise"]), script=str(d["script"]))
        if words.script not in ("arabic", "latin"):
            raise ValueError(f"labels.yaml: {lang} script must be arabic or latin, not {words.script!r}")
        if "" not in words.of_prefixes or ("suffixes" in words.ordinal and "" not in words.ordinal["suffixes"]):
            raise ValueError(f"labels.yaml: {lang} needs a catch-all '' key in of_prefixes and ordinal suffixes")
        if types is not None and set(words.types) != types:
            raise ValueError(f"labels.yaml: {lang} names other meeting types than the first language")
        types = set(words.types)
        out[str(lang)] = words
    return out


def display_languages() -> tuple[str, ...]:
    return tuple(title_words())


def _arabic_name(d: dict[str, Any]) -> str | None:
    return next((n for n in sorted(d.get("names", [])) if has_arabic(n)), None)


def name_in(kg: GraphStore, nid: str | None, lang: str) -> str | None:
    """A node's name for readers of ``lang``: the country's or listed organisation's name in that
    language; for people, cities and other organisations, the Arabic-script name for Arabic readers
    and the Latin label for the others."""
    if not nid or nid not in kg.g:
        return None
    d = kg.g._node[nid]
    if d["type"] == "meeting":
        return meeting_title(kg, nid, lang)
    if d["type"] == "country":
        return d.get(f"name_{lang}") or d.get("label")
    entry = organisations().get(nid.removeprefix("org:")) if d["type"] == "organisation" else None
    if entry is not None:
        return entry.name_in(lang)
    arabic = title_words()[lang].arabic
    if d["type"] == "city" and arabic and not _arabic_name(d):  # the article's spelling first
        entry = cities().get(d.get("geonames")) if d.get("geonames") else None
        if entry is not None and entry.name_ar:
            return entry.name_ar
    label = str(d.get("label") or "")
    if has_arabic(label) == arabic:
        return label
    if arabic:
        return _arabic_name(d) or label
    return d.get("name_latin") or d.get("name_en") or label


def short_name(kg: GraphStore, person: str, lang: str) -> str:
    """The name a headline would use: the last word of the full name ("Bourita", «بوريطة»)."""
    full = name_in(kg, person, lang) or person
    words = full.split()
    return words[-1] if words else full


def _in_edges(kg: GraphStore, meeting: str, ntype: str) -> list[tuple[str, dict[str, Any]]]:
    nodes = kg.g._node  # networkx's own dicts: its views cost more than the rest of a title
    return [(u, e) for u, keyed in kg.g._pred[meeting].items() if nodes[u]["type"] == ntype
            for e in keyed.values() if e["type"] == "participated_in"]


def meeting_body(kg: GraphStore, meeting: str) -> str | None:
    """The organisation a meeting belongs to: one the meeting's own name names ("the 42nd session of
    the Council of …"), else the most specific listed one taking part (an organ rather than its
    parent), then the one most often reported."""
    orgs = sorted({u for u, _ in _in_edges(kg, meeting, "organisation")})
    if not orgs:
        return None
    # only a parent that takes part too is ranked, so each pair is asked rather than an organisation's
    # edges walked (one to every meeting it attended: quadratic over a big graph)
    succ = kg.g.succ
    parents = {v for o in orgs for v in orgs
               if v in succ[o] and any(e["type"] == "sub_organisation_of" for e in succ[o][v].values())}
    own_names = [str(n).casefold() for n in kg.g.nodes[meeting].get("names", [])]

    def named(o: str) -> bool:
        d = kg.g.nodes[o]
        return any(len(str(n)) > 3 and str(n).casefold() in own for n in [d.get("label"), *d.get("names", [])]
                   if n for own in own_names)

    def rank(o: str) -> tuple:
        listed = o.removeprefix("org:") in organisations()
        return (not named(o), o in parents, not listed, -len(kg.g.nodes[o].get("sources", [])), o)
    return min(orgs, key=rank)


def meeting_people(kg: GraphStore, meeting: str) -> list[str]:
    """The meeting's people in the order a title names them: hosts first, then the most reported."""
    sides: dict[str, int] = {}
    for u, e in _in_edges(kg, meeting, "person"):
        side = 0 if e.get("side") == "host" else 1
        sides[u] = min(side, sides.get(u, 1))
    return sorted(sides, key=lambda p: (sides[p], -len(kg.g.nodes[p].get("sources", [])), p))


def format_day(value: str | None, lang: str) -> str | None:
    """An ISO date as the language writes it ("26 Apr 2016", "26 avr. 2016"); None if not a date."""
    return _format_day(str(value)[:10], lang) if value else None


@lru_cache(maxsize=8192)
def _format_day(day: str, lang: str) -> str | None:  # babel takes 30 µs a date; a graph has few days
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    from babel.dates import format_date

    return format_date(date, title_words()[lang].date_pattern, locale=lang)


def meeting_title(kg: GraphStore, meeting: str, lang: str = "en",
                  facts: tuple[str | None, list[str]] | None = None) -> str:
    """What the meeting was, where and when, in ``lang`` (one of ``display_languages()``); ``facts``,
    the meeting's body and people when the caller has them (they are the same in every language)."""
    words = title_words()[lang]
    d = kg.g.nodes[meeting]
    mtype = d.get("meeting_type") if d.get("meeting_type") in words.types else "meeting"
    type_word = words.types[mtype]
    head = type_word["word"]
    ordinal = d.get("ordinal")
    if isinstance(ordinal, int) and ordinal > 0:
        head = words.with_ordinal.format(ordinal=words.ordinal_of(ordinal, type_word.get("gender")), type=head)
    body, everyone = facts or (meeting_body(kg, meeting), None)
    people = [] if ordinal or mtype in BODY_TYPES else everyone if everyone is not None else \
        meeting_people(kg, meeting)
    if body and not people:
        body_name = name_in(kg, body, lang) or body
        if ordinal:
            what = words.with_body_ordinal.format(head=head, body=words.of_body(body_name))
        else:
            what = words.with_body.format(head=head, body=body_name)
    elif people:
        names = words.people_joiner.join(short_name(kg, p, lang) for p in people[:MAX_PEOPLE])
        if len(people) > MAX_PEOPLE:
            names += f" +{len(people) - MAX_PEOPLE}"
        what = words.with_people.format(head=head, people=names)
    else:
        what = head
    if words.capitalise and what:
        what = what[0].upper() + what[1:]
    if d.get("status") == "planned":
        what = f"{what} {words.planned}"
    place = name_in(kg, d.get("city"), lang) if d.get("city") else None
    if not place and d.get("country"):
        place = name_in(kg, ids.country_node(d["country"]), lang)
    parts = [what, place, format_day(d.get("date_start"), lang)]
    return words.separator.join(p for p in parts if p)


def meeting_titles(kg: GraphStore, meeting: str) -> dict[str, str]:
    """The meeting's title in every display language."""
    facts = (meeting_body(kg, meeting), meeting_people(kg, meeting))
    return {lang: meeting_title(kg, meeting, lang, facts) for lang in display_languages()}
