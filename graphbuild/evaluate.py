"""Score extractions against gold: precision, recall and F1 per row and per attribute, and why.

Gold files follow ``docs/ANNOTATION.md``; predictions are extraction JSON (``docs/EXTRACTION.md``).
The figures are those of the team's reference scorer: names match when their normalised words
match one by one (Arabic clitics and diacritics aside), or, more weakly, when one name's words
run inside the other's; items are paired greedily, strongest pairs first, one to one. On top of
the figures, every gold item missed and every system item left unmatched is kept, with its
text, so a developer sees at once why a figure is what it is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROWS = ("persons", "organisations", "countries", "cities", "meetings",
        "participants", "meeting_countries", "meeting_organisations")
ATTRIBUTES = ("city", "country", "ordinal", "date_start", "duration_days", "role")

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NOT_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_PROCLITICS = ("وال", "بال", "لل", "كال", "فال", "ال", "و", "ب", "ل", "ف", "ك")

Words = list[frozenset[str]]


# ---------------------------------------------------------------------------
# Matching names

def normalise(s: str | None) -> str:
    """Case, accents, Arabic diacritics and letter variants, and punctuation folded away."""
    s = unicodedata.normalize("NFKC", s or "")
    s = _DIACRITICS.sub("", s).translate(_LETTER_VARIANTS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", s.casefold()).split())


def _word_forms(word: str) -> frozenset[str]:
    """The word and the word without each proclitic it may carry (keeping two letters at least)."""
    return frozenset({word} | {word[len(c):] for c in _PROCLITICS if word.startswith(c) and len(word) - len(c) >= 2})


def words(s: str | None) -> Words:
    return [_word_forms(w) for w in normalise(s).split()]


def _same(a: Words, b: Words) -> bool:
    return bool(a) and len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


def _inside(long: Words, short: Words) -> bool:
    if not short or len(short) > len(long):
        return False
    return any(all(long[i + j] & short[j] for j in range(len(short))) for i in range(len(long) - len(short) + 1))


def texts_of(item: dict, *keys: str) -> list[str]:
    """The non-empty strings an item holds under these keys (a string or a list of them)."""
    out: list[str] = []
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value:
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, str) and v)
    return out


def name_match(system: list[str], gold: list[str]) -> int:
    """2: some pair of names is the same; 1: one runs inside the other; 0: no match."""
    sys_words = [words(s) for s in system]
    gold_words = [words(g) for g in gold]
    if any(_same(a, b) for a in sys_words for b in gold_words):
        return 2
    if any(_inside(a, b) or _inside(b, a) for a in sys_words for b in gold_words):
        return 1
    return 0


def pair_up(system: list, gold: list, strength: Callable[[Any, Any], int]) -> dict[int, int]:
    """Greedy one-to-one pairing, strongest first (ties by gold then system order): {gold index: system index}."""
    candidates = sorted((-w, gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)
                        if (w := strength(s, g)) > 0)
    taken_gold: set[int] = set()
    taken_sys: set[int] = set()
    pairs: dict[int, int] = {}
    for _, gi, si in candidates:
        if gi not in taken_gold and si not in taken_sys:
            pairs[gi] = si
            taken_gold.add(gi)
            taken_sys.add(si)
    return pairs


def role_matches(system_role: str | None, gold_participant: dict) -> bool:
    """At least half the words of the gold role (English or as written) are in the system's role."""
    have_words = words(system_role)
    if not have_words:
        return False
    have = frozenset().union(*have_words)
    for want in (words(r) for r in texts_of(gold_participant, "role", "role_surface")):
        if want and sum(1 for w in want if w & have) / len(want) >= 0.5:
            return True
    return False


# ---------------------------------------------------------------------------
# Counting

@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Error:
    """One reason a figure is below 1: a gold item missed (``missed``) or a system item unmatched (``spurious``),
    or an attribute of a matched item that is wrong (``wrong``)."""

    article: str
    row: str
    kind: str  # missed | spurious | wrong
    text: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "row": self.row, "kind": self.kind, "text": self.text, "detail": self.detail}


def _is_optional(item: dict) -> bool:
    return bool(item.get("optional") or item.get("boilerplate"))


