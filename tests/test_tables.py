"""Tables as analysts expect them: names rather than ids, dates as datetimes, filters, lookups."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

import graphbuild


@pytest.fixture(scope="module")
def kg():
    return graphbuild.build(ROOT / "data" / "articles")


def test_meetings_carry_names_and_datetimes(kg):
    df = kg.meetings()
    assert {"label", "type", "status", "date", "city", "country", "participants", "organisations",
            "n_participants"} <= set(df.columns)
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    dkhissi = df[df["participants"].str.contains("Dkhissi")]
    assert not dkhissi.empty
    row = dkhissi.iloc[0]
    assert row["city"] == "Marrakesh" and row["country"] == "Morocco"
    assert not row["city"].startswith("city:") and row["date"] == pd.Timestamp("2016-04-26")


def test_meeting_filters(kg):
    every = kg.meetings()
    in_2016 = kg.meetings(since="2016-01-01", until="2016-12-31")
    assert 0 < len(in_2016) < len(every) and all(d.year == 2016 for d in in_2016["date"])
    in_morocco = len(kg.meetings(country="MA"))
    assert in_morocco == len(kg.meetings(country="Morocco")) == len(kg.meetings(country="المغرب")) > 0
    assert set(kg.meetings(type="talks")["type"]) == {"talks"}
    by_arabic = kg.meetings(person="الدخيسي")
    assert len(by_arabic) == len(kg.meetings(person="dkhissi")) > 0  # any script, any case
    assert kg.meetings(person="nobody-of-that-name").empty


def test_persons_and_lookup(kg):
    people = kg.persons()
    row = people[people["name"] == "Mohamed Dkhissi"].iloc[0]
    assert "محمد الدخيسي" in row["names"] and row["meetings"] >= 1
    assert row["first_meeting"] == pd.Timestamp("2016-04-26") and row["articles"] >= 2
    assert list(kg.persons(name="الدخيسي")["name"]) == ["Mohamed Dkhissi"]
    found = kg.lookup("Dkhissi")
    assert list(found["type"]) == ["person"] and "محمد الدخيسي" in found.iloc[0]["names"]


def test_participations_have_dates_places_and_bodies(kg):
    parts = kg.participations()
    assert {"organisation", "country", "city", "date", "role_en", "side"} <= set(parts.columns)
    assert pd.api.types.is_datetime64_any_dtype(parts["date"])
    assert (parts["country"] == "MA").any()


def test_evidence_gives_each_fact_with_its_file_and_sentence(kg):
    meeting = kg.meetings(person="Dkhissi").iloc[0]["id"]
    ev = kg.evidence(meeting)
    parts = ev[ev["relation"] == "participated_in"]
    assert {"name", "role", "source", "lang", "sentence"} <= set(ev.columns)
    dkhissi = parts[parts["name"].str.contains("Dkhissi")]
    assert not dkhissi.empty and dkhissi["sentence"].notna().all()
    for _, row in dkhissi.iterrows():  # the sentence holds the span the fact came from
        assert row["sentence"] and kg.sentence(row["article"], row["start"], row["end"]) == row["sentence"]
    assert set(parts["lang"]) >= {"ar", "en"} and not ev["source"].str.contains("/").any()
    assert kg.evidence("Mohamed Dkhissi")["node"].str.startswith("meeting:").any()  # a name works too
