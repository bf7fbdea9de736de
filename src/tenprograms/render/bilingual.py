"""Tables shown in both languages: a cell displays the English table with output metadata
{"lang": "en"} and the Chinese one with {"lang": "zh"}; each build shows its own
(sphinxext/lang_outputs.py), so the English site shows exactly the table it showed before.

The Chinese tables are not translations of the English cells: they print the report's Chinese as it
is (no English reading, no pinyin), the Chinese terms of data/glossary.csv, Chinese number formats
(fmt_zh) and Chinese verdicts. Both are built from the same computed values: nothing is computed twice.
"""
from __future__ import annotations

import re

import pandas as pd

from ..analysis.claims import claims, internal_checks, outside_facts
from ..analysis.hedges import WIDTHS, sensitivity
from ..data import facts
from ..data.expressions import referenced_ids
from . import fmt, fmt_zh
from .hedges import sensitivity_frame, width_words
from .tables import _SIGN, Table, _side, _value, markdown_escape


class Bilingual:
    """One displayed thing in two languages. The last expression of a cell, it displays two outputs
    (IPython calls _ipython_display_); its repr is the English one's."""

    def __init__(self, en, zh):
        self.en, self.zh = en, zh

    def __repr__(self) -> str:
        return repr(self.en)

    def _ipython_display_(self) -> None:
        # deferred: IPython's display machinery is only needed when a notebook shows the table
        from IPython.display import display

        display(self.en, metadata={"lang": "en"})
        display(self.zh, metadata={"lang": "zh"})


def both(en, zh) -> Bilingual:
    """Show `en` in the English build and `zh` in the Chinese one."""
    return Bilingual(en, zh)


# ---------------------------------------------------------------- the appendix of figures

def figures_frame_zh(metrics: pd.DataFrame) -> pd.DataFrame:
    """The Chinese counterpart of tables.figures_frame: the indicator as the report names it, the
    figure as printed (the same anchor), its period, and the quote with its line."""
    return pd.DataFrame({
        "指标": list(metrics["indicator_zh"]),
        "原文数字": [f"{{srcref}}`{i}`" for i in metrics.index],
        "时期": [fmt_zh.period(r) for _, r in metrics.iterrows()],
        "原文（行号）": [f"“{q}”（第{n}行）" for q, n in zip(metrics["quote"], metrics["line"])],
    })


FIGURES_WIDTHS_ZH = [0.26, 0.14, 0.2, 0.4]


def figures_caption_zh(name_zh: str) -> str:
    return f"{name_zh}：报告给出的每一个数字及其原文"


# ---------------------------------------------------------------- outside facts

#: A source's grade in words (data/context.csv grade).
GRADE_ZH = {"A": "A级（官方来源）", "B": "B级（正规转载）", "C": "C级（其他副本）"}
COPY_KIND_ZH = {"original": "发布者原页面", "republication": "他站转载", "third-party copy": "无关网站副本",
                "encyclopedia mirror": "百科镜像"}


def facts_frame_zh(ds) -> pd.DataFrame:
    """Every outside fact in Chinese, as the English table has it: the statement (context.csv
    statement_zh), the source's Chinese wording (where it gives none, the fact as the Chinese edition
    prints it: display_zh), the source's grade and a citation of its entry in the Chinese bibliography
    (source_zh, where and when it was seen), and the caution (caution_zh)."""
    rows = []
    for _, row in facts.listed(ds).iterrows():
        # the grade, and a citation of the source's entry in the bibliography (sphinxext/sources_bib.py),
        # which gives its description, address, date seen and kind of copy
        source = markdown_escape(GRADE_ZH[row["grade"]] + "。") + f"{{cite:p}}`{facts.citation_key(row['source_id'])}`"
        printed = markdown_escape(row["zh"] or row["display_zh"])
        if row.name == facts.TARGETS_PARENT:
            printed += f"；其{facts.n_targets(ds)}项目标见{{numref}}`{facts.TARGETS_TABLE}`"
        rows.append({"事实": row["statement_zh"], "原文": printed,
                     "来源（等级）": source, "注意事项": row["caution_zh"]})
    return pd.DataFrame(rows)


