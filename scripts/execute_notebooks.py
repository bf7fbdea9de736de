"""Execute notebooks in place so their stored outputs are current: `make execute [NB=path]`.

Notebooks are committed executed: nbval compares a fresh run against these stored outputs.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        print(f"FAILED {path}:\n{exc}", file=sys.stderr)
        raise SystemExit(1) from None
    for cell in nb.cells:  # keep diffs small and outputs deterministic
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"executed {path} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        execute(Path(arg))
