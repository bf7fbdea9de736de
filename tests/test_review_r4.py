"""Round 4, review helper: the second-edition review's consistency items (A1, A4, A5, A9-A11, B3-B6),
the introduction's order and the fact-check's audit power (F2). Most read the sources of the book
(notebooks, data, assessment); TP_REVIEW_ROOT points them at another checkout, to show them failing on
the code before the fix.
"""
from __future__ import annotations

import ast
import csv
import json
import os
import re
from pathlib import Path

import pytest

from tenprograms.analysis import audit as audit_module
from tenprograms.analysis.derived_review import figures_unguarded_in_checks
from tenprograms.analysis.profile import yardstick_pairs
from tenprograms.data.dataset import load_dataset
from tenprograms.data.expressions import referenced_ids
from tenprograms.render import derived as derived_module
from tenprograms.render import templates

ROOT = Path(os.environ.get("TP_REVIEW_ROOT", Path(__file__).resolve().parents[1]))


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def markdown(notebook: str) -> str:
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def code(notebook: str) -> str:
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def context_rows() -> list[dict]:
    with open(ROOT / "data/context.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- A1 / fact-check F14: "most" targets

def test_targets_2018_counts_add_up(ds):
    """The three counts the context chapter glues partition the 2018 targets by their year."""
    rows = [r for r in context_rows() if r["topic"] == "target_2018"]
    value = {i: derived_module.derived(i, ds=ds).value
             for i in ("n_targets_2018", "targets_2018_due_2020", "targets_2018_due_2018", "targets_2018_undated")}
    assert value["n_targets_2018"] == len(rows)
    assert value["targets_2018_due_2020"] == sum(r["year"] == "2020" for r in rows)
    assert value["targets_2018_undated"] == sum(r["year"] == "" for r in rows)


def test_no_typed_most_targets():
    text = markdown("book/context.ipynb") + " ".join(r["statement_en"] for r in context_rows())
    assert "most of their targets fall due" not in text
    assert "year most of their targets" not in text


def test_the_calendar_does_not_say_most_targets(ds):
    """A1 again: the calendar's label for the targets' year (the modal year, 6 of 13) said "most"."""
    from tenprograms.analysis.calendar import campaign_events
    from tenprograms.render.charts import calendar_text

    events = campaign_events(ds)
    assert not any("most" in label for label in events["label"])
    assert not any("多数" in calendar_text(row, "zh") for _, row in events.iterrows())


# ---------------------------------------------------------------- A4: the caption says where the panels are

def test_targets_figure_caption_matches_layout():
    source = code("book/across/targets.ipynb")
    caption = markdown("book/across/targets.ipynb").split(":name: fig-targets-2018")[1].split("```")[0]
    assert "nrows=2" in source, "the figure's panels are stacked; update this test if the layout changes"
    assert not re.search(r"\b(Left|Right)\b", caption), caption


# ---------------------------------------------------------------- A5: Table 11.1 counts the pairs as the text does

def test_yardstick_table_pair_types_are_disjoint_and_complete(ds):
    tree = ast.parse(code("book/across/reporting.ipynb"))
    pair_type = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                     if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAIR_TYPE")
    listed = [t for types in pair_type.values() for t in types]
    assert len(listed) == len(set(listed)), "a pair type counted in two rows of the table"
    assert set(yardstick_pairs(ds)["type"]) <= set(listed), "a pair type the table leaves out"
    assert "printed share" not in pair_type.get("part of a whole", []), "the text counts printed shares apart"


# ---------------------------------------------------------------- A9, A10, A11: one term, true descriptions

def test_yangtze_campaign_is_provincial():
    texts = [markdown(f"book/programs/{n}") for n in ("09-ecology.ipynb", "01-growth.ipynb")]
    texts += [r["caution"] + r["statement_en"] for r in context_rows()]
    for text in texts:
        assert "national Yangtze campaign" not in text
        assert "national campaign for the Yangtze" not in text


def test_exclusions_description_names_chinese_numerals():
    package = json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "numeral_exclusions")
    with open(ROOT / "data/numeral_exclusions.csv", encoding="utf-8") as f:
        chinese = [r for r in csv.DictReader(f) if not r["numeral"][0].isdigit()]
    assert chinese, "the file holds Chinese numerals"
    assert "Chinese" in resource["description"], resource["description"]


