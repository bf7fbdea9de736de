"""English text for the pages, from templates and rules: the assessment's placeholders, the
target tracker's sentences, and the figures a cross-program page glues.

The assessment (book/assessment.yml) types no number: numbers enter as placeholders that
`Renderer` fills from the dataset and the context table.

    {growth_tax_cuts_h1}          the figure in English, hedge kept: ¥1.72 billion, nearly 20,000, 82.5%
    {growth_tax_cuts_h1:zh}       as printed: 17.2亿元
    {growth_tax_cuts_h1:period}   its reference period in English: first half of 2020
    {outside:ctx_target_market_entities}   an outside fact, rendered by the {outside} role (value and †)
    {mark:ctx_population_2020}    only the † mark of an outside fact (the {ctx} role)
    {derived:id}                  a derived number of book/derived.yml (with † if it uses outside facts)
    {term:规上}                    the glossary's one English rendering of a term
    {name:7}                      a program's English name (data/programs.csv)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..analysis.assessment import ASSESSMENT, Assessment
from ..analysis.audit import audit
from ..analysis.claims import claims, headline
from ..analysis.targets import deadline, pairings, progress, report_targets
from ..data import facts
from . import bilingual, fmt, fmt_zh
from . import claims as claim_words
from . import derived as registry
from .glue import glue
from .tables import Table, markdown_escape

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([^{}]+))?\}")


@dataclass
class Renderer:
    """Fills placeholders for one program. `myst=True` gives MyST (roles for outside facts and
    links), `myst=False` plain text with a † after outside values (for figures and tests)."""

    ds: object
    myst: bool = True
    program: int | None = None
    zh: bool = False   # fill in Chinese: figures as printed, Chinese periods, terms and names

    def literal(self, text: str) -> str:
        return markdown_escape(text) if self.myst else text

    def mark(self, fact_id: str) -> str:
        facts.fact(self.ds, fact_id)
        return f"{{ctx}}`{fact_id}`" if self.myst else facts.mark(self.ds, fact_id)

    def outside(self, fact_id: str) -> str:
        if self.myst:
            facts.fact(self.ds, fact_id)       # fail here, not in Sphinx, on an unknown fact
            return f"{{outside}}`{fact_id}`"
        return facts.display(self.ds, fact_id) + facts.mark(self.ds, fact_id)

    def value(self, name: str, spec: str | None) -> str:
        if name == "outside":
            return self.outside(spec)
        if name == "mark":
            return self.mark(spec)
        if name == "derived":
            return self.derived(spec)
        if name in ("term", "terms"):
            english = self.ds.term(spec)      # an unknown term fails in both editions
            return self.literal(spec if self.zh else english if name == "term" else plural_term(english))
        if name == "name":
            return self.literal(self.ds.program(int(spec))["name_zh" if self.zh else "name_en"])
        row = self.ds.metric(name)
        if self.program is not None and int(row["program"]) != self.program:
            raise ValueError(f"{name} is a figure of program {row['program']}, not {self.program}")
        if self.zh and spec in (None, "zh", "period"):
            return self.literal(fmt_zh.period(row) if spec == "period" else fmt.as_printed(row))
        if spec is None:
            return self.literal(fmt.number_en(row))
        if spec == "zh":
            return self.literal(fmt.as_printed(row))
        if spec == "period":
            return self.literal(fmt.period_en(row))
        raise ValueError(f"unknown placeholder format {spec!r} for {name}")

    def derived(self, ident: str) -> str:
        d = registry.derived(ident, ds=self.ds)
        text = self.literal(str(registry.text_zh(d) if self.zh else d.text))
        marks = registry.facts_of(ident)
        return text + (self.mark(marks[0]) if marks else "")

    def __call__(self, text: str) -> str:
        out, last = [], 0
        for match in PLACEHOLDER.finditer(text):
            out.append(self.literal(text[last:match.start()]))
            out.append(self.value(match.group(1), match.group(2)))
            last = match.end()
        out.append(self.literal(text[last:]))
        return "".join(out)


def renderer(ds, item: Assessment, myst: bool = True, zh: bool = False) -> Renderer:
    """The Renderer for one program's assessment (`zh`: its Chinese twin's)."""
    return Renderer(ds, myst=myst, program=item.program, zh=zh)


def plural_term(text: str) -> str:
    """A glossary rendering in the plural: its last word outside brackets takes the ending
    ('market entity' → 'market entities', 'affordable (public-benefit) kindergarten' → '… kindergartens')."""
    match = list(re.finditer(r"[A-Za-z-]+(?![^(]*\))", text))
    if not match:
        return text
    last = match[-1]
    return text[:last.start()] + fmt.plural(last.group(), 2) + text[last.end():]




# ---------------------------------------------------------------- the ten programs side by side

def chapter_doc(ds, number: int, prefix: str = "") -> str:
    prog = ds.program(number)
    return f"{prefix}programs/{number:02d}-{prog['slug']}"


def overview_frame(ds, assessment: dict[str, Assessment], myst: bool = True, prefix: str = "",
                   audit_result: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ten programs side by side: the claim (and what kind of claim it is), key figures with their
    period, the yardstick, the caveat, and two separate verdicts from the claims table (data/claims.csv):
    the report's own checks that cover the headline claim, and the evidence from outside the report
    with its source grades. Internal consistency is not read as trust."""
    audit_result = audit(ds) if audit_result is None else audit_result
    rows = []
    for item in sorted(assessment.values(), key=lambda a: a.program):
        render = renderer(ds, item, myst=myst)
        name, name_zh = ds.program(item.program)[["name_en", "name_zh"]]
        program = f"{{doc}}`{markdown_escape(name)} <{chapter_doc(ds, item.program, prefix)}>`" if myst else name
        program += f" ({name_zh})"          # each program with its Chinese name (review 2, section 3)
        claim = headline(ds, item.program)
        rows.append({
            "Program": program,
            "What is claimed": fmt.capitalise(render(item.claim)) + f" ({KIND_EN[claim['kind']]})",
            "Key figures": fmt.capitalise("; ".join(render(k) for k in item.key_figures)),
            "Against what": render(item.yardstick),
            "Main caveat": render(item.caveat),
            "Checks inside the report": claim_words.internal_words(claim, audit_result),
            "Outside evidence (grade)": claim_words.program_outside_words(ds, claim, myst),
        })
    return pd.DataFrame(rows)


