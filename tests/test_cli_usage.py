"""Every usage mistake gets one line naming the argument and what was expected, exit code 2, no traceback."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEED, run_cli

MISTAKES = [
    (("extract", str(SEED), "--published", "04/03/2025"), "--published", "YYYY-MM-DD"),
    (("extract", str(SEED), "--published", "2025-02-30"), "--published", "YYYY-MM-DD"),
    (("extract", str(SEED), "--lang", "zz"), "--lang", "ar, en"),
    (("extract", str(SEED), "--ner", "spacy"), "--ner", "spacy:MODEL"),
    (("extract", str(SEED), "--ner", "spacy:xx_not_installed"), "xx_not_installed", "not installed"),
    (("extract",), "input", "required"),
    (("build", "data", "--out", "README.md"), "--out", "is a file"),
    (("build", "data"), "--out", "required"),
    (("build", "data", "--out", "{tmp}", "--jobs", "0"), "--jobs", "1 or more"),
    (("build", "data", "--out", "{tmp}", "--jobs", "two"), "--jobs", "1 or more"),
    (("build", "data", "--out", "{tmp}", "--formats", "ttl,xml"), "--formats", "xml"),
    (("build", "data", "--out", "{tmp}", "--formats", ","), "--formats", "choose from"),
    (("build", "data", "--out", "{tmp}", "--base-iri", "kg"), "--base-iri", "absolute IRI"),
    (("build", "data", "--out", "{tmp}", "--engine", "spark"), "--engine", "invalid choice"),
    (("build", "data", "--out", "{tmp}", "--scheduler", "tcp://h:8786"), "--scheduler", "--engine dask"),
    (("build", "data", "--out", "{tmp}", "--scheduler", "h"), "--scheduler", "tcp://"),
    (("build", "data", "--out", "/dev/null/x"), "--out", "Not a directory"),
    (("validate", "missing.ttl"), "missing.ttl", "no such file"),
    (("validate", "data"), "data", "folder"),
    (("validate", "README.md"), "README.md", "unknown RDF file type"),
    (("validate", "{ttl}", "--shapes", "nope.ttl"), "--shapes", "no such file"),
    (("push", "missing.ttl", "--endpoint", "http://127.0.0.1:9/store"), "missing.ttl", "no such file"),
    (("push", "README.md", "--endpoint", "http://127.0.0.1:9/store"), "README.md", "unknown RDF file type"),
    (("push", "{ttl}", "--endpoint", "localhost:7878"), "--endpoint", "http(s)://"),
    (("push", "{ttl}", "--endpoint", "data:text/plain,hello"), "--endpoint", "http(s)://"),  # was exit 0, HTTP None
    (("push", "{ttl}"), "--endpoint", "required"),
    (("push", "{ttl}", "--endpoint", "http://127.0.0.1:9/s", "--timeout", "-1"), "--timeout", "above 0"),
    (("push", "{ttl}", "--endpoint", "http://127.0.0.1:9/s", "--graph", "not an iri"), "--graph", "absolute IRI"),
    (("push", "{ttl}", "--endpoint", "http://127.0.0.1:9/s", "--auth", "token"), "--auth", "invalid choice"),
    (("frobnicate",), "COMMAND", "invalid choice"),
    (("build", "data", "--out", "{tmp}", "--colour"), "--colour", "unrecognized"),
]


@pytest.fixture(scope="module")
def ttl(tmp_path_factory):
    path = tmp_path_factory.mktemp("rdf") / "tiny.ttl"
    path.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("argv", "names", "expects"), MISTAKES, ids=[" ".join(m[0])[:60] for m in MISTAKES])
def test_a_usage_mistake_is_one_clear_line(argv, names, expects, tmp_path, ttl):
    template = argv
    argv = [a.replace("{tmp}", str(tmp_path / "out")).replace("{ttl}", str(ttl)) for a in argv]
    res = run_cli(*argv, cwd=ROOT)
    err = res.stderr.decode()
    assert res.returncode == 2, (res.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert names in lines[0] and expects in lines[0], lines[0]
    if any("{tmp}" in a for a in template):
        assert not (tmp_path / "out").exists()  # a usage error writes nothing


ACCEPTED = [  # each valid value comes before a bad --formats: the error must be about --formats alone
    ("--scheduler", "localhost:8786"), ("--scheduler", "tcp://10.0.0.5:8786"), ("--scheduler", "tls://[::1]:8786"),
    ("--base-iri", "https://example.org/id/"), ("--base-iri", "urn:x:news:"), ("--base-iri", "file:///tmp/kg/"),
    ("--base-iri", "did:example:kg:"), ("--jobs", "2"),
]


@pytest.mark.parametrize(("option", "value"), ACCEPTED)
def test_valid_values_are_accepted(option, value, tmp_path):
    extra = ["--engine", "dask"] if option == "--scheduler" else []
    res = run_cli("build", "data", "--out", str(tmp_path / "out"), *extra, option, value, "--formats", "zz")
    err = res.stderr.decode()
    assert res.returncode == 2 and "argument --formats" in err and option not in err, err


def test_push_accepts_an_endpoint_with_a_query_string(ttl):
    res = run_cli("push", str(ttl), "--endpoint", "http://127.0.0.1:9/ds/data?default", "--timeout", "2")
    assert res.returncode == 1 and b"--endpoint" not in res.stderr  # accepted; the store is simply not there

