"""`tp.open_chapter(slug)`: the one call that opens every program chapter."""
from __future__ import annotations

import pytest

import tenprograms.chapter as chapter_module
from tenprograms import load_dataset, open_chapter


@pytest.fixture
def glued(monkeypatch):
    names: dict[str, object] = {}
    monkeypatch.setattr(chapter_module, "glue", lambda name, value, zh=None: names.__setitem__(name, value))
    monkeypatch.setattr(chapter_module, "glue_metrics",
                        lambda figures: names.update({i: "figure" for i in figures.index}))
    return names


def test_open_chapter_gives_the_program_and_glues_its_opening(glued):
    ds = load_dataset()
    ch = open_chapter("market", ds=ds)
    assert ch.number == 7 and ch.slug == "market" and ch.program["name_zh"] == "市场主体培育工程"
    assert (ch.figures["program"] == 7).all() and len(ch.figures) == (ds.metrics["program"] == 7).sum()
    assert glued["headline"] == ch.program["headline_zh"] and glued["n_figures"] == len(ch.figures)
    assert "market_stock_total" in glued and "growth_5g_sites_upgraded" not in glued
    assert ch.value("market_stock_total") == ds.value("market_stock_total")
    assert set(ch.checks["program"]) == {7} and "group" in ch.checks


def test_open_chapter_names_the_slugs_on_a_typo(glued):
    with pytest.raises(KeyError, match="grassroots"):
        open_chapter("markets", ds=load_dataset())


def test_terms_come_from_the_glossary_only(glued):
    ch = open_chapter("tourism", ds=load_dataset())
    assert ch.term("规上") == "above designated size"
    with pytest.raises(KeyError, match="glossary"):
        ch.term("不存在")