#: A claim's kind (data/claims.csv) as Table 1 says it.
KIND_EN = {"achievement": "an achievement", "plan": "a plan", "assertion": "an assertion"}


# ---------------------------------------------------------------- the assessment's Chinese twin

#: What each program's `zh:` block of book/assessment.yml must give.
ZH_KEYS = ("claim", "key_figures", "yardstick", "caveat")


def assessment_zh(assessment: dict[str, Assessment], path=ASSESSMENT) -> dict[str, dict]:
    """Each program's Chinese twin (the `zh:` block of book/assessment.yml), checked: every key of
    ZH_KEYS present and not empty, as many key figures as the English, and the same figures, outside
    facts and derived numbers named (the placeholders, whatever their format), so that the two editions
    rest on the same numbers. An error names the file, the program and the key."""
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["programs"]
    result, problems = {}, []
    for slug, item in assessment.items():
        zh = spec[slug].get("zh") or {}
        for key in ZH_KEYS:
            if not zh.get(key):
                problems.append(f"{slug}: zh.{key} is missing")
        if problems:
            continue
        english = [item.claim, *item.key_figures, item.yardstick, item.caveat]
        chinese = [zh["claim"], *zh["key_figures"], zh["yardstick"], zh["caveat"]]
        if len(zh["key_figures"]) != len(item.key_figures):
            problems.append(f"{slug}: zh.key_figures has {len(zh['key_figures'])} entries, the English {len(item.key_figures)}")
        if numbers_named(" ".join(english)) != numbers_named(" ".join(chinese)):
            problems.append(f"{slug}: zh names {sorted(numbers_named(' '.join(chinese)))}, the English "
                            f"{sorted(numbers_named(' '.join(english)))}")
        result[slug] = zh
    if problems:
        raise ValueError(f"{Path(path).name}: " + "; ".join(problems))
    return result


def numbers_named(text: str) -> set[str]:
    """The figures, outside facts and derived numbers a template names ({id}, {id:period}, {outside:ctx},
    {mark:ctx}, {derived:id}; terms and names are words, not numbers)."""
    out = set()
    for match in PLACEHOLDER.finditer(text):
        name, spec = match.groups()
        if name in ("outside", "mark", "derived"):
            out.add(f"{name}:{spec}")
        elif name not in ("term", "terms", "name"):
            out.add(name)
    return out


