"""Content rules: what a schema cannot say. Each appends Problems naming file, row and column."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from .claims import check_claims
from .errors import Problem
from .expressions import ExpressionError, named_items, referenced_ids
from .hedges import check_hedges
from .numerals import QUALIFIER_WORDS, parse_numeral, to_base
from .paths import data_dir, display_path


def _file(name: str) -> str:
    return display_path(data_dir() / name)


def _label(row: dict, key: str) -> str:
    return f"line {row['__line__']} ({key}={row.get(key)})"


def _source_line(source_lines: list[str], number) -> str | None:
    if number is None or not 1 <= number <= len(source_lines):
        return None
    return source_lines[number - 1]


def check_content(tables: dict[str, list[dict]], source_lines: list[str], problems: list[Problem]) -> None:
    check_programs(tables["programs"], source_lines, problems)
    check_metrics(tables["metrics"], tables["units"], tables["programs"], source_lines, problems)
    check_relations(tables["relations"], tables["metrics"], "\n".join(source_lines), problems)
    check_glossary(tables["glossary"], "\n".join(source_lines), problems)
    check_exclusions(tables["numeral_exclusions"], source_lines, problems)
    check_context(tables["context"], problems, sources=tables["sources"])
    check_sources(tables["sources"], tables["context"], problems)
    check_claims(tables, source_lines, problems)
    check_hedges(tables, problems)


def check_programs(rows, source_lines, problems):
    file = _file("programs.csv")
    for row in rows:
        line = _source_line(source_lines, row["first_line"])
        expected = f"{row['name_zh']}:{row['headline_zh']}"
        if line is None or line.strip() != expected:
            problems.append(Problem(file, _label(row, "program"), "headline_zh",
                                    f"'{expected}' is not source line {row['first_line']}"))


def check_metrics(rows, units, programs, source_lines, problems):
    file = _file("metrics.csv")
    multipliers = {u["unit_zh"]: u["multiplier"] for u in units}
    slugs = {p["program"]: p["slug"] for p in programs}
    spans = {p["program"]: (p["first_line"], p["last_line"]) for p in programs
             if p["first_line"] is not None and p["last_line"] is not None}
    for row in rows:
        label = _label(row, "metric_id")
        slug = slugs.get(row["program"])
        if slug and row["metric_id"] and not row["metric_id"].startswith(slug + "_"):
            problems.append(Problem(file, label, "metric_id", f"should start with the program slug '{slug}_'"))
        line = _source_line(source_lines, row["line"])
        if row["line"] is not None and row["program"] in spans:
            first, last = spans[row["program"]]
            if not first <= row["line"] <= last:
                problems.append(Problem(file, label, "line",
                                        f"line {row['line']} is outside program {row['program']}'s lines {first}-{last}"))
        quote, numeral = row["quote"], row["numeral"]
        if line is not None and quote and quote not in line:
            problems.append(Problem(file, label, "quote", f"'{quote}' is not found verbatim on source line {row['line']}"))
        if quote and numeral and numeral not in quote:
            problems.append(Problem(file, label, "numeral", f"'{numeral}' does not appear in its quote '{quote}'"))
        if numeral and row["value"] is not None:
            try:
                parsed = parse_numeral(numeral)
            except ValueError as exc:
                problems.append(Problem(file, label, "numeral", str(exc)))
            else:
                if parsed != Decimal(str(row["value"])):
                    problems.append(Problem(file, label, "value",
                                            f"{row['value']:g} is not the printed numeral '{numeral}' ({parsed})"))
        unit = row["unit_zh"]
        if unit is not None and unit not in multipliers:
            problems.append(Problem(file, label, "unit_zh", f"unknown unit '{unit}' (add it to data/units.csv)"))
        elif (unit is not None and row["value"] is not None and row["value_base"] is not None
              and multipliers[unit] is not None):
            expected = to_base(row["value"], multipliers[unit])
            if abs(Decimal(str(row["value_base"])) - expected) > Decimal("1e-6") * max(1, abs(expected)):
                problems.append(Problem(file, label, "value_base",
                                        f"{row['value_base']:g} disagrees with value × {unit} multiplier "
                                        f"= {row['value']:g} × {multipliers[unit]} = {expected.normalize():f}"))
        word = row["qualifier_zh"] or ""
        if row["qualifier"] and row["qualifier"] != "range":
            expected_q = QUALIFIER_WORDS.get(word)
            if expected_q is None:
                problems.append(Problem(file, label, "qualifier_zh", f"unknown hedging word '{word}'"))
            elif expected_q != row["qualifier"]:
                problems.append(Problem(file, label, "qualifier",
                                        f"'{row['qualifier']}' does not match the printed word '{word}' ({expected_q})"))
            if word and quote and word not in quote:
                problems.append(Problem(file, label, "qualifier_zh", f"'{word}' is not in the quote"))
        if (row["qualifier"] == "range") != (row["bound"] is not None):
            problems.append(Problem(file, label, "bound", "a range row needs bound low/high, and only a range row"))
        start, end = row["period_start"], row["period_end"]
        if start and end and end < start:
            problems.append(Problem(file, label, "period_end", f"{end} is before period_start {start}"))
        check_period(row, file, label, problems)


# ---------------------------------------------------------------- dates against the printed period

#: The year the report's 今年 ("this year") means: the report was written in 2020 (data/raw/MANIFEST.yml).
REPORT_YEAR = 2020
#: A rule for one date column: (allowed date or None, required?). None and not required: must be empty.
DateRule = tuple[date | None, bool]


def _month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def period_rule(word: str | None) -> tuple[DateRule, DateRule]:
    """What the printed period words allow in (period_start, period_end); data/README.md lists the rules.

    Each column gets (date, required): the one date the words allow (None: no date, the column stays
    empty) and whether the words fix it so firmly that it must be filled in. Raises ValueError for words
    with no rule. A year-to-date count may give the year's start for 截至… and 1-7月/上半年 (a stock at the
    end of the window has no start), hence "allowed, not required" there.
    """
    y, jan1, dec31 = REPORT_YEAR, date(REPORT_YEAR, 1, 1), date(REPORT_YEAR, 12, 31)
    word = (word or "").strip()
    if word in ("", "目前", "截至目前", "累计", "下一步", "每年"):
        return (None, False), (None, False)                 # no date printed: never invent one
    if word in ("今年", "全年"):
        return (jan1, False), (dec31, False)
    if word == "今年以来":
        return (jan1, True), (None, False)
    if word == "今年年底":
        return (None, False), (dec31, True)
    if word == "上半年":
        return (jan1, False), (date(y, 6, 30), True)
    if m := re.fullmatch(r"([0-9]{1,2})-([0-9]{1,2})月", word):
        first, last = int(m.group(1)), int(m.group(2))
        return (date(y, first, 1), False), (_month_end(y, last), True)
    if m := re.fullmatch(r"截至([0-9]{1,2})月底", word):
        return (jan1, False), (_month_end(y, int(m.group(1))), True)
    if m := re.fullmatch(r"截至([0-9]{1,2})月([0-9]{1,2})日(?:[0-9]{1,2}时)?", word):
        return (jan1, False), (date(y, int(m.group(1)), int(m.group(2))), True)
    if m := re.fullmatch(r"(?:([0-9]{4})年以来|从([0-9]{4})年起)", word):
        return (date(int(m.group(1) or m.group(2)), 1, 1), True), (None, False)
    if m := re.fullmatch(r"([0-9]{4})年", word):
        year = int(m.group(1))
        return (date(year, 1, 1), True), (date(year, 12, 31), True)
    raise ValueError(f"no rule for the period words '{word}' (add one to checks.period_rule and data/README.md)")


def check_period(row, file, label, problems):
    """period_start and period_end must agree with the printed period words (period_zh)."""
    word = row.get("period_zh")
    try:
        rules = period_rule(word)
    except ValueError as exc:
        problems.append(Problem(file, label, "period_zh", str(exc)))
        return
    said = f"period_zh '{word}'" if word else "no period printed (period_zh empty)"
    for column, (allowed, required) in zip(("period_start", "period_end"), rules):
        value = row.get(column)
        value = value.date() if hasattr(value, "date") and callable(value.date) else value
        if value is None:
            if required:
                problems.append(Problem(file, label, column, f"is empty, but {said} fixes it: {allowed}"))
        elif allowed is None:
            problems.append(Problem(file, label, column, f"{value} contradicts {said}, which gives no such date"))
        elif value != allowed:
            problems.append(Problem(file, label, column, f"{value} contradicts {said}: it can only be {allowed}"))


def check_relations(rows, metrics, source_text, problems):
    file = _file("relations.csv")
    known = {m["metric_id"] for m in metrics}
    for row in rows:
        label = _label(row, "relation_id")
        for column in ("lhs", "rhs"):
            text = row[column]
            if not text:
                continue
            try:
                ids = referenced_ids(text)
                lists = named_items(text)
            except ExpressionError as exc:
                problems.append(Problem(file, label, column, str(exc)))
                continue
            for metric_id in ids:
                if metric_id not in known:
                    problems.append(Problem(file, label, column, f"unknown metric_id '{metric_id}'"))
            for items in lists:
                for item in items:
                    if item not in source_text:
                        problems.append(Problem(file, label, column, f"named item '{item}' is not in the source"))


def check_glossary(rows, source_text, problems):
    file = _file("glossary.csv")
    for row in rows:
        if row["term_zh"] and row["term_zh"] not in source_text:
            problems.append(Problem(file, _label(row, "term_id"), "term_zh",
                                    f"'{row['term_zh']}' is not found in the source"))


def check_exclusions(rows, source_lines, problems):
    file = _file("numeral_exclusions.csv")
    for row in rows:
        line = _source_line(source_lines, row["line"])
        if line is None or (row["numeral"] and row["numeral"] not in line):
            problems.append(Problem(file, f"line {row['__line__']}", "numeral",
                                    f"'{row['numeral']}' is not on source line {row['line']}"))


_DISPLAY_NUMBER = re.compile(r"(?<![0-9.])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(\s*(?:billion|million))?")
_SCALE_WORDS = {"billion": Decimal("1e9"), "million": Decimal("1e6")}


def display_number(display: str) -> Decimal | None:
    """The number a display string prints, in base units: '700,000' → 700000, '¥481.28 billion' →
    481280000000, '74% or more' → 74; None if it prints no number."""
    match = _DISPLAY_NUMBER.search(display or "")
    if not match:
        return None
    digits, decimals, scale = match.groups()
    number = Decimal(digits.replace(",", "") + (decimals or ""))
    return number * _SCALE_WORDS[scale.strip()] if scale else number


#: The source grades each kind of copy allows: the issuing body's own page is A; a republication is B when
#: an established outlet made it and C otherwise; mirrors, aggregators and encyclopedia copies are C.
GRADES_BY_COPY = {"original": ("A",), "republication": ("B", "C"), "third-party copy": ("C",), "encyclopedia mirror": ("C",)}


def check_context(rows, problems, today: date | None = None, sources=()):
    """Outside facts: the printed display shows the value, a value has a unit, the date a fact refers to is
    not after the day its source was seen (data/sources.csv)."""
    file = _file("context.csv")
    seen_on = {s["source_id"]: s["seen_on"] for s in sources}
    for row in rows:
        label = _label(row, "fact_id")
        value, display = row["value"], row["display"]
        if value is not None:
            if not row["unit_en"]:
                problems.append(Problem(file, label, "unit_en", "is empty, but a fact with a value needs its unit"))
            shown = display_number(display) if display else None
            if display and shown is None:
                problems.append(Problem(file, label, "display", f"'{display}' prints no number, but value is {value:g}"))
            elif shown is not None and abs(shown - Decimal(str(value))) > Decimal("1e-9") * max(1, abs(shown)):
                problems.append(Problem(file, label, "display",
                                        f"'{display}' prints {shown.normalize():f}, not the value {value:g}"))
        ref, seen = row["reference_date"], seen_on.get(row["source_id"])
        if ref is not None and seen is not None and ref > seen:
            problems.append(Problem(file, label, "reference_date",
                                    f"{ref} is after the day its source {row['source_id']} was seen ({seen})"))


def check_sources(rows, facts, problems, today: date | None = None):
    """The outside facts' sources: the grade fits the kind of copy seen, the day seen is not in the future,
    and every source is the source of some fact (an unused source would be a bibliography entry nothing cites)."""
    file = _file("sources.csv")
    today = today or date.today()
    used = {f["source_id"] for f in facts}
    for row in rows:
        label = _label(row, "source_id")
        allowed = GRADES_BY_COPY.get(row["copy_kind"], "")
        if row["grade"] and row["copy_kind"] and row["grade"] not in allowed:
            problems.append(Problem(file, label, "grade", f"{row['grade']} does not fit copy_kind '{row['copy_kind']}' "
                                                          f"(which allows {' or '.join(allowed)})"))
        seen = row["seen_on"]
        if seen is not None and seen > today:
            problems.append(Problem(file, label, "seen_on", f"{seen} is in the future"))
        if row["source_id"] and row["source_id"] not in used:
            problems.append(Problem(file, label, "source_id",
                                    "is the source of no outside fact (no row of data/context.csv names it): "
                                    "remove it, or give a fact this source_id"))
