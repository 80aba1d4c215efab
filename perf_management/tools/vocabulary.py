"""The vocabulary of the method, defined once and imported everywhere.

Selections are ``(value, label)`` pairs as Odoo fields take them; Odoo
translates the labels of the fields that use them.
"""

#: Who owns an objective, from the top of the organisation down.
LEVELS = [
    ("company", "Company"),
    ("department", "Department"),
    ("post", "Post"),
    ("employee", "Employee"),
]
#: Rank of each level: a child objective is never above its parent.
LEVEL_RANKS = {level: rank for rank, (level, _label) in enumerate(LEVELS)}
LEVEL_LABELS = dict(LEVELS)


def level_selection(*levels):
    """The ``(value, label)`` pairs of some levels, in the order given: the
    selection of a field that takes only these levels (a task is never the
    company's, a KPI value never a post's)."""
    return [(level, LEVEL_LABELS[level]) for level in levels]


#: The four views of performance an indicator measures (comprehensive is
#: their mix, set by the level policies).
DIMENSIONS = [
    ("result", "Result"),
    ("process", "Process"),
    ("competency", "Competency"),
]

#: Months of the year, as Odoo's ``account`` addon selects them.
MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]
