"""The columns every table of the 2018 targets shares (the context chapter lists the targets, the
target tracker sets them against the report): one formatting, written once, in both languages.

    from tenprograms.render import targets2018
    frame = pd.DataFrame({**targets2018.columns(ds, facts), "As reported": facts["zh"]})
    targets2018.context_table(ds, facts, caption, caption_zh)    # the context chapter's table, both languages
    targets2018.tracker_table(ds, outside, caption, caption_zh)  # the tracker's (analysis.targets.outside_targets)
"""
from __future__ import annotations

import pandas as pd

from . import fmt
from .bilingual import both
from .fmt import capitalise
from .tables import table

#: How far a 2018 target and the report's figure compare (data/pairings.csv comparable), in Chinese.
COMPARABLE_ZH = {"yes": "可比", "partly": "部分可比", "no": "不可比"}
#: The sentence the caution of every 2018 target ends with (data/context.csv caution, caution_zh): the
#: copy's caveat, which the table's caption sends to the table of outside facts.
COPY_CAVEAT = {"en": " From a news summary", "zh": "出自第三方副本所见的新闻概述"}


def target_words(statement_en: str) -> str:
    """'Target: 700,000 market entities …' → 'Market entities …' style: the prefix dropped, capitalised."""
    return capitalise(statement_en.removeprefix("Target: "))


def target_words_zh(statement_zh: str) -> str:
    """'目标：到2020年，实有市场主体达到70万户。' → '到2020年，实有市场主体达到70万户。'."""
    return statement_zh.removeprefix("目标：")


def columns(ds, facts: pd.DataFrame, target_column: str = "Target") -> dict[str, list]:
    """Program (its English name, or 'All programs'), the target in words, and the year due."""
    names = ds.programs["name_en"]
    return {
        "Program": [names[int(p)] if pd.notna(p) else "All programs" for p in facts["program"]],
        target_column: [target_words(s) for s in facts["statement_en"]],
        "Due": [str(int(y)) if pd.notna(y) else "no year" for y in facts["year"]],
    }


def columns_zh(ds, facts: pd.DataFrame, target_column: str = "目标") -> dict[str, list]:
    """columns in Chinese: the program's Chinese name (or '全部工程'), the target (statement_zh), the year due."""
    names = ds.programs["name_zh"]
    return {
        "工程": [names[int(p)] if pd.notna(p) else "全部工程" for p in facts["program"]],
        target_column: [target_words_zh(s) for s in ds.context.loc[facts.index, "statement_zh"]],
        "时限": [f"{int(y)}年" if pd.notna(y) else "未定年份" for y in facts["year"]],
    }


def _quoted(text: str) -> str:
    """A quotation in Chinese quotation marks, the quotation marks inside it made single."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _specific(caution: str, lang: str) -> str:
    """A target's caution without the copy's caveat (the table of outside facts gives it once)."""
    return caution.split(COPY_CAVEAT[lang])[0]


def context_table(ds, facts: pd.DataFrame, caption: str, caption_zh: str):
    """The context chapter's table of the 2018 targets (facts: data/context.csv rows of topic target_2018)."""
    shared = columns(ds, facts)
    en = table(pd.DataFrame({
        "Program": shared["Program"], "Target": shared["Target"], "As reported": facts["zh"], "Due": shared["Due"],
        "Caution": [_specific(c, "en") for c in facts["caution"]],
    }), caption, name="tbl-context-targets", widths=[0.14, 0.26, 0.18, 0.07, 0.35])
    zh_shared = columns_zh(ds, facts)
    zh = table(pd.DataFrame({
        "工程": zh_shared["工程"], "目标": zh_shared["目标"], "报道原文": [_quoted(z) for z in facts["zh"]],
        "时限": zh_shared["时限"], "注意事项": [_specific(c, "zh") for c in facts["caution_zh"]],
    }), caption_zh, name="tbl-context-targets", widths=[0.14, 0.26, 0.18, 0.07, 0.35])
    return both(en, zh)


def printed(metric) -> str:
    """The report's figure for a target, as printed, with its period ('No figure' when it prints none)."""
    if metric is None:
        return "No figure"
    period = metric["period_zh"] or "no period printed"
    return f"{fmt.as_printed(metric)} ({period})"


def printed_zh(metric) -> str:
    if metric is None:
        return "未印数字"
    return f"{fmt.as_printed(metric)}（{metric['period_zh'] or '未印时期'}）"


def comparable_zh(verdict: str, reason_zh: str) -> str:
    """'可比：同一指标……。', or '报告未印相应数字。' when the report prints no figure."""
    if verdict == "no figure":
        return f"{reason_zh}。"
    return f"{COMPARABLE_ZH[verdict]}：{reason_zh}。"


def tracker_table(ds, outside: pd.DataFrame, caption: str, caption_zh: str):
    """The tracker's table of the 2018 targets against the report's figures of 2020 (outside:
    analysis.targets.outside_targets), English and Chinese."""
    widths = [0.15, 0.33, 0.08, 0.17, 0.27]
    en = table(pd.DataFrame({
        **columns(ds, outside, "Target of 2018 (outside the report)"),
        "The report in 2020": [printed(m) for m in outside["metric"]],
        "Comparable?": [f"{v.capitalize()}: {r}." if v != "no figure" else "No figure in the report."
                        for v, r in zip(outside["verdict"], outside["reason"])],
    }), caption, name="tbl-targets-2018", widths=widths)
    zh = table(pd.DataFrame({
        **columns_zh(ds, outside, "2018年的目标（报告以外）"),
        "2020年报告所印": [printed_zh(m) for m in outside["metric"]],
        "是否可比": [comparable_zh(v, r) for v, r in zip(outside["verdict"], outside["reason_zh"])],
    }), caption_zh, name="tbl-targets-2018", widths=widths)
    return both(en, zh)
