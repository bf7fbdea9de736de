"""The data behind every chart: its own numbers, tidy, in a CSV beside the notebook, with a small
metadata file (title, units, the metric ids its numbers come from, caveat).

`tenprograms.glue` calls `write(name, fig)` for every figure it glues, so no chart reaches the book
without its data file: `figure-data/<name>.csv` and `figure-data/<name>.json` next to the notebook.
The numbers are read back from the drawn chart itself — bar lengths, line and dot positions — so
the file holds exactly what the reader sees. The book's Sphinx extension links the file under the
figure in HTML ("Data: …csv") and names it in the PDF caption.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer

from ..data.dataset import load_dataset
from ..data.deps import recorded
from . import labels_zh

FOLDER = "figure-data"
DEFAULT_CAVEAT = "read with the figure's caption in the book"
COLUMNS = ["panel", "series", "category", "value", "start", "x", "y"]


def _tick_label(axis, position: float) -> str:
    ticks = axis.get_majorticklocs()
    labels = [t.get_text() for t in axis.get_majorticklabels()]
    if not len(ticks) or not any(labels):
        return ""
    i = min(range(len(ticks)), key=lambda k: abs(ticks[k] - position))
    return labels[i].replace("\n", " ") if abs(ticks[i] - position) < 0.5 else ""


def _clean(x):
    x = float(x)
    return None if math.isnan(x) else round(x, 10)


def tidy(fig) -> pd.DataFrame:
    """One row per drawn value: the panel (axes title), the series (legend label), the category (the
    tick label it stands at), and its x and y."""
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
                    rows.append([panel, series, _tick_label(ax.yaxis, y + h / 2), _clean(w), _clean(x), None, None])
                else:
                    rows.append([panel, series, _tick_label(ax.xaxis, x + w / 2), _clean(h), _clean(y), None, None])
        for line in ax.lines:
            label = line.get_label()
            if label.startswith("_"):
                label = ""
            for x, y in zip(line.get_xdata(), line.get_ydata()):
                try:
                    rows.append([panel, label, _tick_label(ax.xaxis, float(x)) or _tick_label(ax.yaxis, float(y)),
                                 None, None, _clean(x), _clean(y)])
                except (TypeError, ValueError):
                    continue
        for collection in ax.collections:
            if not isinstance(collection, PathCollection):
                continue
            label = collection.get_label()
            label = "" if label.startswith("_") else label
            for x, y in collection.get_offsets():
                rows.append([panel, label, _tick_label(ax.yaxis, float(y)) or _tick_label(ax.xaxis, float(x)),
                             None, None, _clean(x), _clean(y)])
    return pd.DataFrame(rows, columns=COLUMNS).drop_duplicates().reset_index(drop=True)


def metadata(fig, frame: pd.DataFrame, name: str, ds=None, caveat: str = "") -> dict:
    units = sorted({label for ax in fig.axes for label in (ax.get_xlabel(), ax.get_ylabel()) if label})
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    ids = []
    if ds is not None:
        values = {v for v in pd.concat([frame["value"], frame["x"], frame["y"]]).dropna()}
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
            "columns": {"panel": "the chart panel (its title)", "series": "the legend entry",
                        "category": "the label the value stands at", "value": "a bar's length",
                        "start": "where the bar starts (stacked bars)", "x": "a point's horizontal position",
                        "y": "a point's vertical position"}}


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
    "columns": {"panel": "分图（其标题）", "series": "图例项", "category": "数值所在的标签", "value": "条形的长度",
                "start": "条形的起点（堆积条形）", "x": "点的横坐标", "y": "点的纵坐标"},
}


def in_chinese(meta: dict) -> dict:
    """A Chinese drawing's metadata: its fixed words in Chinese; a caveat the notebook gave stays its own."""
    out = dict(meta, derivation=ZH_META["derivation"], columns=ZH_META["columns"])
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
