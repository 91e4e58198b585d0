"""Parallel and distributed builds give byte-identical output to the plain build."""

from __future__ import annotations

import filecmp

import pytest
from conftest import ROOT, run_cli


def _same_tree(a, b) -> list[str]:
    diffs = []
    cmp = filecmp.dircmp(a, b)
    stack = [cmp]
    while stack:
        c = stack.pop()
        diffs += [f"{c.left}/{n}" for n in c.diff_files + c.left_only + c.right_only]
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        diffs += mismatch + errors
        stack += list(c.subdirs.values())
    return diffs


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain")
    res = run_cli("build", str(ROOT / "data"), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    return out


@pytest.mark.slow
def test_jobs_2_is_identical(plain, tmp_path):
    res = run_cli("build", str(ROOT / "data"), "--out", str(tmp_path), "--quiet", "--jobs", "2")
    assert res.returncode == 0, res.stderr.decode()
    assert _same_tree(plain, tmp_path) == []


@pytest.mark.slow
def test_dask_local_cluster_is_identical(plain, tmp_path):
    res = run_cli("build", str(ROOT / "data"), "--out", str(tmp_path), "--quiet", "--engine", "dask")
    assert res.returncode == 0, res.stderr.decode()
    assert _same_tree(plain, tmp_path) == []
