"""book/numbers.csv, the ledger of every number in the prose, is current and complete."""
from __future__ import annotations

import json
import sys

from tenprograms.build import ledger
from tenprograms.data.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import run_notebooks  # noqa: E402

LEDGER = REPO_ROOT / "book" / "numbers.csv"


def test_the_committed_ledger_is_current():
    assert LEDGER.exists(), "book/numbers.csv is missing: run `make execute`"
    assert LEDGER.read_text(encoding="utf-8") == run_notebooks.ledger_text(), \
        "book/numbers.csv is not what the notebooks glue: run `python scripts/run_notebooks.py` (or make execute)"


def test_every_number_in_the_prose_has_a_value():
    rows = ledger.ledger(REPO_ROOT, run_notebooks.book_pages(), set())
    missing = [(r["page"], r["key"]) for r in rows if r["shown"] == "[missing]"]
    assert rows and not missing, missing


def test_the_ledger_shows_a_changed_number(tmp_path):
    page = tmp_path / "page.ipynb"
    cell = {"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": [
        {"output_type": "display_data", "data": {"application/papermill.record/text/plain": "0.825"},
         "metadata": {"scrapbook": {"mime_prefix": "application/papermill.record/", "name": "rate"}}}]}
    prose = {"cell_type": "markdown", "source": "The rate was {glue:text}`rate:.1%`; see {glue:text}`x__en`.", "metadata": {}}
    page.write_text(json.dumps({"cells": [cell, prose]}), encoding="utf-8")
    rows = ledger.ledger(tmp_path, [page], {"x"})
    assert rows[0] == {"page": "page.ipynb", "key": "rate", "shown": "82.5%", "metric_ids": "", "derived_id": ""}
    assert rows[1]["shown"] == "[missing]" and rows[1]["metric_ids"] == "x"
