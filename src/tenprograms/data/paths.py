"""Where the project's files are. One place, so tests can point the package at a copy of data/."""
from __future__ import annotations

import os
from pathlib import Path

#: The repository root (this file is src/tenprograms/data/paths.py).
REPO_ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The data folder: $TENPROGRAMS_DATA if set (tests use copies), else <repo>/data."""
    return Path(os.environ.get("TENPROGRAMS_DATA", REPO_ROOT / "data")).resolve()


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the repo when inside it ('data/metrics.csv')."""
    path = Path(path).resolve()
    for base in (REPO_ROOT, data_dir().parent):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)
