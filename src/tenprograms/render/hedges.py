"""The sensitivity table: the verdicts that rest on a hedged figure, under the strict reading and
several widths of the wide one (analysis/hedges.py), as a numbered table."""
from __future__ import annotations

import pandas as pd

from ..analysis.hedges import WIDTHS, sensitivity
from ..data.expressions import hedges_from
from . import fmt
from .tables import Table


def width_label(ds, scale: float) -> str:
    """A column heading: the width as 左右 and 余 read it at this multiple of data/hedges.csv's."""
    h = ds.hedges.set_index("hedge")
    about = fmt.number(float(h.loc["左右", "wide_high"]) * scale, 0)
    digit = fmt.number(min(1.0, float(h.loc["余", "wide_high"]) * scale), 1 if scale < 1 else 0)
    book = " (the book's)" if scale == 1 else ""
    return f"Wide{book}: 左右 ±{about}%, 余 to {digit} unit"


#: How the width at which a verdict changes reads, in each edition's language.
WIDTH_WORDS = {
    "en": {"none": "none up to ten times the book's width", "digit": "{n:g} of a unit of the last digit ({w})",
           "around": "±{n:g}% ({w})", "below": "{n:g}% below ({w})", "ceiling": "{w}: no ceiling", "sep": ", "},
    "zh": {"none": "本书宽度的十倍以内均不变", "digit": "末位数字的{n:g}个单位（{w}）", "around": "±{n:g}%（{w}）",
           "below": "低{n:g}%（{w}）", "ceiling": "{w}：无上限", "sep": "，"},
}


def width_words(ds, metric_ids: list[str], scale: float | None, lang: str = "en") -> str:
    """A width multiple as the hedge it widens would read: ×2.4 of 左右's 10% → "±24% (左右)"."""
    words = WIDTH_WORDS[lang]
    if scale is None or scale != scale:   # scale != scale: NaN, None in a DataFrame column
        return words["none"]
    table = ds.hedges
    out = []
    for word in dict.fromkeys(ds.metric(m)["qualifier_zh"] for m in metric_ids):
        h = hedges_from(table[table["hedge"] == word])[word]
        if h.basis == "digit":
            out.append(words["digit"].format(n=min(1.0, h.wide_high * scale), w=word))
        elif h.direction == "around":
            out.append(words["around"].format(n=h.wide_high * scale, w=word))
        elif h.direction == "below":
            out.append(words["below"].format(n=-h.wide_low * scale, w=word))
        else:
            out.append(words["ceiling"].format(w=word))
    return words["sep"].join(out)


def sensitivity_frame(ds, result: pd.DataFrame | None = None) -> pd.DataFrame:
    result = sensitivity(ds) if result is None else result
    frame = pd.DataFrame({
        "Verdict": [f"{'Check' if k == 'audit check' else 'Target'}: {d}"
                    for k, d in zip(result["kind"], result["description_en"])],
        "Hedged figure": [", ".join(fmt.as_printed(ds.metric(m)) for m in ms) for ms in result["hedged"]],
        "Strict": result["strict"],
        **{width_label(ds, w): result[w] for w in WIDTHS},
        "Changes at": [width_words(ds, r.hedged, r.break_even) for r in result.itertuples()],
    })
    return frame


def sensitivity_table(ds, caption: str, name: str = "tbl-hedge-sensitivity") -> Table:
    frame = sensitivity_frame(ds)
    return Table(frame, caption, name=name, widths=[5, 2] + [2] * (len(frame.columns) - 3) + [3])
