"""Keep Chinese closing punctuation off the start of a line (禁则) where xeCJK cannot see what it follows.

    python scripts/zh_tex_kinsoku.py _build/latex-zh/book.tex

xeCJK forbids a break before ，。；： and their kin when a Chinese character precedes them. After a
closing bracket in a caption or a narrow table cell, and after a group that ends with a link or a
raised box (a source mark †A inside \\hyperref, a glued number inside \\DUrole), the link's end is a
whatsit, and the glue before the mark is a legal break: the Chinese PDF had lines that opened with ；.
A \\nobreak right before the mark (outside the group) makes that glue no breakpoint.
Body text only: not in a heading's line (its PDF string takes no \\nobreak)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

#: Full-width marks that may not open a line.
CLOSING = "，。；：、！？）》」』"
#: A group's end, an ellipsis or a closing bracket or quote right before such a mark (two closing marks
#: in a row: xeCJK keeps them together in running text, not in a caption or a narrow table cell).
BEFORE_MARK = re.compile(r"(\}|…|[）」』”’》])(?=[" + CLOSING + "])")


def protect(tex: str) -> str:
    body_start = tex.index(r"\begin{document}")
    head, body = tex[:body_start], tex[body_start:]
    lines = []
    for line in body.splitlines(keepends=True):
        # a heading's PDF string (bookmarks) takes no \nobreak: leave lines with \texorpdfstring's
        # second argument followed by a mark alone, they are headings and table cells of a few words
        lines.append(line if r"\section" in line or r"\chapter" in line or r"\part" in line
                     else BEFORE_MARK.sub(r"\1\\nobreak{}", line))
    return head + "".join(lines)


def main(path: str) -> int:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    new = protect(text)
    if new != text:  # unchanged: latexmk sees the same file and runs no pass
        file.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
