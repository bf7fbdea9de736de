"""Write the Chinese build's configuration: _build/zh-config/_config.yml.

It is _config.yml, overlaid by locales/zh_CN/config.yml (language, Chinese title, interface strings:
zh-site's) when that file exists, then by book/_latex/zh/latex.yml (the Chinese PDF's LaTeX settings).
Mappings merge key by key (so `latex_elements` keeps the English settings the overlay does not name);
any other value is replaced.

MINIMAL LOCAL VERSION (zh-pdf): zh-site owns this script and its full version; this one only does
what the Chinese PDF needs, so the PDF builds before zh-site's branch lands.

    python scripts/zh_config.py            # writes _build/zh-config/_config.yml, prints its path
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "_config.yml"
OVERLAYS = [ROOT / "locales" / "zh_CN" / "config.yml", ROOT / "book" / "_latex" / "zh" / "latex.yml"]
OUT = ROOT / "_build" / "zh-config" / "_config.yml"
#: What the Chinese build needs even when zh-site's overlay is absent (its overlay wins when present).
DEFAULTS = {
    "title": "襄阳十大工程2020年进展：一份分析性解读",
    "author": "《襄阳十大工程》图书贡献者",
    "sphinx": {"config": {"language": "zh_CN", "today_fmt": "%Y年%-m月%-d日"}},
}


def merge(base: dict, over: dict) -> dict:
    """base overlaid by over: mappings merged key by key, other values replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def build_config() -> dict:
    config = merge(yaml.safe_load(BASE.read_text(encoding="utf-8")), DEFAULTS)
    for path in OVERLAYS:
        if path.exists():
            overlay = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(overlay, dict):
                sys.exit(f"{path}: expected a mapping of configuration keys, found {type(overlay).__name__}")
            config = merge(config, overlay)
    return config


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(build_config(), allow_unicode=True, sort_keys=False, width=120)
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:  # unchanged: no rebuild
        OUT.write_text(text, encoding="utf-8")
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
