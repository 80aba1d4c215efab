"""How large a typed value may be: pure functions, no database.

Every figure a user types (a target, an actual, a weight, a check-in value, a
coefficient...) is a finite number between ``-MAX_FIGURE`` and
``MAX_FIGURE``. The bound is far above any real figure of an SME (10^15 is a
million billion) and far below the largest float (about 1.8 x 10^308), so
that a sum of bounded figures, or a score computed from them, stays finite:
adding 10^15 a billion times still gives only 10^24.

Every text a user types has a size limit by kind (:data:`TEXT_LIMITS`): a
name or another one-line text (``char``), a long text such as a comment, a
review or a reason (``text``), and a formatted text (``html``), whose markup
counts. A text over its limit is refused, never cut.
"""

import math

#: The largest absolute value of a typed figure.
MAX_FIGURE = 1e15

#: Characters a typed text may hold, by kind of field.
TEXT_LIMITS = {
    "char": 256,
    "text": 10_000,
    "html": 100_000,
}


def parse_figure(value):
    """``value`` as a float, or ``None`` when it is not a number at all
    (a text that is not a number, a number too large for a float)."""
    if isinstance(value, bool):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def is_valid_figure(value):
    """Whether ``value`` is a number that is finite and within
    ``MAX_FIGURE`` (``None`` and ``False``, the empty figure, are 0)."""
    number = parse_figure(value or 0.0)
    return number is not None and math.isfinite(number) and abs(number) <= MAX_FIGURE


def bounded(value, default=0.0):
    """``value`` clamped to ``[-MAX_FIGURE, MAX_FIGURE]``; ``default`` when it
    is not a number (NaN). For computed figures (a score out of a tiny target),
    never for typed ones, which are refused instead."""
    if value is None or math.isnan(value):
        return default
    return max(-MAX_FIGURE, min(MAX_FIGURE, value))


def text_limit(kind):
    """Characters a text of ``kind`` (``char``, ``text`` or ``html``) may
    hold, or ``None`` for a kind without limit."""
    return TEXT_LIMITS.get(kind)


def is_text_within(value, limit):
    """Whether the text ``value`` holds at most ``limit`` characters (any
    value that is not a text is left to the field's own conversion)."""
    return not isinstance(value, str) or limit is None or len(value) <= limit
