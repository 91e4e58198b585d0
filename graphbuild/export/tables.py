"""The analyst tables as files: entities, meetings, participations and mentions, in CSV and Parquet.

They are the graph layer's tables (``kg.entities()``, ``kg.meetings()``, ``kg.participations()``,
``kg.mentions()``), written as ``OUT/tables/<table>.csv`` and ``OUT/tables/<table>.parquet`` for
pandas, DuckDB, Spark or a spreadsheet. Their bytes depend on the graph alone, never on the input
order or the hash seed: rows in a stable key's order, lists joined with "; " as the tables join
them, dates as ISO text in CSV and as timestamps in Parquet, no index column, UTF-8 and "\\n".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import write_atomic

if TYPE_CHECKING:
    import pandas as pd

    from ..graph import KnowledgeGraph

FORMATS = ("csv", "parquet")
FOLDER = "tables"
# each table (the graph/query.py function of that name) and the columns its rows are sorted by: the
# order the function gives them in, so a file reads as the table does
TABLES = {
    "entities": ("id",),
    "meetings": ("id",),
    "participations": ("person", "meeting"),
    "mentions": ("article", "start", "end", "node"),
}
WHOLE_NUMBERS = ("ordinal",)  # numbers that pandas holds as floats only because some are missing


def missing_library(formats: Iterable[str]) -> str | None:
    """Why a requested table format cannot be written here (one line), or None: said before any work is done."""
    if "parquet" not in formats:
        return None
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return "parquet needs pyarrow, which is not installed (pip install 'pyarrow>=14')"
    return None


def frames(kg: KnowledgeGraph) -> dict[str, pd.DataFrame]:
    """The four tables, rows sorted by their key, whole numbers as integers (a missing one stays empty)."""
    from ..graph import query  # on first use: the CLI reads the format names before any graph exists

    out = {}
    for name, key in TABLES.items():
        df = getattr(query, name)(kg).sort_values(list(key), kind="mergesort").reset_index(drop=True)
        for column in WHOLE_NUMBERS:
            if column in df:
                df[column] = df[column].astype("Int64")
        out[name] = df
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV without an index, dates as ISO text (a day alone when no value has a time), "\\n" line ends."""
    import pandas as pd

    iso = {}
    for column in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[column]):
            values = df[column]
            timed = (values.dropna() != values.dropna().dt.normalize()).any()
            iso[column] = values.dt.strftime("%Y-%m-%dT%H:%M:%S" if timed else "%Y-%m-%d")
    return df.assign(**iso).to_csv(index=False, lineterminator="\n").encode("utf-8")


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """Parquet without an index; dates are timestamps. pyarrow writes the same bytes for the same table.

    A text column with no value in this graph (no participant's side known) is still a text column,
    so that the files of two builds read as one table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in table.schema],
                       metadata=table.schema.metadata)
    sink = pa.BufferOutputStream()
    pq.write_table(table.cast(schema), sink)
    return sink.getvalue().to_pybytes()


def write_tables(kg: KnowledgeGraph, out: Path, formats: Iterable[str]) -> dict[str, str]:
    """Write every table in each of ``formats`` (csv, parquet) under ``out/tables``; returns {format: folder}."""
    formats = [f for f in FORMATS if f in formats]
    problem = missing_library(formats)
    if problem:
        raise RuntimeError(problem)
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    tables = frames(kg)
    writers = {"csv": csv_bytes, "parquet": parquet_bytes}
    for fmt in formats:
        for name, df in tables.items():
            write_atomic(folder / f"{name}.{fmt}", writers[fmt](df))
    return {fmt: str(folder) for fmt in formats}

