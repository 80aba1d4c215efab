"""Rating bands: pure functions, no database.

A rating scale is a list of bands, each with a minimum score (in percent of
the target, as :mod:`.scoring` gives them) and a payroll coefficient. A band
covers the scores from its minimum up to the next band's minimum; the highest
band has no upper bound (a score of 120 is still an A). A score below the
lowest minimum is outside the scale.
"""

from collections import namedtuple

Band = namedtuple("Band", ["code", "min_score", "coefficient"])

#: The default scale of a company, as (code, minimum score, payroll coefficient).
DEFAULT_BANDS = (
    Band("A", 90.0, 1.2),
    Band("B", 75.0, 1.1),
    Band("C", 60.0, 1.0),
    Band("D", 40.0, 0.9),
    Band("E", 0.0, 0.8),
)


class RatingError(ValueError):
    """A scale that cannot rate, or a score it cannot rate.

    ``kind`` names the problem (``empty``, ``negative_coefficient``,
    ``negative_minimum``, ``duplicate_code``, ``duplicate_minimum``,
    ``below_scale``) so that callers word it for their users; ``params``
    holds the band code or score concerned.
    """

    def __init__(self, kind, **params):
        super().__init__(kind, params)
        self.kind = kind
        self.params = params


def validate_bands(bands):
    """Raise :class:`RatingError` unless ``bands`` make a usable scale.

    A scale has at least one band; no two bands share a code or a minimum
    score (the lower one would never be reached); minimum scores are 0 or
    more and coefficients 0 or more.
    """
    if not bands:
        raise RatingError("empty")
    codes, minimums = set(), set()
    for band in bands:
        if band.coefficient < 0:
            raise RatingError("negative_coefficient", code=band.code)
        if band.min_score < 0:
            raise RatingError("negative_minimum", code=band.code)
        if band.code in codes:
            raise RatingError("duplicate_code", code=band.code)
        if band.min_score in minimums:
            raise RatingError("duplicate_minimum", code=band.code, score=band.min_score)
        codes.add(band.code)
        minimums.add(band.min_score)


def find_band(bands, score):
    """The band of ``bands`` that ``score`` falls in.

    ``None`` for a ``None`` score (nothing to rate). Raises
    :class:`RatingError` (``below_scale``) when the score is below every
    band's minimum, or when there is no band at all.
    """
    if score is None:
        return None
    reached = [band for band in bands if score >= band.min_score]
    if not reached:
        raise RatingError("below_scale", score=score)
    return max(reached, key=lambda band: band.min_score)


#: Shares are compared with this tolerance, so that 20.000000001 % of a
#: population is not over a 20 % target.
SHARE_EPSILON = 1e-6


def validate_targets(targets):
    """Raise :class:`RatingError` unless ``targets`` make a target distribution.

    ``targets`` is a list of ``(code, share)`` pairs, ``share`` a percentage
    or ``None`` for a band without target. Each share is 0 to 100
    (``target_out_of_range``); the shares sum to at most 100
    (``targets_over_100``), and to exactly 100 when every band has one
    (``targets_not_100``): the whole population is then distributed.
    """
    shares = [share for _code, share in targets if share is not None]
    for code, share in targets:
        if share is not None and not 0 <= share <= 100:
            raise RatingError("target_out_of_range", code=code, share=share)
    total = sum(shares)
    if total > 100 + SHARE_EPSILON:
        raise RatingError("targets_over_100", total=round(total, 2))
    if shares and len(shares) == len(targets) and total < 100 - SHARE_EPSILON:
        raise RatingError("targets_not_100", total=round(total, 2))


def distribution(counts):
    """The share in percent of each key of ``counts`` (a mapping of key to
    number of ratings); all zero for an empty population."""
    total = sum(counts.values())
    return {
        key: (count * 100.0 / total if total else 0.0) for key, count in counts.items()
    }


def over_target(counts, targets):
    """The keys of ``targets`` whose share of ``counts`` exceeds the target.

    ``targets`` maps a key to its target share in percent, or ``None`` for
    no target; a key missing from ``counts`` has a share of 0.
    """
    shares = distribution(counts)
    return [
        key
        for key, target in targets.items()
        if target is not None and shares.get(key, 0.0) > target + SHARE_EPSILON
    ]
