"""tenprograms: the data, checks and presentation helpers behind the ten-programs book.

A program chapter starts with

    import tenprograms as tp
    ch = tp.open_chapter("market")     # load, validate, theme, glue the program's figures

and any other page with `ds = tp.setup_notebook()` (load, validate, theme); `tp.table(frame, caption,
name=...)` then shows a numbered table, `tp.glue(name, value)` puts a computed value into prose.
"""
from __future__ import annotations

from .analysis.audit import audit, could_fail
from .chapter import Chapter, open_chapter, setup_notebook
from .data.dataset import Dataset, load_dataset
from .data.errors import DataValidationError, Problem
from .render import bilingual, fmt, plot
from .render.derived import derived
from .render.glue import glue, glue_metrics
from .render.tables import FIGURES_WIDTHS, Table, figures_frame, table

__all__ = ["Chapter", "Dataset", "DataValidationError", "Problem", "Table", "audit", "could_fail", "derived", "figures_table",
           "fmt", "glue", "glue_metrics", "load_dataset", "open_chapter",
           "plot", "setup_notebook", "table"]


def figures_table(ds: Dataset, slug: str) -> bilingual.Bilingual:
    """Every figure the report gives for a program, with its quote (printed once, in the appendix), in
    English and in Chinese (each edition shows its own: render/bilingual.py)."""
    prog = ds.programs.set_index("slug").loc[slug]
    metrics = ds.program_metrics(int(prog["program"]))
    name = f"tbl-figures-{slug}"
    en = table(figures_frame(metrics),
               f"{prog['name_en']} ({prog['name_zh']}): every figure, with the verbatim quote it comes from",
               name=name, widths=FIGURES_WIDTHS, raw=["As printed"])
    zh = table(bilingual.figures_frame_zh(metrics), bilingual.figures_caption_zh(prog["name_zh"]), name=name,
               widths=bilingual.FIGURES_WIDTHS_ZH, raw=["原文数字"])
    return bilingual.both(en, zh)
