"""How the actual of a decomposed indicator derives from its children.

A target that adds up (``sum``) is split among the children, so their
actuals add up again. A carried-over target is the same for every child: the
parent's actual is the latest child actual (``last``, by period), their
``average``, ``minimum`` or ``maximum``.
"""

#: How an indicator's parts combine, over time and in space.
AGGREGATIONS = [
    ("sum", "Sum"),
    ("average", "Average"),
    ("last", "Last value"),
    ("minimum", "Minimum"),
    ("maximum", "Maximum"),
]


def aggregate(values, aggregation):
    """Combine ``values`` (in period order, oldest first) by ``aggregation``.

    ``None`` values (no actual yet) are left out; ``None`` when none is left.
    """
    values = [float(value) for value in values if value is not None]
    if not values:
        return None
    if aggregation == "sum":
        return sum(values)
    if aggregation == "average":
        return sum(values) / len(values)
    if aggregation == "last":
        return values[-1]
    if aggregation == "minimum":
        return min(values)
    if aggregation == "maximum":
        return max(values)
    raise ValueError(f"Unknown aggregation {aggregation!r}")
