"""The charts' Chinese: the language switch every chart takes, the Chinese number and date formats a
chart prints (50.92万, 2020年8月27日, 1—7月, 21个百分点), and the chart vocabulary that is not a
glossary term. Terms come from data/glossary.csv (term_zh, checked by `term`), program names from
data/programs.csv (name_zh); outside-fact marks (†A/†B/†C) stay as they are in both languages.
"""
from __future__ import annotations

import re

import matplotlib.dates as mdates
import pandas as pd
from matplotlib import ticker

from . import fmt
from .fmt_zh import date, month_day  # noqa: F401 (the charts' dates are the prose's)

LANGUAGES = ("en", "zh")
#: The glue key of a chart's Chinese drawing: `fig_x` → `fig_x@zh` (the zh build's glue:figure picks it).
SUFFIX = "@zh"


def check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"a chart's language is one of {LANGUAGES}, not {lang!r}")
    return lang


def pick(lang: str, en: str, zh: str) -> str:
    """The English or the Chinese of a label, as the chart's language asks."""
    return en if check(lang) == "en" else zh


def key(name: str, lang: str) -> str:
    """The glue key (and figure-data name) of a chart in a language: fig_x, fig_x@zh."""
    return name if check(lang) == "en" else name + SUFFIX


def term(ds, term_zh: str) -> str:
    """A glossary term in Chinese, checked against data/glossary.csv (KeyError naming the file if absent)."""
    ds.term(term_zh)
    return term_zh


def program_name(ds, number: int) -> str:
    """The program's Chinese name (data/programs.csv name_zh)."""
    return ds.program(number)["name_zh"]


# ---------------------------------------------------------------- formats

def number(x: float, decimals: int | None = None) -> str:
    """A number as a Chinese chart prints it: below 10,000 plain digits without separators, from 万 on
    in 万 or 亿 (50.92万, 1.72亿, 10万; `decimals` fixes the decimals in 万/亿); a real minus sign."""
    if abs(x) >= 1e4:
        for scale, unit in ((1e8, "亿"), (1e4, "万")):
            if abs(x) >= scale:
                text = fmt.number(x / scale, 2 if decimals is None else decimals).replace(",", "")
                if decimals is None and "." in text:      # no decimals asked: at most two, no trailing zeros
                    text = text.rstrip("0").rstrip(".")
                return text + unit
    return fmt.number(x, decimals).replace(",", "")


def wan(x: float, decimals: int = 2) -> str:
    """A number in 万 whatever its size (509200 → 50.92万), for labels that compare with one another."""
    text = fmt.number(x / 1e4, decimals).replace(",", "")
    return text + "万"


def percent(x: float, decimals: int = 1) -> str:
    return fmt.percent(x, decimals)


def points(x: float, decimals: int = 0) -> str:
    """A difference of percentages: 21个百分点."""
    return f"{fmt.number(x, decimals)}个百分点"




def months(first, last) -> str:
    """A span of months in one year: 1—7月 (the Chinese dash, 破折号)."""
    return f"{pd.Timestamp(first).month}—{pd.Timestamp(last).month}月"


def days(first, last) -> str:
    """A span of days: 1月1日—8月27日."""
    return f"{month_day(first)}—{month_day(last)}"


def month_formatter():
    """An axis of dates labelled by month: 1月, 3月 …"""
    return ticker.FuncFormatter(lambda x, _pos: f"{mdates.num2date(x).month}月")


def year_formatter():
    return ticker.FuncFormatter(lambda x, _pos: f"{mdates.num2date(x).year}年")


# ---------------------------------------------------------------- the chart vocabulary

#: The scorecard's five questions (analysis.grades.DIMENSIONS).
DIMENSIONS = {"evidence": "成效还是\n工作量", "yardstick": "有无\n比较基准", "target": "自有\n目标",
              "progress": "进度\n可算", "epidemic": "疫情\n可见"}

#: How far a tile answers its column's question (charts.SHADE_MEANS).
SHADE_MEANS = {"full": "完全回答", "partial": "部分回答或有保留", "none": "未回答"}

#: The scorecard tiles' phrases (analysis.grades), longest first when translated; a tile breaks its
#: Chinese at the "\n" here (Chinese has no spaces to wrap at).
TILE_PHRASES = {
    "at most {share} of target": "至多完成目标的\n{share}", "{share} of target": "完成目标的\n{share}",
    "outcome vs last year": "成效，有同比", "outcome, no baseline": "成效，无基数", "activity only": "仅有工作量",
    "year on year": "同比", "part of a whole": "占总体比重", "share printed": "列出比率",
    "flow vs stock": "增量比存量", "none printed": "未列出", "report + ": "报告＋\n", "in the report": "报告中有",
    "2018 target": "2018年目标", "2019 plan": "2019年计划", "above target": "超过目标", "below target": "低于目标",
    "definitions differ": "口径不同", "fall vs last year": "比上年下降", "named in text": "文中提及",
    "not named": "未提及", "none": "无",
}

#: The calendar's events (analysis.calendar.campaign_events labels that are not a report period).
CALENDAR = {
    "lockdown": "封控", "latest date the report cites": "报告引用的最晚日期",
    "civilised-city candidates named (not Xiangyang)": "公布文明城市提名城市（无襄阳）",
    "poverty exits still awaiting acceptance": "脱贫摘帽尚待验收",
    "civilised cities named (not Xiangyang)": "公布全国文明城市（无襄阳）",
    "the year's good-air share": "全年优良天数比例",
}
#: The calendar's lanes (analysis.calendar.LANES), as its data file names them in Chinese.
CALENDAR_LANES = {"The campaign": "十大工程", "The epidemic": "疫情", "The report": "报告", "After the report": "报告之后"}

_MARK = re.compile(r"†[A-C]?")


def tile_label(label: str) -> str:
    """A scorecard tile's label in Chinese, its marks (†C) kept; a phrase missing here is an error."""
    text = label
    for en in sorted(TILE_PHRASES, key=len, reverse=True):
        text = text.replace(en, TILE_PHRASES[en])
    rest = _MARK.sub("", text).replace("{share}", "")
    if re.search("[A-Za-z]", rest):
        raise KeyError(f"scorecard label {label!r}: no Chinese for it in render/labels_zh.TILE_PHRASES")
    return text
