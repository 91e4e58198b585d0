"""Bytes to ``Article`` records: text files in any common encoding, HTML pages,
JSON / JSON Lines corpora, folders and stdin.

Nothing here raises on a bad input: each input yields ``Item`` records that say
what was read, or why it was skipped or failed, so a run report can account for
every file and every record.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ids import content_id, safe_id
from .model import HEADER_DATE, Article
from .script import arabic_share, arabic_word_in

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Item:
    """One input unit for the run report: a file, or one record of a corpus file."""

    source: str
    status: str  # "read" | "skipped" | "failed"
    article: Article | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


class IngestError(ValueError):
    pass


# ---------------------------------------------------------------------------
# decoding

def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to text, detecting the encoding. Returns (text, encoding, warnings)."""
    if not data:
        return "", "empty", []
    decoded = _decode_marked(data) or _decode_utf8(data)
    if decoded is not None:
        return decoded
    try:
        return _decode_detected(data)
    except IngestError:  # no one encoding reads it all: a short UTF-8 title above a legacy body, say
        mixed = _decode_utf8(data, utf8_lines=1)
        if mixed is None:
            raise
        return mixed


_BOMS = (  # longest first: a UTF-32-LE mark begins with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def _decode_marked(data: bytes) -> tuple[str, str, list[str]] | None:
    """Text whose first bytes say its encoding: a byte-order mark, or UTF-16 without one."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8(data[3:], declared=True)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_wide(data[len(bom):], encoding)
    sample = data[:4096]
    utf32 = _utf32_without_bom(sample)
    if utf32:
        return _decode_wide(data, utf32)
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            return data.decode(utf16), utf16, []
        except UnicodeDecodeError as exc:
            raise IngestError(f"binary data (looks like UTF-16 but does not decode: {exc.reason})") from None
    if b"\x00" in sample:
        raise IngestError("binary data (NUL bytes), not text")
    return None


def _decode_wide(data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    """UTF-16 or UTF-32 after its byte-order mark; an incomplete last unit is dropped with a warning."""
    width = 4 if encoding.startswith("utf-32") else 2
    warnings: list[str] = []
    if len(data) % width:
        warnings.append(f"truncated {encoding[:6].upper()}: the incomplete last character was dropped")
        data = data[:len(data) - len(data) % width]
    try:
        return data.decode(encoding), encoding.removesuffix("-le").removesuffix("-be"), warnings
    except UnicodeDecodeError as exc:
        raise IngestError(f"invalid {encoding[:6].upper()} ({exc.reason} at byte {exc.start})") from None


def _decode_utf8(data: bytes, declared: bool = False, utf8_lines: int = 16) -> tuple[str, str, list[str]] | None:
    """UTF-8, forgiving a character cut at the end, a few bad bytes in real text, and lines written in
    another encoding when the file is UTF-8 elsewhere (``declared`` by its BOM, or shown by its other
    lines: ``utf8_lines`` non-ASCII characters at least, fewer when no one encoding reads the whole file);
    None if it is not UTF-8."""
    encoding = "utf-8-sig" if declared else "utf-8"
    try:
        return data.decode("utf-8"), encoding, []
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4 and exc.reason in ("unexpected end of data", "invalid start byte",
                                                         "invalid continuation byte"):
            try:
                text = data[:exc.start].decode("utf-8")
                return text, encoding, [f"truncated UTF-8 at byte {exc.start}: the incomplete last character "
                                        "was dropped"]
            except UnicodeDecodeError:
                pass
    lines = [_Line(raw) for raw in data.splitlines(keepends=True)]
    legacy = [n for n, line in enumerate(lines) if line.legacy]
    if legacy and (declared or sum(line.utf8_chars for line in lines if line.clean or line.mixed) >= utf8_lines):
        return _decode_mixed(lines, legacy, encoding)
    text = "".join(line.text for line in lines)
    bad = sum(line.bad for line in lines)
    if not legacy and (declared or (bad <= max(3, len(data) // 2000)
                                    and arabic_share(text) + _latin_share(text) > 0.5)):
        return text, encoding, [f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"]
    return None


class _Line:
    """One line of a file that is not all valid UTF-8: its UTF-8 reading, and whether it was written in
    another encoding (most of its non-ASCII bytes are not UTF-8) or is UTF-8 with a few bad bytes."""

    def __init__(self, raw: bytes):
        self.raw = raw
        self.text = raw.decode("utf-8", errors="replace")
        self.bad = self.text.count("\ufffd") - raw.count("\ufffd".encode())
        self.utf8_chars = sum(1 for c in self.text if c > "\x7f") - self.bad
        self.clean = self.bad == 0
        self.legacy = self.bad > self.utf8_chars
        self.mixed = self.legacy and arabic_word_in(self.text)  # a UTF-8 Arabic word among the other bytes

    @property
    def foreign(self) -> bytes:
        """The bytes to tell the other encoding from: the whole line, or the parts of a mixed one not UTF-8."""
        if not self.mixed:
            return self.raw
        words = _NON_ASCII.findall(self.raw.decode("utf-8", errors="surrogateescape"))
        return b" ".join(w.encode("utf-8", "surrogateescape") for w in words if _ESCAPED.search(w))

    def read_as(self, legacy: str) -> str:
        """The line in ``legacy``; a line that also holds UTF-8 words keeps them, and only its words with bytes
        that are not UTF-8 are read in ``legacy`` (a UTF-8 title pasted before a body in a single-byte encoding).
        Such a word is read whole in ``legacy``: two of its bytes may be UTF-8 by chance."""
        if not (self.mixed and _single_byte(legacy)):
            return self.raw.decode(legacy, errors="replace")

        def word(m: re.Match) -> str:
            w = m.group()
            return w.encode("utf-8", "surrogateescape").decode(legacy, "replace") if _ESCAPED.search(w) else w

        return _NON_ASCII.sub(word, self.raw.decode("utf-8", errors="surrogateescape"))


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ESCAPED = re.compile(r"[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape keeps it


def _single_byte(encoding: str) -> bool:
    try:
        return len(bytes(range(128, 256)).decode(encoding, errors="replace")) == 128
    except LookupError:
        return False


def _decode_mixed(lines: list[_Line], legacy: list[int], encoding: str) -> tuple[str, str, list[str]]:
    """A UTF-8 file with lines in a legacy encoding, detected over those lines together."""
    block = b"".join(lines[n].foreign for n in legacy)
    try:
        _text, found, _ = _decode_detected(block)
    except IngestError:
        found = None
    warnings = []
    for n in legacy:
        lines[n].text = lines[n].read_as(found or "utf-8")
    if found:
        first, last = legacy[0] + 1, legacy[-1] + 1
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        warnings.append(f"{len(legacy)} line(s) not valid UTF-8 ({where}) read as {found}")
    bad = sum(line.text.count("\ufffd") - line.raw.count("\ufffd".encode()) for line in lines)
    if bad:
        warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    return "".join(line.text for line in lines), encoding, warnings


def _decode_detected(data: bytes) -> tuple[str, str, list[str]]:
    """Another encoding, detected (charset-normalizer; Arabic Windows-1256 checked first)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise IngestError("could not detect the text encoding (binary file?)")
    text = str(best)
    enc = best.encoding
    if arabic_share(text) < 0.2 and _looks_arabic_cp1256(data):
        text, enc = data.decode("cp1256", errors="replace"), "cp1256"
    if _control_share(text) > 0.05:
        raise IngestError("binary data (too many control characters), not text")
    return text, enc, [f"decoded as {enc}"] if enc not in ("ascii", "utf_8") else []


def _utf32_without_bom(sample: bytes) -> str | None:
    """UTF-32 text has two NUL bytes in every four (the high half of each character, all of the Basic
    Multilingual Plane) and a non-NUL low byte: at the end of each unit (big-endian) or its start (little)."""
    units = [sample[i:i + 4] for i in range(0, len(sample) - len(sample) % 4, 4)]
    if len(units) < 4:
        return None

    def share(test) -> float:
        return sum(1 for u in units if test(u)) / len(units)

    if share(lambda u: u[2] == u[3] == 0 and (u[0] or u[1])) > 0.95:
        return "utf-32-le"
    if share(lambda u: u[0] == u[1] == 0 and (u[2] or u[3])) > 0.95:
        return "utf-32-be"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text has one byte of each pair in a narrow range: 0x00 (Latin) or 0x06 (Arabic)."""
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]

    def high_share(b: bytes) -> float:
        return sum(1 for x in b if x in (0x00, 0x06, 0x20)) / len(b)

    if high_share(odd) > 0.9 and high_share(even) < 0.6:
        return "utf-16-le"
    if high_share(even) > 0.9 and high_share(odd) < 0.6:
        return "utf-16-be"
    return None


def _looks_arabic_cp1256(data: bytes) -> bool:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return False
    return arabic_share(text) > 0.5


def _latin_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    return sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f") / len(letters) if letters else 0.0


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text[:20000] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return bad / min(len(text), 20000)


# ---------------------------------------------------------------------------
# language and ids

LANG_SAMPLE = 20000  # letters the language is told from


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    words = letters_sample(text, LANG_SAMPLE)
    if sum(1 for c in words if c != " ") < 20:
        return None
    if arabic_share(words) > 0.3:
        return "ar"
    code, _ = _language_identifier().classify(words)
    return code


_IDENTIFIER: list = []  # py3langid's identifier, once loaded


def _language_identifier():
    """py3langid's identifier (what ``py3langid.classify`` uses), kept in the compiled cache: its
    model is an LZMA archive that takes most of a second to unpack."""
    if not _IDENTIFIER:
        from importlib import metadata

        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        from .compiled import file_hash, load_or_build

        model = MODEL_DIR / MODEL_FILE
        _IDENTIFIER.append(load_or_build("ingest.language_identifier",
                                         lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False),
                                         f"py3langid=={metadata.version('py3langid')}", file_hash(model)))
    return _IDENTIFIER[0]


_LETTER_RUN = re.compile(r"[^\W\d_]+")  # letters only: a combining mark on nothing, a digit or a symbol ends a run


def letters_sample(text: str, limit: int) -> str:
    """The text's words, letters only, joined by spaces, up to ``limit`` letters: a language is
    told from its letters, and marks, digits or symbols, however many, must not crowd them out."""
    words: list[str] = []
    size = 0
    for at in range(0, len(text), limit):
        for m in _LETTER_RUN.finditer(unicodedata.normalize("NFC", text[at:at + limit])):
            words.append(m.group())
            size += len(words[-1])
            if size >= limit:
                return " ".join(words)
    return " ".join(words)


def _date(value) -> str | None:
    """YYYY-MM-DD from a date or timestamp string; None for anything that is not a real date."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    import datetime as dt

    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def header_date(text: str) -> str | None:
    """The date of a ``date YYYY-MM-DD`` field opening a text, as saved pages and crawls carry it."""
    m = HEADER_DATE.match(text)
    return _date("-".join(m.groups())) if m else None


_UNWRITABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f]")  # lone surrogates, C0 controls


