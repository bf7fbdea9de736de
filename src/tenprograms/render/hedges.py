"""The sensitivity table: the verdicts that rest on a hedged figure, under the strict reading and
several widths of the wide one (analysis/hedges.py), as a numbered table."""
from __future__ import annotations

import pandas as pd

from ..analysis.hedges import WIDTHS, sensitivity
from . import fmt
from .tables import Table


def width_label(ds, scale: float) -> str:
    """A column heading: the width as 左右 and 余 read it at this multiple of data/hedges.csv's."""
    h = ds.hedges.set_index("hedge")
    about = fmt.number(float(h.loc["左右", "wide_high"]) * scale, 0)
    digit = fmt.number(min(1.0, float(h.loc["余", "wide_high"]) * scale), 1 if scale < 1 else 0)
    book = " (the book's)" if scale == 1 else ""
    return f"Wide{book}: 左右 ±{about}%, 余 to {digit} unit"


def sensitivity_frame(ds, result: pd.DataFrame | None = None) -> pd.DataFrame:
    result = sensitivity(ds) if result is None else result
    frame = pd.DataFrame({
        "Verdict": [f"{'Check' if k == 'audit check' else 'Target'}: {d}"
                    for k, d in zip(result["kind"], result["description_en"])],
        "Hedged figure": [", ".join(fmt.as_printed(ds.metric(m)) for m in ms) for ms in result["hedged"]],
        "Strict": result["strict"],
        **{width_label(ds, w): result[w] for w in WIDTHS},
        "Changes at": result["break_even_en"],
    })
    return frame


def sensitivity_table(ds, caption: str, name: str = "tbl-hedge-sensitivity") -> Table:
    frame = sensitivity_frame(ds)
    return Table(frame, caption, name=name, widths=[5, 2] + [2] * (len(frame.columns) - 3) + [3])
