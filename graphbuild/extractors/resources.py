"""Language data and the matchers built from the gazetteers, once per process.

The gazetteers themselves (countries, organisations, cities) are reference data in
``graphbuild.reference``; here they become phrase matchers for one language, with the
language file's stop lists and aliases (``data/lang/<lang>.yaml``,
``data/country_adjectives.tsv``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..compiled import compiled
from ..lang import Profile, language_file, profile
from ..reference import (
    arabic_name_flaws,
    cities,
    countries,
    data_text,
    languages,
    organisations,
)
from ..text import fold
from .lexicon import PhraseMatcher, phrase_key

LANGS = languages()


@dataclass
class LangData:
    lang: str
    profile: Profile
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
    sidelines_cues: PhraseMatcher
    sequence_cues: PhraseMatcher
    level_cues: PhraseMatcher
    recall_cues: PhraseMatcher
    held_cues: PhraseMatcher
    agenda_cues: PhraseMatcher
    not_venue_cues: frozenset[str]
    ordinals: PhraseMatcher
    ordinal_tens: dict[str, int]
    ordinal_hundreds: PhraseMatcher
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
@compiled
def lang_data(lang: str) -> LangData:
    raw = language_file(lang)
    flags = re.IGNORECASE
    topics = PhraseMatcher(bare=True)
    for topic, words in (raw.get("topics") or {}).items():
        for w in words:
            topics.add(w, topic)
    return LangData(
        lang=lang,
        profile=profile(lang),
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
        sidelines_cues=_matcher(raw.get("sidelines_cues"), bare=False),
        sequence_cues=_matcher(raw.get("sequence_cues"), bare=False),
        level_cues=_matcher(raw.get("level_cues"), bare=False),
        recall_cues=_matcher(raw.get("recall_cues"), bare=False),
        held_cues=_matcher(raw.get("held_cues"), bare=False),
        agenda_cues=_matcher(raw.get("agenda_cues")),
        not_venue_cues=_folded(raw.get("not_venue_cues")),
        ordinals=_matcher(raw.get("ordinals")),
        ordinal_tens={fold(k): v for k, v in (raw.get("ordinal_tens") or {}).items()},
        ordinal_hundreds=_matcher(raw.get("ordinal_hundreds")),
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

@cache
@compiled
def country_matcher(lang: str) -> PhraseMatcher:
    """Names (CLDR) and adjectives/aliases (ours) → ISO code, in the languages whose names the
    language's press also uses (``country_names_from``; by default its own and English)."""
    m = PhraseMatcher(bare=False, case_sensitive_latin=profile(lang).countries_need_capitals)
    raw = lang_data(lang).raw
    skip = _folded(raw.get("country_stop"))
    written_in = set(raw.get("country_names_from") or (lang, "en"))
    for code, entry in countries().items():
        for name_lang, name in entry.names.items():
            if name and name_lang in written_in and fold(name) not in skip:
                m.add(name, code, capital=True)
                # the press writes 'الأورغواي' for CLDR's 'أورغواي'; short names stay bare, since with the
                # article they are words ('المالي' financial, 'القطر' the region, 'البنين' the sons)
                prefix = profile(name_lang).definite_prefix
                definite = prefix + name
                if prefix and not name.startswith(prefix) and len(name) >= 5 and fold(definite) not in skip:
                    m.add(definite, code, capital=True)
    for row in csv.DictReader(data_text("country_adjectives.tsv").splitlines(), delimiter="\t"):
        if row["lang"] in written_in and row["iso2"] in countries() and fold(row["form"]) not in skip:
            written = profile(row["lang"])
            m.add(row["form"], row["iso2"], capital=row["kind"] == "alias" or written.adjectives_capitalised)
            prefix = written.definite_prefix
            if prefix and row["form"].startswith(prefix):
                m.add(row["form"][len(prefix):], row["iso2"])  # indefinite adjective: مغربية
    return m


# ---------------------------------------------------------------------------
# Organisations

@cache
@compiled
def org_matcher() -> PhraseMatcher:
    m = PhraseMatcher(bare=False, case_sensitive_latin=True)
    for entry in organisations().values():
        names = [*entry.names.values(), entry.acronym]
        for lang_aliases in entry.aliases.values():
            names += list(lang_aliases)
        for n in names:
            if n:
                m.add(str(n), entry.id)
    return m


@cache
@compiled
def organ_matcher() -> PhraseMatcher:
    """Generic organ names ("the Secretariat General", "المجلس الوزاري") → the ids of the organs they
    may mean; the article decides which, by the parent it names."""
    by_key: dict[tuple[str, ...], set[str]] = {}
    for entry in organisations().values():
        for names in entry.organ_names.values():
            for n in names:
                by_key.setdefault(phrase_key(str(n)), set()).add(entry.id)
    m = PhraseMatcher(bare=False, case_sensitive_latin=True)
    for key, found in sorted(by_key.items()):
        if key:
            m.add(key, tuple(sorted(found)), capital=True)
    return m


# ---------------------------------------------------------------------------
# Cities

@cache
@compiled
def arabic_city_forms() -> dict[tuple[str, ...], str]:
    """Phrase key → the plainest GeoNames spelling with that key: the name as the article wrote it."""
    forms: dict[tuple[str, ...], str] = {}
    for c in cities().values():
        for a in c.arabic_names:
            key = phrase_key(a)
            if key not in forms or arabic_name_flaws(a) < arabic_name_flaws(forms[key]):
                forms[key] = a
    return forms


@cache
@compiled
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
        names = c.arabic_names if profile(lang).script == "arabic" else (c.name, *c.latin_names)
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
