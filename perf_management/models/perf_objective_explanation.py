"""How the progress of an objective is shown to its reader: the blocks of
the computation told in ``models/perf_objective_rollup.py``, each with what
makes it (indicators, with the parts a derived actual comes from; tasks;
sub-objectives), the figures of what the reader may not read combined; and a
one-line summary of the indicators."""

from odoo import api, fields, models
from odoo.tools import float_round

from ..tools.aggregation import aggregate
from ..tools.display import compact_number
from ..tools.scoring import weighted_mean
from ..tools.vocabulary import DIMENSIONS


class PerfObjective(models.Model):
    _inherit = "perf.objective"

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
        computed; the sub-objectives and the parts of a derived actual that
        the user may not read are shown only combined, with figures when they
        cover at least two owners, so that nothing gives one colleague's
        figures away.
        """
        self.ensure_one()
        objective = self.sudo()
        blocks = objective._get_progress_blocks()
        total = sum(block["weight"] for block in blocks)
        counted = objective._get_counted_children()
        readable = counted.sudo(False).with_env(self.env)._filtered_access("read")
        parts = objective.indicator_ids.filtered("is_actual_derived").child_ids
        readable_parts = parts.sudo(False).with_env(self.env)._filtered_access("read")
        by_indicators = objective._counts_own_indicators()
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
                rows += objective._get_indicator_rows(block["records"], readable_parts)
            elif block["kind"] == "tasks":
                rows += self._get_task_rows(block["records"])
            else:
                rows += self._get_children_rows(block["groups"], readable)
        # Once the own indicators count, the children are not left out: their
        # figures are in the indicators already.
        unmeasured = counted.filtered(
            lambda child: not by_indicators and not child.is_measured
        )
        return {
            "rows": rows,
            "total": total,
            "progress": objective.progress,
            "number": lambda value: f"{float_round(value, 2):.2f}",
            "left_out": [child.name for child in unmeasured if child in readable],
            "left_out_hidden": len(unmeasured.filtered(lambda c: c not in readable)),
            "equal_weighting": objective._get_indicator_means()[2],
            "children_in_indicators": by_indicators
            and any(child.is_measured for child in counted),
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

    def _get_indicator_rows(self, indicators, readable_parts):
        """A row per dimension (its policy weight and mean), then its
        indicators, each derived actual followed by the parts it comes from
        (see :meth:`_get_derivation_row`)."""
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
            members = indicators.filtered(
                lambda indicator, dimension=dimension: indicator.dimension == dimension
            )
            item_rows = self._get_item_rows(
                [(member.name, member.weight, member.score) for member in members],
                depth=2,
            )
            for member, item_row in zip(members, item_rows, strict=True):
                rows.append(item_row)
                if member.is_actual_derived:
                    rows.append(self._get_derivation_row(member, readable_parts))
        return rows

    @api.model
    def _get_derivation_row(self, indicator, readable_parts, depth=3):
        """The row telling where the derived actual of ``indicator`` comes
        from: "7.63 M = Sales 1.75 M + Operations 3.24 M + Support 2.64 M".

        Parts outside ``readable_parts`` are one combined term, with their
        sum only when the aggregation is a sum over two owners or more (a
        last value, minimum or maximum is one part's own figure)."""
        measured, group = indicator._get_counted_parts(indicator._get_active_parts())
        visible = measured.filtered(lambda part: part in readable_parts)
        terms = [
            f"{self._get_part_label(part, indicator)} "
            f"{compact_number(part.actual_value)}"
            for part in visible
        ]
        hidden = measured - visible
        if hidden:
            owners = {part.objective_id._get_owner_key() for part in hidden}
            if len(owners) > 1 and indicator.aggregation == "sum":
                terms.append(
                    self.env._(
                        "%(count)s other parts you cannot see, combined %(value)s",
                        count=len(hidden),
                        value=compact_number(
                            aggregate(hidden.mapped("actual_value"), "sum")
                        ),
                    )
                )
            else:
                terms.append(
                    self.env._(
                        "%(count)s other part(s) you cannot see", count=len(hidden)
                    )
                )
        row = self._explanation_row(
            indicator.name, None, None, None, css="text-muted small", depth=depth
        )
        row["derivation"] = {
            "actual": compact_number(indicator.actual_value),
            "aggregation": indicator.aggregation,
            "terms": terms,
            "unmeasured": len(group - measured),
        }
        return row

    @api.model
    def _get_part_label(self, part, indicator):
        """What names a part of ``indicator``: its period for a part over
        time, else its owner (and its period when it is another one)."""
        objective = part.objective_id
        whole = indicator.objective_id
        if objective._is_time_decomposition_of(whole):
            return objective.period_id.name
        owner = (
            objective.employee_id
            or objective.job_id
            or objective.department_id
            or objective.company_id
        )
        if objective.period_id == whole.period_id:
            return owner.name
        return self.env._(
            "%(owner)s in %(period)s", owner=owner.name, period=objective.period_id.name
        )

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