def _label(item: dict, *keys: str) -> str:
    found = texts_of(item, *keys)
    return found[0] if found else json.dumps(item, ensure_ascii=False)[:80]


@dataclass
class Evaluation:
    """Counts over a set of articles; ``add(gold, prediction)`` scores one more."""

    rows: dict[str, Count] = field(default_factory=lambda: {r: Count() for r in ROWS})
    attributes: dict[str, Count] = field(default_factory=lambda: {a: Count() for a in ATTRIBUTES})
    errors: list[Error] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    missing_predictions: list[str] = field(default_factory=list)
    per_article: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)

    # -- entities ----------------------------------------------------------
    def _entities(self, key: str, row: str, system: list, gold: list, strength, sys_label, gold_label
                  ) -> dict[int, int]:
        pairs = pair_up(system, gold, strength)
        required = [gi for gi, g in enumerate(gold) if not _is_optional(g)]
        hits = sum(1 for gi in required if gi in pairs)
        forgiven = {pairs[gi] for gi, g in enumerate(gold) if _is_optional(g) and gi in pairs}
        paired = set(pairs.values())
        spurious = [si for si in range(len(system)) if si not in paired and si not in forgiven]
        self.rows[row].add(hits, len(spurious), len(required) - hits)
        self.errors.extend(Error(key, row, "missed", gold_label(gold[gi])) for gi in required if gi not in pairs)
        self.errors.extend(Error(key, row, "spurious", sys_label(system[si])) for si in spurious)
        return pairs

    def add(self, key: str, gold: dict, prediction: dict | None) -> dict[str, tuple[int, int, int]]:
        """Score one article; returns its (tp, fp, fn) per row."""
        before = {r: (c.tp, c.fp, c.fn) for r, c in self.rows.items()}
        self.articles.append(key)
        if prediction is None:
            self.missing_predictions.append(key)
            prediction = {}
        persons = prediction.get("persons") or []
        orgs = prediction.get("organisations") or []
        cities = prediction.get("cities") or []
        countries = prediction.get("countries") or []
        gold_persons = list(gold.get("persons") or [])
        gold_persons += [dict(a, optional=True) for a in gold.get("authors") or []
                         if not any(name_match(texts_of(a, "name", "surface"), texts_of(p, "name", "surface"))
                                    for p in gold.get("persons") or [])]
        gold_orgs = gold.get("organisations") or []

        def by_names(sys_keys: tuple[str, ...]):
            return lambda s, g: name_match(texts_of(s, *sys_keys), texts_of(g, "name", "surface"))

        person_keys = ("name", "name_latin", "surface")
        person_pairs = self._entities(key, "persons", persons, gold_persons, by_names(person_keys),
                                      lambda s: _label(s, "name", "surface"), lambda g: _label(g, "name", "surface"))
        org_pairs = self._entities(key, "organisations", orgs, gold_orgs, by_names(("name", "name_en", "surface")),
                                   lambda s: _label(s, "name", "surface"), lambda g: _label(g, "name", "surface"))
        self._entities(key, "countries", countries, gold.get("countries") or [],
                       lambda s, g: 2 if (s.get("iso2") or "").upper() == (g.get("iso2") or "").upper() else 0,
                       lambda s: str(s.get("iso2")), lambda g: str(g.get("iso2")))
        self._entities(key, "cities", cities, gold.get("cities") or [], by_names(("name", "name_en", "surface")),
                       lambda s: _label(s, "name_en", "name", "surface"), lambda g: _label(g, "name", "surface"))
        _MeetingScorer(self, key, prediction, gold, gold_persons, gold_orgs, person_pairs, org_pairs).score()
        counts = {r: (c.tp - before[r][0], c.fp - before[r][1], c.fn - before[r][2]) for r, c in self.rows.items()}
        self.per_article[key] = counts
        return counts

    # -- results -----------------------------------------------------------
    def macro_f1(self) -> float:
        return sum(c.f1() for c in self.rows.values()) / len(self.rows)

    def to_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"rows": {r: c.to_dict() for r, c in self.rows.items()},
                               "attributes": {a: c.to_dict() for a, c in self.attributes.items()},
                               "macro_f1": self.macro_f1(), "articles": len(self.articles),
                               "missing_predictions": list(self.missing_predictions)}
        if with_errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out

    def table(self) -> list[str]:
        lines = [f"{'row':24} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
        for name, c in self.rows.items():
            lines.append(f"{name:24} {c.precision():6.3f} {c.recall():6.3f} {c.f1():6.3f}   {c.tp}/{c.fp}/{c.fn}")
        for name, c in self.attributes.items():
            lines.append(f"attr:{name:19} {c.precision():6.3f} {c.recall():6.3f} {c.f1():6.3f}   {c.tp}/{c.fp}/{c.fn}")
        if self.missing_predictions:
            lines.append(f"missing predictions for {len(self.missing_predictions)} of {len(self.articles)} articles: "
                         + ", ".join(self.missing_predictions[:10]))
        lines.append(f"macro F1 {self.macro_f1():.3f} over {len(self.articles)} articles")
        return lines

    def error_kinds(self) -> list[tuple[str, int]]:
        """(row and kind, count), most frequent first."""
        counts: dict[str, int] = {}
        for e in self.errors:
            k = f"{e.row} {e.kind}" + (f" ({e.detail.split(':')[0]})" if e.kind == "wrong" else "")
            counts[k] = counts.get(k, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class _MeetingScorer:
    """Meetings of one article: paired by shared participants, city and ordinal, then their contents scored."""

    ev: Evaluation
    key: str
    prediction: dict
    gold: dict
    gold_persons: list
    gold_orgs: list
    person_pairs: dict[int, int]
    org_pairs: dict[int, int]

    def __post_init__(self) -> None:
        p = self.prediction
        self.persons = p.get("persons") or []
        self.by_id = {name: {x.get("id"): x for x in p.get(name) or [] if isinstance(x, dict)}
                      for name in ("persons", "organisations", "cities")}
        self.gold_person_of = {si: self.gold_persons[gi] for gi, si in self.person_pairs.items()}
        self.gold_org_of = {si: self.gold_orgs[gi] for gi, si in self.org_pairs.items()}
        self.person_index = {id(x): i for i, x in enumerate(self.persons)}
        self.org_index = {id(x): i for i, x in enumerate(p.get("organisations") or [])}

    def _ref(self, table: str, ref: Any) -> dict | None:
        return self.by_id[table].get(ref) if isinstance(ref, str) else ref if isinstance(ref, dict) else None

    def _participants(self, meeting: dict) -> list[tuple[dict, dict]]:
        out = []
        for link in meeting.get("participants") or []:
            person = self._ref("persons", link.get("person"))
            if person is not None:
                out.append((person, link))
        return out

    def _city_is(self, meeting: dict, gold_city: str | None) -> bool:
        city = self._ref("cities", meeting.get("city"))
        return bool(city and gold_city) and name_match(texts_of(city, "name", "name_en", "surface"), [gold_city]) == 2

    def _gold_person(self, person: dict) -> dict | None:
        return self.gold_person_of.get(self.person_index.get(id(person)))

    def _meeting_strength(self, s: dict, g: dict) -> int:
        weight = 1
        gold_parts = g.get("participants") or []
        for person, _ in self._participants(s):
            gp = self._gold_person(person)
            if gp and any(name_match(texts_of(gp, "name", "surface"), texts_of(x, "name", "surface"))
                          for x in gold_parts):
                weight += 3
        if self._city_is(s, g.get("city")):
            weight += 2
        if g.get("ordinal") is not None and s.get("ordinal") == g.get("ordinal"):
            weight += 2
        return weight

    def score(self) -> None:
        ev, key = self.ev, self.key
        gold_meetings = self.gold.get("meetings") or []
        sys_meetings = self.prediction.get("meetings") or []
        pairs = pair_up(sys_meetings, gold_meetings, self._meeting_strength)
        optional = {gi for gi, g in enumerate(gold_meetings) if g.get("optional")}
        hits = sum(1 for gi in pairs if gi not in optional)
        ev.rows["meetings"].add(hits, len(sys_meetings) - len(pairs), len(gold_meetings) - len(optional) - hits)
        paired = set(pairs.values())
        for si, s in enumerate(sys_meetings):
            if si not in paired:
                ev.errors.append(Error(key, "meetings", "spurious", _label(s, "label", "type")))
                for person, _ in self._participants(s):  # the people of a meeting that is not there are spurious
                    ev.rows["participants"].add(fp=1)
                    ev.errors.append(Error(key, "participants", "spurious", _label(person, "name", "surface"),
                                           f"in unmatched meeting {_label(s, 'label', 'type')}"))
        for gi, g in enumerate(gold_meetings):
            if gi in optional:
                continue
            if gi not in pairs:
                ev.errors.append(Error(key, "meetings", "missed", _label(g, "label", "type")))
            self._one(g, sys_meetings[pairs[gi]] if gi in pairs else {})

    def _attribute(self, name: str, gold_value: Any, sys_value: Any, ok: bool, meeting: str) -> None:
        self.ev.attributes[name].add(int(ok), int(sys_value is not None and not ok),
                                     int(gold_value is not None and not ok))
        if not ok and (gold_value is not None or sys_value is not None):
            self.ev.errors.append(Error(self.key, "attributes", "wrong", meeting,
                                        f"{name}: gold {gold_value!r}, system {sys_value!r}"))

    def _one(self, g: dict, s: dict) -> None:
        label = _label(g, "label", "type")
        for name in ("country", "ordinal", "date_start", "duration_days"):
            gv, sv = g.get(name), s.get(name)
            if name == "country":
                gv = gv.upper() if isinstance(gv, str) else gv
                sv = sv.upper() if isinstance(sv, str) and isinstance(g.get(name), str) else sv
            self._attribute(name, gv, sv, gv is not None and sv == gv, label)
        gold_city, sys_city = g.get("city"), s.get("city")
        city = self._ref("cities", sys_city)
        shown = _label(city, "name_en", "name") if city else sys_city
        self._attribute("city", gold_city, None if sys_city is None else shown,
                        gold_city is not None and self._city_is(s, gold_city), label)
        self._people(g, s, label)
        self._countries(g, s, label)
        self._organisations(g, s, label)

    def _people(self, g: dict, s: dict, label: str) -> None:
        ev, key = self.ev, self.key
        gold_parts = g.get("participants") or []
        sys_parts = self._participants(s) if s else []

        def strength(sp: tuple[dict, dict], gpart: dict) -> int:
            person, _ = sp
            gp = self._gold_person(person)
            if gp is not None and name_match(texts_of(gp, "name", "surface"), texts_of(gpart, "name", "surface")):
                return 2
            return name_match(texts_of(person, "name", "name_latin", "surface"), texts_of(gpart, "name", "surface"))

        pairs = pair_up(sys_parts, gold_parts, strength)
        implied = {i for i, x in enumerate(gold_parts) if x.get("implied")}
        hits = sum(1 for i in pairs if i not in implied)
        ev.rows["participants"].add(hits, len(sys_parts) - len(pairs), len(gold_parts) - len(implied) - hits)
        paired = set(pairs.values())
        ev.errors.extend(Error(key, "participants", "missed", _label(x, "name", "surface"), f"in {label}")
                         for i, x in enumerate(gold_parts) if i not in pairs and i not in implied)
        ev.errors.extend(Error(key, "participants", "spurious", _label(p, "name", "surface"), f"in {label}")
                         for i, (p, _) in enumerate(sys_parts) if i not in paired)
        for gi, si in pairs.items():
            gpart = gold_parts[gi]
            if not (gpart.get("role") or gpart.get("role_surface")):
                continue
            person, link = sys_parts[si]
            roles = [r for r in person.get("roles") or [] if isinstance(r, dict)]
            candidates = [link.get("role")] + [r.get("title") for r in roles] + [r.get("title_en") for r in roles]
            ok = any(role_matches(c, gpart) for c in candidates if c)
            ev.attributes["role"].add(int(ok), 0, int(not ok))
            if not ok:
                ev.errors.append(Error(key, "attributes", "wrong", _label(gpart, "name"),
                                       f"role: gold {gpart.get('role') or gpart.get('role_surface')!r}, "
                                       f"system {link.get('role')!r}"))

    def _countries(self, g: dict, s: dict, label: str) -> None:
        ev, key = self.ev, self.key
        want = {c.upper() for c in g.get("countries") or []}
        either = {c.upper() for c in (g.get("countries_optional") or []) + (g.get("countries_implied") or [])}
        have = {c.upper() for c in s.get("countries") or [] if isinstance(c, str)}
        ev.rows["meeting_countries"].add(len(want & have), len(have - want - either), len(want - have))
        ev.errors.extend(Error(key, "meeting_countries", "missed", c, f"in {label}") for c in sorted(want - have))
        ev.errors.extend(Error(key, "meeting_countries", "spurious", c, f"in {label}")
                         for c in sorted(have - want - either))

    def _organisations(self, g: dict, s: dict, label: str) -> None:
        ev, key = self.ev, self.key
        wanted = [{"name": n} for n in g.get("organisations") or []]
        allowed = [{"name": n} for n in g.get("organisations_optional") or []]
        found = [o for o in (self._ref("organisations", x) for x in s.get("organisations") or [])
                 if isinstance(o, dict)]

        def strength(so: dict, go: dict) -> int:
            gorg = self.gold_org_of.get(self.org_index.get(id(so)))
            if gorg is not None and name_match(texts_of(gorg, "name", "surface"), [go["name"]]) == 2:
                return 2
            return name_match(texts_of(so, "name", "name_en", "surface"), [go["name"]])

        pairs = pair_up(found, wanted, strength)
        rest = [o for i, o in enumerate(found) if i not in pairs.values()]
        forgiven = pair_up(rest, allowed, strength)
        ev.rows["meeting_organisations"].add(len(pairs), len(found) - len(pairs) - len(forgiven),
                                             len(wanted) - len(pairs))
        ev.errors.extend(Error(key, "meeting_organisations", "missed", w["name"], f"in {label}")
                         for i, w in enumerate(wanted) if i not in pairs)
        forgiven_ids = {id(rest[si]) for si in forgiven.values()}
        ev.errors.extend(Error(key, "meeting_organisations", "spurious", _label(o, "name", "surface"), f"in {label}")
                         for o in rest if id(o) not in forgiven_ids)


# ---------------------------------------------------------------------------
# Files

def _json_object(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object, found a {type(data).__name__}")
    return data


def load_json_set(path: Path) -> dict[str, dict]:
    """A JSON file, or a folder of them: {file stem: content}, in file-name order."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return {f.stem: _json_object(f) for f in files}


def _extraction_file(path: Path) -> dict | None:
    """The file's JSON object (an extraction), whatever its name; None when it is not JSON (an article text)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def evaluate(gold: dict[str, dict], predictions: dict[str, dict]) -> Evaluation:
    """Score predictions against gold, paired by key; a gold article without a prediction counts as empty."""
    ev = Evaluation()
    for key, g in gold.items():
        ev.add(key, g, predictions.get(key))
    return ev


def evaluate_paths(gold_path: Path, pred_path: Path,
                   extract: Callable[[Iterable[Path]], dict[str, dict]] | None = None) -> Evaluation:
    """GOLD (file or folder) against PRED: extraction JSON (file or folder), or article texts to extract.

    Two single files pair whatever their names. In folders, gold ``x.json`` pairs with the
    extraction ``x.json``, or, in a folder without any, with the text file ``x.*`` (extracted
    with ``extract``; where two texts share a stem, the first in name order is used).
    """
    gold = load_json_set(gold_path)
    if gold_path.is_file() and pred_path.is_file():
        only = next(iter(gold))
        prediction = _extraction_file(pred_path)
        if prediction is None and extract is not None:
            found = extract([pred_path])
            prediction = next(iter(found.values())) if found else None
        return evaluate(gold, {only: prediction} if prediction is not None else {})
    if pred_path.is_dir() and not any(pred_path.glob("*.json")) and extract is not None:
        texts: dict[str, Path] = {}
        for p in sorted(pred_path.iterdir()):
            if p.is_file() and p.stem in gold:
                texts.setdefault(p.stem, p)
        return evaluate(gold, extract(texts.values()))
    return evaluate(gold, load_json_set(pred_path))
