"""The Chinese edition (issue #31): the catalogs' check, the catalogs themselves, the i18n extension,
and the zh site.

`make check-translations` (scripts/check_translations.py) must catch what a translator or an author
can break: a translation left missing, an English paragraph edited after it was translated (fuzzy,
showing the English it was translated from), a paragraph removed (obsolete), and a translation whose
roles differ from the English (a glue key, a format spec, a reference target dropped or changed).
It is proved here on fixture catalogs (tests/fixtures/translations/: a page's .pot and its complete
translation), each test breaking one thing. The real catalogs are checked for what `make gettext`
must give (one a page, no code output, no bare numbers, the parts' captions, no python-format flag);
their completeness is `make check-translations`' business once the translators are done.

The build tests read the zh site (built_html_zh): lang="zh-CN", the switcher and the hreflang
alternates resolve to existing pages in both directions, and its search finds 市场主体 in chapter 7.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import REPO_ROOT
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.util.nodes import extract_messages

from tenprograms.sphinxext import i18n

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import check_translations as ct  # noqa: E402 (scripts/ is not a package)

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "translations"
LOCALE = REPO_ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
TOC = REPO_ROOT / "_toc.yml"


@pytest.fixture
def catalogs(tmp_path):
    """A locale folder and a gettext build, each with the fixture page: (locale, pot)."""
    locale, pot = tmp_path / "locale" / "book", tmp_path / "pot" / "book"
    locale.mkdir(parents=True)
    pot.mkdir(parents=True)
    shutil.copy(FIXTURES / "page.po", locale / "page.po")
    shutil.copy(FIXTURES / "page.pot", pot / "page.pot")
    return locale.parent, pot.parent


def run(locale: Path, pot: Path | None, capsys) -> tuple[int, str]:
    code = ct.main(["--locale", str(locale)] + (["--pot", str(pot)] if pot else []))
    return code, capsys.readouterr().out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the check, on fixture catalogs ---------------------------------------------------------------


def test_a_complete_current_translation_passes(catalogs, capsys):
    code, out = run(*catalogs, capsys)
    assert code == 0, out
    assert "4 translated, 0 missing, 0 fuzzy, 0 obsolete, 0 role mismatches" in out


def test_an_edited_english_paragraph_is_fuzzy_and_shows_the_english_it_was_translated_from(catalogs, capsys):
    locale, pot = catalogs
    edit(pot / "book" / "page.pot", "new registrations in", "new registrations between January and July")
    code, out = run(locale, pot, capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "fuzzy" in x)
    assert "book/page.po" in line
    # the change, word by word, in its context: the English it was translated from, the English now
    assert "new registrations [-in-] [+between January and July+] {glue:text}`year`" in line
    # the catalog itself is untouched: the check merges in a scratch copy
    assert (locale / "book" / "page.po").read_text(encoding="utf-8") == (FIXTURES / "page.po").read_text(
        encoding="utf-8")


def test_a_removed_paragraph_leaves_an_obsolete_translation(catalogs, capsys):
    locale, pot = catalogs
    path = pot / "book" / "page.pot"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("#: ../../book/page.ipynb:40002")], encoding="utf-8")
    code, out = run(locale, pot, capsys)
    assert code == 1
    assert "obsolete" in out and "What the figures cannot show" in out


def test_a_new_paragraph_and_a_new_page_are_missing(catalogs, capsys):
    locale, pot = catalogs
    with open(pot / "book" / "page.pot", "a", encoding="utf-8") as f:
        f.write('\n#: ../../book/page.ipynb:50002\nmsgid "A new paragraph."\nmsgstr ""\n')
    shutil.copy(pot / "book" / "page.pot", pot / "book" / "other.pot")
    code, out = run(locale, pot, capsys)
    assert code == 1
    assert "book/page.po:../../book/page.ipynb:50002: missing: 'A new paragraph.'" in out
    assert "book/other.po: missing: the page has no catalog" in out


@pytest.mark.parametrize("old, new, expected", [
    ("{glue:text}`new__n`。", "32,792。", "missing {glue}`new`"),  # a typed number for a glued one
    ("同比增长{glue:text}`growth:.1f`", "同比增长{glue:text}`growth:.0f`", "extra {glue}`growth:.0f`"),
    ("{ref}`附录 <figures-market>`", "{ref}`附录 <figures-growth>`", "missing {ref}`figures-market`"),
    ("{numref}`fig-market-composition`）", "图）", "missing {numref}`fig-market-composition`"),
    ("统计{term}`市场主体`", "统计市场主体", "missing {term}`市场主体`"),
    ("出处见{srcref}`p7-s2`", "出处见{srcref}`p7-s3`", "missing {srcref}`p7-s2`"),
])
def test_a_translation_must_keep_the_english_roles(catalogs, capsys, old, new, expected):
    locale, pot = catalogs
    edit(locale / "book" / "page.po", old, new)
    code, out = run(locale, pot, capsys)
    assert code == 1
    assert "roles differ from the English" in out and expected in out, out


def test_a_translation_may_show_the_figure_as_the_report_printed_it(catalogs, capsys):
    # `stock` glues the figure in the report's own Chinese ('509158户'), `stock__n` the bare number:
    # the same figure, so the check accepts either
    locale, pot = catalogs
    edit(locale / "book" / "page.po", "总量{glue:text}`stock__n`", "总量{glue:text}`stock`")
    assert run(locale, pot, capsys)[0] == 0


def test_emphasis_that_would_show_its_asterisks_fails(catalogs, capsys):
    # CommonMark cannot close ** between 。 and the next character: **标题。**正文 prints the asterisks
    locale, pot = catalogs
    edit(locale / "book" / "page.po", "`growth:.1f`**；", "`growth:.1f`。**其后")
    code, out = run(locale, pot, capsys)
    assert code == 1 and "emphasis shows its asterisks" in out, out


@pytest.mark.parametrize("english, chinese, ok", [
    # the headline's English translation glosses the Chinese headline beside it: dropped in Chinese
    ("“{glue:text}`headline`” ({glue:text}`headline_en`)", "“{glue:text}`headline`”", True),
    # a date rendered in English is not a gloss: the Chinese must show it (as its @zh variant)
    ("To {glue:text}`end_en`, it rose", "截至8月27日，增加", False),
    # the gloss cannot stand in for the figure it glosses
    ("“{glue:text}`headline`” ({glue:text}`headline_en`)", "“{glue:text}`headline_en`”", False),
])
def test_only_a_gloss_beside_its_chinese_may_be_dropped(english, chinese, ok):
    assert (ct.role_problem(ct.Entry(msgid=english, msgstr=chinese)) is None) is ok


def test_a_references_displayed_text_is_translated_freely(catalogs, capsys):
    locale, pot = catalogs
    edit(locale / "book" / "page.po", "{ref}`附录 <figures-market>`", "{ref}`本书附录的数字表 <figures-market>`")
    assert run(locale, pot, capsys)[0] == 0


def test_the_summary_reports_without_failing(catalogs, capsys):
    locale, pot = catalogs
    edit(locale / "book" / "page.po", 'msgstr "要点"', 'msgstr ""')
    assert ct.main(["--locale", str(locale), "--summary"]) == 0
    assert "3 translated, 1 missing" in capsys.readouterr().out
    assert run(locale, None, capsys)[0] == 1


def test_the_po_reader_reads_what_msgmerge_writes(catalogs):
    locale, pot = catalogs
    edit(pot / "book" / "page.pot", "What the figures cannot show", "What the figures cannot tell")
    entries = ct.merged_entries(locale / "book" / "page.po", pot / "book" / "page.pot")
    fuzzy = [(e.msgid, e.previous_msgid, e.msgstr) for e in entries if e.fuzzy]
    assert fuzzy == [("What the figures cannot tell", "What the figures cannot show", "数字无法说明的")]
    multi = next(e for e in entries if e.msgid.startswith("**A stock"))
    assert multi.msgid.endswith("{glue:text}`year`.") and multi.msgstr.startswith("**7月末总量")


# --- the real catalogs -----------------------------------------------------------------------------


def page_catalogs() -> list[Path]:
    return sorted(p for p in LOCALE.rglob("*.po") if p.stem not in ct.INTERFACE)


def test_every_page_of_the_book_has_its_catalog():
    pages = set(re.findall(r"file:\s*(\S+)", TOC.read_text(encoding="utf-8"))) | {"book/intro"}
    have = {p.relative_to(LOCALE).with_suffix("").as_posix() for p in page_catalogs()}
    assert pages == have


def test_the_catalogs_hold_no_code_output_and_no_bare_numbers():
    entries = [e for p in page_catalogs() for e in ct.parse_po(p)]
    assert len(entries) > 300
    bare = [e.msgid for e in entries if re.fullmatch(r"[\d\s.,%()+\-–—/:]+", e.msgid)]
    assert not bare
    # what the chapters' code prints (a DataFrame's cells, a table of figures) is not prose
    assert not [e.msgid for e in entries if e.msgid.startswith(("metric_id", "<", "{'"))]


def test_the_parts_captions_are_in_the_root_pages_catalog():
    captions = re.findall(r"caption:\s*(.+)", TOC.read_text(encoding="utf-8"))
    intro = {e.msgid for e in ct.parse_po(LOCALE / "book" / "intro.po")}
    assert captions and set(captions) <= intro


@pytest.mark.parametrize("path", page_catalogs() + [LOCALE / "sphinx.po", LOCALE / "booktheme.po"],
                         ids=lambda p: p.name)
def test_every_catalog_compiles_strictly(path):
    """msgfmt -c rejects a python-format flag on a message that is not one (sphinx-intl sets them)."""
    assert "python-format" not in path.read_text(encoding="utf-8")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- the extension -----------------------------------------------------------------------------------


def rst_document(text: str) -> nodes.document:
    settings = get_default_settings(Parser)
    document = new_document("page.rst", settings)
    Parser().parse(text, document)
    for node in document.findall(nodes.TextElement):
        node.source = node.source or "page.rst"
    return document


def test_cell_outputs_never_enter_the_catalogs():
    document = rst_document("A paragraph of prose.\n\n.. container:: output\n\n   33\n\n   A printed line.\n")
    for container in document.findall(nodes.container):
        container["classes"] = ["cell_output"]  # myst-nb's class (docutils would write cell-output)
    before = [m for _, m in extract_messages(document)]
    assert "33" in before and "A printed line." in before  # without the transform they would
    transform = i18n.NoTranslateOutputs(document)
    transform.apply()
    assert [m for _, m in extract_messages(document)] == ["A paragraph of prose."]


@pytest.mark.parametrize("language, key, expected", [
    ("zh_CN", "stock", "stock@zh"), ("zh_CN", "year", "year"), ("en", "stock", "stock"), (None, "stock", "stock"),
    ("zh_CN", "stock@zh", "stock@zh"),
])
def test_a_zh_build_prefers_the_zh_variant_of_a_glue_key(language, key, expected):
    assert i18n.localize(language, {"stock", "stock@zh", "year"}, key) == expected


# --- the zh site -----------------------------------------------------------------------------------------


def zh_pages(site: Path) -> list[Path]:
    """The site's pages (not its assets, nor jupyter-book's redirect index.html)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts
                  and "<html" in p.read_text(encoding="utf-8")[:2000])


