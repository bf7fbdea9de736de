"""The tables of the 2018 targets, in both languages. The targets are printed in full once, in the
context chapter's table (facts.TARGETS_TABLE, whose rows carry the targets' anchors); the table of
outside facts and the target tracker refer to it, the tracker by the {outside} role (the target's
figure and a dagger that links to its row).

    from tenprograms.render import targets2018
    targets2018.context_table(ds, facts, caption, caption_zh)    # the context chapter's table, both languages
    targets2018.tracker_table(ds, outside, caption, caption_zh)  # the tracker's (analysis.targets.outside_targets)
"""
from __future__ import annotations

import pandas as pd

from ..data import facts as ctx
from . import fmt
from .bilingual import GRADE_ZH, both
from .fmt import capitalise
from .tables import markdown_escape, table

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


def row_texts(statement_en: str, statement_zh: str) -> set[str]:
    """The texts that identify a 2018 target's row in the context chapter's table (either edition)."""
    return {target_words(statement_en), target_words_zh(statement_zh)}


def _quoted(text: str) -> str:
    """A quotation in Chinese quotation marks, the quotation marks inside it made single."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _specific(caution: str, lang: str) -> str:
    """A target's caution without the copy's caveat (the table of outside facts gives it once)."""
    return caution.split(COPY_CAVEAT[lang])[0]


def _graded(caption: str, grades: pd.Series, zh: bool = False) -> str:
    """The caption with the grade of the targets' source: this table is where the targets are printed."""
    marks = sorted(set(grades))
    if zh:
        return caption + "，来源等级为" + "、".join(GRADE_ZH[g] for g in marks)
    return caption + "; source grade " + ", ".join(f"{g} ({ctx.GRADES[g]})" for g in marks)


def context_table(ds, facts: pd.DataFrame, caption: str, caption_zh: str):
    """The context chapter's table of the 2018 targets (facts: data/context.csv rows of topic target_2018),
    the one place they are printed in full; its rows carry the targets' anchors (sphinxext/site.py)."""
    shared = columns(ds, facts)
    caption, caption_zh = _graded(caption, facts["grade"]), _graded(caption_zh, facts["grade"], zh=True)
    en = table(pd.DataFrame({
        "Program": shared["Program"], "Target": shared["Target"], "As reported": facts["zh"], "Due": shared["Due"],
        "Caution": [_specific(c, "en") for c in facts["caution"]],
    }), caption, name=ctx.TARGETS_TABLE, widths=[0.14, 0.26, 0.18, 0.07, 0.35])
    zh_shared = columns_zh(ds, facts)
    zh = table(pd.DataFrame({
        "工程": zh_shared["工程"], "目标": zh_shared["目标"], "报道原文": [_quoted(z) for z in facts["zh"]],
        "时限": zh_shared["时限"], "注意事项": [_specific(c, "zh") for c in facts["caution_zh"]],
    }), caption_zh, name=ctx.TARGETS_TABLE, widths=[0.14, 0.26, 0.18, 0.07, 0.35])
    return both(en, zh)


def printed(metric) -> str:
    """The report's figure for a target: what it measures, as printed, with its period."""
    period = metric["period_zh"] or "no period printed"
    return f"{capitalise(metric['indicator_en'])}: {fmt.as_printed(metric)} ({period})"


def printed_zh(metric) -> str:
    return f"{metric['indicator_zh']}：{fmt.as_printed(metric)}（{metric['period_zh'] or '未印时期'}）"


def comparable_zh(verdict: str, reason_zh: str) -> str:
    """'可比：同一指标……。'"""
    return f"{COMPARABLE_ZH[verdict]}：{reason_zh}。"


def _target_cell(fact_id: str, year, no_year: str, due: str) -> str:
    """The target by reference: its figure and dagger (the {outside} role links to its row in
    TARGETS_TABLE, where it is printed in full) and the year it falls due."""
    return f"{{outside}}`{fact_id}`" + markdown_escape(due.format(int(year)) if pd.notna(year) else no_year)


def tracker_table(ds, outside: pd.DataFrame, caption: str, caption_zh: str):
    """The tracker's table of the 2018 targets the report prints a figure for (outside:
    analysis.targets.outside_targets), set against that figure, in English and Chinese. The targets are
    referred to, not printed again: each cell links to the target's row in the context chapter."""
    paired = outside[outside["metric"].notna()]
    names, names_zh = ds.programs["name_en"], ds.programs["name_zh"]
    widths = [0.15, 0.15, 0.35, 0.35]
    en = table(pd.DataFrame({
        "Program": [names[int(p)] for p in paired["program"]],
        "Target of 2018†": [_target_cell(i, y, " (no year)", ", {}") for i, y in zip(paired.index, paired["year"])],
        "The report in 2020": [printed(m) for m in paired["metric"]],
        "Comparable?": [f"{v.capitalize()}: {r}." for v, r in zip(paired["verdict"], paired["reason"])],
    }), caption, name="tbl-targets-2018", widths=widths, raw=["Target of 2018†"])
    zh = table(pd.DataFrame({
        "工程": [names_zh[int(p)] for p in paired["program"]],
        "2018年的目标†": [_target_cell(i, y, "（未定年份）", "（{}年）") for i, y in zip(paired.index, paired["year"])],
        "2020年报告所印": [printed_zh(m) for m in paired["metric"]],
        "是否可比": [comparable_zh(v, r) for v, r in zip(paired["verdict"], paired["reason_zh"])],
    }), caption_zh, name="tbl-targets-2018", widths=widths, raw=["2018年的目标†"])
    return both(en, zh)
