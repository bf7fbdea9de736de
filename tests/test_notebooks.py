"""The notebooks are the book: committed executed, in the table of contents, with no typed numbers,
and nbval really compares their stored outputs."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from notebooks import book_notebooks, book_pages

from tenprograms.build.prose_numbers import code_numbers, markdown_numbers, notebook_numbers
from tenprograms.data.paths import REPO_ROOT

NOTEBOOKS = book_notebooks()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def execution_problems(nb: dict) -> list[str]:
    """Why a notebook does not count as committed executed (empty list when it does)."""
    cells = code_cells(nb)
    if not cells:
        return ["has no code"]
    problems = []
    unexecuted = [i for i, c in enumerate(cells) if c.get("execution_count") is None]
    if unexecuted:
        problems.append(f"code cells {unexecuted} have no stored outputs")
    counts = [c.get("execution_count") for c in cells]
    if not unexecuted and counts != list(range(1, len(cells) + 1)):
        problems.append(f"executed out of order {counts}; re-run it top to bottom")
    if any(o.get("output_type") == "error" for c in cells for o in c.get("outputs", [])):
        problems.append("has stored errors")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_notebook_is_committed_executed(path):
    problems = execution_problems(load(path))
    assert not problems, f"{path}: {'; '.join(problems)} — run `make execute NB={path.relative_to(REPO_ROOT)}`"


def test_every_notebook_under_book_is_in_the_toc():
    listed = {p.resolve() for p in book_pages()}
    orphans = [p for p in (REPO_ROOT / "book").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts and p.resolve() not in listed]
    assert not orphans, f"notebooks not in _toc.yml (they would never be built or tested): {orphans}"


def test_the_committed_check_catches_a_notebook_without_outputs():
    nb = load(NOTEBOOKS[0])
    assert execution_problems(nb) == []
    for cell in code_cells(nb):
        cell["execution_count"], cell["outputs"] = None, []
    assert any("no stored outputs" in p for p in execution_problems(nb))


# ---------------------------------------------------------------- no typed numbers in prose
# The rules (what is a figure, what is a date or a name) live in tenprograms.build.prose_numbers.


def typed_in_page(path: Path) -> list[str]:
    """Typed figures in a book page: its Markdown, and for a notebook the prose its code builds."""
    if path.suffix == ".md":
        text = re.sub(r"```\{bibliography\}.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        return markdown_numbers(text)
    return notebook_numbers(load(path))


@pytest.mark.parametrize("path", book_pages(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_number_is_typed_into_prose(path):
    found = typed_in_page(path)
    assert not found, f"{path.relative_to(REPO_ROOT)}: numbers typed into prose (glue them): {found}"


def test_the_prose_check_catches_a_typed_number():
    assert markdown_numbers("Tax cuts were 17.2 billion yuan.")
    assert markdown_numbers("A share of 21% in 2020.") == ["A share of 21% in 2020."]
    assert not markdown_numbers("Tax cuts were {glue:text}`growth_tax_cuts__en`, see {numref}`tbl-growth-figures`.")
    assert markdown_numbers("From 1 January to late August.")                  # only a year may be typed
    assert markdown_numbers("## The 35,000 exits\n\n| firms | 35,000 |")        # headings, table cells
    assert markdown_numbers(":::{note}\nExits ran at 35,000 a year.\n:::")      # colon fences
    assert markdown_numbers("Relief was 17.20 billion in version 2.0.0.")         # only x.y.z is a version


#: Each way a typed number used to slip past the check (issue 28): the check must see every one.
HOLES = {
    "figure caption": "```{glue:figure} fig_market\n:name: fig-market\n\nExits ran at 35,000 a year.\n```",
    "alt text": "```{glue:figure} fig_market\n:name: fig-market\n:alt: Two bars; the first is 35,000 long.\n```",
    "prose in a directive": "```{note}\nExits ran at 35,000 a year.\n```",
    "prose in an only block": "```{only} html\nThe site lists 35 files.\n```",
    "table cell in a table directive": "```{table} Exits\n| Type | Exits |\n| --- | --- |\n| firms | 35,000 |\n```",
    "heading in a directive": "```{admonition} Note\n## The 35,000 exits\n```",
    "year-like count": "In 2020 there were 2019 new firms.",
    "year-like quantity": "The stock grew by about 2020 entities.",
    "spelled out": "Exits ran at thirty-five thousand a year.",
    "spelled teen": "The programs set twelve targets.",
    "spelled small number with a unit": "The plan runs for three years.",
    "Chinese numerals with a multiplier": "退出约三万五千户。",
    "Chinese numeral with a measure word": "共十二个项目。",
    "number in a code span": "Exits: `35,000`.",
}


@pytest.mark.parametrize("case", HOLES, ids=list(HOLES))
def test_the_prose_check_has_no_hole(case):
    assert markdown_numbers(HOLES[case]), f"{case}: a typed number passes the check"


#: Code that builds prose a reader sees: a caption, a glued sentence, a table's literal cells.
CODE_HOLES = {
    "table caption": 'tp.table(frame, "Exits ran at 35,000 a year", name="tbl-exits")',
    "glued sentence": 'tp.glue("note", "A ratio: 26.5% of last year is a fall of 73.5%.")',
    "f-string around a value": 'tp.glue("note", f"{share} of last year, a fall of 73.5%.")',
    "literal table cell": 'rows = [("同比", "year on year", "Twelve months against the previous twelve.")]',
}


@pytest.mark.parametrize("case", CODE_HOLES, ids=list(CODE_HOLES))
def test_the_code_check_sees_prose_built_in_code(case):
    assert code_numbers(CODE_HOLES[case]), f"{case}: a number typed into prose built by code passes"


#: Not figures: names, dates, units, keys. The check must stay quiet on these.
NOT_FIGURES = [
    "In 2020 the report gave the 2018 targets; since 2018, from 2019 to 2020.",
    "One of the two bars is longer; three panels, four rows.",
    "The 5G sites, PM2.5 and PM10, COVID-19, the 3+2 track, GB 3095-2012.",
    "The ten programs (十大工程) and 五大工程; the 2019 government work report.",
    "Market entities in thousands; revenue (¥ million); 亿元 (hundred million yuan); 万 ten thousand.",
    "Run `make execute NB=book/programs/07-market.ipynb` with Python `>=3.11` and `pm25`.",
    "See [the data](../data/metrics-2020.csv) and <https://example.org/2020/07/31>.",
    "统一, 一村多名大学生计划, 两委 and 第一书记 are words.",
    "```{glue:figure} fig_x\n:name: fig-x-2020\n:width: 80%\n\nThe {glue:text}`n_bars` bars of 2020.\n```",
    "```python\nx = 35000\n```",
    "```{raw} latex\n\\vspace{2em}\n```",
    "Version 2.0.0, released 2026-12-01; the first edition was 0.1.0.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_the_prose_check_leaves_names_and_dates(text):
    assert markdown_numbers(text) == []


def test_the_code_check_leaves_keys_styles_and_format_specs():
    code = ('ch.glue("growth_tax_cuts_h1", fmt.percent(x, 1))\n'
            'ax.bar_label(bars, fmt="%.0f good days", bbox=dict(boxstyle="round,pad=0.15"))\n'
            'ax.set(title=f"{p}, mean {start:%-d %b} to {end:%-d %b}")\n'
            'clause(ds, 12, "过千万元")\n'
            'def f():\n    """Docstring: 26.5% of last year."""\n    # a comment with 35,000\n    return 1\n')
    assert code_numbers(code) == []


# ---------------------------------------------------------------- nbval really compares

NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(REPO_ROOT / "tests" / "nbval-sanitize.cfg")]


def test_nbval_fails_when_a_stored_number_changes(tmp_path):
    source = REPO_ROOT / "book" / "appendix" / "data-and-methods.ipynb"
    nb = load(source)
    # find a stored text output with a number in it and change that number
    for cell in code_cells(nb):
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/markdown", []))
            match = re.search(r"\b([0-9]{2,})\b", text)
            if match:
                changed = text[:match.start()] + str(int(match.group(1)) + 1) + text[match.end():]
                output["data"]["text/markdown"] = changed
                break
        else:
            continue
        break
    else:
        pytest.fail("no stored markdown output with a number found to mutate")
    untouched, mutated = tmp_path / "untouched.ipynb", tmp_path / "mutated.ipynb"
    shutil.copy(source, untouched)
    mutated.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    ok = subprocess.run(NBVAL + [str(untouched)], capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout[-2000:]
    bad = subprocess.run(NBVAL + [str(mutated)], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode != 0 and "mismatch" in bad.stdout.lower(), bad.stdout[-2000:]


# ---------------------------------------------------------------- no code in the body

#: Cell tags that keep a code cell's source out of the page's text: removed, or collapsed behind
#: "Show the code" on the site and left out of the PDF (hide-input; sphinxext/publication.py).
HIDDEN = {"remove-cell", "remove-input", "hide-input"}


def shown_code(nb: dict) -> list[int]:
    """Indexes of code cells whose source the reader would see."""
    return [i for i, c in enumerate(code_cells(nb)) if not HIDDEN & set(c.get("metadata", {}).get("tags", []))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_code_is_shown_in_the_body(path):
    shown = shown_code(load(path))
    assert not shown, f"{path.relative_to(REPO_ROOT)}: code cells {shown} are shown; tag them hide-input " \
                      "(code belongs in the reproduce appendix)"


def test_the_code_check_catches_a_visible_cell():
    nb = load(NOTEBOOKS[0])
    nb["cells"].append({"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [], "execution_count": None})
    assert shown_code(nb)
