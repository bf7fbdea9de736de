"""Put computed values into the prose with myst-nb glue: `{glue:text}` for numbers, text and figures."""
from __future__ import annotations

import numbers

import matplotlib.pyplot as plt

from . import fmt, fmt_zh
from .figdata import write

#: The suffix of a value's Chinese display: the zh build (sphinxext/i18n.py) reads `k@zh` for `k`.
ZH = "@zh"


def glue(name: str, value, display: bool = False, caveat: str = "", zh=None):
    """Glue a number (as a plain Python number, so `{glue:text}`name:.1f`` works), a string, or a
    matplotlib figure (closed afterwards so it does not show twice; its data is written to
    figure-data/<name>.csv and .json beside the notebook, see figdata.py). Returns nothing, so a cell
    that ends with a glue call shows no output of it.

    `zh` is the value's Chinese display: glued as `<name>@zh` when it differs from the English (a
    string, a figure with Chinese labels), never when the two read the same."""
    # deferred: myst_nb imports Sphinx and docutils, which only a notebook that glues needs
    from myst_nb import glue as _glue

    if isinstance(value, plt.Figure):
        write(name, value, caveat=caveat)
        _glue(name, value, display=display)
        plt.close(value)
        return None
    # Strings are glued as plain str: myst-nb reads text/plain back with ast.literal_eval, which
    # turns the quoted repr into the exact string ("1,399" stays "1,399", not the tuple (1, 399)).
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, numbers.Integral):
        value = int(value)
    elif isinstance(value, numbers.Real):
        value = float(value)
    elif isinstance(value, str):
        value = str(value)
    _glue(name, value, display=display)
    if zh is not None and not (isinstance(zh, type(value)) and zh == value):
        glue(name + ZH, zh, display=display, caveat=caveat)
    return None


def glue_metrics(metrics) -> None:
    """Glue every figure of a set of metrics under its metric_id, ready for the prose:

    - `{glue:text}`<id>``        the figure as printed: 17.2亿元, 近2万张, 9.3万余名
    - `{glue:text}`<id>__en``    in English base units, hedge and unit noun: ¥1.72 billion, nearly 20,000 cards
    - `{glue:text}`<id>__quote`` the verbatim quote: 上半年共新增减税17.2亿元
    - `{glue:text}`<id>__n``     the bare number in base units, no hedge, no unit: 1.72 billion, 20,000, 25
      (templates.glue_figures glues `<id>__hedged`, the number with its hedge and no unit: nearly 20,000)
    - `{glue:text}`<id>__value`` the value in base units, as a number (use a format spec:
      `{glue:text}`<id>__value:,.0f``)

    The Chinese edition's displays are glued beside them as `<key>@zh` where they differ (fmt_zh):
    `<id>__en@zh` 17.2亿元, 近2万张 (base units, the report's scaling and hedge), `<id>__n@zh` 17.2亿, 2万.
    """
    for metric_id, row in metrics.iterrows():
        glue(metric_id, fmt.as_printed(row))
        glue(f"{metric_id}__en", fmt.in_english(row), zh=fmt_zh.in_chinese(row))
        glue(f"{metric_id}__quote", row["quote"])
        glue(f"{metric_id}__n", fmt.english_magnitude(row["value_base"]), zh=fmt_zh.magnitude(row["value_base"]))
        glue(f"{metric_id}__value", float(row["value_base"]))
