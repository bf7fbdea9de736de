"""The execution record sees everything a notebook read: a notebook is stale when any of it changed,
and only then (src/tenprograms/data/deps.py, src/tenprograms/build/runner.py)."""
from __future__ import annotations

import csv
import json

import nbformat
import pytest
from conftest import edit_row

from tenprograms.build import runner
from tenprograms.data import deps
from tenprograms.data.paths import REPO_ROOT

RECORD = deps.load_record()
CHAPTERS = sorted((REPO_ROOT / "book" / "programs").glob("*.ipynb"))


def edit_rows(path, key: str, value: str, column: str, text: str, replace: bool = False) -> None:
    """Append `text` to (or replace with it) `column` of the rows of a data CSV whose `key` is `value`."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row[key] == value:
            row[column] = text if replace else row[column] + text
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)



def probe(tmp_path, code: str):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    _, _, read, error = runner.execute(str(path))
    assert not error, error
    return path, read


def test_the_loader_records_what_a_notebook_reads(tmp_path):
    _, read = probe(tmp_path, 'import tenprograms as tp\nch = tp.open_chapter("market")\n'
                              'x = ch.value("growth_tax_cuts_h1")\ny = ch.ds.interval("market_stock_total")')
    assert "program:7" in read and "metric:growth_tax_cuts_h1" in read
    assert "unit:户" in read, "interval() reads the unit's row: it must be recorded"
    assert "data:datapackage.json" in read, "every load reads the schema: it must be recorded"
    assert "program:1" not in read and "table:metrics" not in read


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapter_does_not_re_execute_for_another_programs_row(path, data_copy):
    entry = RECORD.get(deps.name_of(path))
    assert entry, f"{path.name} has no execution record: run `make execute NB={deps.name_of(path)}`"
    assert deps.stale_reasons(path, RECORD) == [], "the committed record is not current"
    number = int(path.name[:2])
    own = [m for m in entry["deps"] if m.startswith("metric:")]
    with open(data_copy / "metrics.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    other = next(r["metric_id"] for r in rows if int(r["program"]) != number and f"metric:{r['metric_id']}" not in own)
    edit_row(data_copy, other)
    assert deps.stale_reasons(path, RECORD) == [], f"{path.name} would re-execute for {other}"
    mine = next(r["metric_id"] for r in rows if int(r["program"]) == number)
    edit_row(data_copy, mine)
    assert any("data/metrics.csv" in r for r in deps.stale_reasons(path, RECORD))


def test_an_edit_of_the_schema_makes_the_data_dictionary_stale(data_copy):
    """data/datapackage.json is read by every load and printed by the data dictionary; no finer key
    covers it, so it is hashed whole (before: `--check` said every notebook was current)."""
    page = REPO_ROOT / "book" / "appendix" / "data-dictionary.ipynb"
    assert deps.stale_reasons(page, RECORD) == []
    schema = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    schema["resources"][0]["schema"]["fields"][0]["description"] = "an edited description"
    (data_copy / "datapackage.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    assert "data/datapackage.json changed" in deps.stale_reasons(page, RECORD)
    found = runner.findings([page], RECORD)
    assert found.stale and "data/datapackage.json changed" in found.stale_message("fix")


def test_a_units_scale_makes_the_chapters_that_use_the_unit_stale(data_copy):
    """Changing 户 from count to measure changes ds.interval() of every figure counted in 户; the
    market chapter computes with such intervals (before: only data-and-methods was flagged)."""
    market = REPO_ROOT / "book" / "programs" / "07-market.ipynb"
    assert deps.stale_reasons(market, RECORD) == []
    with open(data_copy / "units.csv", encoding="utf-8", newline="") as f:
        unit = next(r for r in csv.DictReader(f) if r["unit_zh"] == "户")
    assert unit["scale"] == "count"
    edit_rows(data_copy / "units.csv", "unit_zh", "户", "scale", "measure", replace=True)
    assert "data/units.csv, row unit_zh=户 changed" in deps.stale_reasons(market, RECORD)
    users = [n for n, e in RECORD.items() if "unit:户" in e["deps"] or "table:units" in e["deps"]]
    unaffected = [n for n, e in RECORD.items() if n not in users]
    for name in unaffected:
        assert deps.stale_reasons(REPO_ROOT / name, RECORD) == [], f"{name} does not use 户"


def test_a_file_read_directly_is_recorded_whole(tmp_path, data_copy):
    """A read that goes around the Dataset (here: open() on a file of the data folder) is recorded by
    the kernel's audit hook, and an edit of that file makes the notebook stale."""
    path, read = probe(tmp_path, "from tenprograms.data.paths import data_dir\n"
                                 "text = (data_dir() / 'README.md').read_text(encoding='utf-8')")
    assert "data:README.md" in read
    record = {deps.name_of(path): runner._entry(path, read)}
    assert deps.stale_reasons(path, record) == []
    with open(data_copy / "README.md", "a", encoding="utf-8") as f:
        f.write("\nAn added line.\n")
    assert deps.stale_reasons(path, record) == ["data/README.md changed"]


def test_every_file_a_committed_notebook_read_is_recorded():
    """The record names the files outside the data tables the pages read: the assessment the
    introduction grades from, the citation metadata the cite page prints."""
    assert "file:book/assessment.yml" in RECORD["book/intro.ipynb"]["deps"]
    assert "file:CITATION.cff" in RECORD["book/appendix/cite.ipynb"]["deps"]
    assert all("data:datapackage.json" in e["deps"] for n, e in RECORD.items() if e["deps"]), \
        "every notebook that loads the data read the schema"


def test_a_page_that_reads_the_whole_table_re_executes_on_any_row(data_copy):
    probe_page = REPO_ROOT / "book" / "across" / "audit.ipynb"
    entry = {**RECORD[deps.name_of(probe_page)], "deps": {"table:metrics": deps.dependency_hash("table:metrics")}}
    record = {deps.name_of(probe_page): entry}
    assert deps.stale_reasons(probe_page, record) == []
    edit_row(data_copy, "growth_5g_sites_upgraded")
    assert "data/metrics.csv (read whole) changed" in deps.stale_reasons(probe_page, record)


def test_a_prose_edit_does_not_make_a_notebook_stale(tmp_path):
    source = CHAPTERS[0]
    nb = nbformat.read(source, as_version=4)
    before = deps.code_hash(source)
    copy = tmp_path / "copy.ipynb"
    markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    markdown.source += "\n\nAn added sentence."
    nbformat.write(nb, copy)
    assert deps.code_hash(copy) == before
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.source += "\n# a code edit"
    nbformat.write(nb, copy)
    assert deps.code_hash(copy) != before


def test_every_book_notebook_is_recorded_current():
    found = runner.findings(runner.book_notebooks())
    assert not found.invalid_data, found.invalid_data_message()
    assert not found.edited, found.edited_message()
    assert not found.stale, found.stale_message(runner.rerun_command(list(found.stale)))