def links(page: Path, pattern: str) -> list[str]:
    return [unescape(h) for h in re.findall(pattern, page.read_text(encoding="utf-8"))]


def test_every_zh_page_is_chinese_with_a_chinese_interface(built_html_zh):
    pages = zh_pages(built_html_zh)
    assert len(pages) > 25
    for page in pages:
        head = page.read_text(encoding="utf-8")[:400]
        assert '<html lang="zh-CN"' in head, page
    chapter = (built_html_zh / "book" / "programs" / "07-market.html").read_text(encoding="utf-8")
    for text in ("搜索本书……", "上一页", "下一页", "目录", "十大工程", "附录", "图 7.1", "链接到此标题", "打印为 PDF"):
        assert text in chapter, text
    for text in ("Link to this", "Search this book", "Print to PDF", ">Appendices<"):
        assert text not in chapter, text


def test_glue_inside_a_translated_paragraph_keeps_its_values(built_html_zh):
    chapter = (built_html_zh / "book" / "programs" / "07-market.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", chapter)
    match = re.search(r"企业类市场主体（图 7\.1）占新登记的([^，]+)，却只占存量的([^；]+)；", text)
    assert match and all(re.search(r"\d", g) for g in match.groups()), "a glued value is missing"



def test_no_zh_page_shows_an_untranslated_paragraph(built_html_zh):
    # translation_progress_classes marks a paragraph that fell back to English (missing or fuzzy entry)
    fallen_back = [str(p.relative_to(built_html_zh)) for p in zh_pages(built_html_zh)
                   if 'class="untranslated"' in p.read_text(encoding="utf-8")]
    assert fallen_back == []


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_the_switcher_and_alternates_lead_to_the_same_page_of_the_other_edition(built_html, built_html_zh, edition):
    site = built_html_zh if edition == "zh" else built_html
    other = built_html if edition == "zh" else built_html_zh
    pages = zh_pages(site) if edition == "zh" else [p for p in zh_pages(site) if built_html_zh not in p.parents]
    assert pages
    for page in pages:
        switch = links(page, r'class="btn btn-sm tp-lang-switcher" href="([^"]+)"')
        alternates = links(page, r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"')
        assert len(switch) == 1 and len(alternates) == 2, page
        target = (page.parent / switch[0]).resolve()
        assert target.is_file(), f"{page}: the switcher leads to {switch[0]}, which does not exist"
        assert target.relative_to(other.resolve()) == page.relative_to(site), page
        for alternate in alternates:
            assert (page.parent / alternate).resolve().is_file(), f"{page}: {alternate}"


def test_the_zh_search_finds_a_chinese_word_in_chapter_7(built_html_zh, server, browser):
    page = browser.new_page()
    page.goto(f"{server}/zh/search.html?q={quote('市场主体')}", wait_until="networkidle")
    page.wait_for_function("(document.querySelector('#search-results p.search-summary') || {}).innerText",
                           timeout=20_000)
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.getAttribute('href'))")
    page.close()
    assert any("book/programs/07-market.html" in h for h in hrefs), hrefs


