"""Ingest: every input kind, encodings detected (not guessed), failures reported, never raised."""

from __future__ import annotations

import io
import json

import pytest
from conftest import run_cli

from graphbuild.ids import content_id
from graphbuild.ingest import decode, detect_language, read

AR = "استقبل وزير الخارجية المغربي نظيره الإسباني أمس بالرباط لبحث التعاون الثنائي في مجال الهجرة والأمن."
EN = "Morocco's foreign minister received his Spanish counterpart in Rabat on Tuesday to discuss migration."
FR = "Le ministre marocain des Affaires étrangères a reçu mardi à Rabat son homologue espagnol."


def one(path):
    items = list(read([path]))
    assert len(items) == 1, items
    return items[0]


def test_utf8_with_and_without_bom(tmp_path):
    for name, data in (("plain.txt", AR.encode("utf-8")), ("bom.txt", b"\xef\xbb\xbf" + AR.encode("utf-8"))):
        (tmp_path / name).write_bytes(data)
        item = one(tmp_path / name)
        assert item.status == "read" and item.article.text == AR and item.article.lang == "ar"


def test_utf16_with_and_without_bom(tmp_path):
    (tmp_path / "bom16.txt").write_bytes(AR.encode("utf-16"))
    (tmp_path / "le16.txt").write_bytes(AR.encode("utf-16-le"))
    for name in ("bom16.txt", "le16.txt"):
        item = one(tmp_path / name)
        assert item.article.text == AR, name


def test_windows_1256_is_detected(tmp_path):
    text = (AR + "\n") * 5
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1256"))
    item = one(tmp_path / "cp.txt")
    assert item.article.text == text
    assert item.article.lang == "ar"


def test_truncated_utf8_keeps_the_text_and_warns(tmp_path):
    data = (AR + "ب").encode("utf-8")[:-1]  # cut inside the last (two-byte) character
    (tmp_path / "cut.txt").write_bytes(data)
    item = one(tmp_path / "cut.txt")
    assert item.status == "read" and AR.startswith(item.article.text)
    assert any("truncated" in w for w in item.warnings)


def test_binary_and_empty_inputs_are_reported_not_raised(tmp_path):
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert one(tmp_path / "garbage.txt").status == "failed"
    empty = one(tmp_path / "empty.txt")
    assert empty.status == "skipped" and "empty" in empty.reason


def test_decode_reports_encoding():
    assert decode(EN.encode("utf-8"))[1] == "utf-8"


