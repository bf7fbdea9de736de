"""The Chinese of the derived numbers (book/derived-zh/*.yml, render/derived_zh.py): every registered
derived number has its Chinese definition, assumption and caveat, so a new derived number without
Chinese fails here; the loader rejects an id given twice, an unknown id, a missing field and a value
with no Chinese, naming the file and the id. The build tests read the zh site (built_html_zh): the
appendix page of derived numbers shows no English word outside ids, code and file names, and the hover
title of every derived number in the Chinese prose is Chinese."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from tenprograms.render import derived as dn
from tenprograms.render import derived_zh

PAGE = "book/appendix/derived-numbers.html"


def test_every_registered_derived_number_has_its_chinese():
    definitions = dn.registry()
    assert derived_zh.missing(derived_zh.load_texts(), definitions) == []


def test_every_unit_has_its_chinese():
    assert sorted({d.unit for d in dn.registry().values()} - set(derived_zh.UNITS)) == []


def test_the_chinese_files_split_the_registry_in_its_order():
    """part1.yml holds the first ids of book/derived.yml, part2.yml the rest, each in registry order."""
    ids = list(dn.registry())
    seen = []
    for path in sorted(derived_zh.DIRECTORY.glob("*.yml")):
        part = list(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert part == ids[len(seen):len(seen) + len(part)], path.name
        seen += part
    assert seen == ids


def write(directory, name, entries):
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


ENTRY = {"definition": "7月末实有市场主体总量占目标的比例", "assumption": "口径相同。", "caveat": "存量对照年末目标。"}


def test_the_loader_reads_and_merges_the_files(tmp_path):
    write(tmp_path, "a.yml", {"market_target_share": ENTRY})
    write(tmp_path, "b.yml", {"market_target_gap": ENTRY})
    texts = derived_zh.load_texts(tmp_path)
    assert texts["market_target_share"]["definition"] == ENTRY["definition"]
    assert sorted(texts) == ["market_target_gap", "market_target_share"]


@pytest.mark.parametrize("files, message", [
    ({"a.yml": {"market_target_share": ENTRY}, "b.yml": {"market_target_share": ENTRY}},
     "b.yml: market_target_share: already given in a.yml"),
    ({"a.yml": {"market_target_shares": ENTRY}}, "a.yml: market_target_shares: no derived number"),
    ({"a.yml": {"market_target_share": {k: v for k, v in ENTRY.items() if k != "caveat"}}},
     "a.yml: market_target_share: missing caveat"),
    ({"a.yml": {"market_target_share": {**ENTRY, "caveat": "A stock set against a target."}}},
     "a.yml: market_target_share: caveat has no Chinese character"),
    ({"a.yml": {"market_target_share": {**ENTRY, "unit": "户"}}},
     "a.yml: market_target_share: unit not a text field"),
])
def test_the_loader_names_file_and_id_of_a_bad_entry(tmp_path, files, message):
    for name, entries in files.items():
        write(tmp_path, name, entries)
    with pytest.raises(ValueError, match=re.escape(message)):
        derived_zh.load_texts(tmp_path)


# ---------------------------------------------------------------- the built Chinese site

#: A run of Latin letters that is a word; ids, code and file names contain _ . / or sit in <code>.
TOKEN = re.compile(r"[A-Za-z0-9_./:@µ³²-]+")
#: Names a Chinese text writes in Latin letters too (pollutants, as GB 3095-2012 names them; GDP)
ALLOWED = {"GDP", "PM10", "PM2.5"}


def english_words(text: str) -> list[str]:
    words = []
    for token in TOKEN.findall(text):
        if re.search(r"[_./]", token) or token in ALLOWED:
            continue
        if re.search(r"[A-Za-z]{2,}", token):
            words.append(token)
    return words


def entries(html: str) -> dict[str, str]:
    """Each entry's visible text outside <code>, by its anchor."""
    html = re.sub(r"<code\b.*?</code>", " ", html, flags=re.S)
    found = re.findall(r'<div[^>]*\bid="(derived-[^"]+)"[^>]*>(.*?)</ul>\s*</div>', html, flags=re.S)
    return {ident: unescape(re.sub(r"<[^>]+>", "", body)) for ident, body in found}


def test_the_zh_page_of_derived_numbers_has_no_english_word(built_html_zh):
    shown = entries((built_html_zh / PAGE).read_text(encoding="utf-8"))
    assert len(shown) == len(dn.registry())
    english = {ident: words for ident, text in shown.items() if (words := english_words(text))}
    assert english == {}
    some = shown["derived-market-target-share"]
    for label in ("输入", "计算方式", "假设", "注意", "所在页面"):
        assert label + "：" in some, label


def test_the_english_page_keeps_its_english(built_html):
    shown = entries((built_html / PAGE).read_text(encoding="utf-8"))
    assert len(shown) == len(dn.registry())
    text = shown["derived-market-target-share"]
    for label in ("Inputs:", "Computed by:", "Assumption:", "Caveat:", "Printed on:"):
        assert label in text, label
    assert "The stock of market entities at the end of July" in text and "输入" not in text


def test_the_hover_title_of_a_derived_number_in_the_chinese_prose_is_chinese(built_html_zh):
    titles = []
    for page in built_html_zh.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        titles += [unescape(t) for t in re.findall(r'<a class="[^"]*derived-number[^"]*"[^>]*title="([^"]*)"', html)]
        titles += [unescape(t) for t in re.findall(r'<a [^>]*title="([^"]*)"[^>]*class="[^"]*derived-number', html)]
    assert len(titles) > 50
    bad = [t for t in titles if "输入：" not in t or "计算方式：" not in t
           or english_words(re.sub(r"计算方式：.*", "", t).split("输入：")[0])]
    assert bad == []