def facts_table_zh(ds) -> Table:
    return Table(facts_frame_zh(ds), "本书引用的报告以外的全部事实：来源及其等级（A 官方、B 正规转载、C 其他副本），"
                 "以及使用时的注意事项", name=facts.FACTS_TABLE, widths=[0.3, 0.2, 0.16, 0.34],
                 raw=["原文", "来源（等级）"])


# ---------------------------------------------------------------- the audit

#: The relations' groups (analysis/audit.py GROUPS) and the verdicts in Chinese.
GROUP_ZH = {"could fail": "可证伪的核对", "identity": "恒等关系", "count of names": "列名计数", "bound": "上下限"}


def _verdict_zh(holds: bool, strict: bool) -> str:
    words = "成立" if holds else "不成立"
    return words if holds == strict else f"{words}（严格读法：{'成立' if strict else '不成立'}）"


def _side_zh(text: str, ds) -> str:
    return _side(text, ds, number=fmt_zh.number)


def _value_zh(mid: float, lo: float, hi: float) -> str:
    return _value(mid, lo, hi, number=fmt_zh.number, no_ceiling="无上限", brackets="（{}—{}）")


def audit_checks_frame_zh(ds, result: pd.DataFrame) -> pd.DataFrame:
    """tables.audit_checks_frame in Chinese: the program, the relation (relations.csv description_zh),
    both sides with the report's figures, the verdict under both readings of hedges, and the figures a
    one-unit misprint would be caught in (as the report names them, indicator_zh)."""
    checks = result[result["group"] == "could fail"]
    descriptions = ds.relations.set_index("relation_id")["description_zh"]

    def guarded(lhs, rhs, ids):
        if set(ids) == set(referenced_ids(lhs) + referenced_ids(rhs)):
            return "其中任一数字"
        return "；".join(ds.metric(m)["indicator_zh"] for m in ids)

    return pd.DataFrame({
        "工程": ds.programs.loc[checks["program"], "name_zh"].to_numpy(),
        "核对内容": descriptions.loc[checks["relation_id"]].to_numpy(),
        "计算值": [f"{_side_zh(e, ds)} = {_value_zh(v, lo, hi)}" for e, v, lo, hi in
                   zip(checks["lhs"], checks["lhs_value"], checks["lhs_lo"], checks["lhs_hi"])],
        "所印数字": [f"{_SIGN[op]} {_value_zh(v, lo, hi)}" for op, v, lo, hi in
                     zip(checks["op"], checks["rhs_value"], checks["rhs_lo"], checks["rhs_hi"])],
        "结论": [_verdict_zh(h, s) for h, s in zip(checks["holds"], checks["holds_strict"])],
        "差一个单位即可查出的数字": [guarded(lhs, rhs, ids) for lhs, rhs, ids in
                              zip(checks["lhs"], checks["rhs"], checks["figures_guarded"])],
    })


def audit_apart_frame_zh(ds, result: pd.DataFrame) -> pd.DataFrame:
    """tables.audit_apart_frame in Chinese, in the same order."""
    apart = result[result["group"] != "could fail"]
    order = {"identity": 0, "count of names": 1, "bound": 2}
    apart = apart.assign(order=apart["group"].map(order)).sort_values(["order", "program"], kind="stable")
    descriptions = ds.relations.set_index("relation_id")["description_zh"]
    return pd.DataFrame({
        "类别": [GROUP_ZH[g] for g in apart["group"]],
        "工程": ds.programs.loc[apart["program"], "name_zh"].to_numpy(),
        "关系": descriptions.loc[apart["relation_id"]].to_numpy(),
        "所印": [f"{_side_zh(lhs, ds)} {_SIGN[op]} {_side_zh(rhs, ds)}"
                 for lhs, op, rhs in zip(apart["lhs"], apart["op"], apart["rhs"])],
        "结论": [_verdict_zh(h, s) for h, s in zip(apart["holds"], apart["holds_strict"])],
    })


# ---------------------------------------------------------------- claims and verdicts

#: What a check of each kind shows when it holds (claims.CHECK_WORDS in Chinese).
CHECK_ZH = {"sum": "分项之和与总数相符", "share": "所印比重与分项相符", "ratio": "比率与其计数相符",
            "difference": "变化量与上年数字相符"}