def overview_frame_zh(ds, assessment: dict[str, Assessment], prefix: str = "",
                      audit_result: pd.DataFrame | None = None) -> pd.DataFrame:
    """Table 1 in Chinese: overview_frame's columns from the assessment's Chinese twin, the Chinese
    verdicts (render/bilingual.py) and the claims' Chinese reasons (data/claims.csv reason_zh)."""
    audit_result = audit(ds) if audit_result is None else audit_result
    twins = assessment_zh(assessment)
    rows = []
    for item in sorted(assessment.values(), key=lambda a: a.program):
        render, zh = renderer(ds, item, zh=True), twins[item.slug]
        name = ds.program(item.program)["name_zh"]
        claim = headline(ds, item.program)
        rows.append({
            "工程": f"{{doc}}`{markdown_escape(name)} <{chapter_doc(ds, item.program, prefix)}>`",
            "报告所称": render(zh["claim"]) + f"（{bilingual.KIND_ZH[claim['kind']]}）",
            "关键数字": "；".join(render(k) for k in zh["key_figures"]),
            "参照": render(zh["yardstick"]),
            "主要保留": render(zh["caveat"]),
            "报告内部核对": bilingual.internal_zh(claim, audit_result),
            "外部证据（等级）": program_outside_zh(ds, claim),
        })
    return pd.DataFrame(rows)


def program_outside_zh(ds, headline_row: pd.Series) -> str:
    """claims.program_outside_words in Chinese: the headline's verdict with its reason, then the
    program's other claims that outside evidence bears on (short_zh) with their verdicts and marks."""
    text = bilingual.outside_zh(ds, headline_row)
    if headline_row["outside_evidence"] != "none found":
        text += "：" + markdown_escape(headline_row["reason_zh"]).rstrip("。")
    frame = claims(ds)
    others = frame[(frame["program"] == headline_row["program"]) & (frame["headline"] != "yes")
                   & (frame["outside_evidence"] != "none found")]
    if len(others):
        text += "。其他论断：" + "；".join(f"{markdown_escape(r['short_zh'])}，{bilingual.outside_zh(ds, r)}"
                                          for _, r in others.iterrows())
    return text + "。"


def overview_tables(ds, assessment, caption: str, caption_zh: str, name: str, prefix: str = ""):
    """Table 1 in both editions (render/bilingual.py): the English overview_table, and the Chinese."""
    frame = overview_frame_zh(ds, assessment, prefix=prefix)
    chinese = Table(frame, caption_zh, name=name, widths=[0.1, 0.16, 0.18, 0.16, 0.13, 0.1, 0.17], raw=frame.columns)
    return bilingual.both(overview_table(ds, assessment, caption, name, prefix), chinese)


def overview_table(ds, assessment, caption: str, name: str, prefix: str = "") -> Table:
    """The overview as a numbered table; its cells are MyST already (escaped text, roles, links)."""
    frame = overview_frame(ds, assessment, prefix=prefix)
    return Table(frame, caption, name=name, widths=[0.1, 0.16, 0.18, 0.16, 0.13, 0.1, 0.17], raw=frame.columns)


# ---------------------------------------------------------------- the cross-program pages

def glue_figures(ds, metric_ids) -> None:
    """Glue figures for a cross-program page's prose: `<id>__hedged` (the number in English with its
    hedge and no unit noun: 'nearly 20,000', '¥1.72 billion', '82.5%'; fmt.number_en) and
    `<id>__period` (its period in English: fmt.period_en). Beside glue_metrics' `<id>__n` (the bare
    number, no hedge: '20,000') and `<id>__en` (hedge and unit noun: 'nearly 20,000 cards')."""
    for metric_id in metric_ids:
        row = ds.metric(metric_id)
        glue(f"{metric_id}__hedged", fmt.number_en(row), zh=fmt_zh.number_zh(row))
        glue(f"{metric_id}__period", fmt.period_en(row), zh=fmt_zh.period(row))


# ---------------------------------------------------------------- the target tracker's sentences

#: Why no progress can be computed for the report's other targets.
NO_ACHIEVEMENT = {
    "growth_tech_upgrade_projects_target": "No count of projects completed so far.",
    "agriculture_organic_demo_bases_per_county_low": "No count of bases built.",
    "agriculture_model_farms_per_county_low": "No count of model cooperatives or farms fostered under this plan.",
    "talent_college_plan_enrol_2020": "No enrolment for this year is reported yet.",
    "talent_3plus2_young_farmers": "The track is still to be explored (还将探索); no one recruited is reported.",
    "talent_3plus2_poor_villages": "No count of villages already covered.",
    "talent_qingjuncheng_units": "Tendered, with full construction from mid-September (9月中旬): none finished.",
}


def _pct(x: float) -> str:
    return fmt.percent(100 * x, 0)


