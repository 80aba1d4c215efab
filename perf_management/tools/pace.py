"""Where a figure should be on a given day: the elapsed share of a period,
the value expected then, and the pace status from the gap.

Pure functions, tested without the database.
"""

import math

from .scoring import weighted_mean

#: Where a figure stands against where it should be today. A figure nothing
#: measures yet has no pace status.
PACE_STATUSES = [
    ("ahead", "Ahead"),
    ("on_track", "On track"),
    ("behind", "Behind"),
]


def elapsed_share(date_start, date_end, day):
    """Share (0.0-1.0) of the period from ``date_start`` to ``date_end``
    (both included) elapsed at the end of ``day``, by calendar days."""
    if day < date_start:
        return 0.0
    if day >= date_end:
        return 1.0
    return ((day - date_start).days + 1) / ((date_end - date_start).days + 1)


def weighted_share(parts, day):
    """Elapsed share of a period split into weighted sub-periods.

    ``parts`` is a list of ``(weight, share_at)`` where ``share_at(day)`` is the
    elapsed share of that sub-period: a sub-period weighing twice as much
    counts twice as much, as a seasonal split intends. Without positive
    weights, nothing is elapsed.
    """
    share = weighted_mean(
        (share_at(day), weight) for weight, share_at in parts if weight > 0
    )
    return share or 0.0


def expected_value(target, share, start=0.0, accumulates=True):
    """Value expected once ``share`` of the period is elapsed.

    A figure that accumulates over the period (a sum) moves from ``start`` to
    ``target`` in proportion to the time elapsed; a rate or a level (average,
    last value) is expected at its target all along.
    """
    if not accumulates:
        return target
    return start + (target - start) * share


def parse_value(value):
    """``value`` as a finite float, or ``None`` when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def parse_typed_number(text, decimal_point=".", thousands_sep=","):
    """The number a person typed, as a finite float, or ``None``.

    ``text`` is read as the person's language writes numbers: its thousands
    separator and any space are dropped, its decimal point read as one. An
    empty text is ``None``, not 0: nothing was typed.
    """
    if not isinstance(text, str):
        return None
    # Any space, non-breaking ones included, as languages group digits.
    cleaned = "".join(text.split())
    if thousands_sep and thousands_sep.strip():
        cleaned = cleaned.replace(thousands_sep.strip(), "")
    if decimal_point and decimal_point != ".":
        cleaned = cleaned.replace(decimal_point, ".")
    if not cleaned:
        return None
    return parse_value(cleaned)


#: A value more than this many times every figure it is compared with (or
#: less than this fraction of each) is unusual: the check-in form asks to
#: confirm it. A slipped zero multiplies by ten; a month's figure typed as
#: the year's divides by twelve.
UNUSUAL_RATIO = 5.0


def is_unusual_value(value, references, ratio=UNUSUAL_RATIO):
    """Whether ``value`` is far from every non-zero figure of ``references``
    (e.g. the current actual and the value expected today): more than
    ``ratio`` times it, less than ``1 / ratio`` of it, or of the other sign.
    ``False`` with nothing to compare with."""
    references = [reference for reference in references if reference]
    if not references:
        return False

    def far(reference):
        quotient = value / reference
        return quotient <= 0 or quotient > ratio or quotient < 1 / ratio

    return all(far(reference) for reference in references)


def worst_own_or_below(by_path, path, ranks):
    """The signal of the node at ``path`` (a ``parent_path`` such as
    ``"1/4/"``) from ``by_path``, the worst signal of each node's own
    figures: its own when it has one; otherwise the worst of the nearest
    nodes below it that have one, as each figure counts once. ``ranks`` orders
    the signals, worst first (lowest); ``False`` when nothing below has one."""
    if not path:
        return False
    if path in by_path:
        return by_path[path]
    below = [node for node in by_path if node.startswith(path) and node != path]
    nearest = [
        node
        for node in below
        if not any(
            other != node and node.startswith(other) and other.startswith(path)
            for other in below
        )
    ]
    if not nearest:
        return False
    return min((by_path[node] for node in nearest), key=ranks.get)


def pace_status(gap, ahead_points, behind_points):
    """Pace status of a figure ``gap`` points (in %) from where it should be
    today (progress minus expected progress).

    More than ``ahead_points`` above: ``ahead``; more than ``behind_points``
    below: ``behind``; in between (limits included): ``on_track``. The gap is
    rounded to 6 decimals first, so that a figure exactly on a limit is on
    track. ``None`` (nothing measured) gives ``None``.
    """
    if gap is None:
        return None
    gap = round(gap, 6)
    if gap > ahead_points:
        return "ahead"
    if gap < -behind_points:
        return "behind"
    return "on_track"
