"""Every identifier graphbuild mints, in one place.

- article ids: a safe file name from the record's own id, or a digest of the text;
- extraction-local ids (``person:…``, ``meeting:…`` inside one extraction): 10 hex digits;
- graph node ids (the same kinds across articles): 12 hex digits, or a reference key
  (``country:MA``, ``city:2538475``, ``org:interpol``);
- numeric digests for IRIs of edges.

The prefixes are named once (``PERSON`` …) so that no layer tests ids as bare strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .text import fold

ARTICLE, PERSON, ORGANISATION, COUNTRY, CITY, MEETING, ROLE = (
    "article", "person", "org", "country", "city", "meeting", "role")
UNLISTED = "x-"  # the local part of an organisation or city that no gazetteer holds
UNLISTED_ORG = f"{ORGANISATION}:{UNLISTED}"
_MINISTRY = f"{ORGANISATION}:ministry-"


def digest(*parts: str, length: int = 12) -> str:
    """The first ``length`` hex digits of the SHA-1 of the parts (joined by a unit separator)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def number(s: str) -> int:
    """A 32-bit number from a string (edge IRIs)."""
    return int(digest(s, length=8), 16)


def make(kind: str, local: str) -> str:
    return f"{kind}:{local}"


def kind_of(node_id: str) -> str:
    return node_id.partition(":")[0]


def local_part(node_id: str) -> str:
    return node_id.partition(":")[2]


# -- articles -------------------------------------------------------------------------

def content_id(text: str) -> str:
    """An article id from its text: the same text, whatever its spacing or Unicode form, the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return digest(norm, length=16)


_ID_OK = re.compile(r"[^A-Za-z0-9._-]+")


def safe_id(raw: str) -> str:
    """An id that is also a safe file name; ids that had to change get a digest so two never collide."""
    raw = str(raw)
    s = _ID_OK.sub("-", raw).strip("-.")[:120]
    if s == raw:
        return s
    tail = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{s}-{tail}" if s else tail


# -- ids inside one extraction ------------------------------------------------------------

def local_id(kind: str, *parts: str) -> str:
    """An extraction's own id for a person, meeting or unlisted organisation (10 hex digits)."""
    return make(kind, digest(*parts, length=10))


def unlisted_org_id(surface: str) -> str:
    return UNLISTED_ORG + digest(fold(surface), length=10)


def org_id(key: str) -> str:
    return make(ORGANISATION, key)


def is_unlisted_org(org: str) -> bool:
    return org.startswith(UNLISTED_ORG)


def is_listed_org(org: str) -> bool:
    """An organisation of the gazetteer (not unlisted, not a ministry made from a title)."""
    return not (org.startswith(UNLISTED_ORG) or org.startswith(_MINISTRY))


# -- graph node ids -----------------------------------------------------------------------

def name_key(name: str) -> str:
    """The name as the graph compares it: folded, hyphens as spaces, single-spaced."""
    return " ".join(fold(name).replace("-", " ").split())


def article_node(article: str) -> str:
    return make(ARTICLE, article)


def country_node(iso2: str) -> str:
    return make(COUNTRY, iso2.upper())


def city_node(geonames: int | None, name: str) -> str:
    return make(CITY, str(geonames)) if geonames else make(CITY, UNLISTED + digest(name_key(name)))


def unlisted_org_node(name: str) -> str:
    return UNLISTED_ORG + digest(name_key(name))


def role_node(title_en: str | None, title: str | None) -> str:
    """The role node of a title: its English form when known, so that «وزير الداخلية» and
    "ministre de l'Intérieur" are one role."""
    return make(ROLE, digest(name_key(title_en or title or "role")))


def person_node(key: str, article: str) -> str:
    """A new person node: a single-word name stays within its article (two «Ahmed» are not one)."""
    return make(PERSON, digest(key, article if len(key.split()) < 2 else ""))


def meeting_node(article: str, meeting: str) -> str:
    return make(MEETING, digest(article, meeting))
