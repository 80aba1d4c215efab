"""How a key result is scored, as OKR practice does: from 0.0 to 1.0, and
where it should be on a given day."""

import math

#: Kinds of key results.
KR_TYPES = [
    ("metric", "Metric (from a start value to a target)"),
    ("percentage", "Percentage (0-100 %)"),
    ("milestone", "Milestones (ordered steps)"),
    ("binary", "Done or not"),
]
#: How ambitious an OKR is, and the success line each kind defaults to.
OKR_TYPES = [
    ("committed", "Committed"),
    ("aspirational", "Aspirational"),
]
DEFAULT_SUCCESS_LINES = {"committed": 1.0, "aspirational": 0.7}


def okr_score(kr_type, actual, target=0.0, start=0.0, steps=0):
    """Score (0.0-1.0) of a key result whose current value is ``actual``.

    * metric: the share of the way from ``start`` to ``target`` (either way
      up or down);
    * percentage: ``actual`` in % of ``target`` (100 % when no target);
    * milestone: the share of the ``steps`` reached (``actual`` steps);
    * binary: 1.0 once done (``actual`` of 1), else 0.0.

    ``actual`` is ``None`` when nothing was entered yet: the score is 0.0.
    """
    if actual is None:
        return 0.0
    if kr_type == "metric":
        span = target - start
        ratio = (actual - start) / span if span else 0.0
    elif kr_type == "percentage":
        ratio = actual / (target or 100.0)
    elif kr_type == "milestone":
        ratio = actual / steps if steps else 0.0
    elif kr_type == "binary":
        ratio = 1.0 if actual >= 1 else 0.0
    else:
        return 0.0
    return round(min(max(ratio, 0.0), 1.0), 4)


def is_achieved(score, success_line):
    """Whether a score reaches the success line (a little rounding tolerated)."""
    return score >= success_line - 1e-6


def expected_value(kr_type, share, target=0.0, start=0.0, steps=0):
    """Value a key result should have once ``share`` (0-1) of its period is
    elapsed, in its own terms:

    * metric: ``share`` of the way from ``start`` to ``target``;
    * percentage: ``share`` of ``target``;
    * milestone: the whole steps due by then (no fraction of a step);
    * binary: done (1) by the end of the period, not done (0) until then.
    """
    if kr_type == "metric":
        return start + (target - start) * share
    if kr_type == "percentage":
        return target * share
    if kr_type == "milestone":
        # A tolerance so that 3 steps x 1/3 of the period is 1 step.
        return float(math.floor(steps * share + 1e-9))
    if kr_type == "binary":
        return 1.0 if share >= 1.0 else 0.0
    return None
