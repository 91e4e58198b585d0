"""Language files follow one schema; a language is its file: profile, word lists, no code."""

from __future__ import annotations

import pytest

from graphbuild.lang import LanguageDataError, check, language_file, profile
from graphbuild.lang.schema import KEYS
from graphbuild.reference import languages


@pytest.mark.parametrize("lang", languages())
def test_every_language_file_follows_the_schema(lang):
    raw = language_file(lang)
    assert raw["lang"] == lang
    assert profile(lang).script in ("arabic", "latin")
    assert set(raw) <= set(KEYS)


def _base(lang="xx"):
    return {k: ({} if spec.type is dict else [] if spec.type is list else lang)
            for k, spec in KEYS.items() if spec.required} | {"profile": {"script": "latin", "cased": True}}


def test_a_minimal_file_is_accepted():
    assert check(_base(), "xx").cased


def test_a_mistyped_key_is_an_error_with_a_suggestion():
    raw = _base() | {"tittles": {}}
    with pytest.raises(LanguageDataError, match=r"unknown key 'tittles' \(did you mean 'titles'\?\)"):
        check(raw, "xx")


def test_a_list_where_a_mapping_belongs_is_an_error():
    raw = _base() | {"months": ["enero"]}
    with pytest.raises(LanguageDataError, match="'months' must be a mapping, found list"):
        check(raw, "xx")


def test_a_missing_key_and_a_wrong_profile_are_errors():
    raw = _base()
    del raw["triggers"]
    with pytest.raises(LanguageDataError, match="missing key.*triggers"):
        check(raw, "xx")
    with pytest.raises(LanguageDataError, match="unknown profile key.*casd"):
        check(_base() | {"profile": {"script": "latin", "casd": True}}, "xx")
    with pytest.raises(LanguageDataError, match="script must be arabic or latin"):
        check(_base() | {"profile": {"script": "cyrillic", "cased": True}}, "xx")
    with pytest.raises(LanguageDataError, match="file name says"):
        check(_base("yy"), "xx")
