from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

DIMENSIONS = ("result", "process", "competency")

# The method's recommended mix: results at the top, process and ability
# growth where the work is done.
DEFAULT_POLICIES = {
    "company": {"result": 100.0},
    "department": {"result": 60.0, "process": 40.0},
    "post": {"process": 60.0, "competency": 40.0},
    "employee": {"process": 60.0, "competency": 40.0},
}


class PerfLevelPolicy(models.Model):
    _name = "perf.level.policy"
    _description = "Indicator Policy of an Objective Level"
    _order = "company_id, level_sequence, id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    level = fields.Selection(
        [
            ("company", "Company"),
            ("department", "Department"),
            ("post", "Post"),
            ("employee", "Employee"),
        ],
        required=True,
    )
    level_sequence = fields.Integer(compute="_compute_level_sequence", store=True)
    expect_result = fields.Boolean(string="Result")
    expect_process = fields.Boolean(string="Process")
    expect_competency = fields.Boolean(string="Competency")
    weight_result = fields.Float(string="Result Weight (%)")
    weight_process = fields.Float(string="Process Weight (%)")
    weight_competency = fields.Float(string="Competency Weight (%)")

    _sql_constraints = [
        (
            "company_level_uniq",
            "unique(company_id, level)",
            "A company has one indicator policy per level.",
        ),
    ]

    @api.depends("level")
    def _compute_level_sequence(self):
        levels = [key for key, _label in self._fields["level"].selection]
        for policy in self:
            policy.level_sequence = (
                levels.index(policy.level) if policy.level else len(levels)
            )

    @api.depends("company_id", "level")
    def _compute_display_name(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for policy in self:
            policy.display_name = self.env._(
                "%(level)s level (%(company)s)",
                level=levels.get(policy.level, ""),
                company=policy.company_id.name or "",
            )

    @api.constrains(
        "expect_result",
        "expect_process",
        "expect_competency",
        "weight_result",
        "weight_process",
        "weight_competency",
    )
    def _check_weights(self):
        for policy in self:
            if any(policy[f"weight_{dim}"] < 0 for dim in DIMENSIONS):
                raise ValidationError(
                    self.env._(
                        "The weights of policy %(policy)s cannot be negative.",
                        policy=policy.display_name,
                    )
                )
            weights = policy._get_dimension_weights()
            if not weights:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s expects no dimension. Tick at least "
                        "one of Result, Process or Competency.",
                        policy=policy.display_name,
                    )
                )
            if float_compare(sum(weights.values()), 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The weights of the dimensions expected by policy "
                        "%(policy)s add up to %(total)s %%. Adjust them so that "
                        "they add up to 100 %%.",
                        policy=policy.display_name,
                        total=round(sum(weights.values()), 2),
                    )
                )

    @api.onchange("expect_result", "expect_process", "expect_competency")
    def _onchange_expect(self):
        # An unexpected dimension has no weight; this keeps the total readable.
        for dim in DIMENSIONS:
            if not self[f"expect_{dim}"]:
                self[f"weight_{dim}"] = 0.0

    @api.model
    def _default_values(self, level):
        """Values of the method's default policy for ``level``."""
        weights = DEFAULT_POLICIES.get(level, {})
        values = {"level": level}
        for dim in DIMENSIONS:
            values[f"expect_{dim}"] = dim in weights
            values[f"weight_{dim}"] = weights.get(dim, 0.0)
        return values

    @api.model
    def _get_policy(self, company, level):
        """Policy of ``company`` for ``level``.

        Without a configured record, an unsaved record holding the method's
        default is returned, so every company has a policy without setup.
        """
        company = company or self.env.company
        policy = self.sudo().search(
            [("company_id", "=", company.id), ("level", "=", level)], limit=1
        )
        if policy:
            return policy.sudo(False)
        return self.new(dict(self._default_values(level), company_id=company.id))

    def _get_dimension_weights(self):
        """``{dimension: weight}`` of the dimensions the policy expects."""
        self.ensure_one()
        return {
            dim: self[f"weight_{dim}"] for dim in DIMENSIONS if self[f"expect_{dim}"]
        }

    @api.model
    def _get_objective_warnings(self, objectives):
        """Return ``{objective.id: warning}`` for ``objectives``.

        The warning is empty when the dimensions of the objective's indicators
        are exactly those its level policy expects; otherwise it names the
        level, the missing dimensions and the unexpected ones.
        """
        policies = {}
        companies = objectives.company_id | self.env.company
        for policy in self.sudo().search([("company_id", "in", companies.ids)]):
            policies[policy.company_id.id, policy.level] = policy.sudo(False)
        levels = dict(self._fields["level"]._description_selection(self.env))
        dimensions = dict(
            self.env["perf.indicator"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        warnings = {}
        for objective in objectives:
            if not objective.level:
                warnings[objective.id] = ""
                continue
            company = objective.company_id or self.env.company
            key = (company.id, objective.level)
            if key not in policies:
                policies[key] = self._get_policy(company, objective.level)
            expected = set(policies[key]._get_dimension_weights())
            present = set(objective.indicator_ids.mapped("dimension"))
            warnings[objective.id] = self._warning_text(
                levels[objective.level],
                [dimensions[dim] for dim in DIMENSIONS if dim in expected],
                [dimensions[dim] for dim in DIMENSIONS if dim in expected - present],
                [dimensions[dim] for dim in DIMENSIONS if dim in present - expected],
            )
        return warnings

    @api.model
    def _warning_text(self, level, expected, missing, unexpected):
        if not missing and not unexpected:
            return ""
        parts = [
            self.env._(
                "The policy of the %(level)s level expects %(expected)s indicators.",
                level=level,
                expected=", ".join(expected),
            )
        ]
        if missing:
            parts.append(
                self.env._(
                    "Missing: %(dimensions)s indicators.",
                    dimensions=", ".join(missing),
                )
            )
        if unexpected:
            parts.append(
                self.env._(
                    "Not expected at this level: %(dimensions)s indicators.",
                    dimensions=", ".join(unexpected),
                )
            )
        return " ".join(parts)