HTML = """<!doctype html><html><head><title>Rabat talks | Daily</title>
<meta property="article:published_time" content="2025-03-04T10:00:00+01:00">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article><h1>Rabat talks</h1>
<p>Moroccan Foreign Minister Nasser Bourita received his Spanish counterpart Jose Manuel Albares in Rabat on
Tuesday for talks on migration, security and trade between the two neighbours.</p>
<p>The two ministers agreed to hold the next high-level meeting in Madrid before the end of the year, according
to a joint statement released after the meeting.</p></article>
<footer>Copyright 2025 Daily. All rights reserved. Cookie settings.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    art = one(tmp_path / "page.html").article
    assert "Nasser Bourita received" in art.text
    assert "Cookie settings" not in art.text and "Politics" not in art.text
    assert art.published == "2025-03-04"
    assert art.authors == ["Jane Doe"]
    assert art.title and "Rabat talks" in art.title
    assert art.lang == "en"


def test_jsonl_bad_lines_fail_alone(tmp_path):
    lines = [json.dumps({"id": "a1", "text": EN, "published": "2025-03-04"}), "{not json", "",
             json.dumps({"title": "no text"}), json.dumps({"text": FR, "lang": "fr"})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(read([tmp_path / "c.jsonl"]))
    assert [i.status for i in items] == ["read", "failed", "failed", "read"]
    assert items[0].article.id == "a1" and items[0].article.published == "2025-03-04"
    assert "line 2" in items[1].reason and "text" in items[2].reason
    assert items[3].article.lang == "fr"


def test_json_object_and_list(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "text": FR}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": EN}, {"text": FR}]), encoding="utf-8")
    assert one(tmp_path / "one.json").article.id == "x"
    assert [i.article.lang for i in read([tmp_path / "many.json"])] == ["en", "fr"]


def test_folder_is_read_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read([tmp_path]))
    assert [i.source.rsplit("/", 1)[-1] for i in items] == ["a.txt", "z.txt", "notes.pdf"]
    assert items[2].status == "skipped" and "unsupported" in items[2].reason


def test_stdin(tmp_path):
    items = list(read(["-"], stdin=io.BytesIO(FR.encode("utf-8"))))
    assert items[0].article.text == FR
    res = run_cli("extract", "-", "--json", input=AR.encode("utf-8"))
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["article"]["lang"] == "ar"


def test_language_detection_and_stable_ids():
    assert detect_language(AR) == "ar"
    assert detect_language(EN) == "en"
    assert detect_language(FR) == "fr"
    assert detect_language("ok") is None
    assert content_id(EN) == content_id(EN + "\n") == content_id(" " + EN)
    assert content_id(EN) != content_id(FR)


def test_a_given_language_is_not_detected(tmp_path, monkeypatch):
    """``extract(text, lang=…)``, ``read_one(…, lang=…)`` and ``extract FILE --lang`` take the language given
    and never run the detector; without it the language is detected as before."""
    import graphbuild
    import graphbuild.ingest as ingest

    told: list[str] = []
    real = ingest.detect_language
    monkeypatch.setattr(ingest, "detect_language", lambda text: told.append(text) or real(text))
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    assert ingest.read_one(EN, lang="fr").lang == "fr"
    assert ingest.read_one(path, lang="fr").lang == "fr"
    assert [i.article.lang for i in ingest.read([path], lang="fr")] == ["fr"]
    given = graphbuild.extract(EN, lang="en", ner="none")
    assert told == []
    assert graphbuild.extract(EN, ner="none") == given and len(told) == 1
    assert ingest.read_one(path).lang == "en"


@pytest.mark.slow
def test_a_jsonl_corpus_larger_than_any_single_file_limit_is_streamed(tmp_path):
    """A 210 MB JSON Lines file (over the 200 MB whole-file limit) is read a record at a time;
    a broken line and a line with a bad byte still fail or warn alone."""
    import tracemalloc

    from graphbuild.ingest import MAX_BYTES

    path = tmp_path / "big.jsonl"
    body = ("x" * 1000 + "\n") * 1000  # ~1 MB of text per record
    n = MAX_BYTES // len(body) + 10
    with path.open("wb") as f:
        for k in range(n):
            f.write(json.dumps({"id": f"a{k}", "text": f"{EN} {k}\n{body}"}).encode() + b"\n")
            if k == 3:
                f.write(b'{"id": "broken", "text": \n')
            if k == 4:
                f.write(json.dumps({"id": "badbyte", "text": EN}).encode()[:-2] + b'\xff"}\n')
    assert path.stat().st_size > MAX_BYTES
    tracemalloc.start()
    statuses, warned, peak = [], [], 0
    for item in read([path]):
        statuses.append(item.status)
        warned += [item.source for w in item.warnings if "not valid UTF-8" in w]
        if len(statuses) == 1:
            tracemalloc.reset_peak()  # the first record loads the language model (~90 MB, kept)
            base = tracemalloc.get_traced_memory()[0]
        peak = max(peak, tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    assert statuses.count("read") == n + 1 and statuses.count("failed") == 1
    assert warned == [f"{path}:7"]  # the line after record a4 and the broken line
    assert peak < 50 * 1024 * 1024  # a few records at a time, not the file


def test_a_date_field_opening_a_text_is_its_publication_date():
    from graphbuild.ingest import make_article

    art = make_article(" date 2020-12-02 Muscat: the Foreign Minister on Wednesday held a virtual meeting.",
                       source="t", fmt="txt")
    assert art.published == "2020-12-02"
    assert make_article("A date 2020-12-02 inside the text is not a header.", source="t", fmt="txt").published is None
    assert make_article(" date 2020-13-02 bad month", source="t", fmt="txt").published is None
    given = make_article(" date 2020-12-02 text", source="t", fmt="txt", published="2021-01-05")
    assert given.published == "2021-01-05"  # what the caller says wins


@pytest.mark.parametrize("utf8_lines_above", [0, 3])
def test_a_line_half_utf8_half_cp1256_keeps_both_halves(utf8_lines_above):
    """A UTF-8 title pasted before a Windows-1256 sentence on the same line: each part in its own encoding,
    even where two of the cp1256 bytes happen to be valid UTF-8 (ة then ، is 0xC9 0xA1, 'ɡ' in UTF-8)."""
    title, body = "نشرة المساء: ", "التقى وزير الداخلية، بعد الظهر، سفير اليابان."
    data = "سطر أول\n".encode() * utf8_lines_above + title.encode() + body.encode("cp1256") + b"\nend\n"
    text, encoding, warnings = decode(data)
    assert text == "سطر أول\n" * utf8_lines_above + title + body + "\nend\n"
    assert encoding == "utf-8" and any("read as cp1256" in w for w in warnings), warnings


@pytest.mark.parametrize("suffix", [".jsonl", ".txt", ".html"])
def test_a_language_given_is_never_detected(suffix, tmp_path, monkeypatch):
    """--lang / lang=: every article of the input takes it, a JSON record without its own "lang" too, and
    the identifier is not run (it costs a fresh process a fifth of a second)."""
    import graphbuild.ingest as ingest

    monkeypatch.setattr(ingest, "detect_language", lambda text: pytest.fail("language detected"))
    body = "Le ministre a reçu son homologue à Rabat.\n"
    content = {".jsonl": json.dumps({"id": "r1", "text": "Titre\n\n" + body}) + "\n",
               ".txt": "Titre\n\n" + body,
               ".html": f"<html><body><article><h1>T</h1><p>{body}</p></article></body></html>"}
    path = tmp_path / f"a{suffix}"
    path.write_text(content[suffix], encoding="utf-8")
    (item,) = list(read([str(path)], lang="fr"))
    assert item.article.lang == "fr"
