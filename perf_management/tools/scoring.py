"""Scoring of performance indicators: pure functions, no database.

Every score is in percent of the target: 100 means the target is met.
Scoring happens in two stages:

1. :func:`achievement` measures how far the actual value is from the target,
   in percent of the target, according to the direction (higher is better,
   lower is better, within a range).
2. :func:`compute_score` turns the achievement into a score: below the
   threshold the score is 0, then the curve applies (linear, stepped bands or
   binary), then the result is clamped between 0 and the cap.

A missing actual value (``None``) gives no score (``None``), never 0: an
indicator nobody has measured yet must not drag an average down.

Scores are then averaged: :func:`weighted_mean` is the one weighted mean of
the progress rollup, and :func:`dimension_mean` weighs the dimensions of an
objective's indicators by its level policy. :func:`is_valid_weight` is the
one rule every weight obeys. :func:`task_score` and :func:`task_item_weight`
make an employee's tasks one item of the process dimension of an appraisal;
the skills a post expects make one item of the competency dimension the same
way (see :mod:`.competency`).
"""

import math

from .bounds import bounded

DIRECTIONS = ("higher", "lower", "range")
#: The cap of a score, in %, unless an indicator sets its own: an actual of
#: 150 % of the target scores 120.
DEFAULT_CAP = 120.0
CURVES = ("linear", "stepped", "binary")

#: Default bands of the stepped curve, as (minimum achievement %, score %)
#: pairs: an achievement of at least the first value earns the second.
#: Below 80 % of the target the score is 0, from 80 % it is 50, from 100 %
#: it is 100 and from 120 % it is 120.
DEFAULT_STEPS = ((50.0, 0.0), (80.0, 50.0), (100.0, 100.0), (120.0, 120.0))

# Achievements are rounded before comparisons so that 0.1 + 0.2 against a
# target of 0.3 counts as met.
_PRECISION = 6


def achievement(target, actual, direction="higher", range_min=None, range_max=None):
    """Return how much of the target the actual value achieves, in percent.

    ``None`` when ``actual`` is ``None``. The result may be above 100 (the
    target is beaten) and is never below 0.

    The achievement is at most :data:`.bounds.MAX_FIGURE`: a target of
    0.000001 beaten by a million is achieved a lot, not infinitely.

    * ``higher`` (higher is better): ``100 + (actual - target) / |target| * 100``.
      For a positive target this is ``actual / target * 100``; the formula also
      works for a negative target (e.g. a loss to reduce to -50: an actual of
      -25 beats it). With a target of 0 there is no scale: an actual of 0 or
      more meets the target (100), a negative actual misses it (0).
    * ``lower`` (lower is better): ``100 + (target - actual) / target * 100``,
      the mirror image of ``higher``: each unit below the target counts as
      much as each unit above it, an actual of twice the target scores 0 and an
      actual of 0 (perfect) scores 200, which the cap then limits. There is no
      division by the actual, so an actual of 0 is fine. With a target of 0,
      an actual of 0 or less meets it (100) and anything above misses it (0).
    * ``range`` (within a range): inside ``[range_min, range_max]`` (bounds
      included) the achievement is 100. Outside, it decreases linearly with the
      distance to the nearest bound, relative to the width of the range: one
      range width away scores 0. When the range has no width (a single value),
      the distance is relative to ``|target|``, then to the absolute value of
      the bound; when all of these are 0 any value outside scores 0. A bound
      that is ``None`` leaves the range open on that side; with both bounds
      ``None`` the range is the target value itself.
    """
    if actual is None:
        return None
    if direction not in DIRECTIONS:
        raise ValueError(f"Unknown direction {direction!r}")
    target = float(target or 0.0)
    actual = float(actual)
    if direction == "range":
        return _range_achievement(target, actual, range_min, range_max)
    if direction == "higher":
        gap = actual - target
    else:
        gap = target - actual
    if not target:
        return 100.0 if round(gap, _PRECISION) >= 0 else 0.0
    # A tiny target makes a huge ratio: bounded, so that it stays a number.
    return max(0.0, bounded(round(100.0 + gap / abs(target) * 100.0, _PRECISION)))


def _range_achievement(target, actual, range_min, range_max):
    if range_min is None and range_max is None:
        range_min = range_max = target
    low = -math.inf if range_min is None else float(range_min)
    high = math.inf if range_max is None else float(range_max)
    if low > high:
        raise ValueError("range_min must be lower than or equal to range_max")
    if low <= actual <= high:
        return 100.0
    distance = low - actual if actual < low else actual - high
    bound = low if actual < low else high
    reference = high - low if math.isfinite(high - low) else 0.0
    reference = reference or abs(target) or abs(bound)
    if not reference:
        return 0.0
    return max(0.0, bounded(round(100.0 - distance / reference * 100.0, _PRECISION)))


