"""`jupyter-book build` of the Chinese edition's LaTeX: scripts/jb.py with the output in `<name>-zh`.

jupyter-book writes a LaTeX build to `_build/latex` whatever the configuration; the Chinese PDF
(issue 31) has its own folder, `_build/latex-zh`, and so (scripts/jb.py names the doctrees after the
output) its own Sphinx environment, `_build/.doctrees-latex-zh`: the English and the Chinese builds
never make each other re-read a page. Use `--builder latex` (the Makefile runs latexmk itself:
jupyter-book's pdflatex step would look for the PDF in `_build/latex`).

    python scripts/jb_zh.py . --config _build/zh-config/_config.yml --builder latex -n --keep-going
"""
from __future__ import annotations

import sys
from pathlib import Path

import jb  # scripts/: the English wrapper (one environment per builder), installed on import
import jupyter_book.sphinx
from jupyter_book.cli.main import main

SUFFIX = "-zh"


def build_sphinx(sourcedir, outputdir, **kwargs):
    out = Path(outputdir)
    return jb.build_sphinx(sourcedir, out.with_name(out.name + SUFFIX), **kwargs)


jupyter_book.sphinx.build_sphinx = build_sphinx

if __name__ == "__main__":
    main(args=["build", *sys.argv[1:]], prog_name="jupyter-book")
