"""Extraction time on one long line: an article with no line break, at 128 KB .. 1 MB.

    python benchmarks/long_lines.py                          # en, fr, ar; rules and default; 128 KB .. 1 MB
    python benchmarks/long_lines.py --sizes 32,64,128 --langs en --ner none
    python benchmarks/long_lines.py --quick                  # 32 and 64 KB, rules only (a smoke run)

Each text is written here from a few sentence templates of our own (officials received, met,
called; names made from small lists of parts by one ``random.Random(seed)``), joined into a single
line in one of three shapes: ``sentences`` (full stops, spaces between them), ``commas`` (the
sentences joined by ", " with no full stop: one sentence as long as the line) and ``bare`` (no
punctuation at all). Each size is extracted in a fresh interpreter (``graphbuild.extract``, warmed
on a short article first, so lexicon and model loading are left out), timed with
``time.process_time``. The growth ratio of two sizes is ``t(2n) / t(n)``: 2 when the time grows
linearly, 4 when it grows with the square. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from _common import RESULTS, dump, machine_info, run_worker

SHAPES = ("sentences", "commas", "bare")

NAMES = {
    "en": (("Nasser", "Jose", "Antonio", "Maria", "Ahmed", "Karim", "Laura", "Peter", "Sofia", "Yusuf"),
           ("Bour", "Alba", "Gut", "Stein", "Mor", "Hal", "Ken", "Dar", "Vel", "Ros"),
           ("ita", "res", "erres", "berg", "ano", "ovic", "sen", "ell", "ardi", "ton")),
    "fr": (("Nasser", "Jean", "Antoine", "Marie", "Ahmed", "Karim", "Claire", "Pierre", "Sophie", "Youssef"),
           ("Bour", "Alba", "Lef", "Dum", "Mor", "Gar", "Ben", "Dar", "Vel", "Ros"),
           ("ita", "res", "èvre", "ont", "eau", "ier", "nard", "ell", "and", "ton")),
    "ar": (("ناصر", "أحمد", "محمد", "كريم", "يوسف", "عمر", "سعيد", "خالد", "فاطمة", "ليلى"),
           ("بو", "الع", "بن", "الم", "الس", "الح", "الب", "الز", "الف", "الق"),
           ("ريطة", "لوي", "كيران", "نصوري", "عيدي", "سني", "رادعي", "ياني", "اسي", "اضي")),
}

TEMPLATES = {
    "en": (
        "Foreign Minister {a} received his {adj} counterpart {b} in {city}",
        "Interior Minister {a} held talks with {b}, the {adj} Minister of Defence, in {city} on Monday",
        "President {a} met Prime Minister {b} on the sidelines of the summit in {city}",
        "{a}, the Minister of Economy, had a phone call with his {adj} counterpart {b}",
        "The two ministers {a} and {b} will meet next week in {city} to discuss cooperation",
        "Ambassador {a} was received by the Secretary General {b} at the headquarters in {city}",
    ),
    "fr": (
        "Le ministre des Affaires étrangères {a} a reçu son homologue {adj} {b} à {city}",
        "Le ministre de l'Intérieur {a} s'est entretenu avec {b}, ministre {adj} de la Défense, lundi à {city}",
        "Le président {a} a rencontré le Premier ministre {b} en marge du sommet de {city}",
        "{a}, ministre de l'Économie, a eu un entretien téléphonique avec son homologue {adj} {b}",
        "Les deux ministres {a} et {b} se réuniront la semaine prochaine à {city} pour discuter de coopération",
        "L'ambassadeur {a} a été reçu par le secrétaire général {b} au siège de {city}",
    ),
    "ar": (
        "استقبل وزير الخارجية {a} نظيره {adj} {b} في {city}",
        "أجرى وزير الداخلية {a} مباحثات مع وزير الدفاع {adj} {b} يوم الاثنين في {city}",
        "التقى الرئيس {a} رئيس الوزراء {b} على هامش القمة في {city}",
        "أجرى وزير الاقتصاد {a} اتصالا هاتفيا مع نظيره {adj} {b}",
        "سيلتقي الوزيران {a} و{b} الأسبوع المقبل في {city} لبحث التعاون",
        "استقبل الأمين العام {b} السفير {a} بمقر المنظمة في {city}",
    ),
}
ADJECTIVES = {"en": ("Spanish", "French", "Moroccan", "Egyptian", "German"),
              "fr": ("espagnol", "français", "marocain", "égyptien", "allemand"),
              "ar": ("الإسباني", "الفرنسي", "المغربي", "المصري", "الألماني")}
CITIES = {"en": ("Rabat", "Madrid", "Paris", "Cairo", "Berlin"),
          "fr": ("Rabat", "Madrid", "Paris", "Tunis", "Berlin"),
          "ar": ("الرباط", "مدريد", "باريس", "القاهرة", "برلين")}
STOPS = {"en": ".", "fr": ".", "ar": "."}
COMMAS = {"en": ", ", "fr": ", ", "ar": "، "}


def _name(rng: random.Random, lang: str) -> str:
    given, heads, tails = NAMES[lang]
    return f"{rng.choice(given)} {rng.choice(heads)}{rng.choice(tails)}"


def sentence(rng: random.Random, lang: str) -> str:
    """One meeting sentence with two invented officials, no final punctuation."""
    return rng.choice(TEMPLATES[lang]).format(a=_name(rng, lang), b=_name(rng, lang),
                                              adj=rng.choice(ADJECTIVES[lang]), city=rng.choice(CITIES[lang]))


def long_line(lang: str, size_bytes: int, shape: str, seed: int = 1) -> str:
    """A single line of about ``size_bytes`` UTF-8 bytes, made of meeting sentences joined as ``shape`` says."""
    rng = random.Random(seed)
    joiner = {"sentences": STOPS[lang] + " ", "commas": COMMAS[lang], "bare": " "}[shape]
    parts: list[str] = []
    total = 0
    while total < size_bytes:
        s = sentence(rng, lang)
        if shape == "bare":
            s = s.replace(",", "")
        parts.append(s)
        total += len(s.encode("utf-8")) + len(joiner)
    return joiner.join(parts) + (STOPS[lang] if shape == "sentences" else "")


def worker(args: list[str]) -> None:
    """Extract one long line in this (fresh) interpreter and print its CPU seconds as JSON."""
    lang, shape, kb, ner = args[0], args[1], int(args[2]), args[3]
    import graphbuild

    ner_arg = None if ner == "default" else ner
    graphbuild.extract(sentence(random.Random(0), lang) + ".", lang=lang, ner=ner_arg)  # warm-up
    text = long_line(lang, kb * 1024, shape)
    t = time.process_time()
    ext = graphbuild.extract(text, lang=lang, ner=ner_arg)
    cpu = time.process_time() - t
    print(json.dumps({"cpu_s": round(cpu, 2), "chars": len(text), "persons": len(ext["persons"]),
                      "meetings": len(ext["meetings"])}))


def measure(langs: list[str], shapes: list[str], sizes: list[int], ners: list[str],
            timeout: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for ner in ners:
        for lang in langs:
            for shape in shapes:
                prev: float | None = None
                for kb in sizes:
                    res = run_worker(__file__, "extract", [lang, shape, str(kb), ner], timeout)
                    cpu = res.get("cpu_s")
                    ratio = round(cpu / prev, 2) if cpu and prev else None
                    row = {"ner": ner, "lang": lang, "shape": shape, "kb": kb, **res, "ratio": ratio}
                    rows.append(row)
                    print(f"{ner:8} {lang} {shape:9} {kb:5} KB  "
                          f"{'timeout' if res.get('timeout') else res.get('error') or f'{cpu:8.2f} s'}"
                          f"{f'  x{ratio}' if ratio else ''}", flush=True)
                    if cpu is None:
                        break
                    prev = cpu
    return rows


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        worker(sys.argv[3:])
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="128,256,512,1024", help="KB, comma-separated (doubling gives the ratio)")
    p.add_argument("--langs", default="en,fr,ar")
    p.add_argument("--shapes", default=",".join(SHAPES))
    p.add_argument("--ner", default="none,default", help="none (the rules) and/or default (models, tagger)")
    p.add_argument("--timeout", type=float, default=900, help="per size, seconds")
    p.add_argument("--quick", action="store_true", help="32 and 64 KB, English, rules only")
    p.add_argument("--out", default=str(RESULTS / "long_lines.json"))
    a = p.parse_args()
    if a.quick:
        a.sizes, a.langs, a.ner = "32,64", "en", "none"
    rows = measure(a.langs.split(","), a.shapes.split(","), [int(s) for s in a.sizes.split(",")],
                   a.ner.split(","), a.timeout)
    dump({"machine": machine_info(), "rows": rows}, __import__("pathlib").Path(a.out))


if __name__ == "__main__":
    main()
