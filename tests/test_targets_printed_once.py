"""Review trim (issue 29, item 7): the 2018 targets are printed in full once, in the context chapter's
table of them; the table of outside facts and the target tracker refer to it, and every target's
dagger lands on its row there. Read from the built sites (both editions)."""
from __future__ import annotations

import html
import re

import pytest

from tenprograms.data import facts
from tenprograms.data.dataset import load_dataset
from tenprograms.render import targets2018


@pytest.fixture(scope="module")
def targets():
    ds = load_dataset()
    return ds.context[ds.context["topic"] == facts.TARGET_TOPIC]


def visible(page) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def squeeze(text: str) -> str:
    """The text without spaces, with Sphinx's curly apostrophes made straight again."""
    return re.sub(r"\s+", "", text).replace("\u2019", "'")


def table_html(page: str, name: str) -> str:
    start = page.index(f'id="{name}"')
    return page[start:page.index("</table>", start)]


def where_printed(site, words: str) -> list[str]:
    """The pages of `site` (its own edition: /zh/ left out of the English one) whose text holds `words`."""
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts and (site.name == "zh" or "zh" not in
                                                                                   p.relative_to(site).parts)]
    return sorted(str(p.relative_to(site)) for p in pages if squeeze(words) in squeeze(visible(p)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_target_is_printed_in_full_once(lang, targets, built_html, built_html_zh):
    site = built_html if lang == "en" else built_html_zh
    column = "statement_en" if lang == "en" else "statement_zh"
    words = targets2018.target_words if lang == "en" else targets2018.target_words_zh
    printed = {fact_id: where_printed(site, words(s)) for fact_id, s in targets[column].items()}
    assert all(pages == ["book/context.html"] for pages in printed.values()), printed
    context = (site / "book" / "context.html").read_text(encoding="utf-8")
    in_table = squeeze(html.unescape(re.sub(r"<[^>]+>", "", table_html(context, facts.TARGETS_TABLE))))
    assert all(squeeze(words(s)) in in_table for s in targets[column])
    # ... and only once on that page
    assert all(squeeze(visible(site / "book" / "context.html")).count(squeeze(words(s))) == 1 for s in targets[column])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_target_daggers_land_on_the_targets_table(lang, targets, built_html, built_html_zh):
    site = built_html if lang == "en" else built_html_zh
    context = (site / "book" / "context.html").read_text(encoding="utf-8")
    in_targets = table_html(context, facts.TARGETS_TABLE)
    in_facts = table_html(context, facts.FACTS_TABLE)
    for fact_id in targets.index:
        assert f'id="{facts.anchor(fact_id)}"' in in_targets, fact_id
        assert f'id="{facts.anchor(fact_id)}"' not in in_facts, fact_id
    # the opinions' row of the table of outside facts refers to the targets' table
    parent = in_facts[in_facts.index(f'id="{facts.anchor(facts.TARGETS_PARENT)}"'):]
    parent = parent[:parent.index("</tr>")]
    assert f'href="#{facts.TARGETS_TABLE}"' in parent
    # the tracker refers to the targets by their daggers, which lead to those rows
    tracker = table_html((site / "book" / "across" / "targets.html").read_text(encoding="utf-8"), "tbl-targets-2018")
    linked = set(re.findall(r'href="\.\./context\.html#(ctx-target-[a-z0-9-]+)"', tracker))
    assert linked and linked <= {facts.anchor(i) for i in targets.index}