def clean_text(s: str) -> str:
    """The text with characters no output format can hold (lone surrogates, control characters other
    than tab and line breaks) replaced one for one by U+FFFD, so offsets stay as they were."""
    return _UNWRITABLE.sub("\ufffd", s) if _UNWRITABLE.search(s) else s


def _clean_field(s: str | None) -> str | None:
    return " ".join(_UNWRITABLE.sub(" ", s).split()) or None if s else None


def display_path(path: str | Path) -> str:
    """A path as a report can print it: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def make_article(text: str, *, source: str, fmt: str, id: str | None = None, title: str | None = None,
                 url: str | None = None, published=None, authors: Iterable[str] = (),
                 lang: str | None = None) -> Article:
    text = clean_text(text)  # line breaks as they came: offsets point into the text as read (the contract)
    id, title, url = _clean_field(id), _clean_field(title), _clean_field(url)
    return Article(
        id=safe_id(id) if id else content_id(text.replace("\r\n", "\n").replace("\r", "\n")),  # one id
        # whatever the line breaks
        text=text,
        lang=lang or detect_language(text),
        title=title,
        url=url,
        published=_date(published) or header_date(text),
        authors=[a for a in (_clean_field(x) for x in authors) if a],
        source=source,
        format=fmt,
    )


# ---------------------------------------------------------------------------
# formats

def read_html(html: str, source: str, lang: str | None = None) -> Article:
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                        favor_precision=True)
    doc = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = doc.get("text") or ""
    if not text.strip():
        raise IngestError("no article text found in the HTML page")
    author = doc.get("author") or ""
    authors = [a.strip() for a in re.split(r";|,| and | et ", author) if a.strip()] if author else []
    return make_article(text, source=source, fmt="html", title=doc.get("title"), url=doc.get("url"),
                        published=doc.get("date"), authors=authors, lang=lang)


def _record_article(rec: dict, source: str, lang: str | None = None) -> Article:
    if not isinstance(rec, dict):
        raise IngestError("record is not a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("record has no 'text'")
    authors = rec.get("authors") or ([rec["author"]] if rec.get("author") else [])
    def opt(key: str) -> str | None:
        value = rec.get(key)
        return str(value) if value is not None and not isinstance(value, (dict, list)) else None

    return make_article(text, source=source, fmt="json", id=opt("id"), title=opt("title"),
                        url=opt("url"), published=opt("published") or opt("date"),
                        authors=[a.strip() for a in (authors if isinstance(authors, list) else [authors])
                                 if isinstance(a, str) and a.strip()],
                        lang=lang or opt("lang"))  # a language given wins, and is not detected


def read_json_records(text: str, source: str, jsonl: bool, lang: str | None = None) -> Iterator[Item]:
    if not jsonl:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            jsonl = True  # maybe JSON Lines with a .json suffix
        else:
            records = data if isinstance(data, list) else data.get("articles", [data]) \
                if isinstance(data, dict) else None
            if not isinstance(records, list):
                yield Item(source, "failed", reason="JSON is neither an object nor a list of objects")
                return
            if isinstance(data, dict) and "text" not in data and "articles" not in data:
                yield Item(source, "skipped", reason="JSON file is not an article (no 'text' field)")
                return
            for n, rec in enumerate(records, start=1):
                src = f"{source}#{n}" if len(records) > 1 else source
                yield _record_item(rec, src, lang)
            return
    for n, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 may sit inside a string
        if line.strip():
            yield _jsonl_line(line.removesuffix("\r"), source, n, lang)


def _jsonl_line(line: str, source: str, n: int, lang: str | None = None) -> Item:
    src = f"{source}:{n}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return Item(src, "failed", reason=f"invalid JSON on line {n}: {exc.msg}")
    except RecursionError:
        return Item(src, "failed", reason=f"JSON on line {n} is nested too deeply")
    return _record_item(rec, src, lang)


STREAM_BYTES = 16 * 1024 * 1024  # JSON Lines files above this are read a line at a time


def stream_jsonl(path: Path, source: str) -> Iterator[Item] | None:
    """A large UTF-8 JSON Lines file, one record at a time (memory stays flat, any size).

    Returns None when the file does not look like UTF-8 (UTF-16, NUL bytes): such a file
    is read whole, under ``MAX_BYTES``. A line that is not valid UTF-8 is read with U+FFFD
    and a warning, and fails or succeeds alone like any other line.
    """
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return None

    def items() -> Iterator[Item]:
        with path.open("rb") as f:
            for n, raw in enumerate(_bounded_lines(f, MAX_LINE_BYTES), start=1):
                if raw is None:
                    yield Item(f"{source}:{n}", "failed",
                               reason=f"line {n} is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
                    continue
                if n == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                try:
                    yield _jsonl_line(raw.decode("utf-8"), source, n)
                except UnicodeDecodeError:
                    item = _jsonl_line(raw.decode("utf-8", errors="replace"), source, n)
                    item.warnings.append(f"line {n} is not valid UTF-8: bad bytes read as U+FFFD")
                    yield item

    return items()


MAX_LINE_BYTES = MAX_BYTES  # one record of a streamed file: no larger than a file may be


def _bounded_lines(f, limit: int, chunk: int = 1024 * 1024) -> Iterator[bytes | None]:
    """The lines of a binary file, each at most ``limit`` bytes; a longer line is None, and what is past
    the limit is skipped a chunk at a time, never held (a sparse file's 2 GB of NULs is one line)."""
    while raw := f.readline(chunk):
        if raw.endswith(b"\n") or len(raw) < chunk:  # the usual line, read in one go
            yield raw
            continue
        parts, size = [raw], len(raw)
        while size <= limit and (more := f.readline(chunk)):
            parts.append(more)
            size += len(more)
            if more.endswith(b"\n"):
                break
        if size <= limit or (size == limit + 1 and parts[-1].endswith(b"\n")):
            yield b"".join(parts)
            continue
        last = parts[-1]
        del parts
        while not last.endswith(b"\n") and (last := f.readline(chunk)):
            pass
        yield None


def _record_item(rec, src: str, lang: str | None = None) -> Item:
    try:
        return Item(src, "read", _record_article(rec, src, lang))
    except IngestError as exc:
        return Item(src, "failed", reason=str(exc))
    except Exception as exc:  # a record of unexpected shape fails alone
        return Item(src, "failed", reason=f"malformed record: {type(exc).__name__}: {exc}")


def read_bytes(data: bytes, source: str, suffix: str, lang: str | None = None) -> Iterator[Item]:
    """Everything in one file's bytes, as report items. ``lang``: the language of every article, given
    instead of detected (also over a JSON record's own)."""
    if not data.strip():
        yield Item(source, "skipped", reason="empty file")
        return
    if len(data) > MAX_BYTES:
        yield Item(source, "failed", reason=f"file larger than {MAX_BYTES // (1024 * 1024)} MB")
        return
    try:
        text, _enc, warnings = decode(data)
    except IngestError as exc:
        yield Item(source, "failed", reason=str(exc))
        return
    if not text.strip():
        yield Item(source, "skipped", reason="no text after decoding")
        return
    kind = _kind(suffix, text)
    if kind == "json":
        for item in read_json_records(text, source, jsonl=suffix in (".jsonl", ".ndjson"), lang=lang):
            item.warnings = warnings + item.warnings
            yield item
        return
    try:
        article = read_html(text, source, lang) if kind == "html" else make_article(text, source=source, fmt="txt",
                                                                                   lang=lang)
    except IngestError as exc:
        yield Item(source, "failed", reason=str(exc), warnings=warnings)
        return
    except Exception as exc:  # a parser bug must not stop the corpus
        yield Item(source, "failed", reason=f"could not parse: {type(exc).__name__}: {exc}", warnings=warnings)
        return
    yield Item(source, "read", article, warnings=warnings)


def _kind(suffix: str, text: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = text.lstrip()[:200].lower()
    if suffix in ("", ".stdin") and head.startswith(("<!doctype html", "<html")):
        return "html"
    if suffix in ("", ".stdin") and head.startswith(("{", "[")):
        return "json"
    return "txt"


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None]]:
    """Expand inputs to files (folders recursively, sorted); ``-`` is stdin."""
    for source, path, _error in _expand(paths):
        if _error is None:
            yield source, path


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None, OSError | None]]:
    """``iter_files``, with each folder that could not be listed and why (it must not vanish unreported)."""
    for p in paths:
        if str(p) == "-":
            yield "-", None, None
            continue
        path = Path(p)
        if path.is_dir():
            for f, error in sorted(_walk(path), key=lambda found: found[0]):
                yield display_path(f), f, error
        else:
            yield display_path(path), path, None


