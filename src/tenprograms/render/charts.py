"""The cross-program charts: the scorecard's tiles, the timeline of the report's reference periods, the
campaign's calendar, and the charts that set the report against the year's outcomes."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from ..analysis import calendar
from ..analysis.grades import DIMENSIONS, GRADES
from ..analysis.profile import dated_periods
from ..data import facts
from . import figdata, fmt, labels_zh, plot
from .labels_zh import pick


def tile_label(row, key: str, lang: str = "en") -> str:
    """A tile's label, its {share} placeholder (the progress grade) filled with the share in percent."""
    label = row[f"{key}_label"] if labels_zh.check(lang) == "en" else labels_zh.tile_label(row[f"{key}_label"])
    return label.format(share=fmt.percent(row[f"{key}_share"], 0)) if "{share}" in label else label


#: How far a tile answers its column's question, the same in every column, whatever the source of the
#: answer (the report, or a target from outside it marked †); the tile's text says how.
SHADE_MEANS = {"full": "in full", "partial": "partly, or only with a caveat", "none": "not at all"}


def scorecard_legend(card: pd.DataFrame, colours: dict, lang: str = "en") -> list:
    """The scorecard's legend, true of every tile: one entry per shade that appears (what it answers to
    the column's question), and the dagger's entry if a tile carries one."""
    shown = {card[key].iloc[r] for r in range(len(card)) for key in DIMENSIONS}
    means = SHADE_MEANS if lang == "en" else labels_zh.SHADE_MEANS
    handles = [Patch(facecolor=colours[g], label=means[g]) for g in GRADES if g in shown]
    daggers = any("†" in tile_label(row, key) for _, row in card.iterrows() for key in DIMENSIONS)
    if daggers:
        handles.append(Patch(facecolor="none", edgecolor="none",
                             label=pick(lang, "†: a target from outside the report", "†：报告之外的目标")))
    return handles


def plot_scorecard(card: pd.DataFrame, lang: str = "en", ds=None):
    """The scorecard as a tile grid: programs down, the five questions across; the shade says how
    says how far the tile answers the column's question (scorecard_legend), the label in the tile says how.
    In Chinese (lang="zh", with `ds` for the programs' Chinese names) every word is Chinese."""
    zh = labels_zh.check(lang) == "zh"
    blue = plot.palette(1)[0]
    colours = {"full": blue, "partial": tuple(0.55 + 0.45 * c for c in blue), "none": (0.93, 0.93, 0.93)}
    text_colour = {"full": "white", "partial": "black", "none": (0.35, 0.35, 0.35)}
    n_rows, n_cols = len(card), len(DIMENSIONS)
    fig, ax = plot.new_figure(7.0, 0.42 * n_rows + 1.6)
    for r, (_, row) in enumerate(card.iterrows()):
        for c, key in enumerate(DIMENSIONS):
            grade = row[key]
            ax.add_patch(Rectangle((c + 0.04, r + 0.06), 0.92, 0.88, facecolor=colours[grade], edgecolor="none"))
            text = tile_label(row, key, lang)
            ax.text(c + 0.5, r + 0.5, text if zh else textwrap.fill(text, 13), ha="center", va="center",
                    fontsize=7.5, linespacing=1.1, color=text_colour[grade])
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], list((labels_zh.DIMENSIONS if zh else DIMENSIONS).values()),
                  fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(n_rows)],
                  [f"{p}. {n}" for p, n in zip(card["program"], card["name_en"])] if not zh else
                  [f"{p}. {labels_zh.program_name(ds, p)}" for p in card["program"]], fontsize=8.5)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(handles=scorecard_legend(card, colours, lang), loc="upper center", bbox_to_anchor=(0.45, -0.02), ncol=4,
              frameon=False, fontsize=8, handlelength=1.2)
    fig.tight_layout()
    return fig


LOCKDOWN_COLOUR = "#d55e00"


