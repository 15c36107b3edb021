"""Safe markdown for user text: escape everything, then add our own highlighting.

Streamlit renders markdown (and ``:color[...]`` directives, emoji shortcodes and ``$`` math)
without HTML, so escaping ASCII punctuation is enough to show an answer exactly as typed and to
keep text such as ``**bold**`` or ``:red[x]`` in an answer from restyling the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
HIGHLIGHT = "orange-background"


def _escape_line(line: str) -> str:
    return _SPECIAL.sub(r"\\\1", line)


def escape_md(text: str) -> str:
    """Markdown that shows ``text`` as typed; lines become hard breaks, indentation is dropped
    (four leading spaces would otherwise turn a line into a code block)."""
    return highlight(text, ())


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def find_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Merged, sorted character spans of ``text`` matching any quote (case/space-insensitive)."""
    spans = []
    for quote in quotes:
        pattern = _pattern(quote)
        if pattern is not None:
            spans.extend(m.span() for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _line_markdown(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], start
    for span_start, span_end in spans:
        lo, hi = max(span_start, start), min(span_end, end)
        if lo >= hi:
            continue
        pieces.append(_escape_line(text[cursor:lo]))
        pieces.append(f":{HIGHLIGHT}[{_escape_line(text[lo:hi])}]")
        cursor = hi
    pieces.append(_escape_line(text[cursor:end]))
    return "".join(pieces).lstrip()


def highlight(text: str, quotes: Iterable[str]) -> str:
    """Escaped markdown of ``text`` with each quoted passage on a highlighted background."""
    text = text.replace("\r\n", "\n")
    spans = find_spans(text, quotes)
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append(_line_markdown(text, offset, offset + len(line), spans))
        offset += len(line) + 1
    return "  \n".join(lines)
