"""tenprograms: the data, checks and presentation helpers behind the ten-programs book.

A program chapter starts with

    import tenprograms as tp
    ch = tp.open_chapter("market")     # load, validate, theme, glue the program's figures

and any other page with `ds = tp.setup_notebook()` (load, validate, theme); `tp.table(frame, caption,
name=...)` then shows a numbered table, `tp.glue(name, value)` puts a computed value into prose.
"""
from __future__ import annotations

import pandas as pd

from . import fmt
from .audit import audit, could_fail
from .chapter import Chapter, open_chapter
from .dataset import Dataset, load_dataset
from .errors import DataValidationError, Problem
from .glue import glue, glue_metrics
from .tables import FIGURES_WIDTHS, PROVENANCE_WIDTHS, Table, figures_frame, provenance_frame, table

__all__ = ["Chapter", "Dataset", "DataValidationError", "Problem", "Table", "audit", "could_fail", "figures_table",
           "fmt", "glue", "glue_metrics", "load_dataset", "open_chapter", "provenance_table", "relations_table",
           "setup_notebook", "table"]


def setup_notebook() -> Dataset:
    """Load the validated dataset, set the plot theme and pandas display; return the dataset."""
    from .plot import use_book_theme

    use_book_theme()
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    return load_dataset()


def provenance_table(ds: Dataset, program: int) -> Table:
    """Every figure the report gives for a program, with its quote: the first table of each chapter."""
    prog = ds.program(program)
    return table(provenance_frame(ds.program_metrics(program)),
                 f"Every figure the report gives for {prog['name_en']} ({prog['name_zh']}), "
                 "with the verbatim quote it comes from", name=f"tbl-{prog['slug']}-figures", widths=PROVENANCE_WIDTHS)


def figures_table(ds: Dataset, slug: str) -> Table:
    """Every figure the report gives for a program, with its quote (printed once, in the appendix)."""
    prog = ds.programs.set_index("slug").loc[slug]
    return table(figures_frame(ds.program_metrics(int(prog["program"]))),
                 f"{prog['name_en']} ({prog['name_zh']}): every figure, with the verbatim quote it comes from",
                 name=f"tbl-figures-{slug}", widths=FIGURES_WIDTHS, raw=["As printed"])


def relations_table(ds: Dataset, program: int | None = None) -> Table:
    """The report's arithmetic checked: each relation, both sides, the rounding interval, the verdict."""
    result = audit(ds)
    if program is not None:
        result = result[result["program"] == program]
    frame = pd.DataFrame({
        "Check": result["description_en"],
        "Left side": [f"{e} = {fmt.number(v, _dec(v))}" for e, v in zip(result["lhs"], result["lhs_value"])],
        "Right side": [f"{e} = {fmt.number(v, _dec(v))}" for e, v in zip(result["rhs"], result["rhs_value"])],
        "Within rounding": [f"{fmt.number(lo, _dec(lo))} … {fmt.number(hi, _dec(hi))} {op} "
                            f"{fmt.number(rlo, _dec(rlo))} … {fmt.number(rhi, _dec(rhi))}"
                            for lo, hi, op, rlo, rhi in zip(result["lhs_lo"], result["lhs_hi"], result["op"],
                                                            result["rhs_lo"], result["rhs_hi"])],
        "Verdict": ["holds" if h else "DOES NOT HOLD" for h in result["holds"]],
    })
    scope = f"program {program}" if program is not None else "all programs"
    name = f"tbl-{ds.program(program)['slug']}-arithmetic" if program is not None else "tbl-arithmetic-all"
    return table(frame, f"The report's arithmetic checked ({scope}): both sides and the interval the printed rounding allows",
                 name=name, widths=[0.24, 0.22, 0.2, 0.22, 0.09])


def _dec(x: float) -> int:
    x = abs(float(x))
    if x == round(x):
        return 0
    return 2 if x >= 1 else 4
