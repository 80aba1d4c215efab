"""Competency measured from the skills a post expects: pure functions, no
database.

An appraisal assesses each skill the employee's post expects (``hr_skills``
levels, each with a progress from 0 to 100 %). For each skill:

* its **achievement** is the assessed level's progress against the expected
  level's, in percent, scored as an indicator whose target is the expected
  progress and whose actual is the assessed one (:func:`skill_achievement`):
  ``assessed / expected * 100``, capped at the indicator cap (120 by
  default); an expected level of 0 % is met by any level;
* its **growth** is the progress gained since the level before (the
  previous appraisal's assessed level, else the employee's level when the
  appraisal started; none counts as 0 %): ``assessed - previous``
  (:func:`skill_growth`).

The skills then make one item of the competency dimension, beside the
competency indicators (:func:`skill_item`): its score is the mean
achievement of the assessed skills (an expected skill not assessed yet has
no score and does not count, as an indicator without actual), and it weighs
as much as the mean competency indicator, or 1 without any, as the tasks'
item does in the process dimension (:func:`.scoring.task_item_weight`).

Worked example: a post expects Pricing at Intermediate (50 %) and
Negotiation at Advanced (75 %); the manager assesses both at Intermediate
(50 %). Pricing achieves 50 / 50 = 100, Negotiation 50 / 75 = 66.67, the
skills' item scores (100 + 66.67) / 2 = 83.33.
"""

from .scoring import DEFAULT_CAP, compute_score, task_item_weight, weighted_mean


def skill_achievement(expected_progress, assessed_progress, cap=DEFAULT_CAP):
    """Achievement of one skill in percent: the assessed level's progress
    against the expected level's (``assessed / expected * 100``), capped at
    ``cap`` (``None`` or 0 for none). ``None`` when the skill is not
    assessed (``assessed_progress`` is ``None``). An expected progress of 0
    is met by any assessed level (100)."""
    return compute_score(expected_progress or 0.0, assessed_progress, cap=cap)


def skill_growth(assessed_progress, previous_progress):
    """Progress points gained since the level before (none counts as 0 %);
    ``None`` when the skill is not assessed."""
    if assessed_progress is None:
        return None
    return float(assessed_progress) - float(previous_progress or 0.0)


def skill_item(skills, indicator_weights, cap=DEFAULT_CAP):
    """The item the skills make in the competency dimension, or ``None``
    when no expected skill is assessed.

    ``skills`` are ``(expected_progress, assessed_progress,
    previous_progress)`` triples of the skills the post expects
    (``assessed_progress`` is ``None`` for a skill not assessed yet);
    ``indicator_weights`` are the weights of the scored competency
    indicators beside it.

    Return a dict: ``score`` (the mean achievement of the assessed skills),
    ``weight`` (see :func:`.scoring.task_item_weight`), ``growth`` (their
    mean growth), ``count`` (expected skills) and ``assessed`` (how many
    were assessed).
    """
    skills = list(skills)
    achievements = []
    growths = []
    for expected, assessed, previous in skills:
        achievement = skill_achievement(expected, assessed, cap=cap)
        if achievement is None:
            continue
        achievements.append(achievement)
        growths.append(skill_growth(assessed, previous))
    if not achievements:
        return None
    return {
        "score": weighted_mean((achievement, 1.0) for achievement in achievements),
        "weight": task_item_weight(indicator_weights),
        "growth": sum(growths) / len(growths),
        "count": len(skills),
        "assessed": len(achievements),
    }