def both_readings(strict: float, lo: float, hi: float, lang: str = "en") -> str:
    """Shares (fractions) under the strict reading and the wide one, whole percentages, in the edition's
    words: '76% (strict), 69%–84% (wide)' or '76%（严格读法），69%—84%（宽松读法）'."""
    if lang == "zh":
        pct = lambda x: fmt_zh.percent(100 * x, 0)  # noqa: E731
        return f"{pct(strict)}（严格读法），{fmt_zh.span(pct(lo), pct(hi))}（宽松读法）"
    return f"{_pct(strict)} (strict), {_pct(lo)}–{_pct(hi)} (wide)"


def progress_both(ds, metric_id: str, whole_plan: bool = False, lang: str = "en") -> str:
    """Progress under the strict reading, and the wide range where the target is hedged (one share when
    the two readings agree)."""
    strict = progress(ds, metric_id, "strict", whole_plan)
    wide = progress(ds, metric_id, "wide", whole_plan)
    if (wide.share_lo, wide.share_hi) == (strict.share_lo, strict.share_hi):
        return _pct(strict.share) if lang == "en" else fmt_zh.percent(100 * strict.share, 0)
    return both_readings(strict.share, wide.share_lo, wide.share_hi, lang)


def progress_words(ds, metric_id: str, per_county_units: float | None = None) -> str:
    """What the report shows against one of its targets, in a sentence for the tracker table."""
    paired = pairings(ds)
    if metric_id in paired:
        p = paired[metric_id]
        achieved = fmt.number(ds.value(p.achieved))
        if metric_id == "talent_college_plan_farmers_target":
            planned = ds.value(p.achieved) + ds.value("talent_college_plan_enrol_2020")
            return (f"{achieved} enrolled in 2019: {_pct(ds.value(p.achieved) / ds.value(metric_id))}; "
                    f"{_pct(planned / ds.value(metric_id))} with this year's planned "
                    f"{fmt.number(ds.value('talent_college_plan_enrol_2020'))}.")
        if metric_id == "talent_scarce_per_year":
            n = progress(ds, metric_id, "strict").intakes
            return (f"{achieved} recruited in {n} yearly intakes: {progress_both(ds, metric_id)}; of the whole plan, "
                    f"{progress_both(ds, metric_id, whole_plan=True)}.")
        if metric_id == "talent_apartments_target":
            built = ds.value("talent_qingjuncheng_units")
            with_q = [ds.value(p.achieved) + built]
            strict_t, wide_t = ds.interval(metric_id, "strict"), ds.interval(metric_id, "wide")
            return (f"{achieved} public-rental flats secured: {progress_both(ds, metric_id)}. With the "
                    f"{fmt.number(built)} Qingjuncheng flats, if they count: "
                    f"{both_readings(with_q[0] / strict_t.mid, with_q[0] / wide_t.hi, with_q[0] / wide_t.lo)}.")
        if p.upper_bound:
            return (f"{fmt.as_printed(ds.metric(p.achieved))} of all rice co-culture: rice-crayfish alone is "
                    f"at most {progress_both(ds, metric_id)}.")
    words = NO_ACHIEVEMENT[metric_id]
    row = ds.metric(metric_id)
    if per_county_units and "每个县(市)区" in row["quote"]:
        high = ds.metrics[(ds.metrics["quote"] == row["quote"]) & (ds.metrics["bound"] == "high")].iloc[0]
        words += (f" Across {fmt.number(per_county_units)} county-level units{facts.mark(ds, 'ctx_county_units')}, the plan means "
                  f"{fmt.number(row['value'] * per_county_units)} to {fmt.number(high['value'] * per_county_units)}.")
    return words


def tracker_frame(ds) -> pd.DataFrame:
    """The report's numeric targets: what, as printed, by when, and what the report shows against each."""
    units = float(ds.context.loc["ctx_county_units", "value"])
    paired = pairings(ds)
    rows = []
    for metric_id, row in report_targets(ds).iterrows():
        if not row["counted"]:
            continue
        rows.append({"metric_id": metric_id,
                     "Program": ds.programs.loc[row["program"], "name_en"],
                     "Target": fmt.capitalise(row["indicator_en"].replace(" (low)", "").replace(", low end", "")),
                     "As printed": f"“{row['quote']}”",
                     "Due": deadline(ds, metric_id)[1],
                     "What the report shows": progress_words(ds, metric_id, units),
                     "trackable": metric_id in paired,
                     "due_year": deadline(ds, metric_id)[0]})
    return pd.DataFrame(rows).set_index("metric_id")
