"""Shared fixtures: a private copy of data/ that a test may break without touching the real one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tenprograms.paths import REPO_ROOT

DATA = REPO_ROOT / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ in a temporary folder, made the package's data folder for this test."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("TENPROGRAMS_DATA", str(copy))
    return copy
