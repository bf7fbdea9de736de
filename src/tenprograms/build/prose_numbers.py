"""No number is typed into the book: every figure a reader sees in prose comes in through glue.

The check reads what a reader reads — sentences, headings, Markdown table cells, figure and table
captions, alt text, inline code — and reports every typed figure with a snippet of its context.
It also reads the prose a code cell builds (a table caption, a glued sentence, the cells of a table
made from literals): every string literal in a code cell that reads like prose.

What counts as a typed figure (the rules; CONTRIBUTING.md states them for writers):

* **Digits**, unless they are part of a name in :data:`NAMES` (``5G``, ``PM2.5``, ``COVID-19`` …),
  an ISO date (``2026-12-01``), a three-part version number (``2.0.0``), or a **year used as a
  date**: four digits 1900-2099 (no thousands comma, no decimals) are a year — ``in 2020``, ``the
  2018 targets``, ``2018年以来``, ``2020–2022`` — unless they read as a quantity: a quantity word
  before them (``about 2019``, ``more than 2020``) or a unit, ``%`` or a counted noun after them
  (``2019 firms``, ``2020 new households``, ``2019个``). A day of the month is not a year: ``27
  August`` is typed and must come from the data (glue it).
* **English number words** from *eleven* up (*twelve*, *thirty-five*, *hundred*, *thousand*,
  *million*, *billion*, *dozen*) anywhere, and *one* to *ten* when a unit follows
  (``three days``, ``five percent``, ``two million``). Small counts in ordinary English (``one of
  the two``, ``three bars``) are words, not figures. A scale that names a unit is not a figure:
  ``in thousands``, ``(¥ million)``, and the English gloss of 万 or 亿 (``亿元 (hundred million
  yuan)``).
* **Chinese numerals**: a run of numeral characters with a multiplier (``三万五千``, ``一百``), or
  any run followed by a measure word (``十二个``, ``三年``). Lone ``一`` and ``两`` (``统一``,
  ``两委``) and names in :data:`NAMES` (``十大工程``) are words.

Left out on purpose: MyST roles (``{glue:text}`x```), link targets, HTML comments, directive
options other than ``:alt:``, and the bodies of ``raw`` and plain code fences (verbatim code or
LaTeX, not prose). Inline code is read, but digits attached to a name in it (``pm25``,
``>=3.11``, ``book/x-2020.txt``) are part of the name. In code cells, a string literal is prose when
it has words separated by spaces; comments, docstrings, f-string format specs, ``%`` formats, keys
(``"growth_tax_cuts_h1"``) and Chinese search anchors without spaces (``clause(ds, line, "约谈")``)
are not read.
"""
from __future__ import annotations

import ast
import re

__all__ = ["NAMES", "typed_numbers", "markdown_prose", "markdown_numbers", "code_prose", "code_numbers",
           "notebook_numbers"]

#: Digits and numerals that are names or labels, not figures: these may be typed.
NAMES = ["SHA-256", "5G", "PM2.5", "PM10", "3+2", "1+1+11", "1+8", "GB 3095-2012", "COVID-19", "UTF-8", "A4",
         "十大工程", "五大工程", "五个基本", "两不愁三保障", "十四五", "Three-Year Improvement Action Plan",
         "three-year plan"]

_CONTEXT = 25

# ----------------------------------------------------------------------------------- years as dates

_YEAR = re.compile(r"(?<![0-9.,])(?:19|20)[0-9]{2}(?![0-9]|[.,][0-9])")
#: Words before a number that make it a quantity ("about 2019", "more than 2020").
_QUANTITY_BEFORE = re.compile(r"(?:\b(?:about|nearly|almost|around|over|under|more\s+than|fewer\s+than|less\s+than|"
                              r"some|only|just|at\s+least|at\s+most|up\s+to|total\s+of|roughly|approximately)"
                              r"|[~≈+×])\s*$", re.I)


def _year_is_date(text: str, match: re.Match) -> bool:
    """A 19xx/20xx number is a date unless a quantity word precedes it or a unit or counted noun follows
    it ("in 2019", "the 2018 targets" are dates; "2019 firms", "about 2020 households", "2019%" are figures)."""
    before, after = text[max(0, match.start() - 30):match.start()], text[match.end():match.end() + 40]
    if _QUANTITY_BEFORE.search(before):
        return False
    return not (_COUNTED_AFTER.match(after) or re.match(r"\s*[%‰]", after)
                or (after[:1] != "" and after[:1] in ZH_MEASURE and after[:1] != "年"))


# ----------------------------------------------------------------------------------- English words

_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_LARGE = (r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
          r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?")
#: Units after which a small number word is a figure ("three days", "five percent").
UNIT_WORDS = (r"percent|per\s+cent|percentage\s+points?|points?|yuan|renminbi|RMB|mu|hectares?|km|kilometres?|"
              r"metres?|square\s+metres|tonnes?|days?|weeks?|months?|years?|hours?|households?|people|persons?|"
              r"person-times|times|thousand|million|billion|hundred")
#: Nouns that make a number before them a count ("2019 firms").
COUNTED_NOUNS = (UNIT_WORDS + r"|firms?|enterprises?|entities|entity|companies|villages?|projects?|units?|sites?|"
                 r"schools?|kindergartens?|hospitals?|residents?|members?|farmers?|graduates?|secretaries|cities|"
                 r"items?|indicators?|vehicles?|kilns?|communities|compounds?|streets?|markets?|spaces?|visitors?|"
                 r"visits?|cases?|jobs?|apartments?|new|more|fewer|additional|extra|good\s+days|poor")
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:" + COUNTED_NOUNS + r")\b", re.I)
_LARGE_WORD = re.compile(r"\b(?:" + _LARGE + r")\b", re.I)
_SMALL_UNIT = re.compile(r"\b(?:" + _SMALL + r")[\s-]+(?:" + UNIT_WORDS + r")\b", re.I)

# ----------------------------------------------------------------------------------- Chinese numerals

_ZH_DIGIT = "〇零一二三四五六七八九十百千万亿两"
_ZH_RUN = re.compile(f"[{_ZH_DIGIT}]+")
_ZH_MULTIPLIER = re.compile("[十百千万亿].*[一二三四五六七八九十百千万亿]|[一二三四五六七八九两][十百千万亿]")
#: Measure words and units after which a Chinese numeral counts something.
ZH_MEASURE = "个家户人名元亩天年月日项所条件辆套次万亿岁座栋间台只头吨公里米位批期支组倍成"


def _chinese_numbers(text: str) -> list[re.Match]:
    found = []
    for m in _ZH_RUN.finditer(text):
        run, after = m.group(), text[m.end():m.end() + 1]
        if run in {"一", "两", "百", "千", "万", "亿"}:         # a word, or a unit's name (亿元, 万人)
            continue
        if _ZH_MULTIPLIER.search(run) or (after and after in ZH_MEASURE):
            found.append(m)
    return found


# ----------------------------------------------------------------------------------- the core

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _snippet(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - _CONTEXT):end + _CONTEXT]).strip()


#: Scale words that name a unit, not a figure: an axis "in thousands", "(¥ million)", and the English gloss
#: of 万 or 亿 ("亿元 (hundred million yuan)", "万 ten thousand").
#: Dates and version names: an ISO date (2026-12-01) and a three-part version number (2.0.0).
_ISO_DATE_OR_VERSION = re.compile(r"(?<![0-9.])(?:(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[0-9]+\.[0-9]+\.[0-9]+)(?![0-9.]?[0-9])")
_SCALE_LABEL = re.compile(r"(?:\bin\s+|\(\s*(?:¥\s*)?)(?:thousands|millions|billions|thousand|million|billion)\b|"
                          r"[万亿][\u4e00-\u9fff]?\s*[(（]?\s*(?:(?:a|one|ten|a\s+hundred|hundred)\s+)?"
                          r"(?:thousand|million|billion)\b", re.I)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def typed_numbers(text: str) -> list[str]:
    """Every typed figure in plain prose (no Markdown syntax left), each as a snippet in context."""
    for name in NAMES:
        text = text.replace(name, " " * len(name))
    text = _blank(text, _SCALE_LABEL)
    text = _blank(text, _ISO_DATE_OR_VERSION)
    spans = [(m.start(), m.end()) for m in _NUMBER.finditer(text)
             if not (_YEAR.fullmatch(m.group()) and _year_is_date(text, m))]
    spans += [(m.start(), m.end()) for m in _LARGE_WORD.finditer(text)]
    spans += [(m.start(), m.end()) for m in _SMALL_UNIT.finditer(text)]
    spans += [(m.start(), m.end() + 1) for m in _chinese_numbers(text)]
    return [_snippet(text, s, e) for s, e in sorted(set(spans))]


