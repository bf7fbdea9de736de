"""Chinese marked as Chinese: every run of Han characters on the site sits in an element with
lang="zh-Hans", so screen readers pronounce it as Chinese and browsers pick Simplified glyphs and
full-width quotation marks (WCAG 3.1.2, language of parts).

The pages are English (`language: en`); once the HTML builder has written every page, each page's
text (never a tag, an attribute, code, a script or the <head>) is scanned and every Han run whose
nearest `lang` is not Chinese is wrapped in <span lang="zh-Hans">. Working on the written files
covers what no doctree transform sees: the sidebar's chapter titles, glued outputs and tables that
notebooks emit as HTML. A page that is Chinese as a whole (the annotated source) has its report's
container marked in the doctree (class `tp-lang-zh`), which becomes lang="zh-Hans" on that element.
Running it twice changes nothing (text already inside a Chinese element is left alone).
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Han ideographs (CJK unified, extension A, compatibility, extensions B onwards).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Punctuation that belongs to the Chinese run it sits in: CJK symbols, full-width forms, middle dot,
#: dash, ellipsis, and the half-width punctuation and digits the report prints between characters.
_CJK_END = f"{HAN}\u3000-\u303f\uff00-\uffef"
_MIDDLE = _CJK_END + "0-9.,:;!?()%+/~\u00b7\u2014\u2026\\-"
#: A run: it starts at a Han character (or a quotation mark that opens onto one) and ends on a Han
#: character, CJK punctuation or a quotation mark that closes after one; curly quotes count only when
#: they touch a Han character, so the English quotes around "New Growth Drivers (新动能壮大工程)" stay English.
RUN = re.compile(
    f"(?:[“‘《（「『【](?=[{HAN}]))*[{HAN}]"
    f"(?:(?:[{_MIDDLE}]|(?<=[{HAN}])[”’]|[“‘](?=[{HAN}]))*(?:[{_CJK_END}]|(?<=[{HAN}])[”’]))?"
)
HAN_CHAR = re.compile(f"[{HAN}]")
SPAN = '<span lang="zh-Hans">'

#: Elements whose text is never marked: code, scripts, the head's title, form fields, graphics.
SKIP = {"script", "style", "pre", "code", "kbd", "samp", "title", "textarea", "svg", "math", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "command"}
TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|<[^>]*>", re.S)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^>]*?)(/?)>", re.S)
LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
#: The doctree's class for an element that is Chinese as a whole.
WHOLE = "tp-lang-zh"
WHOLE_TAG = re.compile(r"""<([a-z][a-z0-9]*)(\s[^>]*?\bclass="[^"]*\b""" + WHOLE + r"""\b[^"]*")([^>]*)>""")


def _mark_whole(html: str) -> str:
    def add(m: re.Match) -> str:
        if LANG.search(m.group(0)):
            return m.group(0)
        return f'<{m.group(1)}{m.group(2)} lang="zh-Hans"{m.group(3)}>'
    return WHOLE_TAG.sub(add, html)


def wrap_runs(text: str) -> str:
    """Text (HTML character data) with each Han run wrapped in <span lang="zh-Hans">."""
    return RUN.sub(lambda m: f"{SPAN}{m.group(0)}</span>", text)


def mark_chinese(html: str) -> str:
    """The page with every Han run outside code, attributes and the head inside a Chinese element."""
    html = _mark_whole(html)
    out, stack, pos = [], [], 0  # stack: (tag name, skip?, chinese?) of the open elements
    for m in TOKEN.finditer(html):
        text = html[pos:m.start()]
        if text:
            inside_skip = any(s for _, s, _ in stack)
            inside_zh = next((zh for _, _, zh in reversed(stack) if zh is not None), False)
            out.append(text if inside_skip or inside_zh or not HAN_CHAR.search(text) else wrap_runs(text))
        token = m.group(0)
        out.append(token)
        pos = m.end()
        tag = TAG.fullmatch(token)
        if not tag:
            continue
        closing, name, attrs, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        elif not selfclosing and name not in VOID:
            lang = LANG.search(attrs)
            zh = None if lang is None else lang.group(1).lower().startswith("zh")
            stack.append((name, name in SKIP, zh))
    tail = html[pos:]
    if tail and HAN_CHAR.search(tail) and not any(s for _, s, _ in stack):
        tail = wrap_runs(tail)
    out.append(tail)
    return "".join(out)


def _han_share(node: nodes.Node) -> float:
    text = re.sub(r"\s", "", node.astext())
    return len(HAN_CHAR.findall(text)) / len(text) if text else 0.0


class MarkChineseContainers(SphinxPostTransform):
    """On the annotated source, the output that prints the report (mostly Han) is Chinese as a whole."""
    default_priority = 800
    formats = ("html",)
    PAGES = ("book/appendix/source",)

    def run(self, **kwargs):
        if self.env.docname not in self.PAGES:
            return
        for node in self.document.findall(nodes.container):
            if "cell_output" in node.get("classes", []) and _han_share(node) > 0.5:
                node["classes"].append(WHOLE)


#: LaTeX for a quotation mark inside Chinese text: full width (tpchinese.sty), plain in PDF bookmarks.
QUOTE_LATEX = {"“": r"\texorpdfstring{\tpzhlq{“}}{“}", "‘": r"\texorpdfstring{\tpzhlq{‘}}{‘}",
               "”": r"\texorpdfstring{\tpzhrq{”}}{”}", "’": r"\texorpdfstring{\tpzhrq{’}}{’}"}
_NO_TEXT = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment)


def split_quotes(text: str) -> list[tuple[str, bool]]:
    """The text as (piece, is a Chinese quotation mark) pairs: the curly quotes inside Han runs."""
    pieces, pos = [], 0
    for run in RUN.finditer(text):
        for i, char in enumerate(run.group(0)):
            if char in QUOTE_LATEX:
                at = run.start() + i
                pieces += [(text[pos:at], False), (char, True)]
                pos = at + 1
    pieces.append((text[pos:], False))
    return [(piece, quote) for piece, quote in pieces if piece]


class FullWidthQuotes(SphinxPostTransform):
    """In the PDF, a quotation mark inside Chinese text is full width. The book's LaTeX gives curly
    quotes the class of a Latin letter so the English prose keeps narrow ones with its spaces; inside a
    Han run each becomes \\tpzhlq / \\tpzhrq, a one-em box as a CJK font sets it."""
    default_priority = 810
    formats = ("latex",)

    def run(self, **kwargs):
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, _NO_TEXT) or any(isinstance(a, _NO_TEXT) for a in _ancestors(parent)):
                continue
            pieces = split_quotes(str(text))
            if not any(quote for _, quote in pieces):
                continue
            new = [nodes.raw("", QUOTE_LATEX[p], format="latex") if quote else nodes.Text(p) for p, quote in pieces]
            index = parent.index(text)
            parent.remove(text)
            for offset, node in enumerate(new):
                parent.insert(index + offset, node)


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def mark_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        marked = mark_chinese(html)
        if marked != html:
            page.write_text(marked, encoding="utf-8")


def setup(app):
    app.add_post_transform(MarkChineseContainers)
    app.add_post_transform(FullWidthQuotes)
    app.connect("build-finished", mark_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
