"""Plain data classes shared by every layer.

The extraction classes mirror the public contract in EXTRACTION.md
(``graphbuild-extraction/1``); ``Extraction.to_dict`` is the only place that
knows the JSON shape, so the contract changes in one spot.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

SCHEMA = "graphbuild-extraction/1"

Span = tuple[int, int]

HEADER_DATE = re.compile(r"\A\s*date (\d{4})-(\d{2})[- ](\d{2})\b")  # a "date YYYY-MM-DD" field opening a text
HEADER_FIELD = re.compile(r"\A\s*date \d{4}-\d{2}(?:[- ]\d{2})?\b")  # the same field, maybe with no day


@dataclass
class Article:
    """One news article as read from disk, before any analysis."""

    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    authors: list[str] = field(default_factory=list)  # author names from metadata
    source: str | None = None  # path (and record number) it came from
    format: str = "txt"


@dataclass
class Role:
    title: str
    title_en: str | None = None
    org: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Person:
    id: str
    name: str
    name_latin: str | None = None
    surface: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    is_author: bool = False


@dataclass
class Organisation:
    id: str
    name: str
    name_en: str | None = None
    wikidata: str | None = None
    country: str | None = None
    surface: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    acronym: str | None = None
    name_fr: str | None = None
    name_ar: str | None = None
    parent: str | None = None  # the organisation this one is an organ of ("org:gcc" for its ministerial council)


@dataclass
class Country:
    iso2: str
    name: str
    name_en: str | None = None
    wikidata: str | None = None
    surface: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    name_ar: str | None = None
    name_fr: str | None = None


@dataclass
class City:
    id: str
    name: str
    name_en: str | None = None
    geonames: int | None = None
    country: str | None = None
    surface: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Participant:
    person: str
    role: str | None = None
    org: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)
    role_en: str | None = None
    confidence: float = 0.8
    side: str | None = None  # "host" or "guest", where the text says who received whom


@dataclass
class Meeting:
    id: str
    label: str
    type: str = "meeting"
    ordinal: int | None = None
    city: str | None = None
    country: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    duration_days: int | None = None
    participants: list[Participant] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    status: str = "reported"  # reported | planned
    part_of: str | None = None  # the id of the meeting on whose sidelines this one was held
    confidence: float = 0.8


@dataclass
class Extraction:
    article: Article
    persons: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    body: Span | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema": SCHEMA,
            "article": {
                "id": a.id,
                "lang": a.lang,
                "title": a.title,
                "url": a.url,
                "published": a.published,
                "authors": sorted(p.id for p in self.persons if p.is_author),
                "source": a.source,
                "format": a.format,
                "length": len(a.text),
                "body": list(self.body) if self.body else None,
                "warnings": list(self.warnings),
            },
            "persons": [_person_dict(p) for p in sorted(self.persons, key=lambda p: p.id)],
            "organisations": [_plain(o) for o in sorted(self.organisations, key=lambda o: o.id)],
            "countries": [_plain(c) for c in sorted(self.countries, key=lambda c: c.iso2)],
            "cities": [_plain(c) for c in sorted(self.cities, key=lambda c: c.id)],
            "meetings": [_meeting_dict(m) for m in sorted(self.meetings, key=_reading_order)],
            "sentences": [list(s) for s in self.sentences],
            "evidence": self.evidence(),
        }

    def evidence(self) -> list[list[Any]]:
        """[start, end, text] of every sentence that holds a fact, so the graph can cite it."""
        spans: list[Span] = []
        for items in (self.persons, self.organisations, self.countries, self.cities, self.meetings):
            for it in items:
                spans.extend(it.mentions)
        for m in self.meetings:
            for part in m.participants:
                spans.extend(part.mentions)
        spans = sorted((s, e) for s, e in spans)
        starts = [s for s, _ in spans]
        text = self.article.text
        out = []
        for a, b in self.sentences:  # only the spans that start in the sentence: a long article has many of both
            inside = range(bisect_left(starts, a), bisect_right(starts, b))
            if any(spans[k][1] <= b for k in inside):
                out.append([a, b, " ".join(text[a:b].split())])
        return out


def _plain(obj: Any) -> dict[str, Any]:
    d = _as_dict(obj)
    if "surface" in d:
        d["surface"] = sorted(set(d["surface"]))
    if "mentions" in d:
        d["mentions"] = sorted([list(m) for m in d["mentions"]])
    return d


def _person_dict(p: Person) -> dict[str, Any]:
    d = _plain(p)
    d["roles"] = [
        {**_as_dict(r), "mentions": sorted([list(m) for m in r.mentions])}
        for r in sorted(p.roles, key=lambda r: (r.mentions[0] if r.mentions else (0, 0), r.title))
    ]
    return d


def _reading_order(m: Meeting) -> int:
    """Meetings in the order the article first reports them; the encounters of one meeting word ("لقاءات
    مع نظرائه من الجزائر وتونس") stay in the order of their counterparts, as assembled."""
    return min((s for s, _ in m.mentions), default=1 << 62)


def _meeting_dict(m: Meeting) -> dict[str, Any]:
    d = _plain(m)
    d["participants"] = [
        {**_as_dict(x), "mentions": sorted([list(s) for s in x.mentions])}
        for x in sorted(m.participants, key=lambda x: x.person)
    ]
    d["organisations"] = sorted(set(m.organisations))
    d["countries"] = sorted(set(m.countries))
    d["topics"] = sorted(set(m.topics))
    return d


_LEAVES = (str, int, float, bool, type(None))


def _as_dict(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (our leaves are immutable): it ran per article."""
    if isinstance(value, _LEAVES):
        return value
    if isinstance(value, list | tuple):
        return type(value)(_as_dict(x) for x in value)
    if isinstance(value, dict):
        return {k: _as_dict(x) for k, x in value.items()}
    names = _field_names(type(value))
    if names is not None:
        return {name: _as_dict(getattr(value, name)) for name in names}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None
