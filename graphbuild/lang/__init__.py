"""Languages as data: each ``data/lang/<code>.yaml`` is checked against one schema and
carries a small profile of what the code must know about the language.

The profile says what data alone cannot be matched on: the script, whether
capitals mark names, where ordinals and country adjectives stand, how sentences and
elisions work. Every component asks the profile (or the language's word lists)
instead of testing a language code, so a language is added by writing its file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from ..compiled import compiled
from ..reference import data_text, languages, load_yaml
from .schema import KEYS


class LanguageDataError(ValueError):
    """A language file that does not follow the schema (a mistyped key, a list where a mapping belongs)."""


@dataclass(frozen=True)
class Profile:
    """What the code must know about a language that its word lists cannot say."""

    script: str  # "arabic" or "latin": which city names to match, how names are spelled
    cased: bool  # capitals mark names (Latin scripts); otherwise names are told by cues and word lists
    adjective_before_noun: bool = False  # "Moroccan Foreign Minister", "Moroccan Ministry" vs "ministre marocain"
    ordinal_after_noun: bool = False  # "الاجتماع الثاني عشر" vs "the 12th meeting"
    semicolon_ends_sentence: bool = False  # Arabic press uses ";" between sentences
    possessive_s: bool = False  # English "Spain's" → "Spain" + "'s"
    single_letter_abbreviations: bool = True  # "J. Smith": a lone capital and a dot do not end a sentence
    countries_need_capitals: bool = False  # "Turkey" the country, "turkey" the bird
    adjectives_capitalised: bool = False  # country adjectives are written with a capital ("Moroccan")
    definite_prefix: str = ""  # an article written as part of the word (Arabic "ال"): adjectives match without it
    min_name_words_after_title: int = 1  # Arabic: one word after a title is too often a common word
    verb_first: bool = False  # the verb opens the clause ("استقبل الوزيرُ السفيرَ": the host comes after it)


def _validate(lang: str, raw: Any) -> dict[str, Any]:
    where = f"data/lang/{lang}.yaml"
    if not isinstance(raw, dict):
        raise LanguageDataError(f"{where}: expected a mapping of keys, found {type(raw).__name__}")
    for key, value in raw.items():
        spec = KEYS.get(key)
        if spec is None:
            near = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise LanguageDataError(f"{where}: unknown key {key!r}{hint}")
        if value is not None and not isinstance(value, spec.type):
            raise LanguageDataError(f"{where}: {key!r} must be a {spec.type_name}, found {type(value).__name__}")
    missing = [k for k, spec in KEYS.items() if spec.required and k not in raw]
    if missing:
        raise LanguageDataError(f"{where}: missing key(s) {', '.join(missing)}")
    if raw["lang"] != lang:
        raise LanguageDataError(f"{where}: 'lang' is {raw['lang']!r}, the file name says {lang!r}")
    return raw


def _profile(lang: str, raw: dict[str, Any]) -> Profile:
    known = {f.name: f.type for f in fields(Profile)}
    given = raw["profile"]
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise LanguageDataError(f"data/lang/{lang}.yaml: unknown profile key(s) {', '.join(unknown)} "
                                f"(known: {', '.join(known)})")
    try:
        profile = Profile(**given)
    except TypeError as err:
        raise LanguageDataError(f"data/lang/{lang}.yaml: profile: {err}") from None
    if profile.script not in ("arabic", "latin"):
        raise LanguageDataError(f"data/lang/{lang}.yaml: profile script must be arabic or latin")
    return profile


@cache
@compiled
def language_file(lang: str) -> dict[str, Any]:
    """The validated contents of ``data/lang/<lang>.yaml``."""
    if lang not in languages():
        raise LanguageDataError(f"no language file for {lang!r} (supported: {', '.join(languages())})")
    return _validate(lang, load_yaml(data_text("lang", f"{lang}.yaml")))


@cache
def profile(lang: str) -> Profile:
    """The profile of a supported language; an unknown code gets a cased Latin default."""
    if lang not in languages():
        return Profile(script="latin", cased=True)
    return _profile(lang, language_file(lang))


@cache
def elision_pattern(lang: str) -> re.Pattern[str] | None:
    """The language's elided words ("l'", "qu'") as a pattern that splits them off the next word, or None."""
    if lang not in languages():
        return None
    words = language_file(lang).get("elisions") or []
    if not words:
        return None
    alternatives = "|".join(re.escape(str(w)) for w in sorted(words, key=lambda w: (-len(str(w)), str(w))))
    return re.compile(rf"^({alternatives})'(.+)$")


@cache
def all_elisions() -> frozenset[str]:
    """Every language's elided words: gazetteer keys are shared across languages."""
    return frozenset(str(w) for lang in languages() for w in language_file(lang).get("elisions") or [])


@cache
def gazetteer_articles() -> frozenset[str]:
    """Articles that a gazetteer name may open with and be matched without, in any language ("the", "la")."""
    return frozenset(str(w) for lang in languages() for w in language_file(lang).get("gazetteer_articles") or [])


def check(raw: dict[str, Any], lang: str) -> Profile:
    """Validate a language file's contents (for tools and tests); returns its profile."""
    return _profile(lang, _validate(lang, raw))
