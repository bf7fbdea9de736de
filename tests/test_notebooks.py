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

_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")          # {glue:text}`x`, {numref}`tbl-x`, {term}`…`
_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIRECTIVE_OPTION = re.compile(r"^:[a-z-]+:.*$", re.M)
_FENCE_HEADER = re.compile(r"^(```|:::)\{[^}]*\}.*$", re.M)
#: Digits that are names or dates, not figures: these may be typed.
NAMES = ["SHA-256", "5G", "PM2.5", "PM10", "3+2", "1+1+11", "1+8", "GB 3095-2012", "COVID-19", "UTF-8", "A4"]
_YEAR = re.compile(r"\b(19|20)[0-9]{2}\b")


def prose_digits(markdown: str) -> list[str]:
    text = _COMMENT.sub("", markdown)
    text = _ROLE.sub("", text)
    text = _CODE.sub("", text)
    text = _LINK_TARGET.sub("]", text)
    text = _DIRECTIVE_OPTION.sub("", text)
    text = _FENCE_HEADER.sub("", text)
    for name in NAMES:
        text = text.replace(name, "")
    text = _YEAR.sub("", text)
    return [m.group() for m in re.finditer(r".{0,25}[0-9].{0,25}", text)]


def markdown_of(path: Path) -> list[str]:
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"```\{bibliography\}.*?```", "", text, flags=re.S)
        return [text]
    return ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", book_pages(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_number_is_typed_into_prose(path):
    found = [snippet for md in markdown_of(path) for snippet in prose_digits(md)]
    assert not found, f"{path.relative_to(REPO_ROOT)}: digits typed into prose (glue them): {found}"


def test_the_prose_check_catches_a_typed_number():
    assert prose_digits("Tax cuts were 17.2 billion yuan.")
    assert prose_digits("A share of 21% in 2020.") == ["A share of 21% in ."]
    assert not prose_digits("Tax cuts were {glue:text}`growth_tax_cuts__en`, see {numref}`tbl-growth-figures`.")


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

#: Cell tags that keep a code cell's source out of the page (its output may show).
HIDDEN = {"remove-cell", "remove-input"}


def shown_code(nb: dict) -> list[int]:
    """Indexes of code cells whose source the reader would see."""
    return [i for i, c in enumerate(code_cells(nb)) if not HIDDEN & set(c.get("metadata", {}).get("tags", []))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_code_is_shown_in_the_body(path):
    shown = shown_code(load(path))
    assert not shown, f"{path.relative_to(REPO_ROOT)}: code cells {shown} are shown; tag them remove-cell or remove-input " \
                      "(code belongs in the reproduce appendix)"


def test_the_code_check_catches_a_visible_cell():
    nb = load(NOTEBOOKS[0])
    nb["cells"].append({"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [], "execution_count": None})
    assert shown_code(nb)
