"""Marking the query's words in a hit's text, safely: the text is escaped, then wrapped in
``<mark>``. Matching uses the same normalization as the search, so «علي» marks «علی» and «۱۲»
marks «12»; the text keeps its own letters, with Persian digits."""
from functools import cache

from markupsafe import Markup, escape

from core.text import normalize_fa, to_fa_digits

ELLIPSIS = "…"


@cache
def _fold(char):
    """One character's normalized form (a pure function of the character: computed once each)."""
    return " " if char.isspace() else normalize_fa(char)


class _Folds(dict):
    """``str.translate``'s table of ``_fold``: each character's code to its normalized form, filled
    as characters are met; ``uneven`` holds those whose form is not one character."""

    uneven = set()

    def __missing__(self, code):
        folded = self[code] = _fold(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLDS = _Folds()


def _normalized_with_positions(text):
    """``text`` normalized character by character, with the index in ``text`` of each character
    of the result."""
    normalized = text.translate(_FOLDS)
    if _FOLDS.uneven.isdisjoint(text):  # each character kept its place (nearly always)
        return normalized, range(len(text))
    folded = list(map(_fold, text))
    return normalized, [index for index, piece in enumerate(folded) for _char in piece]


def match_spans(text, words):
    """``[(start, end), ...]`` of ``text`` where one of the normalized ``words`` appears, merged."""
    normalized, positions = _normalized_with_positions(text)
    spans = []
    for word in words:
        start = normalized.find(word)
        while word and start != -1:
            end = start + len(word) - 1
            spans.append((positions[start], positions[end] + 1))
            start = normalized.find(word, start + len(word))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text, spans, length):
    """A part of a long text around its first match, at most ``length`` characters."""
    if len(text) <= length:
        return text, spans, "", ""
    first = spans[0][0] if spans else 0
    start = max(0, min(first - length // 3, len(text) - length))
    if start:
        space = text.find(" ", start, first if spans else start + 20)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    shifted = [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]
    return text[start:end], shifted, ELLIPSIS if start else "", ELLIPSIS if end < len(text) else ""


def highlight(text, words, length=None):
    """``text`` as HTML with each match of ``words`` in ``<mark>`` (everything else escaped), its
    digits Persian; with ``length``, a window of that many characters around the first match."""
    text = " ".join(str(text or "").split())
    spans = match_spans(text, words)
    prefix = suffix = ""
    if length:
        text, spans, prefix, suffix = _window(text, spans, length)
    text = to_fa_digits(text)  # a digit for a digit: the spans stay in place
    parts, cursor = [prefix], 0
    for start, end in spans:
        parts += (escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>")
        cursor = end
    parts += (escape(text[cursor:]), suffix)
    return Markup("".join(parts))  # each piece of text escaped: one Markup, not one a piece