KIND_ZH = {"achievement": "成绩", "plan": "计划", "assertion": "论断"}
PRINTED_ZH = {"figure": "数字", "figure with yardstick": "带参照的数字", "words only": "仅有文字",
              "hedged figure": "约数", "plan": "计划"}
#: The outside verdict (claims.csv outside_evidence).
OUTSIDE_ZH = {"none found": "未见外部证据", "qualified": "需加限定", "confirmed": "外部证据证实",
              "contradicted": "外部证据否定"}


def internal_zh(row: pd.Series, audit_result: pd.DataFrame) -> str:
    """Verdict two in Chinese: '无可证伪的核对', or '一致：分项之和与总数相符'."""
    checks = internal_checks(row, audit_result)
    if not len(checks):
        return "无可证伪的核对"
    words = list(dict.fromkeys(CHECK_ZH[c] for c in checks["check"]))
    return ("一致" if checks["holds"].all() else "不一致") + "：" + "；".join(words)


def outside_zh(ds, row: pd.Series) -> str:
    """Verdict three in Chinese with the marks ({ctx} roles) of the facts behind it."""
    verdict = OUTSIDE_ZH.get(row["outside_evidence"], row["outside_evidence"])
    marks = "".join(f"{{ctx}}`{f['fact_id']}`" for f in outside_facts(ds, row))
    return verdict if row["outside_evidence"] == "none found" else verdict + marks


def claims_frame_zh(ds, audit_result: pd.DataFrame, why: bool = True) -> pd.DataFrame:
    """Every claim in Chinese, grouped by program: the report's words verbatim (no English reading),
    its kind, the two verdicts and, with `why` (the site's table; the PDF's compact one leaves it out
    as the English does), their reason (claims.csv reason_zh)."""
    rows = []
    for number, group in claims(ds).groupby("program", sort=True):
        rows.append({"报告原话": f"**{markdown_escape(ds.program(int(number))['name_zh'])}**",
                     "类型": "", "报告内部核对": "", "外部证据": ""} | ({"理由": ""} if why else {}))
        for _, row in group.iterrows():
            kind = KIND_ZH[row["kind"]] + "，" + PRINTED_ZH.get(row["printed"], row["printed"])
            rows.append({"报告原话": markdown_escape(row["quote"]) + ("（要点）" if row["headline"] == "yes" else ""),
                         "类型": kind, "报告内部核对": internal_zh(row, audit_result),
                         "外部证据": outside_zh(ds, row)} | ({"理由": markdown_escape(row["reason_zh"])} if why else {}))
    return pd.DataFrame(rows)


def claims_table_zh(ds, audit_result: pd.DataFrame, caption: str, name: str, why: bool = True) -> Table:
    widths = [0.3, 0.12, 0.18, 0.14, 0.26] if why else [0.4, 0.16, 0.24, 0.2]
    return Table(claims_frame_zh(ds, audit_result, why), caption, name=name, widths=widths,
                 raw=["报告原话", "外部证据"] + (["理由"] if why else []))


# ---------------------------------------------------------------- the reporting chapter

#: The yardsticks of analysis/profile.py, as Chinese statistical writing names them.
YARDSTICK_ZH = {"year on year": "同比", "share, rate or rank": "比重、比率或排名", "part of a whole": "部分与总体",
                "flow against its stock": "增量与存量", "achievement against a target": "完成数与目标", "none": "无参照"}


def yardsticks_zh(frame: pd.DataFrame) -> pd.DataFrame:
    """The reporting chapter's table of yardsticks (built in the notebook) in Chinese: the same counts,
    the yardsticks named in Chinese, the report's own sentence as the example."""
    return pd.DataFrame({"参照": [YARDSTICK_ZH[k] for k in frame["Yardstick"]], "数字个数": frame["Figures"],
                         "成对印出": frame["Pairs printed"], "示例（原文）": frame["Example (verbatim)"]})


