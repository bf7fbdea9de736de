"""The bibliography in the form the text cites it (review: the entry "[XiangyangDaily20]" did not match
the citation "[襄阳日报 (Xiangyang Daily), 2020]"; the Chinese edition's entries read "[20a]").

Two pybtex styles, chosen by `bibtex_default_style`: `tenprograms` (the English edition) and
`tenprograms-zh` (the Chinese one, locales/zh_CN/config.yml). Each entry is labelled as the text cites
it, "[Hubei Daily, 2018]" ("n.d." when the source gives no year), the list is sorted by that label, and
the entry's body does not repeat its author and year: the title (for a source of an outside fact, its
description), the note (the kind of copy and the grade), and where and when it was seen, in the
edition's language.
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as Unsrt
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, optional

#: What a source without a year is cited with (as sphinxcontrib-bibtex's author_year style does).
NO_YEAR = "n.d."


def label(entry) -> str:
    """'Hubei Daily, 2018': the authors' last names and the year, as {cite:p} prints them."""
    authors = " and ".join(" ".join(n.render_as("text") for n in person.rich_last_names)
                           for person in entry.persons.get("author", []))
    return f"{authors}, {entry.fields.get('year', NO_YEAR)}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield label(entry)


class ByLabel(BaseSortingStyle):
    """By the label; a Chinese entry by its author's pinyin (field sortkey), as Chinese bibliographies are."""

    def sorting_key(self, entry):
        return (entry.fields.get("sortkey") or label(entry)).casefold(), entry.fields.get("year", "")


class Style(Unsrt):
    """The English edition's entries: Title. Note. URL: address (seen on date)."""

    default_label_style = AuthorYearLabels
    default_sorting_style = ByLabel
    #: between the entry's sentences, at their end, and around the address and the date it was seen
    space, period = " ", "."
    seen = ("URL: ", " (seen on ", ").")

    def get_misc_template(self, e):
        url = field("url", raw=True)
        before, opening, closing = self.seen
        return join(sep=self.space)[
            optional[join[field("title"), self.period]],
            optional[join[field("note"), self.period]],
            optional[join[before, href(url)[url], optional[join[opening, field("urldate"), closing]]]],
        ]

    def get_online_template(self, e):
        return self.get_misc_template(e)


class StyleZh(Style):
    """The Chinese edition's: the same entries, punctuated and worded in Chinese."""

    space, period = "", "。"
    seen = ("网址：", "（查阅日期：", "）。")


def setup(app):
    register_plugin("pybtex.style.formatting", "tenprograms", Style)
    register_plugin("pybtex.style.formatting", "tenprograms-zh", StyleZh)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
