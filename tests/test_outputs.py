"""A stored output edited by hand is never published, bad data is reported as bad data, and no
message advises a command that does nothing (src/tenprograms/build/runner.py, build/fresh.py)."""
from __future__ import annotations

import json
import shutil

import pytest
from sphinx.errors import ExtensionError

from tenprograms.build import fresh as sphinx_fresh
from tenprograms.build import runner
from tenprograms.data import deps
from tenprograms.data.paths import REPO_ROOT

MARKET = REPO_ROOT / "book" / "programs" / "07-market.ipynb"


def tampered_copy(tmp_path, key: str = "exits_pace", old: str = "'35,000'", new: str = "'36,000'"):
    """A copy of the market chapter whose stored glue value `key` was edited by hand, and a record
    in which the copy has the chapter's committed entry."""
    nb = json.loads(MARKET.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
               if o.get("metadata", {}).get("scrapbook", {}).get("name") == key]
    data = outputs[0]["data"]
    assert data["application/papermill.record/text/plain"] == old
    data["application/papermill.record/text/plain"] = new
    copy = tmp_path / "07-market.ipynb"
    copy.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    record = {deps.name_of(copy): deps.load_record()[deps.name_of(MARKET)]}
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return copy, path


def test_an_edited_glue_value_is_named_with_its_notebook_cell_and_key(tmp_path):
    copy, record = tampered_copy(tmp_path)
    found = deps.edited_outputs(copy, json.loads(record.read_text(encoding="utf-8")))
    assert found == ["code cell 2 (cell 5 of the notebook), glue key exits_pace: "
                     "the stored value '36,000' is not the one execution stored"]


def test_the_committed_notebooks_store_what_execution_stored():
    record = deps.load_record()
    for path in runner.book_notebooks():
        assert deps.edited_outputs(path, record) == [], deps.name_of(path)


def test_the_build_stops_on_an_edited_output_before_reading_a_page(tmp_path, monkeypatch, capsys):
    """Both ways to build check first: scripts/run_notebooks.py (make html / make book run it before
    jupyter-book) and the Sphinx extension (at builder-inited, before any page is read or written)."""
    copy, record = tampered_copy(tmp_path)
    monkeypatch.setenv("TENPROGRAMS_RECORD", str(record))
    before = copy.read_bytes()
    assert runner.main([str(copy)]) == 1
    err = capsys.readouterr().err
    assert "07-market.ipynb, code cell 2 (cell 5 of the notebook), glue key exits_pace" in err
    assert f"make execute NB={deps.name_of(copy)}" in err
    assert copy.read_bytes() == before, "nothing is executed over a hand edit"
    monkeypatch.setattr(runner, "book_notebooks", lambda: [copy])
    with pytest.raises(ExtensionError, match="glue key exits_pace"):
        sphinx_fresh.check(None)


def _invalid_data(data_copy):
    path = data_copy / "metrics.csv"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("market_stock_total,"))
    path.write_text(text.replace(line, line.replace(",509158,509158,户,", ",509158,509159,户,")),
                    encoding="utf-8")


def test_execute_on_invalid_data_says_so_plainly_and_keeps_the_record(tmp_path, data_copy, monkeypatch, capsys):
    _invalid_data(data_copy)
    record = tmp_path / "record.json"
    shutil.copyfile(deps.record_path(), record)
    monkeypatch.setenv("TENPROGRAMS_RECORD", str(record))
    before = record.read_bytes()
    assert runner.main(["--all", str(MARKET)]) == 1
    err = capsys.readouterr().err
    assert "the data is invalid" in err
    assert "data/metrics.csv, line 103 (metric_id=market_stock_total), column value" in err
    assert "\x1b" not in err, "no colour codes"
    assert record.read_bytes() == before, "the record lost an entry"


def test_check_on_invalid_data_says_the_data_is_invalid_not_stale(data_copy, capsys):
    _invalid_data(data_copy)
    assert runner.main(["--check"]) == 1
    out = capsys.readouterr()
    assert "the data is invalid" in out.err and "column value" in out.err
    assert "stale" not in out.out + out.err


def test_a_failing_notebook_keeps_its_record_entry(tmp_path, monkeypatch):
    record = tmp_path / "record.json"
    monkeypatch.setenv("TENPROGRAMS_RECORD", str(record))
    page = tmp_path / "page.ipynb"
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": "x = 1"}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    page.write_text(json.dumps(nb), encoding="utf-8")
    assert runner.main(["--all", str(page)]) == 0
    entry = json.loads(record.read_text(encoding="utf-8"))[deps.name_of(page)]
    nb["cells"][0]["source"] = "raise ValueError('broken')"
    page.write_text(json.dumps(nb), encoding="utf-8")
    assert runner.main(["--all", str(page)]) == 1
    assert json.loads(record.read_text(encoding="utf-8"))[deps.name_of(page)] == entry


def test_the_ledgers_advice_rewrites_it(tmp_path, monkeypatch):
    """test_ledger advises `scripts/run_notebooks.py` for a stale ledger: it must rewrite it even when
    no notebook needs executing (before, it printed "nothing to execute" and left it)."""
    found = runner.findings(runner.book_notebooks())
    assert not (found.invalid_data or found.edited or found.stale), "the notebooks are not current: see test_deps"
    ledger = tmp_path / "numbers.csv"
    ledger.write_text("page,key,shown,metric_ids\n", encoding="utf-8")
    monkeypatch.setattr(runner, "LEDGER", ledger)
    assert runner.main([]) == 0
    assert ledger.read_text(encoding="utf-8") == runner.ledger_text()