def test_no_hierarchy_among_digitalisation_awards():
    text = (ROOT / "data/glossary.csv").read_text(encoding="utf-8") + (ROOT / "data/metrics.csv").read_text(encoding="utf-8")
    for phrase in ("smallest unit", "first rung", "rung of the", "ladder"):
        assert phrase not in text.lower(), phrase


# ---------------------------------------------------------------- B3, B4, B5, B6

def test_organic_plan_not_called_passed():
    assert "was passed" not in (ROOT / "book/assessment.yml").read_text(encoding="utf-8")


def test_shared_name_not_shared_definition():
    text = markdown("book/programs/07-market.ipynb")
    assert "so they count the same stock" not in text
    assert "*outside the report*, same definition)" not in text


def test_one_pm25_stance():
    intro, ecology = markdown("book/intro.ipynb"), markdown("book/programs/09-ecology.ipynb")
    assert "cannot be read against an\n  annual standard" not in intro and "any plausible" in intro
    assert "may differ in either direction" not in ecology and "pm25_rest_needed" in ecology


def test_pm25_rest_mean_needed_recomputed(ds):
    """The September-December mean that would bring the year's PM2.5 mean to the limit, from the printed
    mean and the calendar, independently of the registry's expression."""
    end = ds.metric("ecology_pm25_mean")["period_end"]
    elapsed = end.day_of_year
    year = 366 if end.is_leap_year else 365
    limit = ds.context.loc["ctx_gb3095_pm25_annual", "value"]
    expected = (float(limit) * year - ds.value("ecology_pm25_mean") * elapsed) / (year - elapsed)
    assert derived_module.derived("pm25_rest_mean_needed", ds=ds).value == pytest.approx(expected)
    assert expected < ds.value("ecology_pm25_mean") / 2       # the prose: far below the months before


def test_unsupported_ratio_not_a_headline():
    brief = markdown("book/programs/10-grassroots.ipynb").split("## In brief")[1].split("\n## ")[0]
    assert "times_per_member" not in brief


# ---------------------------------------------------------------- the introduction

def test_intro_order():
    text = markdown("book/intro.ipynb") + code("book/intro.ipynb")
    cells = json.loads((ROOT / "book/intro.ipynb").read_text(encoding="utf-8"))["cells"]
    joined = "\n".join("".join(c["source"]) for c in cells)
    marks = ["## In short", "## Main findings", ":name: fig-scorecard", 'name="tbl-ten-programs"']
    positions = [joined.index(m) for m in marks]
    assert positions == sorted(positions), dict(zip(marks, positions))
    assert "## Main findings" in text
    assert "\\addcontentsline{toc}{section}{Main findings}" in joined   # the PDF contents list it (the root page's
                                                                        # headings are not sections in LaTeX)


def test_table1_programs_carry_chinese_names(ds):
    from tenprograms.analysis.assessment import load_assessment
    frame = templates.overview_frame(ds, load_assessment(ds), myst=False)
    for name_zh, cell in zip(ds.programs["name_zh"], frame["Program"]):
        assert name_zh in cell


# ---------------------------------------------------------------- fact-check F2: power per figure

def test_figures_guarded_counts_power_per_figure(ds):
    result = audit_module.audit(ds)
    checks = result[result["group"] == "could fail"]
    inside = {m for e in list(checks["lhs"]) + list(checks["rhs"]) for m in referenced_ids(e)}
    guarded = derived_module.derived("checks_figures_guarded", ds=ds).value
    unguarded = figures_unguarded_in_checks(ds)
    assert guarded + len(unguarded) == len(inside)
    for metric_id in unguarded:      # recomputed from power, relation by relation
        for rel in ds.relations.itertuples(index=False):
            if audit_module.GROUPS[rel.check] == "could fail" and metric_id in audit_module.power(ds, rel):
                assert not audit_module.power(ds, rel)[metric_id]


def test_audit_text_does_not_claim_every_figure_guarded():
    text = markdown("book/across/audit.ipynb")
    assert "would catch an error of one unit in the figure it checks" not in text
    assert "n_figures_guarded" in text
