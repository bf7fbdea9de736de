"""Every chart's alt text gives the numbers it shows.

The words of an alt text are written in the notebook (and may not carry a typed number); the
numbers are appended here, on the site, from the chart's own data file (figure-data/<name>.csv,
which render/figdata.py reads back from the drawn chart): "Values shown (<axis>): <panel>: <series>,
<category> <value>; …". So a screen reader hears what a sighted reader sees, and no number is typed.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..render.figdata import FOLDER
from .figdata import is_chinese

#: A chart with more values than this (the scorecard's tiles) is not read out value by value.
MAX_VALUES = 30


def _number(text: str) -> str:
    value = float(text)
    return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"


#: The alt text's sentences, in each edition's language.
SENTENCES = {
    "en": {"many": "The chart draws {count} values; the data file under it lists them.",
           "shown": "Values shown{unit}: {text}", "unit": " ({axes})", "panel": "{panel}: {items}.",
           "items": "{items}.", "sep": "; ", "join": " "},
    "zh": {"many": "该图共绘有{count}个数值，见图下的数据文件。",
           "shown": "图中数值{unit}：{text}", "unit": "（{axes}）", "panel": "{panel}：{items}。",
           "items": "{items}。", "sep": "；", "join": ""},
}


def _is_date(text: str) -> bool:
    """A place on a time axis, as the data file writes it (2020-01-23)."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _point_value(x: str, y: str) -> float:
    """A point's value: not the coordinate that is its place on a time axis (a date) or on a category
    axis (a small whole index); when neither is, the vertical one."""
    def is_index(v: float) -> bool:
        return v.is_integer() and abs(v) < 1000

    if _is_date(x) or _is_date(y):
        return float(x if _is_date(y) else y)
    x, y = float(x), float(y)
    if is_index(x) != is_index(y):
        return y if is_index(x) else x
    return y if not is_index(x) else max(x, y, key=abs)


def values_sentence(csv_path: Path, lang: str = "en") -> str:
    """The numbers a chart draws, as a sentence for its alt text ('' when it draws none)."""
    words = SENTENCES[lang]
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    meta_path = csv_path.with_suffix(".json")
    axes = json.loads(meta_path.read_text(encoding="utf-8")).get("axes", []) if meta_path.exists() else []
    panels: dict[str, list[str]] = {}
    if rows and "event" in rows[0]:           # a calendar's events (figdata.attach): each with its dates
        for row in rows:
            dates = row["start"] if row["start"] == row["end"] else f"{row['start']}–{row['end']}"
            panels.setdefault(row["lane"], []).append(f"{row['event']}{row['mark']} {dates}")
        rows = []
    for row in rows:
        label = ", ".join(x for x in (row["series"], row["category"]) if x)
        if row["value"]:
            number = _number(row["value"])
        elif row["x"] and row["y"]:
            number = _number(_point_value(row["x"], row["y"]))
        else:
            continue
        if not row["value"] and (not label or label.replace(",", "").replace(".", "").lstrip("-").isdigit()):
            continue  # a reference line labelled only by an axis tick: the axis, not a value
        item = f"{label} {number}"
        if item not in panels.setdefault(row["panel"], []):
            panels[row["panel"]].append(item)
    count = sum(len(items) for items in panels.values())
    if not count:
        return ""
    if count > MAX_VALUES:
        return words["many"].format(count=count)
    unit = words["unit"].format(axes=words["sep"].join(axes)) if axes else ""
    text = words["join"].join(
        words["panel" if panel and len(panels) > 1 else "items"].format(panel=panel, items=words["sep"].join(items))
        for panel, items in panels.items())
    return words["shown"].format(unit=unit, text=text)


def chinese_description(meta_path: Path) -> str:
    """The Chinese drawing's title and caveat, as the first sentences of its alt text."""
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return "".join(f"{meta[k].rstrip('。')}。" for k in ("title", "caveat") if meta.get(k))


class ChartAltValues(SphinxPostTransform):
    default_priority = 850
    formats = ("html",)

    def run(self, **kwargs):
        folder = Path(self.env.doc2path(self.env.docname)).parent / FOLDER
        for figure in self.document.findall(nodes.figure):
            names = [i for i in figure["ids"] + figure["names"] if i.startswith("fig-")]
            lang = "zh" if is_chinese(self.env) else "en"
            key = names[0].replace("-", "_") if names else None
            if key and lang == "zh" and (folder / f"{key}@zh.csv").exists():
                key += "@zh"
            data = folder / f"{key}.csv" if key else None
            if data is None or not data.exists():
                continue
            sentence = values_sentence(data, lang)
            marker = SENTENCES[lang]["shown"].split("{")[0]
            for image in figure.findall(nodes.image):
                alt = image.get("alt", "").rstrip()
                if lang == "zh" and marker not in alt:
                    # the Chinese edition describes the chart from its Chinese drawing's data (its title and
                    # caveat), not with the notebook's English alt words
                    alt = chinese_description(data.with_suffix(".json"))
                    image["classes"] = [c for c in image.get("classes", []) if c != "untranslated"]
                if sentence and marker not in alt:
                    image["alt"] = f"{alt} {sentence}".strip()


def setup(app):
    app.add_post_transform(ChartAltValues)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
