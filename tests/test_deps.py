"""The execution record sees the data: a notebook re-executes when the data rows it read change, and
only then (scripts/run_notebooks.py, src/tenprograms/deps.py)."""
from __future__ import annotations

import csv
import json
import sys

import nbformat
import pytest
from conftest import edit_row

from tenprograms.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import run_notebooks  # noqa: E402

RECORD = run_notebooks.load_record()
CHAPTERS = sorted((REPO_ROOT / "book" / "programs").glob("*.ipynb"))


def test_the_loader_records_what_a_notebook_reads(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'import tenprograms as tp\nch = tp.open_chapter("market")\nx = ch.value("growth_tax_cuts_h1")')])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    _, _, deps, error = run_notebooks.execute(str(path))
    assert not error
    assert "program:7" in deps and "metric:growth_tax_cuts_h1" in deps
    assert "program:1" not in deps and "table:metrics" not in deps


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapter_does_not_re_execute_for_another_programs_row(path, data_copy):
    entry = RECORD.get(run_notebooks.name_of(path))
    assert entry, f"{path.name} has no execution record: run `make execute NB={run_notebooks.name_of(path)}`"
    assert run_notebooks.stale_reasons(path, RECORD) == [], "the committed record is not current"
    number = int(path.name[:2])
    own = [m for m in RECORD[run_notebooks.name_of(path)]["deps"] if m.startswith("metric:")]
    with open(data_copy / "metrics.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    other = next(r["metric_id"] for r in rows if int(r["program"]) != number and f"metric:{r['metric_id']}" not in own)
    edit_row(data_copy, other)
    assert run_notebooks.stale_reasons(path, RECORD) == [], f"{path.name} would re-execute for {other}"
    mine = next(r["metric_id"] for r in rows if int(r["program"]) == number)
    edit_row(data_copy, mine)
    assert any("data it read changed" in r for r in run_notebooks.stale_reasons(path, RECORD))


def test_a_page_that_reads_the_whole_table_re_executes_on_any_row(data_copy):
    probe = REPO_ROOT / "book" / "across" / "audit.ipynb"
    entry = {"code": run_notebooks.code_hash(probe), "package": run_notebooks.package_hash(),
             "deps": {"table:metrics": run_notebooks.dependency_hash("table:metrics")}}
    record = {run_notebooks.name_of(probe): entry}
    assert run_notebooks.stale_reasons(probe, record) == []
    edit_row(data_copy, "growth_5g_sites_upgraded")
    assert any("data it read changed: table:metrics" in r for r in run_notebooks.stale_reasons(probe, record))


def test_a_prose_edit_does_not_make_a_notebook_stale(tmp_path):
    source = CHAPTERS[0] if CHAPTERS else REPO_ROOT / "book" / "across" / "audit.ipynb"
    nb = nbformat.read(source, as_version=4)
    before = run_notebooks.code_hash(source)
    copy = tmp_path / "copy.ipynb"
    markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    markdown.source += "\n\nAn added sentence."
    nbformat.write(nb, copy)
    assert run_notebooks.code_hash(copy) == before
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.source += "\n# a code edit"
    nbformat.write(nb, copy)
    assert run_notebooks.code_hash(copy) != before


def test_every_book_notebook_is_recorded_current():
    stale = {run_notebooks.name_of(p): run_notebooks.stale_reasons(p, RECORD) for p in run_notebooks.book_notebooks()}
    stale = {k: v for k, v in stale.items() if v}
    assert not stale, f"stale notebooks (run `make execute NB=…`): {json.dumps(stale, ensure_ascii=False)}"
