"""Pure arithmetic of objective decomposition (no database access).

Shares are percentages of the parent (they total 100). Split amounts are
rounded by the largest remainder method, at the precision of their unit, so
that the children's targets add up exactly to the parent's target.
"""

import math

# Shares typed by hand are accepted when they total 100 within this margin
# (three shares of 33.33 % total 99.99 %).
SHARE_TOLERANCE = 0.011

#: The only aggregation whose targets add up over the children; every other
#: one (average, last value, minimum, maximum...) is carried over unchanged.
AGGREGATIONS_SPLIT = ("sum",)

#: Numeric indicator fields that are split by the share when the indicator
#: adds up over its children.
SPLIT_FIELDS = ("target_value", "range_min", "range_max")

#: Most decimals a split keeps to carry the parent's own precision.
MAX_DIGITS = 6


class ShareError(ValueError):
    """Raised with a code telling what is wrong with a list of shares."""

    def __init__(self, code, index=None):
        super().__init__(code)
        self.code = code
        self.index = index


def is_number(value):
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def adds_up(aggregation):
    """Whether targets of this aggregation are split (else carried over)."""
    return aggregation in AGGREGATIONS_SPLIT


def check_shares(shares, tolerance=SHARE_TOLERANCE):
    """Check that ``shares`` are positive numbers totalling 100.

    Raise a :class:`ShareError` with code ``empty``, ``not_number``,
    ``not_positive`` or ``total`` (and the index of the faulty share).
    """
    if not shares:
        raise ShareError("empty")
    for index, share in enumerate(shares):
        if not is_number(share):
            raise ShareError("not_number", index)
        if share <= 0:
            raise ShareError("not_positive", index)
    if abs(sum(shares) - 100.0) > tolerance:
        raise ShareError("total")
    return True


def equal_shares(count, digits=2):
    """``count`` equal shares in percent totalling 100.

    Rounded to ``digits`` for display; with ``digits=None`` the exact shares,
    which split a target without the bias of the rounded percentages.
    """
    if count <= 0:
        return []
    return split_amount(100.0, [1.0] * count, digits=digits)


def normalize_weights(weights, digits=2):
    """Turn non-negative weights into percentages totalling 100 (rounded to
    ``digits``, or exact with ``digits=None``). A weight of 0 gets a share of 0.

    Raise :class:`ShareError` (``not_number``, ``negative`` or ``zero_total``)
    when the weights cannot be normalised.
    """
    for index, weight in enumerate(weights):
        if not is_number(weight):
            raise ShareError("not_number", index)
        if weight < 0:
            raise ShareError("negative", index)
    if not weights or not sum(weights):
        raise ShareError("zero_total")
    return split_amount(100.0, weights, digits=digits)


def decimals_of(value, max_digits=MAX_DIGITS):
    """Decimals needed to write ``value`` exactly (at most ``max_digits``)."""
    if not is_number(value):
        return 0
    text = f"{abs(value):.{max_digits}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def split_digits(value, digits):
    """Precision of the parts of ``value``: the unit's ``digits``, or more
    when the value itself has more (a target of 1000.555 is never rounded to
    1000.56 by its split); ``None`` when ``digits`` is None (no rounding)."""
    if digits is None:
        return None
    return max(digits, decimals_of(value))


def split_amount(total, weights, digits=2):
    """Split ``total`` proportionally to ``weights``.

    Each part is rounded to ``digits`` decimals (no rounding when ``digits``
    is None) by the largest remainder method: parts are rounded down, then the
    units left over go one by one to the parts that lost most in the rounding
    (the later part first on a tie), so the parts add up to ``total`` exactly
    at that precision and no part is off by more than one unit. A part of
    weight 0 gets 0.
    """
    weight_total = sum(weights)
    if not weights or not weight_total:
        return [0.0] * len(weights)
    if digits is None:
        return [total * weight / weight_total for weight in weights]
    scale = 10**digits
    exact = [total * scale * weight / weight_total for weight in weights]
    floors = [math.floor(round(value, 6)) for value in exact]
    units = round(total * scale) - sum(floors)
    order = sorted(
        (index for index, weight in enumerate(weights) if weight),
        key=lambda index: (round(exact[index] - floors[index], 6), index),
        reverse=True,
    )
    for index in order[:units]:
        floors[index] += 1
    return [round(units_ / scale, digits) for units_ in floors]


def split_indicator_values(values, shares, aggregation, digits=2, kept=None):
    """Targets of the children of one indicator.

    ``values`` maps the fields of :data:`SPLIT_FIELDS` to the parent's values,
    ``shares`` are the children's shares (percent), ``digits`` the precision
    of the indicator's unit and ``kept`` maps the fields to the total already
    held by children left unchanged (edited by hand): only the rest is split.
    Return one dict per child: the values split by the shares when the
    aggregation adds up, otherwise the parent's values unchanged.
    """
    if not adds_up(aggregation):
        return [dict(values) for _share in shares]
    kept = kept or {}
    columns = {}
    for fname in SPLIT_FIELDS:
        if fname not in values:
            continue
        value = values.get(fname) or 0.0
        precision = split_digits(value, digits)
        rest = value - kept.get(fname, 0.0)
        if precision is not None:
            rest = round(rest, precision)
        columns[fname] = split_amount(rest, shares, digits=precision)
    return [
        {fname: parts[index] for fname, parts in columns.items()}
        for index in range(len(shares))
    ]


def has_numeric_target(values):
    """Whether an indicator carries a non-zero numeric target."""
    return any(values.get(fname) for fname in SPLIT_FIELDS)


def months_between(date_start, date_end):
    """Calendar months (1-12) covered by the period, in order."""
    months = []
    year, month = date_start.year, date_start.month
    while (year, month) <= (date_end.year, date_end.month):
        months.append(month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def profile_weights(month_weights, periods_months):
    """Weight of each sub-period under a seasonal profile.

    ``month_weights`` maps a calendar month (1-12) to its weight,
    ``periods_months`` lists the calendar months of each sub-period.
    """
    return [
        sum(month_weights.get(month, 0.0) for month in months)
        for months in periods_months
    ]


def add_up_exactly(parts, total, digits):
    """Whether ``parts`` add up to ``total`` at ``digits`` decimals."""
    precision = split_digits(total, digits)
    return round(sum(parts) - total, precision) == 0