def silences_zh(frame: pd.DataFrame) -> pd.DataFrame:
    """The table of indicators the report is silent on, in Chinese: each indicator by its Chinese name
    (the bracketed name of analysis/profile.py EXPECTED_INDICATORS), the words looked for, found or not."""
    names = []
    for indicator in frame["Indicator"]:
        match = re.search(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", indicator)
        if not match:
            raise ValueError(f"indicator {indicator!r} gives no Chinese name in brackets (analysis/profile.py)")
        names.append(match.group(1))
    return pd.DataFrame({"指标": names, "在原文中查找的词": [w.replace(" / ", "、") for w in frame["Words looked for in the source"]],
                         "是否找到": [{"no": "否", "yes": "是"}[f] for f in frame["Found"]]})


# ---------------------------------------------------------------- the context chapter's primer

def readings_zh(ds, metric_id: str) -> str:
    """The context primer's example in Chinese: '4500余户：宽松读法4500至4600，严格读法4500' (the
    package's intervals; the English notebook's readings)."""
    row = ds.metric(metric_id)
    pct = "%" if row["unit_zh"] == "%" else ""
    out = []
    for convention, words in (("wide", "宽松读法"), ("strict", "严格读法")):
        iv = ds.interval(metric_id, convention)
        lo = fmt_zh.number(iv.lo) + pct
        hi = "" if iv.hi == float("inf") else fmt_zh.number(iv.hi) + pct
        if not hi:
            out.append(f"{words}{lo}起（无上限）")
        else:
            out.append(f"{words}{lo}" if lo == hi else f"{words}{lo}至{hi}")
    return f"{fmt.as_printed(row)}：" + "，".join(out)


def ratio_example_zh(ds, metric_id: str) -> str:
    """A printed '达到去年同期的x%' read as the fall it means, in Chinese."""
    share = ds.value(metric_id)
    return f"是比率而非增长率：达到去年的{fmt_zh.percent(share, 1)}，即下降{fmt_zh.percent(100 - share, 1)}。"


# ---------------------------------------------------------------- the sensitivity table

#: The verdicts of analysis/hedges.py in Chinese.
SENSITIVITY_ZH = {"holds": "成立", "fails": "不成立", "reached": "已达到", "short": "未达到", "cannot say": "无法判断"}


def width_label_zh(ds, scale: float) -> str:
    """render/hedges.width_label in Chinese: '宽松读法（本书）：左右±10%，余至1个单位'."""
    h = ds.hedges.set_index("hedge")
    about = fmt_zh.number(float(h.loc["左右", "wide_high"]) * scale, 0)
    digit = fmt_zh.number(min(1.0, float(h.loc["余", "wide_high"]) * scale), 1 if scale < 1 else 0)
    return f"宽松读法{'（本书）' if scale == 1 else ''}：左右±{about}%，余至{digit}个单位"


def sensitivity_frame_zh(ds, result: pd.DataFrame) -> pd.DataFrame:
    """render/hedges.sensitivity_frame in Chinese, from the same result (analysis.hedges.sensitivity):
    the relation's description_zh or the target's indicator_zh, the figures as printed, the verdicts."""
    descriptions = ds.relations.set_index("relation_id")["description_zh"]
    return pd.DataFrame({
        "结论": [f"核对：{descriptions[i]}" if k == "audit check" else f"目标：{ds.metric(i)['indicator_zh']}"
                 for k, i in zip(result["kind"], result["id"])],
        "约数": ["，".join(fmt.as_printed(ds.metric(m)) for m in ms) for ms in result["hedged"]],
        "严格读法": [SENSITIVITY_ZH[v] for v in result["strict"]],
        **{width_label_zh(ds, w): [SENSITIVITY_ZH[v] for v in result[w]] for w in WIDTHS},
        "结论改变于": [width_words(ds, r.hedged, r.break_even, "zh") for r in result.itertuples()],
    })


def sensitivity_tables(ds, caption: str, caption_zh: str, name: str = "tbl-hedge-sensitivity") -> Bilingual:
    """The sensitivity table in both languages (render/hedges.sensitivity_table for the English)."""
    result = sensitivity(ds)
    en = sensitivity_frame(ds, result)
    zh = sensitivity_frame_zh(ds, result)
    widths = [5, 2] + [2] * (len(en.columns) - 3) + [3]
    return both(Table(en, caption, name=name, widths=widths), Table(zh, caption_zh, name=name, widths=widths))
