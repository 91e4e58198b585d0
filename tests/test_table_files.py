"""The analyst tables as files (``build --formats csv,parquet``): the API's tables, the same bytes every time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SEED, run_cli

import graphbuild
from graphbuild.export import DEFAULT_FORMATS, check_formats
from graphbuild.export.tables import csv_bytes
from graphbuild.ingest import read_one
from graphbuild.runner import run_build

ARTICLES = [ROOT / "data" / "articles" / name for name in (
    "ar-02-qimma-nouakchott.txt", "en-02-mena-police-chiefs-marrakech.html", "en-04-madrid-migration-group.txt",
    SEED.name)]
TABLES = ("entities", "meetings", "participations", "mentions")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "out"
    report, kg = run_build([str(p) for p in ARTICLES], out, formats=["csv", "parquet"], show_progress=False)
    return out, report, kg


def _csv(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / "tables" / f"{table}.csv", keep_default_na=False, dtype=str)


def test_the_four_csv_files_hold_the_api_tables(built):
    out, report, kg = built
    assert sorted(p.name for p in (out / "tables").iterdir()) == sorted(
        f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet"))
    assert report.outputs["csv"] == report.outputs["parquet"] == str(out / "tables")
    meetings, api = _csv(out, "meetings"), kg.meetings()
    assert list(meetings.columns) == list(api.columns) and list(meetings["id"]) == list(api["id"])
    assert list(meetings["participants"]) == list(api["participants"]) and list(meetings["label"]) == list(api["label"])
    seed = meetings[meetings["participants"].str.contains("Dkhissi")].iloc[0]
    assert (seed["date"], seed["city"], seed["ordinal"]) == ("2016-04-26", "Marrakesh", "4")  # ISO day, whole number
    assert "" in set(meetings["ordinal"]) and "" in set(meetings["date_end"])  # unknown: empty, in a number column
    parts, api = _csv(out, "participations"), kg.participations()
    assert list(parts.columns) == list(api.columns) and len(parts) == len(api) > 3
    assert list(zip(parts["person"], parts["meeting"], strict=True)) == \
        list(zip(api["person"], api["meeting"], strict=True))
    assert list(parts["roles_en"]) == list(api["roles_en"].fillna(""))
    entities = _csv(out, "entities")
    wanted = sorted(n for n, d in kg.g.nodes(data=True)
                    if d["type"] in ("person", "organisation", "country", "city", "meeting"))
    assert list(entities["id"]) == wanted and {"type", "label", "names", "iso2", "wikidata"} <= set(entities.columns)
    dkhissi = entities[entities["label"] == "Mohamed Dkhissi"].iloc[0]
    assert dkhissi["type"] == "person" and "محمد الدخيسي" in dkhissi["names"].split("; ")
    assert entities.set_index("id").loc[seed["id"], "label"] == seed["label"]  # a meeting is named by its title


def test_mentions_are_the_graphs_sources_with_the_words_of_the_article(built):
    out, _, kg = built
    mentions = pd.read_csv(out / "tables" / "mentions.csv", keep_default_na=False, dtype={"text": str})
    spans = sorted((s[0], n, s[1], s[2]) for n, d in kg.g.nodes(data=True) if d["type"] != "article"
                   for s in d.get("sources", []) if s[1] >= 0)
    assert sorted(zip(mentions["article"], mentions["node"], mentions["start"], mentions["end"], strict=True)) == spans
    assert list(mentions.index) == list(mentions.sort_values(["article", "start", "end", "node"]).index)
    texts = {(a := read_one(p)).id: a.text for p in ARTICLES}
    worded = mentions[mentions["text"] != ""]
    assert len(worded) > len(mentions) / 2
    for row in worded.itertuples():
        assert row.text == " ".join(texts[row.article][row.start:row.end].split()), row


def test_parquet_reads_back_as_the_csv(built):
    import pyarrow.parquet as pq

    out, _, _ = built
    for table in TABLES:
        back = pd.read_parquet(out / "tables" / f"{table}.parquet")
        assert csv_bytes(back) == (out / "tables" / f"{table}.csv").read_bytes(), table
        assert "__index_level_0__" not in pq.read_schema(out / "tables" / f"{table}.parquet").names
    schema = pq.read_schema(out / "tables" / "meetings.parquet")
    assert str(schema.field("date").type).startswith("timestamp") and str(schema.field("ordinal").type) == "int64"
    assert str(pq.read_schema(out / "tables" / "participations.parquet").field("side").type).endswith("string")


def test_files_are_byte_identical_whatever_the_input_order_and_hash_seed(tmp_path):
    outs = []
    for seed, order in (("1", ARTICLES), ("2", ARTICLES[::-1])):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run([sys.executable, "-m", "graphbuild", "build", *map(str, order), "--out", str(out),
                              "--formats", "csv,parquet", "--quiet"], capture_output=True, cwd=ROOT, env=env,
                             timeout=600)
        assert res.returncode == 0, res.stderr.decode()
        outs.append(out / "tables")
    names = sorted(p.name for p in outs[0].iterdir())
    assert len(names) == 2 * len(TABLES) and names == sorted(p.name for p in outs[1].iterdir())
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    for table in TABLES:
        data = (outs[0] / f"{table}.csv").read_bytes()
        assert b"\r" not in data and data.decode("utf-8").endswith("\n") and not data.startswith(b",")


def test_api_write_gives_the_same_files(built, tmp_path):
    out, _, _ = built
    kg = graphbuild.build([str(p) for p in ARTICLES])
    assert kg.write(tmp_path, formats=["csv"]) == {"csv": str(tmp_path / "tables")}
    for table in TABLES:
        assert (tmp_path / "tables" / f"{table}.csv").read_bytes() == (out / "tables" / f"{table}.csv").read_bytes()
    assert not (tmp_path / "graph.json").exists() and not list(tmp_path.glob("tables/*.parquet"))


def test_an_empty_graph_writes_the_headers(tmp_path):
    graphbuild.Graph().write(tmp_path, formats="csv,parquet")
    for table in TABLES:
        header = (tmp_path / "tables" / f"{table}.csv").read_text(encoding="utf-8")
        assert header.count("\n") == 1 and "," in header, table
        assert pd.read_parquet(tmp_path / "tables" / f"{table}.parquet").columns.tolist() == header.strip().split(",")


def test_tables_are_only_written_when_asked(tmp_path):
    assert "csv" not in DEFAULT_FORMATS and "parquet" not in DEFAULT_FORMATS
    assert check_formats(None) == list(DEFAULT_FORMATS) and check_formats("CSV, parquet") == ["csv", "parquet"]
    report, _ = run_build([str(SEED)], tmp_path / "out", formats=["json"], show_progress=False)
    assert not (tmp_path / "out" / "tables").exists() and "csv" not in report.outputs


def test_a_second_build_replaces_the_tables(built, tmp_path):
    out = tmp_path / "out"
    run_build([str(SEED)], out, formats=["csv"], show_progress=False)
    first = (out / "tables" / "meetings.csv").read_bytes()
    run_build([str(p) for p in ARTICLES], out, formats=["csv"], show_progress=False)  # the folder is its own
    assert (out / "tables" / "meetings.csv").read_bytes() == (built[0] / "tables" / "meetings.csv").read_bytes()
    assert (out / "tables" / "meetings.csv").read_bytes() != first


def test_unknown_format_is_still_an_error(tmp_path):
    res = run_cli("build", str(SEED), "--out", str(tmp_path / "out"), "--formats", "csv,xlsx")
    assert res.returncode == 2 and b"unknown format xlsx" in res.stderr and b"csv" in res.stderr
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="xlsx"):
        graphbuild.Graph().write(tmp_path / "api", formats=["csv", "xlsx"])


def test_parquet_without_pyarrow_is_one_line(tmp_path, monkeypatch):
    out = tmp_path / "out"
    code = ("import sys; sys.modules['pyarrow'] = None\n"
            "from graphbuild.cli import main\n"
            f"raise SystemExit(main(['build', {str(SEED)!r}, '--out', {str(out)!r}, '--formats', 'csv,parquet']))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=600)
    err = res.stderr.decode()
    assert res.returncode == 2 and err.count("\n") == 1 and "pyarrow" in err and "--formats" in err, err
    assert "Traceback" not in err and not out.exists()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(RuntimeError, match="pip install"):
        graphbuild.Graph().write(tmp_path / "api", formats=["csv", "parquet"])
    assert not (tmp_path / "api").exists()  # nothing written, not even the CSV
    with pytest.raises(RuntimeError, match="pyarrow"):
        run_build([str(SEED)], tmp_path / "built", formats=["parquet"], show_progress=False)
    assert not list(tmp_path.glob("*built*"))  # said before the output was locked or an article read

