"""Sphinx extension: no route publishes a stale or edited number.

The build renders the notebooks' stored outputs (execute_notebooks is off). `make html` and `make book`
execute the stale notebooks first (scripts/run_notebooks.py), but `jupyter-book build` alone does not:
after a code or data edit it would publish the old values. So before Sphinx reads a page this
extension runs the same check as `scripts/run_notebooks.py --check` and stops the build when

- the data is invalid (each problem's file, row and column);
- a stored output is not what execution stored (the notebook, the code cell, the glue key);
- a notebook is stale (the notebook and each input that changed),

each time with the command that fixes it.
"""
from __future__ import annotations

from sphinx.errors import ExtensionError

from . import runner


def check(app) -> None:
    found = runner.findings(runner.book_notebooks())
    if found.invalid_data:
        raise ExtensionError(found.invalid_data_message())
    if found.edited:
        raise ExtensionError(found.edited_message())
    if found.stale:
        raise ExtensionError(
            "these notebooks' stored outputs are not what their code and data now give; building would publish "
            "old numbers:\n" + found.stale_message(
                f"execute them, then build again: {runner.python()} scripts/run_notebooks.py "
                "(`make html` and `make book` do both)"))


def setup(app):
    app.connect("builder-inited", check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
