"""Building never modifies a tracked file, and a notebook executed twice gives identical outputs."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tenprograms.build import runner
from tenprograms.data.paths import REPO_ROOT

SNAPSHOT = REPO_ROOT / "_build" / "tracked-files.sha256"


def test_the_build_leaves_tracked_files_untouched(built_html):
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT} missing: `make book` writes it before building")
    changed = []
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        path = REPO_ROOT / name
        now = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "deleted"
        if now != digest:
            changed.append(name)
    assert not changed, f"the build modified tracked files: {changed}"


def _outputs(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.dumps([c.get("outputs", []) for c in nb.cells], sort_keys=True)


def test_a_notebook_executes_to_identical_bytes_twice():
    path = REPO_ROOT / "book" / "appendix" / "data-and-methods.ipynb"
    assert _outputs(path) == _outputs(path)


def test_no_timestamps_or_random_ids_in_stored_outputs():
    files = subprocess.run(["git", "ls-files", "book/*.ipynb"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    for name in files:
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        assert "at 0x" not in text, f"{name} stores a memory address"
        assert "ipykernel_" not in text, f"{name} stores a kernel temp path"


#: Two chapters whose charts have Chinese labels (their PDFs embed DejaVu Sans and Noto Sans CJK).
PAIR = ["book/programs/07-market.ipynb", "book/programs/01-growth.ipynb"]


@pytest.mark.parametrize("order, jobs", [(PAIR, 1), (PAIR[::-1], 2)], ids=["one-after-the-other", "reversed-in-parallel"])
def test_re_execution_reproduces_the_committed_notebooks_byte_for_byte(tmp_path, order, jobs):
    """Executed by the runner as `make execute` does — one worker running both in turn, or the other
    order on two workers at once — each notebook comes out as the committed file, byte for byte."""
    copies = []
    for name in order:
        copies.append(tmp_path / Path(name).name)
        shutil.copyfile(REPO_ROOT / name, copies[-1])
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        errors = [error for *_, error in pool.map(runner.execute, [str(c) for c in copies])]
    assert not any(errors), errors
    for name, copy in zip(order, copies):
        assert copy.read_bytes() == (REPO_ROOT / name).read_bytes(), f"{name} re-executed to other bytes"
