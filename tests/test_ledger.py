"""book/numbers.csv, the ledger of every number in the prose, is current and complete."""
from __future__ import annotations

import json

from tenprograms.build import ledger, runner
from tenprograms.data.paths import REPO_ROOT

LEDGER = REPO_ROOT / "book" / "numbers.csv"


def _advice() -> str:
    """The command that really makes the ledger current: re-executing an edited notebook, or (when
    only the prose's glue references changed) scripts/run_notebooks.py, which rewrites the ledger."""
    found = runner.findings(runner.book_notebooks())
    if found.invalid_data:
        return found.invalid_data_message()
    if found.edited:
        return found.edited_message()
    if found.stale:
        return found.stale_message(runner.rerun_command(list(found.stale)))
    return f"run `{runner.python()} scripts/run_notebooks.py`: it rewrites book/numbers.csv"


def test_the_committed_ledger_is_current():
    assert LEDGER.exists(), f"book/numbers.csv is missing: run `{runner.python()} scripts/run_notebooks.py`"
    if LEDGER.read_text(encoding="utf-8") != runner.ledger_text():
        raise AssertionError(f"book/numbers.csv is not what the notebooks glue. {_advice()}")


def test_every_number_in_the_prose_has_a_value():
    rows = ledger.ledger(REPO_ROOT, runner.book_pages(), set())
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
    assert rows[0] == {"page": "page.ipynb", "key": "rate", "shown": "82.5%", "shown_zh": "82.5%", "metric_ids": "", "derived_id": ""}
    assert rows[1]["shown"] == "[missing]" and rows[1]["metric_ids"] == "x"
