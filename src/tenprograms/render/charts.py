"""The cross-program charts: the scorecard's tiles and the timeline of the report's reference periods."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from ..analysis.grades import DIMENSIONS, GRADES
from ..analysis.profile import dated_periods
from . import figdata, fmt, plot


def tile_label(row, key: str) -> str:
    """A tile's label, its {share} placeholder (the progress grade) filled with the share in percent."""
    label = row[f"{key}_label"]
    return label.format(share=fmt.percent(row[f"{key}_share"], 0)) if "{share}" in label else label


def plot_scorecard(card: pd.DataFrame):
    """The scorecard as a tile grid: programs down, the five questions across; the shade says how
    much the report shows, the label in the tile says what."""
    blue = plot.palette(1)[0]
    colours = {"full": blue, "partial": tuple(0.55 + 0.45 * c for c in blue), "none": (0.93, 0.93, 0.93)}
    text_colour = {"full": "white", "partial": "black", "none": (0.35, 0.35, 0.35)}
    n_rows, n_cols = len(card), len(DIMENSIONS)
    fig, ax = plot.new_figure(7.0, 0.42 * n_rows + 1.6)
    for r, (_, row) in enumerate(card.iterrows()):
        for c, key in enumerate(DIMENSIONS):
            grade = row[key]
            ax.add_patch(Rectangle((c + 0.04, r + 0.06), 0.92, 0.88, facecolor=colours[grade], edgecolor="none"))
            ax.text(c + 0.5, r + 0.5, textwrap.fill(tile_label(row, key), 13), ha="center", va="center",
                    fontsize=7.5, linespacing=1.1, color=text_colour[grade])
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], list(DIMENSIONS.values()), fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(n_rows)],
                  [f"{p}. {n}" for p, n in zip(card["program"], card["name_en"])], fontsize=8.5)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=colours[g], label=t) for g, t in
               zip(GRADES, ("the report shows it", "partly, or only with a caveat", "not shown"))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.02), ncol=3, frameon=False,
              fontsize=8, handlelength=1.2)
    fig.tight_layout()
    return fig


def plot_periods(ds):
    """The timeline of the report's dated reference periods: bars for windows, hatched bars with an
    arrow for periods that run from a date to the time of writing, diamonds for single dates."""
    periods = dated_periods(ds)
    periods["label"] = [f"{w} · at {e:%-d %B}" if t == "at a date" else f"{w} · {fmt.PERIOD_WORDS_EN.get(w, w)}"
                        for w, e, t in zip(periods["words"], periods["end"], periods["type"])]
    written = ds.latest_reference_date
    fig, ax = plot.new_figure(7.0, 0.42 * len(periods) + 1.3)
    colour = plot.palette(1)[0]
    for y, row in periods.iterrows():
        if row["type"] == "window":
            ax.barh(y, row["end"] - row["start"], left=row["start"], height=0.55, color=colour)
            right = row["end"]
        elif row["type"] == "since":
            ax.barh(y, written - row["start"], left=row["start"], height=0.55, color=colour, alpha=0.45,
                    hatch="///", edgecolor="white")
            ax.annotate("", xy=(written + pd.Timedelta(days=45), y), xytext=(written, y),
                        arrowprops={"arrowstyle": "->", "color": "black"})
            right = written + pd.Timedelta(days=45)
        else:
            ax.plot(row["end"], y, marker="D", color="black", markersize=7)
            right = row["end"] + pd.Timedelta(days=25)
        ax.text(right + pd.Timedelta(days=40), y, f"{row['figures']} figure{'s' if row['figures'] > 1 else ''}",
                va="center", fontsize=9)
    ax.axvline(written, color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(periods)), periods["label"], fontsize=9.5)
    ax.invert_yaxis()
    ax.set_xlim(pd.Timestamp("2017-10-01"), pd.Timestamp("2021-08-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
    ax.tick_params(axis="x", which="major", labelsize=10)
    ax.tick_params(axis="x", which="minor", length=3)
    ax.set(xlabel="", ylabel="", title="The dated reference periods the report mixes")
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def write_scorecard_data(card: pd.DataFrame, folder=None, name: str = "fig_scorecard"):
    """The scorecard chart's data file (figure-data/<name>.csv and .json beside the notebook), in
    place of the one tp.glue derives from drawn bars: a tile chart draws no values, so the file
    holds each tile's grade and label instead (written by figdata.write_files, as every chart's)."""
    code = {"full": 2, "partial": 1, "none": 0}
    frame = pd.DataFrame([{"panel": "", "series": question.replace("\n", " "), "category": row["name_en"],
                           "value": code[row[key]], "label": tile_label(row, key)}
                          for _, row in card.iterrows() for key, question in DIMENSIONS.items()])
    meta = {"figure": name, "title": "How the ten programs compare", "axes": [], "metric_ids_matching": [],
            "derivation": "each grade is computed by tenprograms.analysis.grades from data/metrics.csv, "
                          "data/relations.csv, data/context.csv and the book's assessment (book/assessment.yml); "
                          "see its docstrings",
            "caveat": "read with the figure's caption in the book; † marks a target from outside the report",
            "columns": {"series": "the question", "category": "the program",
                        "value": "the grade: 2 the report shows it, 1 partly or only with a caveat, 0 not shown",
                        "label": "what the tile says"}}
    return figdata.write_files(name, frame, meta, folder)


# ---------------------------------------------------------------- after the report (the year's outcomes)

def plot_good_air_year(periods: pd.DataFrame, target: float, national: float | None = None,
                       target_mark: str = "", national_mark: str = ""):
    """The good-air share through the year: one horizontal segment per period at the share of its days
    (`periods`: label, start, end, share, kind = "printed" | "needed" | "implied" | "outcome"), the
    full-year target as a dashed line and the national average, if given, as a dotted one, each labelled
    with its outside fact's mark (facts.mark: dagger and grade). Dates are drawn as matplotlib date
    numbers, so the chart's data file holds them."""
    colour, other = plot.palette(2)
    style = {"printed": {"color": colour, "linewidth": 5},
             "needed": {"color": "grey", "linewidth": 5, "linestyle": (0, (2, 1))},
             "implied": {"color": other, "linewidth": 5},
             "outcome": {"color": "black", "linewidth": 2}}
    fig, ax = plot.new_figure(7.0, 4.2)
    first, last = periods["start"].min(), periods["end"].max()
    for _, row in periods.iterrows():
        xs = mdates.date2num([row["start"], row["end"] + pd.Timedelta(days=1)])
        ax.plot(xs, [row["share"]] * 2, label=row["label"], solid_capstyle="butt", **style[row["kind"]])
        above = row["kind"] != "needed"
        ax.annotate(fmt.percent(row["share"], 1), (xs[0] + 3, row["share"]), xytext=(0, 6 if above else -13),
                    textcoords="offset points", fontsize=9)
    span = mdates.date2num([first, last + pd.Timedelta(days=1)])
    ax.plot(span, [target] * 2, color="black", linestyle="--", linewidth=1, label=f"Full-year target (at least){target_mark}")
    ax.annotate(f"target {fmt.percent(target, 0)}{target_mark}", (span[1], target), xytext=(-4, -12), textcoords="offset points",
                ha="right", fontsize=8.5)
    if national is not None:
        ax.plot(span, [national] * 2, color="grey", linestyle=":", linewidth=1.2, label=f"National average{national_mark}")
        ax.annotate(f"national average {fmt.percent(national, 1)}{national_mark}", (span[1], national), xytext=(-4, 4),
                    textcoords="offset points", ha="right", fontsize=8.5)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 3, 5, 7, 9, 11]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    ax.set_xlim(span[0] - 3, span[1] + 3)
    low = min(periods["share"].min(), target) - 8
    ax.set_ylim(low, max(periods["share"].max(), national or 0) + 6)
    ax.set(xlabel="", ylabel="Good-air days (% of the period's days)",
           title=f"The good-air share of {first.year}: the report's months, the rest of the year, the year")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False, ncol=3)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


