"""`jupyter-book build`, with one Sphinx environment per builder.

jupyter-book 1 keeps every builder's environment (the doctrees) in `_build/.doctrees`. Its HTML and
LaTeX builds configure Sphinx differently (`numfig_secnum_depth`, among others), so each finds the
environment the other left behind "config changed" and re-reads every page: after a one-page prose
edit, `make book` read all the pages twice. Here the HTML build keeps `_build/.doctrees-html` and the
LaTeX build `_build/.doctrees-latex` (jupyter-book's own `build_sphinx` takes a doctree directory;
its CLI does not offer one), so each re-reads only the pages that changed.

The LaTeX build had a second leak: sphinx-jupyterbook-latex sets `numfig_secnum_depth` to 2 when the
builder starts (chapters numbered within parts), after Sphinx has compared the configuration with
the stored environment's. The environment is stored with 2 and the next run starts from 1, so every
LaTeX build found "config changed ('numfig_secnum_depth')" and re-read all pages, even of its own
environment. The LaTeX build therefore starts from the value that extension sets (LATEX_SET_AT_START):
the same book, and an environment that stays valid.

When the build is over the process ends without tearing the interpreter down: freeing the environment,
the doctrees and every imported module one object at a time cost about a second of CPU (three of wall
time on a busy machine) after every build, and a process that exits frees its memory at once anyway.
The atexit handlers still run (logging's flush among them), and stdout and stderr are flushed first.

    python scripts/jb.py . --builder html -W -n --keep-going      # = jupyter-book build …
"""
from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import jupyter_book.sphinx
from jupyter_book.cli.main import main

_build_sphinx = jupyter_book.sphinx.build_sphinx
#: Configuration sphinx-jupyterbook-latex changes when a LaTeX build starts (with a _toc.yml of parts).
LATEX_SET_AT_START = {"numfig_secnum_depth": 2}


def build_sphinx(sourcedir, outputdir, **kwargs):
    """jupyter-book's build_sphinx, with the doctrees beside the output, named after it."""
    if kwargs.get("doctreedir") is None:
        out = Path(outputdir)
        kwargs["doctreedir"] = out.parent / f".doctrees-{out.name}"
    if kwargs.get("builder") == "latex":
        kwargs["confoverrides"] = {**(kwargs.get("confoverrides") or {}), **LATEX_SET_AT_START}
    return _build_sphinx(sourcedir, outputdir, **kwargs)


# `jupyter-book build` imports build_sphinx from this module when it runs, so it finds this one.
jupyter_book.sphinx.build_sphinx = build_sphinx


def exit_now(code) -> None:
    """End the process as sys.exit(code) would, minus the interpreter's teardown (see the docstring)."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    try:
        main(args=["build", *sys.argv[1:]], prog_name="jupyter-book")
    except SystemExit as stop:  # click ends main() with sys.exit, also on success
        exit_now(stop.code)
    exit_now(0)
