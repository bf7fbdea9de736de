"""What a notebook read: the data its execution depends on, recorded by the loader itself.

When the environment variable TENPROGRAMS_DEPS names a file (scripts/run_notebooks.py sets it for
each notebook it executes), the Dataset records every access — a figure read by id, a program's
figures, a whole table — and keeps the file current as a JSON list. A notebook that reads
`ds.metrics` whole depends on every figure; one that asks `ds.value("market_stock_total")` depends
on that row. scripts/run_notebooks.py turns the record into hashes of exactly those rows and files,
so a change to a data row re-executes only the notebooks that read it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

_RECORD: set[str] = set()


def record(item: str) -> None:
    """Note one dependency: "table:<name>", "metric:<id>" or "program:<n>"."""
    if item in _RECORD:
        return
    _RECORD.add(item)
    path = os.environ.get("TENPROGRAMS_DEPS")
    if path:
        Path(path).write_text(json.dumps(sorted(_RECORD)), encoding="utf-8")


def recorded() -> list[str]:
    return sorted(_RECORD)
