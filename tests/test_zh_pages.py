"""The Chinese edition's generated pages show no English: the 2018-targets tables (their verdict reasons
from data/pairings.csv note_zh), the context chapter's primer, the sensitivity table, the data dictionary
(datapackage.json description_zh), the manifest table, the citations (the zh config's title and author,
the programs' Chinese names), the bibliography (book/references-zh.bib) and the 404 page."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
import yaml
from test_zh_tables import english_left

from tenprograms.analysis import targets
from tenprograms.data import pairings as pairings_mod
from tenprograms.data.dataset import load_dataset
from tenprograms.data.paths import REPO_ROOT, data_dir
from tenprograms.render import bilingual, cite, pages, targets2018

#: Latin letters a Chinese table cell may show besides test_zh_tables.LATIN_ALLOWED: file names,
#: field names and ids of the data (the dictionary's first column), checksums, format names.
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def cells(frame) -> list[str]:
    return [str(v) for column in frame.columns for v in [column, *frame[column]]]


# ---------------------------------------------------------------- the tables, computed

def test_the_2018_targets_tables_are_chinese(ds):
    tracker = targets2018.tracker_table(ds, targets.outside_targets(ds), "caption", "标题").zh.frame
    context = targets2018.context_table(ds, ds.context[ds.context["topic"] == "target_2018"], "caption", "标题").zh.frame
    # the tracker refers to a target by the {outside} role (markup: the zh build prints display_zh)
    text = [re.sub(r"\{outside\}`[a-z0-9_]+`", "", c) for c in cells(tracker) + cells(context)]
    english = [c for c in text if english_left(c)]
    assert english == [], english
    # every verdict gives the pairing's own Chinese reason, on the row of its target
    paired = targets.outside_targets(ds).query("verdict != 'no figure'")
    assert len(tracker) == len(paired)
    for (fact_id, row), verdict in zip(paired.iterrows(), tracker["是否可比"]):
        assert row["reason_zh"] and row["reason_zh"] in verdict, fact_id


def test_the_primer_helpers_and_the_sensitivity_table_are_chinese(ds):
    texts = [bilingual.readings_zh(ds, m) for m in ("civility_eateries_regulated", "infrastructure_health_cards_issued",
                                                   "talent_scarce_per_year", "market_indicators_over80_completion")]
    texts.append(bilingual.ratio_example_zh(ds, "tourism_a_level_visitors_pct_last_year"))
    texts += cells(bilingual.sensitivity_tables(ds, "caption", "标题").zh.frame)
    english = [t for t in texts if english_left(t.replace("余", ""))]
    assert english == [], english


def test_the_sensitivity_table_has_the_same_verdicts_in_both_languages(ds):
    tables = bilingual.sensitivity_tables(ds, "caption", "标题")
    en, zh = tables.en.frame, tables.zh.frame
    assert en.shape == zh.shape
    for e, z in zip(en.iloc[:, 2:-1].to_numpy().ravel(), zh.iloc[:, 2:-1].to_numpy().ravel()):
        assert bilingual.SENSITIVITY_ZH[e] == z


# ---------------------------------------------------------------- pairings.csv: the Chinese columns

def _rows(edit) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO((data_dir() / pairings_mod.FILE).read_text(encoding="utf-8"))))
    edit(rows)
    return rows


def _problems(ds, rows) -> list[str]:
    return [str(p) for p in pairings_mod.check(rows, set(ds.metrics.index), ds.context)[1]]


def test_a_note_without_its_chinese_is_rejected_with_file_row_and_column(ds):
    def edit(rows):
        rows[4]["note_zh"] = ""
        rows[0]["differs_zh"] = ""
        rows[9]["note_zh"] = "a note in English"
    problems = _problems(ds, _rows(edit))
    assert ("data/pairings.csv, line 6 (target=ctx_target_market_entities), column note_zh: "
            "note is set: give it in Chinese too") in problems
    assert any(p.startswith("data/pairings.csv, line 2 (") and "column differs_zh" in p for p in problems), problems
    assert any("line 11" in p and "column note_zh" in p for p in problems), problems


def test_every_pairing_note_has_its_chinese(ds):
    for pairing in pairings_mod.pairings(ds).values():
        assert bool(pairing.note) == bool(pairing.note_zh) and bool(pairing.differs) == bool(pairing.differs_zh)


# ---------------------------------------------------------------- the data dictionary

def test_every_resource_and_field_has_a_chinese_description(ds):
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    missing = [r["name"] for r in package["resources"] if not re.search(r"[\u4e00-\u9fff]", r.get("description_zh", ""))]
    missing += [f"{r['name']}.{f['name']}" for r in package["resources"] for f in r["schema"]["fields"]
                if not re.search(r"[\u4e00-\u9fff]", f.get("description_zh", ""))]
    assert missing == []


def test_the_chinese_dictionary_refuses_a_field_without_chinese(ds):
    text = pages.data_dictionary_markdown(ds, "zh").data
    assert "必填" in text and "Primary key" not in text and "required" not in text
    broken = copy.deepcopy(ds.schema)
    del broken["resources"][1]["schema"]["fields"][2]["description_zh"]
    with pytest.raises(ValueError, match=r"metrics\.line has no description_zh"):
        pages.data_dictionary_markdown(type("DS", (), {"schema": broken})(), "zh")


# ---------------------------------------------------------------- citations and the bibliography

def test_the_chinese_citations_use_the_chinese_title_author_and_program_names(ds):
    zh = yaml.safe_load((REPO_ROOT / "locales" / "zh_CN" / "config.yml").read_text(encoding="utf-8"))
    text = cite.citations_markdown_zh(ds)
    assert zh["title"] in text and zh["author"] in text
    assert cite.metadata()["title"] not in text
    for name_en in ds.programs["name_en"]:
        assert name_en not in text
    assert all(name in text for name in ds.programs["name_zh"])


def test_the_chinese_bibliography_has_the_same_keys():
    def keys(name):
        return re.findall(r"@\w+\{([^,]+),", (REPO_ROOT / "book" / name).read_text(encoding="utf-8"))
    assert keys("references-zh.bib") == keys("references.bib")
    zh = yaml.safe_load((REPO_ROOT / "locales" / "zh_CN" / "config.yml").read_text(encoding="utf-8"))
    assert zh["bibtex_bibfiles"] == ["book/references-zh.bib"]


# ---------------------------------------------------------------- the built Chinese pages

class _Text(HTMLParser):
    """The text of a page's main part, code and scripts left out."""
    SKIP = {"script", "style", "code", "pre"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip, self.main = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP or self.skip:
            self.skip += 1
        if tag == "main":
            self.main += 1

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
        elif tag == "main":
            self.main -= 1

    def handle_data(self, data):
        if not self.skip and self.main:
            self.parts.append(data)


def _table_text(html: str, name: str) -> str:
    """The text of the table whose anchor (id) is `name`."""
    start = html.index(f'id="{name}"')
    start = html.rindex("<table", 0, start + 1) if "<table" in html[max(0, start - 400):start] else start
    end = html.index("</table>", start)
    parser = _Text()
    parser.main = 1
    parser.feed(html[start:end])
    return " ".join(parser.parts)


@pytest.mark.parametrize("page, tables", [
    ("book/across/targets.html", ["tbl-targets-2018", "tbl-hedge-sensitivity"]),
    ("book/context.html", ["tbl-context-targets", "tbl-context-primer"]),
    ("book/appendix/data-and-methods.html", ["tbl-manifest"]),
    ("book/appendix/data-dictionary.html", ["tbl-dictionary-programs", "tbl-dictionary-claims"]),
])
def test_the_built_chinese_tables_show_no_english(built_html_zh, page, tables):
    html = (built_html_zh / page).read_text(encoding="utf-8")
    for name in tables:
        text = _table_text(html, name)
        # the dictionary's field names, file names and enum values are the data's own
        text = re.sub(r"`[^`]*`|[A-Za-z_.-]+\.(csv|json|yml|cff)(?![A-Za-z])", "", text)
        text = re.sub(r"SHA-256|\b[0-9a-f]{16}\b", "", text)      # the checksum and its name
        words = [w for w in WORD.findall(text) if not (name.startswith("tbl-dictionary") and "_" in w)]
        if name.startswith("tbl-dictionary"):
            words = [w for w in words if w not in _data_words()]
        assert words == [], (page, name, words)


def _data_words() -> set[str]:
    """The data's own Latin words (field names, enum values, type codes) the dictionary shows as they are."""
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    words = set()
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            words |= set(WORD.findall(field["name"]))
            for value in field.get("constraints", {}).get("enum", []):
                words |= set(WORD.findall(str(value)))
            words |= set(WORD.findall(field.get("constraints", {}).get("pattern", "")))
            words |= set(WORD.findall(field.get("description_zh", "")))
        words |= set(WORD.findall(resource.get("description_zh", "")))
        for fk in resource["schema"].get("foreignKeys", []):
            words |= set(WORD.findall(json.dumps(fk)))
    return words


def _main(path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def test_the_built_chinese_citations_bibliography_and_404(built_html_zh, built_html):
    cite_page = _main(built_html_zh / "book" / "appendix" / "cite.html")
    assert "Xiangyang’s Ten Programs" not in cite_page and "The Ten Programs Book contributors" not in cite_page
    refs = _main(built_html_zh / "book" / "appendix" / "references.html")
    assert "Xiangyang Daily" not in refs
    methods = _main(built_html_zh / "book" / "appendix" / "data-and-methods.html")
    assert "襄阳日报, 2020" in methods and "Xiangyang Daily" not in methods
    assert "页面不存在" in (built_html_zh / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (built_html / "404.html").read_text(encoding="utf-8")


def test_the_daggers_say_where_a_fact_is_from_in_the_editions_language(built_html_zh, built_html):
    """A dagger's hover title names its fact's source and grade: in Chinese on the Chinese site (it was
    "From outside the report (Grade C: …): Hubei Daily …" on both)."""
    mark = re.compile(r'class="[^"]*outside-mark[^"]*"[^>]*title="([^"]*)"|title="([^"]*)"[^>]*class="[^"]*outside-mark')
    for site, start in ((built_html_zh, "报告以外的事实（"), (built_html, "From outside the report (Grade ")):
        titles = [a or b for page in (site / "book").rglob("*.html")
                  for a, b in mark.findall(page.read_text(encoding="utf-8"))]
        assert len(titles) > 100
        assert all(t.startswith(start) for t in titles), sorted({t[:40] for t in titles if not t.startswith(start)})
