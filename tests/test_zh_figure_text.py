"""The words the site adds under and inside a chart (its data links, its alt text's numbers) are in the
edition's language: Chinese in the Chinese edition, from the Chinese drawing's data file."""
from __future__ import annotations

import glob
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from tenprograms.sphinxext import chartalt, figdata

ZH_DATA = sorted(glob.glob(str(REPO_ROOT / "book" / "**" / "figure-data" / "*@zh.csv"), recursive=True))


@pytest.mark.parametrize("path", ZH_DATA, ids=lambda p: Path(p).stem)
def test_a_chinese_charts_alt_numbers_are_said_in_chinese(path):
    sentence = chartalt.values_sentence(Path(path), "zh")
    english = chartalt.values_sentence(Path(path.replace("@zh", "")), "en")
    assert bool(sentence) == bool(english)
    if sentence:
        assert sentence.startswith(("图中数值", "该图共绘有")) and "Values shown" not in sentence


def test_the_data_links_sentence_has_both_languages():
    assert set(figdata.WORDS) == {"en", "zh"}
    assert all(len(words) == 3 for words in figdata.WORDS.values())
    assert not any(c.isascii() and c.isalpha() for c in "".join(figdata.WORDS["zh"]))


def test_every_chinese_drawing_has_an_english_one():
    assert ZH_DATA, "no Chinese chart data: the Chinese charts were not drawn"
    for path in ZH_DATA:
        assert Path(path.replace("@zh", "")).exists(), path


def test_a_point_on_a_time_axis_is_read_by_its_value_not_its_date():
    # a line drawn against dates has its x written as the date (figdata: 2020-01-01)
    assert chartalt._point_value("2020-01-01", "74.0") == 74.0
    assert chartalt._point_value("2.0", "57.94") == 57.94      # a category's place, then the value
    assert chartalt._point_value("0.0", "12.0") == 12.0
