"""The data behind every chart: its own numbers, tidy, in a CSV beside the notebook, with a small
metadata file (title, units, the metric ids its numbers come from, caveat).

`tenprograms.glue` calls `write(name, fig)` for every figure it glues, so no chart reaches the book
without its data file: `figure-data/<name>.csv` and `figure-data/<name>.json` next to the notebook.
The numbers are read back from the drawn chart itself — bar lengths, line and dot positions — so
the file holds exactly what the reader sees; a place on a time axis is written as its date
(2020-01-23), a bar's length on it in days. A chart whose drawing carries no readable values (a
calendar of events) attaches its data instead: `attach(fig, frame, columns)`. The book's Sphinx
extension links the file under the figure in HTML ("Data: …csv") and names it in the PDF caption.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer

from ..data.dataset import load_dataset
from ..data.deps import recorded
from . import labels_zh

FOLDER = "figure-data"
DEFAULT_CAVEAT = "read with the figure's caption in the book"
COLUMNS = ["panel", "series", "category", "value", "start", "x", "y"]


#: The attribute a chart's drawing sets to give its own data (attach): (frame, column descriptions).
ATTACHED = "tenprograms_data"


def attach(fig, frame: pd.DataFrame, columns: dict[str, str]):
    """Give a chart its data file's rows and column descriptions, in place of reading them back from
    the drawing (for a chart whose marks are events, not values). Returns the figure."""
    setattr(fig, ATTACHED, (frame.reset_index(drop=True), dict(columns)))
    return fig


def is_time_axis(axis) -> bool:
    """A matplotlib axis that places dates (its ticks are set by a date locator)."""
    return isinstance(axis.get_major_locator(), mdates.DateLocator)


def _tick_label(axis, position: float) -> str:
    """The category a value stands at: the label of the tick at its place (none on a time axis: a
    point there stands at its date, which the file gives)."""
    ticks = axis.get_majorticklocs()
    labels = [t.get_text() for t in axis.get_majorticklabels()]
    if is_time_axis(axis) or not len(ticks) or not any(labels):
        return ""
    i = min(range(len(ticks)), key=lambda k: abs(ticks[k] - position))
    return labels[i].replace("\n", " ") if abs(ticks[i] - position) < 0.5 else ""


def _point_category(ax, x, y, vertical_first: bool = False) -> str:
    """The category a point stands at: a tick label of its horizontal, else its vertical place (the other
    way round with vertical_first); none on a chart with a time axis (its other axis holds values, whose
    tick labels are numbers, not categories)."""
    if is_time_axis(ax.xaxis) or is_time_axis(ax.yaxis):
        return ""
    places = [(ax.xaxis, float(x)), (ax.yaxis, float(y))]
    return next((label for axis, v in (places[::-1] if vertical_first else places) if (label := _tick_label(axis, v))), "")


def _clean(x):
    x = float(x)
    return None if math.isnan(x) else round(x, 10)


def _place(axis, x):
    """A position as written: the date on a time axis (2020-01-23), else the number."""
    x = _clean(x)
    return mdates.num2date(x).strftime("%Y-%m-%d") if x is not None and is_time_axis(axis) else x


def tidy(fig) -> pd.DataFrame:
    """One row per drawn value: the panel (axes title), the series (legend label), the category (the
    tick label it stands at), and its x and y."""
    if hasattr(fig, ATTACHED):
        return getattr(fig, ATTACHED)[0]
    rows = []
    for ax in fig.axes:
        panel = ax.get_title() or ax.get_ylabel() or ""
        seen = set()
        for container in ax.containers:
            if not isinstance(container, BarContainer):
                continue
            label = container.get_label()
            series = "" if label.startswith("_") else label
            for patch in container.patches:
                seen.add(id(patch))
                horizontal = container.orientation == "horizontal"
                x, y, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
                if horizontal:
                    rows.append([panel, series, _tick_label(ax.yaxis, y + h / 2), _clean(w), _place(ax.xaxis, x), None, None])
                else:
                    rows.append([panel, series, _tick_label(ax.xaxis, x + w / 2), _clean(h), _place(ax.yaxis, y), None, None])
        for line in ax.lines:
            label = line.get_label()
            if label.startswith("_"):
                label = ""
            for x, y in zip(line.get_xdata(), line.get_ydata()):
                try:
                    rows.append([panel, label, _point_category(ax, x, y), None, None, _place(ax.xaxis, x),
                                 _place(ax.yaxis, y)])
                except (TypeError, ValueError):
                    continue
        for collection in ax.collections:
            if not isinstance(collection, PathCollection):
                continue
            label = collection.get_label()
            label = "" if label.startswith("_") else label
            for x, y in collection.get_offsets():
                rows.append([panel, label, _point_category(ax, x, y, vertical_first=True), None, None,
                             _place(ax.xaxis, x), _place(ax.yaxis, y)])
    return pd.DataFrame(rows, columns=COLUMNS).drop_duplicates().reset_index(drop=True)


def metadata(fig, frame: pd.DataFrame, name: str, ds=None, caveat: str = "") -> dict:
    units = sorted({label for ax in fig.axes for label in (ax.get_xlabel(), ax.get_ylabel()) if label})
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    ids = []
    if ds is not None:
        drawn = [frame[c] for c in ("value", "x", "y") if c in frame]
        values = {v for v in pd.concat(drawn).dropna() if isinstance(v, (int, float))} if drawn else set()
        metrics = ds._table("metrics")
        read = recorded()
        programs = {int(r.split(":")[1]) for r in read if r.startswith("program:")}
        candidates = {r.split(":", 1)[1] for r in read if r.startswith("metric:")} | \
            set(metrics.index[metrics["program"].isin(programs)])
        ids = sorted(i for i in candidates if i in metrics.index
                     and any(math.isclose(metrics.loc[i, "value_base"], x, rel_tol=1e-9) for x in values))
    return {"figure": name, "title": " / ".join(titles), "axes": units,
            "metric_ids_matching": ids,
            "derivation": ("metric_ids_matching lists the figures the notebook read whose printed value equals a value "
                           "the chart draws (a match by value, so one drawn value can match several figures); every other "
                           "value is computed in the notebook, in the cell that draws this chart"),
            "caveat": caveat or DEFAULT_CAVEAT,
            "columns": getattr(fig, ATTACHED)[1] if hasattr(fig, ATTACHED) else COLUMN_WORDS["en"]}


#: What each column of a drawn chart's data file holds, in each edition's language.
COLUMN_WORDS = {
    "en": {"panel": "the chart panel (its title)", "series": "the legend entry",
           "category": "the label the value stands at", "value": "a bar's length (in days on a time axis)",
           "start": "where the bar starts (stacked bars; a date on a time axis)",
           "x": "a point's horizontal position (a date on a time axis)",
           "y": "a point's vertical position (a date on a time axis)"},
    "zh": {"panel": "分图（其标题）", "series": "图例项", "category": "数值所在的标签", "value": "条形的长度（时间轴上为天数）",
           "start": "条形的起点（堆积条形；时间轴上为日期）", "x": "点的横坐标（时间轴上为日期）", "y": "点的纵坐标（时间轴上为日期）"},
}


def write(name: str, fig, folder: Path | None = None, caveat: str = "") -> Path:
    """Write figure-data/<name>.csv and .json for a chart (folder: the notebook's, i.e. the cwd)."""
    frame = tidy(fig)
    try:
        ds = load_dataset()
    except Exception:  # the data is validated before any build; a chart outside the book needs no ids
        ds = None
    meta = metadata(fig, frame, name, ds, caveat)
    return write_files(name, frame, in_chinese(meta) if name.endswith(labels_zh.SUFFIX) else meta, folder)


#: The fixed words of a Chinese drawing's data file (its title and axes are the chart's, already Chinese).
ZH_META = {
    "derivation": "metric_ids_matching 列出笔记本读取的、报告所列数值与图中某个数值相等的数据（按数值匹配，"
                  "一个数值可能对应多项数据）；其余数值均在笔记本中绘制此图的单元格里计算",
    "caveat": "请结合书中图题阅读",
}


def in_chinese(meta: dict) -> dict:
    """A Chinese drawing's metadata: its fixed words in Chinese; a caveat the notebook gave stays its own."""
    # a drawn chart's columns in Chinese; an attached frame's are described by its chart, in its language
    columns = COLUMN_WORDS["zh"] if meta["columns"] == COLUMN_WORDS["en"] else meta["columns"]
    out = dict(meta, derivation=ZH_META["derivation"], columns=columns)
    if meta["caveat"] == DEFAULT_CAVEAT:
        out["caveat"] = ZH_META["caveat"]
    return out


def write_files(name: str, frame: pd.DataFrame, meta: dict, folder: Path | None = None) -> Path:
    """figure-data/<name>.csv (the frame) and <name>.json (the metadata) in `folder` (default: the cwd)."""
    folder = Path(folder or Path.cwd()) / FOLDER
    folder.mkdir(exist_ok=True)
    frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder / f"{name}.csv"