def _walk(folder: Path) -> Iterator[tuple[Path, OSError | None]]:
    """The files under a folder, hidden names and symlinked folders left out (as ``Path.rglob`` does), and
    each folder that cannot be listed with its error (``rglob`` drops those silently)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        yield folder, exc
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            into = entry.is_dir(follow_symlinks=False)
            skip = not into and entry.is_dir()  # a symlink to a folder
        except OSError:
            into = skip = False
        if into:
            yield from _walk(path)
        elif not skip:
            yield path, None


SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


def _safely(items: Iterator[Item], source: str) -> Iterator[Item]:
    """A reader bug on one file becomes a failed item; the corpus goes on."""
    try:
        yield from items
    except Exception as exc:
        yield Item(source, "failed", reason=f"could not read: {type(exc).__name__}: {exc}")


def read(paths: Iterable[str | Path], stdin=None, lang: str | None = None) -> Iterator[Item]:
    """Every article (or failure) in the given files, folders or ``-`` (``lang``: see ``read_bytes``)."""
    for source, path, error in _expand(paths):
        if error is not None:
            yield Item(source, "failed", reason=f"cannot read folder: {error.strerror or error}")
            continue
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _safely(read_bytes(stream.read(MAX_BYTES + 1), "<stdin>", ".stdin", lang), "<stdin>")
            continue
        suffix = path.suffix.lower()
        if not path.exists():
            yield Item(source, "failed", reason="no such file or folder")
            continue
        if not path.is_file():
            yield Item(source, "skipped", reason="not a regular file (a FIFO, socket or device)")
            continue
        if suffix not in SUPPORTED:
            yield Item(source, "skipped", reason=f"unsupported file type {suffix!r}")
            continue
        try:
            size = path.stat().st_size
            streamed = stream_jsonl(path, source) if suffix in (".jsonl", ".ndjson") and size > STREAM_BYTES else None
            if streamed is None and size > MAX_BYTES:  # said before reading: a sparse 2 GB file costs nothing
                yield Item(source, "failed", reason=f"file larger than {MAX_BYTES // (1024 * 1024)} MB")
                continue
            data = _read_at_most(path, MAX_BYTES + 1) if streamed is None else b""
        except OSError as exc:
            yield Item(source, "failed", reason=f"cannot read: {exc.strerror or exc}")
            continue
        yield from _safely(streamed if streamed is not None else read_bytes(data, source, suffix, lang), source)


def _read_at_most(path: Path, limit: int) -> bytes:
    """The file's bytes, never more than ``limit`` (a file that grows while read stays bounded)."""
    with path.open("rb") as f:
        return f.read(limit)


def _is_file(s: str) -> bool:
    try:
        return len(s) < 4096 and Path(s).is_file()
    except (OSError, ValueError):  # too long for a file name, NUL bytes …: it is text
        return False


def read_one(path_or_text: str | Path, lang: str | None = None) -> Article:
    """One article from a path, or from text given directly (API convenience). ``lang``: its language,
    given instead of detected (see ``read_bytes``)."""
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text
                                           and _is_file(path_or_text)):
        items = list(read([path_or_text], lang=lang))
    else:
        items = [Item("<text>", "read", make_article(str(path_or_text), source="<text>", fmt="txt", lang=lang))]
    good = [i for i in items if i.article is not None]
    if not good:
        reason = items[0].reason if items else "nothing to read"
        raise IngestError(f"{items[0].source if items else path_or_text}: {reason}")
    return good[0].article
