"""The Chinese of the registry of derived numbers: each entry's definition, assumption and caveat in
book/derived-zh/*.yml (one mapping `<derived id>: {definition, assumption, caveat}` per file, the
files merged), its unit in Chinese, its inputs as the Chinese edition prints them, and the hover title
of a derived number in the Chinese prose. sphinxext/derived.py uses them in the zh build (Sphinx
language zh_CN); the English build never reads them.

    texts()["market_target_share"]["definition"]    # '7月末实有市场主体总量占……的比例'
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..data import facts as context
from ..data.paths import REPO_ROOT
from . import derived

DIRECTORY = REPO_ROOT / "book" / "derived-zh"
#: The fields of an entry that are words (and so have a Chinese), in the order the page shows them.
TEXT_FIELDS = ("definition", "assumption", "caveat")
HAN = re.compile(r"[\u4e00-\u9fff]")

#: Each unit of book/derived.yml in Chinese (a unit missing here fails tests/test_derived_zh.py).
UNITS = {
    "percent": "百分比", "figures": "个数字", "targets": "个目标", "numerals": "个数词", "days": "天", "yuan": "元",
    "relations": "项关系", "market entities": "户市场主体", "times": "倍", "sections": "个部分",
    "programs": "项工程", "people": "人", "pairs": "对", "claims": "项论断", "weeks": "周", "months": "个月",
    "health centres": "个卫生院", "µg/m³": "微克/立方米", "percentage points": "百分点",
    "graduates a year": "名毕业生/年", "lines": "行", "units": "个单位", "mu": "亩", "bases": "个基地",
    "cooperatives and farms": "个合作社和家庭农场", "households": "户", "registrations": "户登记",
    "young farmers": "名青年农民", "graduates": "名毕业生", "turns per member": "次/人",
    "yuan per visit": "元/人次", "market entities a month": "户市场主体/月", "intakes": "批",
    "date": "日期", "passages": "段", "periods": "个期间", "CNY": "元", "eateries": "家餐饮店",
    "projects a year": "个项目/年", "cards": "张卡", "facts": "项事实", "firms": "家企业", "centres": "个中心",
    "schools": "所学校", "exits per registration": "户注销/户登记", "enterprises": "家企业",
    "young farmers a year": "名青年农民/年", "m²": "平方米", "apartments": "套公寓", "cadres": "名干部",
    "workshops": "个车间", "factories": "家工厂", "projects": "个项目", "visits": "人次", "fraction": "分数",
    "percent either side of the printed number (a width)": "所印数字上下各百分之几（宽度）",
}
#: The simple fractions of analysis.calendar.rough_fraction (format fraction_word) in Chinese.
FRACTIONS = {"a tenth": "十分之一", "a fifth": "五分之一", "a quarter": "四分之一", "a third": "三分之一",
             "two-fifths": "五分之二", "half": "一半", "three-fifths": "五分之三", "two-thirds": "三分之二",
             "three-quarters": "四分之三", "four-fifths": "五分之四"}


def load_texts(directory: Path | str | None = None,
               definitions: dict[str, derived.Definition] | None = None) -> dict[str, dict[str, str]]:
    """Every Chinese entry of book/derived-zh/*.yml, merged and checked: each id known to the registry
    and in one file only, with exactly the text fields its English entry fills, each with Chinese in it.
    Ids with no Chinese entry are not an error here (see missing())."""
    directory = Path(directory) if directory else DIRECTORY
    definitions = derived.registry() if definitions is None else definitions
    problems, result, where = [], {}, {}
    for path in sorted(directory.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(spec, dict):
            problems.append(f"{path.name}: not a mapping of derived ids")
            continue
        for ident, entry in spec.items():
            at = f"{path.name}: {ident}"
            if ident in where:
                problems.append(f"{at}: already given in {where[ident]}")
                continue
            where[ident] = path.name
            if ident not in definitions:
                problems.append(f"{at}: no derived number {ident!r} in book/derived.yml")
                continue
            if not isinstance(entry, dict):
                problems.append(f"{at}: not a mapping of {', '.join(TEXT_FIELDS)}")
                continue
            d = definitions[ident]
            wanted = [f for f in TEXT_FIELDS if getattr(d, f)]
            missing = [f for f in wanted if f not in entry]
            extra = [f for f in entry if f not in wanted]
            if missing:
                problems.append(f"{at}: missing {', '.join(missing)}")
            if extra:
                problems.append(f"{at}: {', '.join(map(str, extra))} not a text field of the English entry")
            for f in wanted:
                if f in entry and not HAN.search(str(entry[f] or "")):
                    problems.append(f"{at}: {f} has no Chinese character: {entry[f]!r}")
            result[ident] = {f: str(entry[f]).strip() for f in wanted if f in entry}
    if problems:
        raise ValueError(f"{directory}: " + "; ".join(problems))
    return result


@lru_cache(maxsize=4)
def _texts(stamp: tuple) -> dict[str, dict[str, str]]:
    return load_texts()


def texts() -> dict[str, dict[str, str]]:
    """The merged Chinese entries, re-read when a file or the registry changes."""
    files = [derived.REGISTRY, *sorted(DIRECTORY.glob("*.yml"))]
    return _texts(tuple((str(p), p.stat().st_mtime_ns) for p in files))


def missing(chinese: dict, definitions: dict) -> list[str]:
    """The registered ids with no Chinese entry, in registry order."""
    return [ident for ident in definitions if ident not in chinese]


def field(ident: str, name: str, english: str) -> str:
    """A text field in Chinese (the English where the entry has no Chinese yet)."""
    return texts().get(ident, {}).get(name, english)


def value_text(item: derived.Derived) -> str:
    """A derived number's value as the Chinese edition prints it."""
    if item.definition.format == "fraction_word":
        return FRACTIONS[item.text]
    return str(derived.text_zh(item))


def unit(item: derived.Derived) -> str:
    return UNITS.get(item.definition.unit, item.definition.unit)


def input_text(ds, name: str, item: derived.Derived, values: dict[str, derived.Derived]) -> str:
    """An input's value as the Chinese edition prints it: a figure as the report printed it, an outside
    fact in its Chinese display with its †, a derived number in its Chinese format, a table's rows."""
    if name.startswith("table:"):
        rows = re.search(r"\((\d+) rows\)", item.inputs[name]).group(1)
        return f"data/{name.split(':', 1)[1]}.csv（{rows}行）"
    if name.startswith("ctx_"):
        return str(context.fact(ds, name)["display_zh"]) + context.mark(ds, name)
    if name in values:
        return value_text(values[name])
    return str(item.inputs[name])          # fmt.as_printed: already the report's Chinese


def title(item: derived.Derived, inputs: dict[str, str]) -> str:
    """The hover text in Chinese: definition, inputs with their values, the value, where computed."""
    shown = "；".join(f"{name} = {text}" for name, text in inputs.items())
    return (f"{field(item.id, 'definition', item.definition.definition)}。输入：{shown}。"
            f"数值：{value_text(item)}。计算方式：{item.definition.code}（编号 {item.id}）。")
