"""Shared fixtures: a private copy of data/ that a test may break without touching the real one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tenprograms.data.paths import REPO_ROOT

DATA = REPO_ROOT / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ in a temporary folder, made the package's data folder for this test."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("TENPROGRAMS_DATA", str(copy))
    return copy


def pytest_terminal_summary(terminalreporter):
    """Say how many random corruptions the property test tried, and that none got through."""
    try:
        from test_corruption_properties import TRIED
    except ImportError:
        return
    if TRIED:
        total = sum(TRIED.values())
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()))
        terminalreporter.write_line(f"corrupted data: {total} corruptions tried, every one rejected ({kinds})")