def plot_market_gap(points: pd.DataFrame, target: float, target_date: pd.Timestamp, target_mark: str = ""):
    """The stock of market entities against the 2020 target: the stocks (`points`: label, date, stock,
    kind = "implied" | "printed" | "at pace"), joined by a line (dashed where it is the book's
    illustration), the target as a dashed line, and the gap from the last printed stock to the target
    as a bracket, the target labelled with its outside fact's mark (facts.mark). The axis starts near the
    stocks, not at zero, and says so."""
    colour, other = plot.palette(2)
    fig, ax = plot.new_figure(7.0, 3.8)
    xs = mdates.date2num(list(points["date"]))
    ys = points["stock"].to_numpy() / 1e3
    printed = points["kind"] != "at pace"
    ax.plot(xs[printed], ys[printed], color=colour, linewidth=2, label="Stock (end of month)")
    ax.plot(xs[-2:], ys[-2:], color=colour, linewidth=1.5, linestyle="--", label="At the previous year's net pace")
    for x, y, kind in zip(xs, ys, points["kind"]):
        ax.plot([x], [y], marker="o", markersize=7, color=colour,
                markerfacecolor="white" if kind != "printed" else colour, linestyle="none")
        ax.annotate(f"{fmt.number(round(y))}k", (x, y), xytext=(0, -15), textcoords="offset points", ha="center",
                    fontsize=9)
    t = mdates.date2num(target_date)
    ax.axhline(target / 1e3, color="black", linestyle="--", linewidth=1)
    ax.annotate(f"target for {target_date.year}: {fmt.number(target / 1e3)}k{target_mark}", (xs[0], target / 1e3), xytext=(0, 5),
                textcoords="offset points", fontsize=9)
    last = points[printed].iloc[-1]
    x_gap = mdates.date2num(last["date"])
    ax.annotate("", xy=(x_gap, target / 1e3), xytext=(x_gap, last["stock"] / 1e3),
                arrowprops={"arrowstyle": "<->", "color": other, "linewidth": 1.5})
    ax.annotate(f"gap {fmt.number(target - last['stock'])}", (x_gap, (target + last["stock"]) / 2e3),
                xytext=(6, 0), textcoords="offset points", va="center", fontsize=9, color="black")
    ax.set_xlim(xs[0] - 40, t + 40)
    ax.set_ylim(round(min(ys) - 60, -1), target / 1e3 + 40)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set(xlabel="", ylabel="Market entities (thousands; axis not from zero)",
           title="Market entities against the 2020 target")
    ax.legend(loc="center left", fontsize=8, frameon=False)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig
