"""Reference pages generated from the data: the glossary, the data dictionary, the annotated source
and the table of outside facts.

Both return MyST markdown that myst-nb parses as part of the page, so glossary entries are real
Sphinx glossary terms ({term}`放管服` links to them from any chapter) and the data dictionary is
generated from datapackage.json, never retyped.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from ..data import facts
from ..data.census import census
from . import fmt
from .bilingual import both, facts_table_zh
from .tables import Table, markdown_escape, table


def pinyin_key(pinyin: str) -> str:
    """The glossary's sort key: the pinyin without tones, quotation marks or case ("Yíng shāng" → "ying shang");
    a term written in Latin letters (A级景区, PM2.5) gives its letters, so it sorts by English order."""
    plain = "".join(c for c in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9 ]", "", plain.lower()).strip()


def _letter(key: str) -> str:
    return key[:1].upper() if key[:1].isalpha() else "#"


def glossary_markdown(ds, zh: bool = False) -> Markdown:
    """A Sphinx glossary in pinyin order, one block per initial letter under an A–Z jump bar; each entry
    is found under its Chinese term and its English rendering. With `zh`, the Chinese edition's: the
    explanation in Chinese (explanation_zh) and the program's Chinese name, no pinyin gloss; the English
    rendering stays a name of the entry so that {term} roles by it still resolve."""
    rows = sorted(ds.glossary.itertuples(index=False), key=lambda r: (pinyin_key(r.pinyin), r.term_zh))
    groups: dict[str, list[str]] = {}
    seen = set()
    for row in rows:
        program = ds.program(row.program)
        names = []
        for name in (row.term_zh, row.term_en):
            if name.lower() not in seen:
                names.append(name)
                seen.add(name.lower())
        if zh:
            text = f"  {markdown_escape(row.explanation_zh)}（{markdown_escape(program['name_zh'])}）\n"
        else:
            text = f"  *{row.pinyin}* — {markdown_escape(row.explanation_en)} ({markdown_escape(program['name_en'])})\n"
        groups.setdefault(_letter(pinyin_key(row.pinyin)), []).append(
            "\n".join(markdown_escape(n) if n == row.term_en else n for n in names) + "\n" + text)
    letters = (["#"] if "#" in groups else []) + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    bar = " ".join(f"{{ref}}`{x} <glossary-{_anchor(x)}>`" if x in groups else f"[{x}]{{.glossary-none}}"
                   for x in letters)
    parts = [f":::{{div}} glossary-jump\n{bar}\n:::\n"]
    for letter in sorted(groups, key=letters.index):
        parts.append(f"(glossary-{_anchor(letter)})=\n:::{{rubric}} {letter}\n:class: glossary-letter\n:::\n\n"
                     ":::{glossary}\n\n" + "\n".join(groups[letter]) + ":::\n")
    return Markdown("\n".join(parts))


def _anchor(letter: str) -> str:
    return "digits" if letter == "#" else letter.lower()


#: The data dictionary's words in each edition (the Chinese: description_zh of datapackage.json).
_DICTIONARY = {
    "en": {"description": "description", "key": "Primary key: `{}`.", "none": "none",
           "header": "* - Field\n  - Type\n  - Rules\n  - Meaning", "required": "required", "unique": "unique",
           "one of": "one of {}", "sep": ", ", "pattern": "pattern {}", "exists": "must exist in {}.{}",
           "rules": "; ", "caption": "Fields of {}", "types": {}},
    "zh": {"description": "description_zh", "key": "主键：`{}`。", "none": "无",
           "header": "* - 字段\n  - 类型\n  - 规则\n  - 含义", "required": "必填", "unique": "唯一",
           "one of": "取值之一：{}", "sep": "、", "pattern": "格式 {}", "exists": "须见于 {}.{}",
           "rules": "；", "caption": "{}的字段",
           "types": {"string": "字符串", "integer": "整数", "number": "数值", "date": "日期", "boolean": "是否"}},
}


def data_dictionary_markdown(ds, lang: str = "en") -> Markdown:
    """One section per table of datapackage.json: its description and every field's type, rule, meaning.
    With lang="zh", the Chinese edition's: every resource's and field's description_zh (a missing one is
    an error, never an English fallback), the rules and types in Chinese."""
    words = _DICTIONARY[lang]
    describe = words["description"]

    def described(item: dict, what: str) -> str:
        if not item.get(describe):
            raise ValueError(f"data/datapackage.json: {what} has no {describe}")
        return markdown_escape(item[describe])

    parts = []
    for resource in ds.schema["resources"]:
        schema = resource["schema"]
        key = ", ".join(schema.get("primaryKey", [])) or words["none"]
        separator = " " if lang == "en" else ""
        parts.append(f"## `{resource['path']}`\n\n{described(resource, 'resource ' + resource['name'])}{separator}"
                     f"{words['key'].format(key)}\n")
        rows = [words["header"]]
        for field in schema["fields"]:
            rules = []
            cons = field.get("constraints", {})
            if cons.get("required"):
                rules.append(words["required"])
            if cons.get("unique"):
                rules.append(words["unique"])
            if "enum" in cons:
                rules.append(words["one of"].format(words["sep"].join(str(v) for v in cons["enum"])))
            if "pattern" in cons:
                rules.append(words["pattern"].format(cons["pattern"]))
            if "minimum" in cons or "maximum" in cons:
                rules.append(f"{cons.get('minimum', '')}–{cons.get('maximum', '')}")
            for fk in schema.get("foreignKeys", []):
                if fk["fields"] == field["name"]:
                    rules.append(words["exists"].format(fk["reference"]["resource"], fk["reference"]["fields"]))
            kind = words["types"].get(field["type"], field["type"])
            meaning = described(field, f"field {resource['name']}.{field['name']}")
            rows.append(f"* - `{field['name']}`\n  - {kind}\n  - {markdown_escape(words['rules'].join(rules)) or '–'}\n"
                        f"  - {meaning}")
        parts.append(f":::{{list-table}} {words['caption'].format(resource['path'])}\n:header-rows: 1\n"
                     f":widths: 18 10 32 40\n:class: longtable\n:name: tbl-dictionary-{resource['name']}\n\n"
                     + "\n".join(rows) + "\n:::\n")
    return Markdown("\n".join(parts))


def data_dictionaries(ds):
    """The data dictionary in both editions (data_dictionary_markdown, English and Chinese)."""
    return both(data_dictionary_markdown(ds), data_dictionary_markdown(ds, "zh"))


def annotated_source_markdown(ds) -> Markdown:
    """The whole report, line by line, each figure replaced by {srcfig}`metric_id` (its anchor)."""
    claims = {}
    for occurrence in census(ds):
        if occurrence.covered_by.startswith("metric:"):
            claims.setdefault(occurrence.line, []).append((occurrence.start, occurrence.numeral,
                                                           occurrence.covered_by.removeprefix("metric:")))
    paragraphs = []
    for number, text in enumerate(ds.source_lines, start=1):
        out, last = [], 0
        for start, numeral, metric_id in sorted(claims.get(number, [])):
            printed = fmt.as_printed(ds.metric(metric_id))
            offset = printed.find(numeral)
            begin = start - offset if offset >= 0 else start
            if offset >= 0 and begin >= last and text[begin:begin + len(printed)] == printed:
                out += [markdown_escape(text[last:begin]), f"{{srcfig}}`{metric_id}`"]
                last = begin + len(printed)
            else:
                # inside another figure's span (the high end of 1-2个): an anchor only, the text as printed
                out += [markdown_escape(text[last:max(start, last)]), f"{{srcfig}}`{metric_id}|anchor`"]
                last = max(start, last)
        out.append(markdown_escape(text[last:]))
        paragraphs.append(f"**l. {number}** " + "".join(out) if text.strip() else f"**l. {number}** –")
    return Markdown("\n\n".join(paragraphs) + "\n")


def used_terms(root, ds) -> set[str]:
    """The glossary terms (term_zh) the book uses: {term} roles in any page's text or stored
    outputs, terms a chapter looked up with ch.term (its execution record) or names as a string in
    its code, and the terms of the introduction's assessment file."""
    root = Path(root)
    texts = []
    for path in sorted((root / "book").rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            texts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                for mime, value in output.get("data", {}).items():
                    if "markdown" in mime or mime.endswith("text/plain"):
                        texts.append("".join(value) if isinstance(value, list) else str(value))
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "book").rglob("*.md"))]
    assessment = root / "book" / "assessment.yml"
    text = "\n".join(texts)
    glossary = ds._table("glossary")
    by_en = dict(zip(glossary["term_en"], glossary["term_zh"]))
    used = set()
    for match in re.finditer(r"\{term\}`([^`]*)`", text):
        target = re.match(r".*<(.+)>\s*$", match.group(1))
        name = (target.group(1) if target else match.group(1)).strip()
        used.add(by_en.get(name, name))
    if assessment.exists():
        used |= set(re.findall(r"\{terms?:([^}]+)\}", assessment.read_text(encoding="utf-8")))
    record = root / "book" / "execution-record.json"
    if record.exists():
        used |= {d.split(":", 1)[1] for entry in json.loads(record.read_text(encoding="utf-8")).values()
                 for d in entry["deps"] if d.startswith("term:")}
    code = "\n".join(texts)
    used |= {t for t in glossary["term_zh"] if f'"{t}"' in code or f"'{t}'" in code}
    return used & set(glossary["term_zh"])


# ---------------------------------------------------------------- the outside facts

def _sentences(text: str) -> list[str]:
    return [t for t in re.split(r"(?<=[.!?])\s+(?=[A-Z'(])", text.strip()) if t]


def facts_table(ds) -> Table:
    """Every outside fact with its source's grade and a citation of its source (the bibliography gives
    where and when it was seen), and its caution; the roles' daggers link to these rows (the first
    column, the fact's statement, identifies the row)."""
    rows, previous, previous_caveat = [], None, None
    for _, row in facts.listed(ds).iterrows():
        seen = (row["source"], row["seen_at"], row["seen_on"], row["copy_kind"], row["grade"])
        same = seen == previous
        # the grade, and a citation of the source's entry in the bibliography (sphinxext/sources_bib.py),
        # which gives its description, address, date seen and kind of copy
        source = markdown_escape(f"Grade {row['grade']}. ") + f"{{cite:p}}`{facts.citation_key(row['source_id'])}`"
        # a caveat about the copy, repeated on every row of one source, is printed on its first row only
        *specific, caveat = _sentences(row["caution"])
        caution = " ".join(specific) if same and caveat == previous_caveat and specific else row["caution"]
        previous, previous_caveat = seen, caveat
        printed = markdown_escape(row["display"] + (f" ({row['zh']})" if row["zh"] else ""))
        if row.name == facts.TARGETS_PARENT:
            printed += f"; its {facts.n_targets(ds)} targets: {{numref}}`{facts.TARGETS_TABLE}`"
        rows.append({"Fact": row["statement_en"], "As the book prints it": printed,
                     "Source": source, "Caution": caution})
    return table(pd.DataFrame(rows), "Every fact in this book that comes from outside the report, with its source and the "
                 "source's grade (A official, B established republication, C other copy), and what to be "
                 "careful about", name=facts.FACTS_TABLE, widths=[0.32, 0.2, 0.14, 0.34],
                 raw=["As the book prints it", "Source"])


def facts_tables(ds):
    """The table of outside facts in both editions: facts_table for the English, the Chinese one
    (statement_zh, the sources' grades in Chinese) for the zh build; the rows anchor in either."""
    return both(facts_table(ds), facts_table_zh(ds))


def glossary_markdowns(ds):
    """The glossary in both editions (glossary_markdown, English and Chinese)."""
    return both(glossary_markdown(ds), glossary_markdown(ds, zh=True))