# ----------------------------------------------------------------------------------- Markdown

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ROLE = re.compile(r"\{[a-z][a-z0-9:_-]*\}(`+)(?:(?!\1).)*?\1", re.S)     # {glue:text}`x`, {numref}`tbl-x`
_CODE_SPAN = re.compile(r"(`+)((?:(?!\1).)+?)\1", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_AUTOLINK = re.compile(r"<https?://[^>]*>|https?://\S+")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LABEL = re.compile(r"^\([A-Za-z0-9_:-]+\)=\s*$", re.M)                     # (target-label)=
_FENCE = re.compile(r"^(\s*)(`{3,}|:{3,})\s*(\{([^}]*)\})?(.*)$")
_OPTION = re.compile(r"^\s*:([a-zA-Z_-]+):\s?(.*)$")
#: Directive bodies that are verbatim code or markup, not prose.
VERBATIM = {"raw", "code", "code-block", "code-cell", "sourcecode", "bibliography", "math", "literalinclude",
            "mermaid", "latex"}
#: Directive options that hold prose a reader sees.
PROSE_OPTIONS = {"alt", "caption", "title"}


def _strip_inline(line: str) -> str:
    line = _ROLE.sub(" ", line)
    line = _LINK_TARGET.sub("]", line)
    line = _AUTOLINK.sub(" ", line)
    line = _HTML_TAG.sub(" ", line)
    return _CODE_SPAN.sub(lambda m: " " + _code_span_prose(m.group(2)) + " ", line)


def _code_span_prose(code: str) -> str:
    """Inline code keeps only numbers that stand alone: digits joined to a name are the name's."""
    return re.sub(r"[^\s()\[\],;:]*[A-Za-z_/=<>@~\\][^\s()\[\],;:]*", " ", code)


def markdown_prose(markdown: str) -> str:
    """The text a reader reads in a MyST Markdown cell or page: fences and options parsed line by line,
    never by a regex across lines (a caption inside ```{glue:figure} stays prose)."""
    markdown = _COMMENT.sub(" ", markdown)
    markdown = _LABEL.sub(" ", markdown)
    out: list[str] = []
    stack: list[tuple[str, bool]] = []          # (closing fence, verbatim?)
    in_options = False
    for line in markdown.splitlines():
        fence = _FENCE.match(line)
        if stack and fence and not fence.group(3) and line.strip() == stack[-1][0]:
            stack.pop()
            in_options = False
            continue
        verbatim = bool(stack) and stack[-1][1]
        if fence and not verbatim and (fence.group(3) or fence.group(2).startswith("`")):
            name = (fence.group(4) or "").strip()
            plain_code = not fence.group(3)                     # ``` python: a code block
            stack.append((fence.group(2), plain_code or name in VERBATIM))
            in_options = not plain_code
            # the argument of a directive is a key or a path, except for admonitions' titles
            if name in ("admonition", "topic", "sidebar"):
                out.append(_strip_inline(fence.group(5)))
            continue
        if verbatim:
            continue
        if stack and in_options:
            option = _OPTION.match(line)
            if option:
                if option.group(1) in PROSE_OPTIONS:
                    out.append(_strip_inline(option.group(2)))
                continue
            in_options = False
        out.append(_strip_inline(line))
    return "\n".join(out)


def markdown_numbers(markdown: str) -> list[str]:
    """Typed figures in a Markdown cell or page."""
    return typed_numbers(markdown_prose(markdown))


# ----------------------------------------------------------------------------------- code cells

_FORMAT = re.compile(r"%[-+ 0#]*[0-9]*(?:\.[0-9]+)?[sdifgeEr%]")
_WORDS = re.compile(r"[A-Za-z]{2,}")


def _looks_like_prose(text: str) -> bool:
    """A string a reader may see: words separated by spaces. A key ("growth_tax_cuts_h1"), a style
    ("round,pad=0.15") or a Chinese search anchor (clause(ds, line, "约谈")) is not prose."""
    return bool(re.search(r"\s", text.strip())) and (len(_WORDS.findall(text)) >= 2
                                                     or bool(re.search(r"[\u4e00-\u9fff]", text)))


def code_prose(source: str) -> list[str]:
    """The prose-like string literals of a code cell (an f-string's literal parts joined by a gap)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    specs = {id(n.format_spec) for n in ast.walk(tree) if isinstance(n, ast.FormattedValue) and n.format_spec}
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    inside_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    texts = []
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in specs or id(node) in inside_fstring:
            continue
        if isinstance(node, ast.JoinedStr):
            text = " ¦ ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        text = _FORMAT.sub(" ", text)
        if _looks_like_prose(text):
            texts.append(text)
    return texts


def code_numbers(source: str) -> list[str]:
    """Typed figures in the prose-like string literals of a code cell."""
    return [snippet for text in code_prose(source) for snippet in markdown_numbers(text)]


def notebook_numbers(nb: dict) -> list[str]:
    """Typed figures in a notebook's Markdown cells and in the prose its code cells build."""
    found = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found += markdown_numbers(source)
        elif cell["cell_type"] == "code":
            found += code_numbers(source)
    return found
