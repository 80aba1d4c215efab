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