def apply_curve(value, curve="linear", steps=None):
    """Map an achievement (in %) to a score (in %) along ``curve``.

    * ``linear``: the score is the achievement.
    * ``stepped``: ``steps`` is a sequence of (minimum achievement, score)
      pairs (default :data:`DEFAULT_STEPS`, in any order); the score is that of
      the highest band the achievement reaches, 0 below the lowest band.
    * ``binary``: 100 when the target is met (achievement of 100 or more),
      else 0.
    """
    if curve not in CURVES:
        raise ValueError(f"Unknown curve {curve!r}")
    if curve == "linear":
        return value
    if curve == "binary":
        return 100.0 if value >= 100.0 else 0.0
    score = 0.0
    for minimum, band_score in sorted(steps or DEFAULT_STEPS):
        if value >= minimum:
            score = float(band_score)
    return score


def compute_score(
    target,
    actual,
    direction="higher",
    curve="linear",
    threshold=0.0,
    cap=DEFAULT_CAP,
    range_min=None,
    range_max=None,
    steps=None,
):
    """Return the score of an indicator in percent, or ``None`` without actual.

    ``threshold`` (in % of achievement, 0 for none): an achievement strictly
    below it scores 0, whatever the curve. ``cap`` (in %, ``None`` or 0 for
    none): the score never exceeds it, so a cap of 120 limits an actual of
    150 % of the target to 120. The score is never negative. See
    :func:`achievement` for the directions and :func:`apply_curve` for the
    curves.
    """
    value = achievement(
        target, actual, direction=direction, range_min=range_min, range_max=range_max
    )
    if value is None:
        return None
    if threshold and value < threshold:
        return 0.0
    score = apply_curve(value, curve=curve, steps=steps)
    if cap:
        score = min(score, float(cap))
    return max(0.0, score)


def weighted_mean(scores_weights):
    """Weighted mean of ``(score, weight)`` pairs, skipping ``None`` scores.

    ``None`` when nothing is left to average (no score, or only weights of 0).
    """
    total = weights = 0.0
    for score, weight in scores_weights:
        if score is None or not weight:
            continue
        total += score * weight
        weights += weight
    if not weights:
        return None
    return total / weights


def is_valid_weight(weight, zero_allowed=False):
    """The rule every weight obeys: a number of 0 or more, and more than 0
    where a weight of 0 would make a record count for nothing (an objective in
    its parent, an indicator in its dimension). A weight of 0 is allowed where
    it switches a block off (own indicators, own tasks, sub-objectives)."""
    weight = float(weight or 0.0)
    return weight >= 0.0 if zero_allowed else weight > 0.0


def dimension_mean(items, dimension_weights):
    """Mean of scored indicators weighted by dimension, then inside each one.

    ``items`` are ``(dimension, score, weight)`` triples (``None`` scores are
    skipped), ``dimension_weights`` maps a dimension to its policy weight.
    Each dimension's weighted mean counts with its policy weight::

        sum(policy_weight(d) * mean(d)) / sum(policy_weight(d))

    over the dimensions that have a score, so three process indicators and
    one competency indicator under a 60/40 policy count 60/40, not 3 to 1.
    When a dimension with a score has no policy weight (0 or not expected),
    every dimension present counts equally, so that nothing entered is
    silently ignored.

    Return ``(mean, means, equal)``: the mean (``None`` without any score),
    ``{dimension: mean}`` of the dimensions with a score, and whether the
    dimensions were weighted equally.
    """
    pairs = {}
    for dimension, score, weight in items:
        pairs.setdefault(dimension, []).append((score, weight))
    means = {
        dimension: mean
        for dimension, dimension_pairs in pairs.items()
        if (mean := weighted_mean(dimension_pairs)) is not None
    }
    if not means:
        return None, means, False
    equal = any(not dimension_weights.get(dimension) for dimension in means)
    mean = weighted_mean(
        (value, 1.0 if equal else dimension_weights[dimension])
        for dimension, value in means.items()
    )
    return mean, means, equal


def task_score(tasks):
    """Score of an employee's tasks, in percent: the weighted share of them
    that are verified.

    ``tasks`` are ``(verified, weight)`` pairs. A task only marked done by
    its assignee is self-declared and earns nothing until someone else
    verifies it, so ``verified`` is true for verified tasks only. ``None``
    when there is no task, or only tasks of weight 0.
    """
    total = verified_total = 0.0
    for verified, weight in tasks:
        weight = float(weight or 0.0)
        total += weight
        if verified:
            verified_total += weight
    if not total:
        return None
    return verified_total / total * 100.0


def task_item_weight(indicator_weights):
    """Weight of the tasks' item among the indicators of its dimension: the
    mean of the indicators' weights (``indicator_weights``), so the tasks
    weigh as much as an average indicator, or 1 when there is no indicator."""
    weights = [float(weight or 0.0) for weight in indicator_weights]
    if not weights:
        return 1.0
    return sum(weights) / len(weights)
