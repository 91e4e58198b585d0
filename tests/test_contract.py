"""Every extraction follows docs/EXTRACTION.md and its JSON Schema (graphbuild/data/extraction.schema.json):
fields, types, sorted lists, offsets that point at the surface."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from conftest import SEED

import graphbuild
from graphbuild.text import fold

ARTICLE_KEYS = {"id", "lang", "title", "url", "published", "authors"}
PERSON_KEYS = {"id", "name", "surface", "roles", "mentions"}
ROLE_KEYS = {"title", "title_en", "org", "country", "mentions"}
ORG_KEYS = {"id", "name", "name_en", "wikidata", "country", "surface", "mentions"}
COUNTRY_KEYS = {"iso2", "name", "name_en", "wikidata", "surface", "mentions"}
CITY_KEYS = {"id", "name", "name_en", "geonames", "country", "surface", "mentions"}
MEETING_KEYS = {"id", "label", "type", "ordinal", "city", "country", "date_start", "date_end", "date_text",
                "duration_days", "participants", "organisations", "countries", "topics", "mentions"}
PART_KEYS = {"person", "role", "org", "country", "mentions"}
TYPES = {"meeting", "summit", "conference", "talks", "visit", "assembly", "forum", "session", "call"}


SCHEMA = json.loads(resources.files("graphbuild").joinpath("data", "extraction.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def check_extraction(d: dict, text: str) -> None:
    errors = sorted(VALIDATOR.iter_errors(d), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
    assert d["schema"] == "graphbuild-extraction/1"
    assert ARTICLE_KEYS <= d["article"].keys()
    ids = {p["id"] for p in d["persons"]}
    org_ids = {o["id"] for o in d["organisations"]}
    city_ids = {c["id"] for c in d["cities"]}
    assert set(d["article"]["authors"]) <= ids

    def spans(items, surfaces=True):
        for it in items:
            for s, e in it["mentions"]:
                assert 0 <= s < e <= len(text)
                if surfaces:
                    assert text[s:e] in it["surface"], (text[s:e], it["surface"])
            assert it["mentions"] == sorted(it["mentions"])

    for key, want in (("persons", PERSON_KEYS), ("organisations", ORG_KEYS), ("countries", COUNTRY_KEYS),
                      ("cities", CITY_KEYS), ("meetings", MEETING_KEYS)):
        for it in d[key]:
            assert want <= it.keys(), (key, want - it.keys())
    spans(d["persons"])
    spans(d["organisations"])
    spans(d["countries"])
    spans(d["cities"])
    for p in d["persons"]:
        for r in p["roles"]:
            assert ROLE_KEYS <= r.keys()
            assert r["org"] is None or r["org"] in org_ids
            for s, e in r["mentions"]:  # roles merge spelling variants: compare normalised forms
                assert fold(r["title"]) in fold(text[s:e]), (r["title"], text[s:e])
    assert [p["id"] for p in d["persons"]] == sorted(p["id"] for p in d["persons"])
    for m in d["meetings"]:
        assert m["type"] in TYPES
        assert m["city"] is None or m["city"] in city_ids
        assert set(m["organisations"]) <= org_ids
        for part in m["participants"]:
            assert PART_KEYS <= part.keys() and part["person"] in ids
        for s, e in m["mentions"]:
            assert 0 <= s < e <= len(text)
    json.dumps(d, ensure_ascii=False)


def test_seed_extraction_follows_the_contract(seed_extraction):
    check_extraction(seed_extraction, SEED.read_text(encoding="utf-8"))


def test_same_input_same_bytes():
    a = json.dumps(graphbuild.extract(SEED), ensure_ascii=False)
    b = json.dumps(graphbuild.extract(SEED), ensure_ascii=False)
    assert a == b


def test_extract_accepts_text():
    text = SEED.read_text(encoding="utf-8")
    d = graphbuild.extract(text)
    assert d["meetings"] and d["article"]["source"] == "<text>"
