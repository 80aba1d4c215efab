"""How a fiscal year is laid out in months and quarters: pure date arithmetic.

Every fiscal month ends on the same day as the fiscal year: a year ending on
the last day of a month (31 December, 30 June, 28 February) has months
ending on the last day of each month; a year ending on the 25th has months
running from the 26th to the 25th, and a year ending on the 30th has months
ending on the 30th (on the 28th or 29th in February). Quarters are three
consecutive fiscal months, so a month never straddles two quarters and the
KPI values grouped by month add up to the quarter.
"""

import calendar
from datetime import date, timedelta

#: A cycle has at most twelve months.
MAX_MONTHS = 12


class LayoutError(ValueError):
    """The range cannot be cut into whole fiscal months."""


def _last_day(year, month):
    return calendar.monthrange(year, month)[1]


def _next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_end_day(date_end):
    """Day on which the fiscal months of a year ending on ``date_end`` end,
    ``None`` meaning the last day of each month."""
    if date_end.day == _last_day(date_end.year, date_end.month):
        return None
    return date_end.day


def fiscal_month_end(year, month, day):
    """Last day of the fiscal month ending in calendar ``month`` of ``year``."""
    last = _last_day(year, month)
    return date(year, month, last if day is None else min(day, last))


def fiscal_months(date_start, date_end):
    """Consecutive ``(start, end)`` fiscal months from ``date_start`` to
    ``date_end``, each ending on the day given by :func:`month_end_day`.

    Raise :class:`LayoutError` when ``date_start`` is not the day after a
    fiscal month end (the first month would be cut short) or when the range
    holds more than :data:`MAX_MONTHS` months.
    """
    if date_start > date_end:
        raise LayoutError("The range ends before it starts.")
    day = month_end_day(date_end)
    previous = date_start - timedelta(days=1)
    if fiscal_month_end(previous.year, previous.month, day) != previous:
        raise LayoutError("The range starts in the middle of a fiscal month.")
    months = []
    start = date_start
    year, month = date_start.year, date_start.month
    while start <= date_end:
        end = fiscal_month_end(year, month, day)
        if end >= start:
            months.append((start, end))
            start = end + timedelta(days=1)
        year, month = _next_month(year, month)
    if months[-1][1] != date_end or len(months) > MAX_MONTHS:
        raise LayoutError("The range does not hold whole fiscal months.")
    return months


def fiscal_quarters(months):
    """``(start, end, months)`` of consecutive groups of three ``months``; the
    last quarter of a cycle shorter than a year may hold fewer months."""
    return [
        (group[0][0], group[-1][1], group)
        for group in (months[index : index + 3] for index in range(0, len(months), 3))
    ]
