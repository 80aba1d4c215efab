"""How the progress of an objective is computed.

Progress (in %) is the weighted mean of the blocks that are measured::

    progress = (a * indicator_progress + b * task_progress
                + c * sub_objectives_progress) / (a + b + c)

``a``, ``b`` and ``c`` are ``own_indicators_weight``, ``own_tasks_weight``
and ``sub_objectives_weight``; a block counts only when it is measured and
its weight is above 0. An objective with no measured block has no progress
(``is_measured`` is False, ``progress`` 0) and is left out of its parent.

* ``indicator_progress``: the indicators with a score (an actual; no actual
  means no score, not 0) are averaged by dimension, weighted by the level
  policy of the objective's company and level, and by their own weights
  inside each dimension (:func:`..tools.scoring.dimension_mean`). A
  dimension with scores but no policy weight makes every dimension count
  equally.
* ``task_progress``: the weighted mean of the completion of the active
  top-level tasks (done or verified: 100 %; with sub-tasks: their weighted
  completion).
* ``sub_objectives_progress``: the measured active children are grouped by
  how they decompose the objective, in space (another owner) or in time (the
  same owner, a sub-period). Each group is a whole view of the objective,
  weighted by the children's weights (the shares of a decomposition); the
  block is the mean of the groups present, so an objective decomposed both to
  posts and over quarters is not counted twice.

Every mean is :func:`..tools.scoring.weighted_mean`. Every term is stored, so
a change on a leaf recomputes the leaf and then its ancestors only.
``progress_explanation`` shows the same computation to the reader, with the
figures of the sub-objectives they may read only.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import float_round

from ..tools.display import compact_number
from ..tools.scoring import dimension_mean, weighted_mean
from ..tools.vocabulary import DIMENSIONS

# Fields of a child that decide whether it decomposes its parent in space or
# in time.
OWNER_FIELDS = ("period_id", "level", "department_id", "job_id", "employee_id")


class PerfObjective(models.Model):
    _inherit = "perf.objective"

    indicator_progress = fields.Float(
        string="Indicator Progress (%)",
        compute="_compute_indicator_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_indicator_score = fields.Boolean(
        compute="_compute_indicator_progress", store=True, precompute=True
    )
    task_progress = fields.Float(
        string="Task Progress (%)",
        compute="_compute_task_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_tasks = fields.Boolean(
        compute="_compute_task_progress", store=True, precompute=True
    )
    # Precomputed, like the blocks it combines: a batch of new objectives is
    # inserted with its progress, with no UPDATE afterwards. Not tracked: it
    # changes with every actual below, which the leaves' chatter records.
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        precompute=True,
        recursive=True,
        aggregator="avg",
    )
    is_measured = fields.Boolean(
        string="Measured",
        compute="_compute_progress",
        store=True,
        precompute=True,
        recursive=True,
        help="Whether something measures the objective yet: an indicator with "
        "an actual, a task or a measured sub-objective. An objective measured "
        "by nothing is left out of its parent's progress.",
    )
    progress_explanation = fields.Html(
        string="How Progress Is Computed",
        compute="_compute_progress_explanation",
        sanitize=False,
    )
    indicator_summary = fields.Char(
        string="Indicators So Far",
        compute="_compute_indicator_summary",
        help="Actual against target of the objective's indicators, e.g. "
        "Revenue: 7.63 M of 12 M EUR.",
    )
    policy_warning = fields.Char(
        compute="_compute_policy_warning",
        search="_search_policy_warning",
        help="Set when the dimensions of the indicators do not fit the policy "
        "of the objective's level.",
    )

    # ------------------------------------------------------------------
    # Blocks
    # ------------------------------------------------------------------

    @api.depends(
        "level",
        "company_id",
        "indicator_ids.score",
        "indicator_ids.has_score",
        "indicator_ids.weight",
        "indicator_ids.dimension",
    )
    def _compute_indicator_progress(self):
        policies = {}
        for objective in self:
            mean, _means, _equal = objective._get_indicator_means(policies)
            objective.has_indicator_score = mean is not None
            objective.indicator_progress = mean or 0.0

    def _get_indicator_means(self, policies=None):
        """``(mean, {dimension: mean}, equal)`` of the scored indicators, as
        :func:`..tools.scoring.dimension_mean` returns it."""
        self.ensure_one()
        return dimension_mean(
            (
                (indicator.dimension, indicator.score, indicator.weight)
                for indicator in self.indicator_ids
                if indicator.has_score
            ),
            self._get_policy_weights(policies),
        )

    def _get_policy_weights(self, policies=None):
        """``{dimension: weight}`` of the level policy of the objective.

        ``policies`` optionally caches them by company and level.
        """
        self.ensure_one()
        policies = {} if policies is None else policies
        key = (self.company_id.id, self.level)
        if key not in policies:
            policies[key] = (
                self.env["perf.level.policy"]._get_level_weights(*key)
                if self.level
                else {}
            )
        return policies[key]

    @api.depends(
        "task_ids.completion",
        "task_ids.weight",
        "task_ids.parent_id",
        "task_ids.active",
    )
    def _compute_task_progress(self):
        for objective in self:
            mean = weighted_mean(
                (task.completion, task.weight) for task in objective._get_top_tasks()
            )
            objective.has_tasks = mean is not None
            objective.task_progress = mean or 0.0

    def _get_top_tasks(self):
        """Active tasks of the objective that are not sub-tasks of another one."""
        self.ensure_one()
        return self.task_ids.filtered(lambda task: task.active and not task.parent_id)

    @api.depends(
        "own_indicators_weight",
        "own_tasks_weight",
        "sub_objectives_weight",
        "indicator_progress",
        "has_indicator_score",
        "task_progress",
        "has_tasks",
        *OWNER_FIELDS,
        "child_ids.progress",
        "child_ids.is_measured",
        "child_ids.weight",
        "child_ids.active",
        *(f"child_ids.{fname}" for fname in OWNER_FIELDS),
    )
    def _compute_progress(self):
        for objective in self:
            blocks = objective._get_progress_blocks()
            mean = weighted_mean((block["value"], block["weight"]) for block in blocks)
            objective.is_measured = mean is not None
            objective.progress = mean or 0.0

    def _get_progress_blocks(self):
        """The measured blocks of the progress, as documented on the module.

        Return a list of dicts with ``kind`` (indicators, tasks or children),
        ``label``, ``weight``, ``value`` (in %) and ``records``; the children
        block also has ``groups`` (see :meth:`_get_sub_objective_groups`).
        """
        self.ensure_one()
        blocks = []
        if self.has_indicator_score and self.own_indicators_weight > 0:
            blocks.append(
                {
                    "kind": "indicators",
                    "label": self.env._("Own indicators"),
                    "weight": self.own_indicators_weight,
                    "value": self.indicator_progress,
                    "records": self.indicator_ids.filtered("has_score"),
                }
            )
        if self.has_tasks and self.own_tasks_weight > 0:
            blocks.append(
                {
                    "kind": "tasks",
                    "label": self.env._("Own tasks"),
                    "weight": self.own_tasks_weight,
                    "value": self.task_progress,
                    "records": self._get_top_tasks(),
                }
            )
        groups = self._get_sub_objective_groups()
        if groups and self.sub_objectives_weight > 0:
            blocks.append(
                {
                    "kind": "children",
                    "label": self.env._("Sub-objectives"),
                    "weight": self.sub_objectives_weight,
                    "value": weighted_mean(
                        (self._get_group_progress(children), 1.0)
                        for children in groups.values()
                    ),
                    "records": self.browse().union(*groups.values()),
                    "groups": groups,
                }
            )
        return blocks

    def _get_sub_objective_groups(self):
        """The active, weighted and measured children by decomposition kind.

        Return ``{"space": children, "time": children}`` with the kinds present.
        """
        self.ensure_one()
        groups = {}
        for child in self._get_counted_children():
            if child.is_measured:
                kind = "time" if child._is_time_decomposition_of(self) else "space"
                groups[kind] = groups.get(kind, self.browse()) | child
        return groups

    def _prefetch_branch(self):
        """Read the objectives and all their ancestors in one query: a change
        on a leaf walks up its branch, which would read one parent at a time."""
        ids = {
            int(ident)
            for path in self.mapped("parent_path")
            for ident in (path or "").split("/")
            if ident
        }
        self.browse(ids).mapped("parent_id")

    def _get_counted_children(self):
        """Children that count once measured: active, with a weight above 0."""
        self.ensure_one()
        # The context may disable the active filter: archived children never count.
        return self.child_ids.filtered(lambda child: child.active and child.weight > 0)

    @api.model
    def _get_group_progress(self, children):
        return weighted_mean((child.progress, child.weight) for child in children)

    def _is_time_decomposition_of(self, parent):
        """Same owner as its parent, for a sub-period of the parent's period."""
        return (
            self.period_id != parent.period_id
            and self.level == parent.level
            and self.department_id == parent.department_id
            and self.job_id == parent.job_id
            and self.employee_id == parent.employee_id
        )

    # ------------------------------------------------------------------
    # Explanation
    # ------------------------------------------------------------------

    @api.depends(
        "progress",
        "indicator_progress",
        "task_progress",
        "child_ids.progress",
        "child_ids.is_measured",
        "child_ids.weight",
        "own_indicators_weight",
        "own_tasks_weight",
        "sub_objectives_weight",
    )
    @api.depends_context("uid")
    def _compute_progress_explanation(self):
        for objective in self:
            objective.progress_explanation = objective._render_progress_explanation()

    def _render_progress_explanation(self):
        """The computation of the progress, as the current user may see it."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "perf_management.perf_objective_progress_explanation",
            self._get_progress_explanation_values(),
        )

    def _get_progress_explanation_values(self):
        """Rows of the explanation: the blocks, then what makes each of them.

        The figures are read as superuser, as the stored progress was
        computed; the sub-objectives the user may not read are shown only as
        one combined row, with figures when it covers at least two owners,
        so that no row gives one colleague's figures away.
        """
        self.ensure_one()
        objective = self.sudo()
        blocks = objective._get_progress_blocks()
        total = sum(block["weight"] for block in blocks)
        counted = objective._get_counted_children()
        readable = counted.sudo(False).with_env(self.env)._filtered_access("read")
        rows = []
        for block in blocks:
            share = block["weight"] / total * 100
            rows.append(
                self._explanation_row(
                    block["label"],
                    block["weight"],
                    share,
                    block["value"],
                    contribution=share * block["value"] / 100,
                    css="fw-bold",
                )
            )
            if block["kind"] == "indicators":
                rows += objective._get_indicator_rows(block["records"])
            elif block["kind"] == "tasks":
                rows += self._get_task_rows(block["records"])
            else:
                rows += self._get_children_rows(block["groups"], readable)
        unmeasured = counted.filtered(lambda child: not child.is_measured)
        return {
            "rows": rows,
            "total": total,
            "progress": objective.progress,
            "number": lambda value: f"{float_round(value, 2):.2f}",
            "left_out": [child.name for child in unmeasured if child in readable],
            "left_out_hidden": len(unmeasured.filtered(lambda c: c not in readable)),
            "equal_weighting": objective._get_indicator_means()[2],
        }

    @api.model
    def _explanation_row(
        self, label, weight, share, value, contribution=None, css="", depth=0
    ):
        """One row of the explanation; ``None`` figures are left blank."""
        return {
            "label": label,
            "weight": weight,
            "share": share,
            "value": value,
            "contribution": contribution,
            "css": css,
            "depth": depth,
        }

    @api.model
    def _get_item_rows(self, items, depth=1):
        """Rows of ``(label, weight, value)`` items averaged together."""
        total = sum(weight for _label, weight, _value in items) or 1.0
        return [
            self._explanation_row(
                label,
                weight,
                weight / total * 100,
                value,
                css="text-muted",
                depth=depth,
            )
            for label, weight, value in items
        ]

    def _get_task_rows(self, tasks):
        """Rows of the tasks the user may read; the others (a colleague's
        task on a shared objective) in one combined row."""
        visible = tasks.sudo(False).with_env(self.env)._filtered_access("read")
        total = sum(tasks.mapped("weight")) or 1.0
        rows = [
            self._explanation_row(
                task.name,
                task.weight,
                task.weight / total * 100,
                task.completion,
                css="text-muted",
                depth=1,
            )
            for task in tasks
            if task in visible
        ]
        hidden = tasks - visible
        if hidden:
            owners = {
                task.employee_id or task.job_id or task.department_id for task in hidden
            }
            rows.append(
                self._get_hidden_row(
                    self.env._(
                        "%(count)s other task(s) you cannot see", count=len(hidden)
                    ),
                    hidden,
                    lambda task: task.completion,
                    len(owners),
                    total,
                    depth=1,
                )
            )
        return rows

    @api.model
    def _get_hidden_row(self, label, hidden, value_of, owner_count, total, depth):
        """One row for records the user may not read: their combined weight
        and weighted value when they belong to two owners or more, else none,
        so that no row gives one colleague's figure away."""
        if owner_count < 2:
            return self._explanation_row(
                label, None, None, None, css="text-muted", depth=depth
            )
        weight = sum(hidden.mapped("weight"))
        return self._explanation_row(
            label,
            weight,
            weight / total * 100,
            weighted_mean([(value_of(record), record.weight) for record in hidden]),
            css="text-muted",
            depth=depth,
        )

    def _get_indicator_rows(self, indicators):
        """A row per dimension (its policy weight and mean), then its indicators."""
        self.ensure_one()
        _mean, means, equal = self._get_indicator_means()
        weights = self._get_policy_weights()
        dimension_weights = {
            dimension: 1.0 if equal else weights.get(dimension, 0.0)
            for dimension in means
        }
        total = sum(dimension_weights.values()) or 1.0
        labels = dict(
            self.env["perf.indicator"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        rows = []
        for dimension, _label in DIMENSIONS:
            if dimension not in means:
                continue
            weight = dimension_weights[dimension]
            rows.append(
                self._explanation_row(
                    labels[dimension],
                    weight,
                    weight / total * 100,
                    means[dimension],
                    depth=1,
                )
            )
            rows += self._get_item_rows(
                [
                    (indicator.name, indicator.weight, indicator.score)
                    for indicator in indicators
                    if indicator.dimension == dimension
                ],
                depth=2,
            )
        return rows

    def _get_children_rows(self, groups, readable):
        """Rows of the measured children, by kind of decomposition when both
        kinds are present; unreadable children in one combined row."""
        self.ensure_one()
        labels = {
            "space": self.env._("In space (lower levels or sub-departments)"),
            "time": self.env._("Over time (sub-periods)"),
        }
        rows = []
        depth = 1
        for kind, children in groups.items():
            if len(groups) > 1:
                rows.append(
                    self._explanation_row(
                        labels[kind],
                        None,
                        100 / len(groups),
                        self._get_group_progress(children),
                        depth=1,
                    )
                )
                depth = 2
            visible = children.filtered(lambda child: child in readable)
            total = sum(children.mapped("weight"))
            rows += [
                self._explanation_row(
                    child.name,
                    child.weight,
                    child.weight / total * 100,
                    child.progress,
                    css="text-muted",
                    depth=depth,
                )
                for child in visible
            ]
            hidden = children - visible
            if hidden:
                rows.append(self._get_hidden_children_row(hidden, total, depth))
        return rows

    @api.model
    def _get_hidden_children_row(self, hidden, total, depth):
        """One row for the children the user may not read: their combined
        figures when they belong to two owners or more, else none."""
        owners = {child._get_owner_key() for child in hidden}
        if len(owners) < 2:
            label = self.env._(
                "%(count)s other sub-objective(s) you cannot see",
                count=len(hidden),
            )
            return self._explanation_row(
                label, None, None, None, css="text-muted", depth=depth
            )
        weight = sum(hidden.mapped("weight"))
        return self._explanation_row(
            self.env._(
                "%(count)s other sub-objectives you cannot see, combined",
                count=len(hidden),
            ),
            weight,
            weight / total * 100,
            self._get_group_progress(hidden),
            css="text-muted",
            depth=depth,
        )

    def _get_owner_key(self):
        """Who owns the objective's figures: an employee, a post, a
        department or the company."""
        self.ensure_one()
        owner = self.employee_id or self.job_id or self.department_id or self.company_id
        return owner._name, owner.id

    @api.depends(
        "indicator_ids.name",
        "indicator_ids.actual_value",
        "indicator_ids.has_actual",
        "indicator_ids.target_value",
        "indicator_ids.unit",
    )
    def _compute_indicator_summary(self):
        for objective in self:
            objective.indicator_summary = " · ".join(
                self.env._(
                    "%(name)s: %(actual)s of %(target)s%(unit)s",
                    name=indicator.name,
                    actual=compact_number(indicator.actual_value)
                    if indicator.has_actual
                    else "–",
                    target=compact_number(indicator.target_value),
                    unit=f" {indicator.unit}" if indicator.unit else "",
                )
                for indicator in objective.indicator_ids[:3]
            )

    # ------------------------------------------------------------------
    # Policy warning
    # ------------------------------------------------------------------

    @api.depends("level", "company_id", "indicator_ids.dimension")
    def _compute_policy_warning(self):
        warnings = self.env["perf.level.policy"]._get_objective_warnings(self)
        for objective in self:
            objective.policy_warning = warnings.get(objective.id) or False

    def _search_policy_warning(self, operator, value):
        if operator not in ("=", "!=") or value not in (False, True):
            raise UserError(
                self.env._("Search objectives with or without a policy warning only.")
            )
        domain = self.env["perf.level.policy"]._get_warning_domain()
        with_warning = (operator == "!=") != (value is True)
        if with_warning:
            return domain
        return ["!", *expression.normalize_domain(domain)]