class FakeEnv:
    """What _rewrite_role_text asks of Sphinx's environment, for a notebook page with a glue cache."""

    def __init__(self, language, cache):
        self.config = type("Config", (), {"language": language})()
        self.docname = "book/programs/07-market"
        self.mystnb_config = type("NbConfig", (), {"output_folder": str(cache)})()

    def doc2path(self, docname, base=True):
        return f"{'/src/' if base else ''}{docname}.ipynb"

    def relfn2path(self, rel, docname):
        return rel, f"/src/book/programs/{rel}"

    def path2doc(self, path):
        return path.removeprefix("/src/").removesuffix(".ipynb")


@pytest.fixture
def glue_cache(tmp_path):
    folder = tmp_path / "book" / "programs"
    folder.mkdir(parents=True)
    (folder / "07-market.glue.json").write_text('{"stock": {}, "stock@zh": {}, "year": {}}', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("language, text, expected", [
    # inside a translation: a pending reference to this notebook, in the build's language, with a spec
    ("zh_CN", "stock", "07-market.ipynb::stock@zh:s"),
    ("zh_CN", "stock:.1f", "07-market.ipynb::stock@zh:.1f"),
    ("zh_CN", "year", "07-market.ipynb::year:s"),
    ("en", "stock", "07-market.ipynb::stock:s"),
    # a glue from another notebook keeps its notebook and gets the variant from that notebook's cache
    ("zh_CN", "07-market.ipynb::stock:.0f", "07-market.ipynb::stock@zh:.0f"),
])
def test_glue_in_a_translated_message_becomes_a_reference_to_its_notebook(glue_cache, language, text, expected):
    document = new_document("x.ipynb:12:<translated>", get_default_settings(Parser))
    assert i18n._rewrite_role_text(FakeEnv(language, glue_cache), document, text, has_fmt=True) == expected


def test_glue_in_the_notebooks_own_text_is_left_to_myst_nb(glue_cache):
    document = new_document("07-market.ipynb", get_default_settings(Parser))  # no renderer: not a notebook parse
    assert i18n._rewrite_role_text(FakeEnv("zh_CN", glue_cache), document, "stock:.1f", has_fmt=True) == "stock:.1f"
