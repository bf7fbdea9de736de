"""The target tracker in Chinese: templates.tracker_frame's table with its sentences written as a
Chinese policy researcher would write them, from the same computed progress (analysis/targets.py)."""
from __future__ import annotations

import pandas as pd

from ..analysis.targets import DURATION_OF, pairings, progress, report_targets
from ..data import facts
from . import fmt, fmt_zh
from .templates import both_readings, progress_both

#: Why no progress can be computed for the report's other targets (templates.NO_ACHIEVEMENT).
NO_ACHIEVEMENT_ZH = {
    "growth_tech_upgrade_projects_target": "没有迄今已竣工投产的项目数。",
    "agriculture_organic_demo_bases_per_county_low": "没有已建成的基地数。",
    "agriculture_model_farms_per_county_low": "没有在这一计划下已培育的规范化合作社或家庭农场数。",
    "talent_college_plan_enrol_2020": "尚未报告今年的招生数。",
    "talent_3plus2_young_farmers": "该路径“还将探索”，尚无已招录的人数。",
    "talent_3plus2_poor_villages": "没有已覆盖的村数。",
    "talent_qingjuncheng_units": "已完成招标，9月中旬全面开工：尚无建成的房源。",
}


def _pct(x: float) -> str:
    return fmt_zh.percent(100 * x, 0)


def _both(ds, metric_id: str, whole_plan: bool = False) -> str:
    """Progress under both readings, in Chinese (templates.progress_both)."""
    return progress_both(ds, metric_id, whole_plan, lang="zh")


def deadline_zh(ds, metric_id: str) -> str:
    """analysis.targets.deadline's words in Chinese: '2023年底（从2019年起连续5年）', '2020年（今年）', '未印'."""
    row = ds.metric(metric_id)
    duration_id = DURATION_OF.get(metric_id)
    if duration_id:
        d = ds.metric(duration_id)
        if pd.notna(d["period_start"]):
            return f"{d['period_start'].year + int(d['value']) - 1}年底（{d['quote']}）"
        return f"未印（{d['numeral']}{d['unit_zh']}，报告未给出起点）"
    if pd.notna(row["period_end"]):
        words = row["period_zh"]
        return f"{row['period_end'].year}年" + ("底" if words == "今年年底" else "") + f"（{words}）"
    return "未印"


def progress_words_zh(ds, metric_id: str, per_county_units: float | None = None) -> str:
    """templates.progress_words in Chinese."""
    paired = pairings(ds)
    if metric_id in paired:
        p = paired[metric_id]
        achieved, target = ds.value(p.achieved), ds.value(metric_id)
        if metric_id == "talent_college_plan_farmers_target":
            planned = ds.value("talent_college_plan_enrol_2020")
            return (f"2019年已招生{fmt_zh.number(achieved)}名，占{_pct(achieved / target)}；加上今年计划招收的"
                    f"{fmt_zh.number(planned)}名，占{_pct((achieved + planned) / target)}。")
        if metric_id == "talent_scarce_per_year":
            n = progress(ds, metric_id, "strict").intakes
            return (f"分{n}批每年招录，共引进{fmt_zh.number(achieved)}名：{_both(ds, metric_id)}；"
                    f"占整个计划的{_both(ds, metric_id, whole_plan=True)}。")
        if metric_id == "talent_apartments_target":
            built = ds.value("talent_qingjuncheng_units")
            strict_t, wide_t = ds.interval(metric_id, "strict"), ds.interval(metric_id, "wide")
            total = achieved + built
            return (f"已筹集公租房{fmt_zh.number(achieved)}套：{_both(ds, metric_id)}。若计入“青隽城”的"
                    f"{fmt_zh.number(built)}套："
                    f"{both_readings(total / strict_t.mid, total / wide_t.hi, total / wide_t.lo, lang='zh')}。")
        if p.upper_bound:
            return (f"{fmt.as_printed(ds.metric(p.achieved))}为全部稻渔共作面积：仅稻虾共作一项，"
                    f"至多为目标的{_both(ds, metric_id)}。")
    words = NO_ACHIEVEMENT_ZH[metric_id]
    row = ds.metric(metric_id)
    if per_county_units and "每个县(市)区" in row["quote"]:
        high = ds.metrics[(ds.metrics["quote"] == row["quote"]) & (ds.metrics["bound"] == "high")].iloc[0]
        words += (f"按{fmt_zh.number(per_county_units)}个县级单位{facts.mark(ds, 'ctx_county_units')}计，"
                  f"全市合计{fmt_zh.number(row['value'] * per_county_units)}至"
                  f"{fmt_zh.number(high['value'] * per_county_units)}{row['unit_zh']}。")
    return words


def tracker_frame_zh(ds) -> pd.DataFrame:
    """templates.tracker_frame in Chinese: the same targets in the same order."""
    units = float(ds.context.loc["ctx_county_units", "value"])
    rows = []
    for metric_id, row in report_targets(ds).iterrows():
        if not row["counted"]:
            continue
        rows.append({"metric_id": metric_id, "工程": ds.programs.loc[row["program"], "name_zh"],
                     "目标": row["indicator_zh"].replace("(下限)", "").replace("(年底目标)", ""),
                     "原文": f"“{row['quote']}”", "时限": deadline_zh(ds, metric_id),
                     "报告显示的进展": progress_words_zh(ds, metric_id, units)})
    return pd.DataFrame(rows).set_index("metric_id")


#: The steps of analysis.targets.reconciliation, in Chinese.
STEP_ZH = {"Figures coded as a target or an intention": "编码为目标或意向的数字",
           "Plan durations (they set a deadline, not a level)": "计划期限（规定时限，而非水平）",
           "Upper ends of printed ranges (one target with two ends)": "所印区间的上限（一个目标的两端）",
           "A second measure of one project (floor area beside flats)": "同一项目的第二个计量（套数之外的建筑面积）",
           "The report's numeric targets": "报告的数量目标"}


def reconciliation_zh(steps: pd.DataFrame) -> pd.DataFrame:
    """The count of targets step by step (analysis.targets.reconciliation) in Chinese; an unknown step
    is an error, never left in English."""
    unknown = set(steps["step"]) - set(STEP_ZH)
    if unknown:
        raise ValueError(f"no Chinese for the reconciliation steps {sorted(unknown)}: add them to tracker_zh.STEP_ZH")
    return pd.DataFrame({"步骤": [STEP_ZH[s] for s in steps["step"]], "数字个数": [fmt_zh.number(n) for n in steps["rows"]]})
