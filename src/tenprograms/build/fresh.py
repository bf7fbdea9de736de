"""Sphinx extension: no route publishes a stale or edited number.

The build renders the notebooks' stored outputs (execute_notebooks is off). `make html` and `make book`
execute the stale notebooks first (scripts/run_notebooks.py), but `jupyter-book build` alone does not:
after a code or data edit it would publish the old values. So before Sphinx reads a page this
extension runs the same check as `scripts/run_notebooks.py --check` and stops the build when

- the data is invalid (each problem's file, row and column);
- a stored output is not what execution stored (the notebook, the code cell, the glue key);
- a notebook is stale (the notebook and each input that changed),

each time with the command that fixes it.

`make html` and `make book` run that check themselves right before Sphinx (scripts/run_notebooks.py,
which also executes what is stale) and tell this extension so (TENPROGRAMS_RUNNER_CHECKED=1): the make
targets rebuild whenever an input changed, so the check has just run on the inputs Sphinx reads, and
running it again in each builder only cost time on every edit.
"""
from __future__ import annotations

import os

from sphinx.errors import ExtensionError

from . import runner


def check(app) -> None:
    if os.environ.get("TENPROGRAMS_RUNNER_CHECKED") == "1":
        return
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