def lockdown_band(ax, ds, label: bool = True, lang: str = "en"):
    """The lockdown (analysis.calendar.LOCKDOWN) as a shaded band across the axes, its two edges drawn as
    lines so that the chart's data file holds its dates; the legend entry carries the facts' mark."""
    first, last = calendar.lockdown(ds)
    mark = facts.MARK + max(facts.fact(ds, f)["grade"] for f in calendar.LOCKDOWN)
    ax.axvspan(first, last + pd.Timedelta(days=1), color=LOCKDOWN_COLOUR, alpha=0.15, linewidth=0)
    for i, day in enumerate((first, last + pd.Timedelta(days=1))):
        ax.axvline(mdates.date2num(day), color=LOCKDOWN_COLOUR, linewidth=0.6, alpha=0.7,
                   label=pick(lang, "Hubei lockdown", "湖北封控") + mark if label and i == 0 else "_")


def plot_periods(ds, lang: str = "en"):
    """The timeline of the report's dated reference periods: bars for windows, faded bars with an
    arrow for periods that run from a date to the time of writing, diamonds for single dates; the
    lockdown shaded across all rows, so the reader sees which windows contain it."""
    periods = dated_periods(ds)
    zh = labels_zh.check(lang) == "zh"
    if zh:      # the report's own words are Chinese: a date is added only where they give none
        periods["label"] = [f"{w} · {labels_zh.month_day(e)}" if t == "at a date" else w
                            for w, e, t in zip(periods["words"], periods["end"], periods["type"])]
    else:
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
            ax.barh(y, written - row["start"], left=row["start"], height=0.55, color=colour, alpha=0.4)
            ax.annotate("", xy=(written + pd.Timedelta(days=45), y), xytext=(written, y),
                        arrowprops={"arrowstyle": "->", "color": "black"})
            right = written + pd.Timedelta(days=45)
        else:
            ax.plot(row["end"], y, marker="D", color="black", markersize=7)
            right = row["end"] + pd.Timedelta(days=25)
        count = f"{row['figures']}项数据" if zh else f"{row['figures']} figure{'s' if row['figures'] > 1 else ''}"
        ax.text(right + pd.Timedelta(days=40), y, count,
                va="center", fontsize=9, bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.axvline(written, color="grey", linestyle=":", linewidth=1)
    lockdown_band(ax, ds, lang=lang)
    ax.legend(loc="lower left", fontsize=8.5, frameon=False)
    ax.set_yticks(range(len(periods)), periods["label"], fontsize=9.5)
    ax.invert_yaxis()
    ax.set_xlim(pd.Timestamp("2017-10-01"), pd.Timestamp("2021-08-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(labels_zh.year_formatter() if zh else mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
    ax.tick_params(axis="x", which="major", labelsize=10)
    ax.tick_params(axis="x", which="minor", length=3)
    ax.set(xlabel="", ylabel="", title=pick(lang, "The dated reference periods the report mixes", "报告混用的各个有日期的统计时段"))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def write_scorecard_data(card: pd.DataFrame, folder=None, name: str = "fig_scorecard", lang: str = "en", ds=None):
    """The scorecard chart's data file (figure-data/<name>.csv and .json beside the notebook), in
    place of the one tp.glue derives from drawn bars: a tile chart draws no values, so the file
    holds each tile's grade and label instead (written by figdata.write_files, as every chart's).
    lang="zh" (with `ds`) writes the Chinese drawing's file, <name>@zh, in Chinese."""
    code = {"full": 2, "partial": 1, "none": 0}
    zh = labels_zh.check(lang) == "zh"
    questions = labels_zh.DIMENSIONS if zh else DIMENSIONS
    frame = pd.DataFrame([{"panel": "", "series": question.replace("\n", "" if zh else " "),
                           "category": labels_zh.program_name(ds, row["program"]) if zh else row["name_en"],
                           "value": code[row[key]], "label": tile_label(row, key, lang).replace("\n", "")}
                          for _, row in card.iterrows() for key, question in questions.items()])
    if zh:
        meta = {"figure": labels_zh.key(name, lang), "title": "十大工程对比", "axes": [], "metric_ids_matching": [],
                "derivation": "各项评分由 tenprograms.analysis.grades 根据 data/metrics.csv、data/relations.csv、"
                              "data/context.csv 和本书的评估（book/assessment.yml）计算，见其文档字符串",
                "caveat": "请结合书中图题阅读；†表示报告之外的目标",
                "columns": {"series": "问题", "category": "工程",
                            "value": "评分：2 报告完全回答，1 部分回答或有保留，0 未回答", "label": "图块文字"}}
        return figdata.write_files(meta["figure"], frame, meta, folder)
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
                       target_mark: str = "", national_mark: str = "", lang: str = "en"):
    """The good-air share through the year: one horizontal segment per period at the share of its days
    (`periods`: label, start, end, share, kind = "printed" | "needed" | "implied" | "outcome"), the
    full-year target as a dashed line and the national average, if given, as a dotted one, each labelled
    with its outside fact's mark (facts.mark: dagger and grade). Dates are drawn as matplotlib date
    numbers, so the chart's data file holds them. In Chinese (lang="zh") the periods' labels are
    their `label_zh` column."""
    zh = labels_zh.check(lang) == "zh"
    colour, other = plot.palette(2)
    style = {"printed": {"color": colour, "linewidth": 5},
             "needed": {"color": other, "linewidth": 5, "linestyle": (0, (2, 1))},
             "implied": {"color": plot.IMPLIED_COLOUR, "linewidth": 5},   # the book's one encoding of implied
             "outcome": {"color": "black", "linewidth": 2}}
    fig, ax = plot.new_figure(7.0, 4.2)
    first, last = periods["start"].min(), periods["end"].max()
    for _, row in periods.iterrows():
        xs = mdates.date2num([row["start"], row["end"] + pd.Timedelta(days=1)])
        ax.plot(xs, [row["share"]] * 2, label=row["label_zh" if zh else "label"], solid_capstyle="butt",
                **style[row["kind"]])
        above = row["kind"] != "needed"
        ax.annotate(fmt.percent(row["share"], 1), (xs[0] + 3, row["share"]), xytext=(0, 6 if above else -13),
                    textcoords="offset points", fontsize=9)
    span = mdates.date2num([first, last + pd.Timedelta(days=1)])
    ax.plot(span, [target] * 2, color="black", linestyle="--", linewidth=1,
            label=pick(lang, "Full-year target (at least)", "全年目标（不低于）") + target_mark)
    ax.annotate(f"{pick(lang, 'target ', '目标')}{fmt.percent(target, 0)}{target_mark}", (span[1], target),
                xytext=(-4, -12), textcoords="offset points",
                ha="right", fontsize=8.5)
    if national is not None:
        ax.plot(span, [national] * 2, color="grey", linestyle=":", linewidth=1.2,
                label=pick(lang, "National average", "全国平均") + national_mark)
        ax.annotate(f"{pick(lang, 'national average ', '全国平均')}{fmt.percent(national, 1)}{national_mark}",
                    (span[1], national), xytext=(-4, 4),
                    textcoords="offset points", ha="right", fontsize=8.5)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 3, 5, 7, 9, 11]))
    ax.xaxis.set_major_formatter(labels_zh.month_formatter() if zh else mdates.DateFormatter("%b"))
    ax.set_xlim(span[0] - 3, span[1] + 3)
    low = min(periods["share"].min(), target) - 8
    ax.set_ylim(low, max(periods["share"].max(), national or 0) + 6)
    ax.set(xlabel="", ylabel=pick(lang, "Good-air days (% of the period's days)", "优良天数（占时段天数的%）"),
           title=pick(lang, f"The good-air share of {first.year}: the report's months, the rest of the year, the year",
                      f"{first.year}年优良天数比例：报告所及月份、其余月份与全年"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False, ncol=3)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


def plot_market_flows(v: dict, year: int, target_mark: str = "", lang: str = "en"):
    """The stock of market entities as a stock-flow (waterfall) chart, then the gap to the 2020 target:
    the stock a year before the end of July (implied by the printed growth rate), plus the printed
    registrations of January–July, plus the registrations of August–December of the year before (not
    printed: zero to the amount at this year's pace, implied), minus the exits (the floor solid, the rest
    at this year's pace implied), equals the printed end-of-July stock; then the target and the gap, with
    the monthly gain it needed against the past year's. `v`: prev, registrations, aug_dec, exits_floor,
    stock, target, monthly_needed, monthly_past (market entities). The axis does not start at zero.
    In English the axis is in thousands ("k"), in Chinese (lang="zh") in 万 to one more decimal."""
    colour, other = plot.palette(2)
    zh = labels_zh.check(lang) == "zh"
    k = 1e4 if zh else 1e3
    scale = 1e3 / k                 # the English axis limits, in the language's unit (1.0 in English)

    def amount(x: float, decimals: int | None = None) -> str:    # decimals: the English, in thousands
        return f"{fmt.number(x / k, decimals)}k" if not zh else \
            f"{fmt.number(x / k, None if decimals is None else decimals + 1)}万"

    top = v["prev"] + v["registrations"] + v["aug_dec"]
    fig, ax = plot.new_figure(7.0, 4.4)
    if zh:
        labels = [f"{year - 1}年7月末\n（推算）", f"{year}年1—7月\n新登记", f"{year - 1}年8—12月\n新登记",
                  "注销\n退出", f"{year}年\n7月末", f"{year}年\n目标{target_mark}"]
    else:
        labels = [f"End of July\n{year - 1} (implied)", f"Registered\nJan–Jul {year}", f"Registered\nAug–Dec {year - 1}",
                  "Left the\nregister", f"End of July\n{year}", f"Target for\n{year}{target_mark}"]
    x = range(len(labels))
    ax.bar(x[0], v["prev"] / k, width=0.6, label=plot.implied_label(lang), **plot.IMPLIED)
    ax.bar(x[1], v["registrations"] / k, bottom=v["prev"] / k, width=0.6, color=colour,
           label=pick(lang, "Printed by the report", "报告所列"))
    ax.bar(x[2], v["aug_dec"] / k, bottom=(v["prev"] + v["registrations"]) / k, width=0.6, **plot.IMPLIED)
    # drawn at the central growth rate, so the flows close on the printed stock; labelled with the floor the
    # rate's rounding allows (exits_floor)
    ax.bar(x[3], (v["prev"] + v["registrations"] - v["stock"]) / k, bottom=v["stock"] / k, width=0.6, color=other,
           label=pick(lang, "Exits, at least (no assumption on the pace)", "退出，至少（不假定速度）"))
    ax.bar(x[3], v["aug_dec"] / k, bottom=(v["prev"] + v["registrations"]) / k, width=0.6, **plot.IMPLIED)
    ax.bar(x[4], v["stock"] / k, width=0.6, color=colour)
    ax.bar(x[5], v["target"] / k, width=0.6, facecolor="white", edgecolor="black", linewidth=1.2,
           label=pick(lang, "Target (outside the report)", "目标（报告之外）") + target_mark)
    notes = [(0, v["prev"], f"~{amount(round(v['prev'], -2), 1)}"),
             (1, v["prev"] + v["registrations"], f"+{amount(v['registrations'], 1)}"),
             (2, top, f"+0{pick(lang, ' to ', '至')}~{amount(round(v['aug_dec'], -3))}"),
             (4, v["stock"], amount(v["stock"], 1)), (5, v["target"], amount(v["target"]))]
    for i, y, text in notes:
        ax.annotate(text, (i, y / k), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8.5)
    ax.annotate(f"−{amount(v['exits_floor'] // 100 * 100, 1)}{pick(lang, ' to', '至')}\n"
                f"~{amount(round(v['exits_floor'] + v['aug_dec'], -3))}",
                (x[3] + 0.33, (v["stock"] + top) / 2 / k), va="center", fontsize=8.5)
    for a, b, level in ((0, 1, v["prev"]), (1, 2, v["prev"] + v["registrations"]), (2, 3, top), (3, 4, v["stock"])):
        ax.plot([a + 0.3, b - 0.3], [level / k] * 2, color="grey", linewidth=0.8)
    ax.annotate("", xy=(4.5, v["target"] / k), xytext=(4.5, v["stock"] / k),
                arrowprops={"arrowstyle": "<->", "color": "black", "linewidth": 1.2})
    gap = v["target"] - v["stock"]
    if zh:
        text = (f"缺口{labels_zh.number(gap)}户：\n8—12月每月需增\n约{amount(round(v['monthly_needed'], -3))}户，"
                f"\n过去一年每月\n约{amount(round(v['monthly_past'], -2), 1)}户")
    else:
        text = (f"gap {fmt.number(gap)}:\n~{amount(round(v['monthly_needed'], -3))} a month"
                f"\nAug–Dec, against\n~{amount(round(v['monthly_past'], -2), 1)} a month\nin the past year")
    ax.annotate(text, (4.5, (v["target"] + v["stock"]) / 2 / k), xytext=(-8, 0), textcoords="offset points", ha="right",
                va="center", fontsize=8.5)
    ax.set_xticks(list(x), labels, fontsize=8.5)
    ax.set_ylim(round(v["prev"] / 1e3 - 50, -1) * scale, (v["target"] / 1e3 + 25) * scale)
    ax.set(ylabel=pick(lang, "Market entities (thousands; axis not from zero)", "市场主体（万户；纵轴不从零开始）"),
           title=pick(lang, f"Market entities: a year's flows, and the gap to the {year} target",
                      f"市场主体：一年的增减与{year}年目标的缺口"))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------- the campaign's calendar

def calendar_text(row, lang: str = "en") -> str:
    """An event's words on the calendar (its mark added by the caller)."""
    if labels_zh.check(lang) == "en":
        return fmt.PERIOD_WORDS_EN.get(row["label"], row["label"])
    if row["lane"] == "The report" and row["kind"] == "window":
        return row["label"]                                  # the report's own words
    if row["lane"] == "The campaign":
        day = row["start"] if row["kind"] == "date" else row["end"]
        return f"启动，{day.year}年{day.month}月" if row["kind"] == "date" else f"多项目标到期：{day.year}年底"
    if row["label"] not in labels_zh.CALENDAR:
        raise KeyError(f"calendar event {row['label']!r}: no Chinese for it in render/labels_zh.CALENDAR")
    return labels_zh.CALENDAR[row["label"]]


def plot_calendar(ds, lang: str = "en"):
    """The campaign's calendar (analysis.calendar.campaign_events): above, the campaign from its launch
    to the year its targets fall due; below, that year in detail — the lockdown, the report's windows
    and latest date, and the outcomes published after it. Spans and windows are bars, single dates
    dots; outside facts carry their mark (dagger and grade)."""
    zh = labels_zh.check(lang) == "zh"
    events = calendar.campaign_events(ds)
    colour, other = plot.palette(2)
    fig, (whole, year) = plot.new_figure(7.0, 4.6, nrows=2, gridspec_kw={"height_ratios": [1, 2.6], "hspace": 0.55})
    launch = events.iloc[0]
    due = events.iloc[1]
    num = mdates.date2num
    whole.barh(0, num(due["end"]) - num(launch["start"]), left=num(launch["start"]), height=0.5, color=colour, alpha=0.4,
               label=pick(lang, "The campaign", "十大工程") + due["mark"])
    whole.plot([num(launch["start"])], [0], marker="o", color=colour, linestyle="none",
               label=pick(lang, "Launch", "启动") + launch["mark"])
    launch_text = launch["label"] if not zh else calendar_text(launch, lang)
    whole.annotate(launch_text + launch["mark"], (launch["start"], 0), xytext=(4, 9), textcoords="offset points",
                   fontsize=8.5)
    due_text = due["label"] if not zh else calendar_text(due, lang)
    whole.annotate(due_text + due["mark"], (due["end"], 0), xytext=(-4, 9), textcoords="offset points", ha="right",
                   fontsize=8.5)
    written = ds.latest_reference_date
    whole.axvline(written, color="black", linestyle=":", linewidth=1)
    lockdown_band(whole, ds, label=False, lang=lang)
    whole.set_xlim(launch["start"] - pd.Timedelta(days=30), due["end"] + pd.Timedelta(days=30))
    whole.set_ylim(-0.6, 1.0)
    whole.set_yticks([])
    whole.xaxis.set_major_locator(mdates.YearLocator())
    whole.xaxis.set_major_formatter(labels_zh.year_formatter() if zh else mdates.DateFormatter("%Y"))
    whole.set_title(pick(lang, "The campaign, and its last year in detail", "十大工程全程及其最后一年"), fontsize=10.5)
    whole.grid(axis="y", visible=False)

    rows = events[events["lane"] != "The campaign"].reset_index(drop=True)
    y_of = {}
    for y, row in rows.iterrows():
        y_of[row["label"]] = y
        text = calendar_text(row, lang) + row["mark"]
        if row["kind"] == "window":
            year.barh(y, num(row["end"]) + 1 - num(row["start"]), left=num(row["start"]), height=0.5, color=colour,
                      label=pick(lang, "The report's windows", "报告的统计时段") if "The report's windows" not in y_of
                      else "_")
            y_of["The report's windows"] = y
        elif row["kind"] == "span":                    # the lockdown: the shaded band, labelled at its start
            year.annotate(text, (row["start"], y), xytext=(3, 0), textcoords="offset points", va="center",
                          fontsize=8.5, color=LOCKDOWN_COLOUR)
            continue
        else:
            year.plot([num(row["end"])], [y], marker="D" if row["lane"] == "The report" else "o", markersize=6,
                      color="black" if row["lane"] == "The report" else other, linestyle="none")
        left = row["end"] <= written
        year.annotate(text, (row["end"], y), xytext=(6 if left else -6, 0), textcoords="offset points", va="center",
                      fontsize=8.5, ha="left" if left else "right")
    lockdown_band(year, ds, lang=lang)
    year.axvline(written, color="black", linestyle=":", linewidth=1)
    first_day = pd.Timestamp(written.year, 1, 1)
    year.set_xlim(first_day - pd.Timedelta(days=5), pd.Timestamp(written.year, 12, 31) + pd.Timedelta(days=8))
    year.set_yticks([])
    year.set_ylim(len(rows) - 0.4, -0.7)
    year.xaxis.set_major_locator(mdates.MonthLocator())
    year.xaxis.set_major_formatter(labels_zh.month_formatter() if zh else mdates.DateFormatter("%b"))
    year.grid(axis="y", visible=False)
    year.legend(loc="lower left", fontsize=8, frameon=False)
    return figdata.attach(fig, calendar_frame(events, lang), CALENDAR_COLUMNS[lang])


#: The calendar's data file: its events with their dates, in each edition's words.
CALENDAR_COLUMNS = {
    "en": {"lane": "the calendar's row group", "event": "the event, as the chart labels it",
           "start": "its first day", "end": "its last day (the same day for a single date)",
           "mark": "an outside fact's dagger and its source's grade; empty for the report's own dates"},
    "zh": {"lane": "日历的分组", "event": "事件（与图中标注相同）", "start": "起始日", "end": "结束日（单日事件与起始日相同）",
           "mark": "报告以外事实的剑号及来源等级；报告本身的日期为空"},
}


def calendar_frame(events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The calendar's events (analysis.calendar.campaign_events) as its data file holds them: dates as
    dates, the words as the chart shows them."""
    zh = labels_zh.check(lang) == "zh"
    return pd.DataFrame({
        "lane": [labels_zh.CALENDAR_LANES[lane] if zh else lane for lane in events["lane"]],
        "event": [calendar_text(row, lang) for _, row in events.iterrows()],
        "start": [f"{d:%Y-%m-%d}" for d in events["start"]],
        "end": [f"{d:%Y-%m-%d}" for d in events["end"]],
        "mark": events["mark"],
    })
