from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import float_compare, ormcache

from ..tools.scoring import is_valid_weight
from ..tools.vocabulary import DIMENSIONS as DIMENSION_SELECTION
from ..tools.vocabulary import LEVELS

DIMENSIONS = tuple(dimension for dimension, _label in DIMENSION_SELECTION)
POLICY_FIELDS = tuple(
    f"{prefix}_{dimension}"
    for prefix in ("expect", "weight")
    for dimension in DIMENSIONS
)

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
    _inherit = ["perf.input.mixin"]
    _order = "company_id, level_sequence, id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    level = fields.Selection(LEVELS, required=True)
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
            if not all(
                is_valid_weight(policy[f"weight_{dim}"], zero_allowed=True)
                for dim in DIMENSIONS
            ):
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

    @api.model
    def _get_level_weights(self, company_id, level):
        """``{dimension: weight}`` of the policy of a company and level, cached:
        every progress rollup reads it."""
        return dict(self._get_level_weight_items(company_id, level))

    @api.model
    @ormcache("company_id", "level")
    def _get_level_weight_items(self, company_id, level):
        company = self.env["res.company"].browse(company_id)
        return tuple(self._get_policy(company, level)._get_dimension_weights().items())

    def _get_dimension_weights(self):
        """``{dimension: weight}`` of the dimensions the policy expects."""
        self.ensure_one()
        return {
            dim: self[f"weight_{dim}"] for dim in DIMENSIONS if self[f"expect_{dim}"]
        }

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        self.env.registry.clear_cache()
        policies._recompute_objectives()
        return policies

    def write(self, vals):
        changed = {"company_id", "level", *POLICY_FIELDS} & set(vals)
        before = self.browse() if not changed else self.filtered("id")
        if changed:
            # The objectives the policies weighed before the change, too.
            before._recompute_objectives()
        result = super().write(vals)
        if changed:
            self.env.registry.clear_cache()
            self._recompute_objectives()
        return result

    def unlink(self):
        self._recompute_objectives()
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def _recompute_objectives(self):
        """Recompute the indicator progress of the objectives of open periods
        that the policies weigh; locked periods keep their figures."""
        objectives = self.env["perf.objective"].sudo().with_context(active_test=False)
        domain = expression.OR(
            [
                [
                    ("company_id", "=", policy.company_id.id),
                    ("level", "=", policy.level),
                ]
                for policy in self
            ]
        )
        objectives = objectives.search(
            expression.AND([domain, [("period_id.state", "=", "open")]])
        )
        # Their indicators changed weights: the progress goes up the cascade.
        objectives.modified(["indicator_ids"])

    @api.model
    def _get_policies(self, companies):
        """``{(company id, level): policy}`` of every level of ``companies``."""
        policies = {
            (policy.company_id.id, policy.level): policy.sudo(False)
            for policy in self.sudo().search([("company_id", "in", companies.ids)])
        }
        for company in companies:
            for level, _label in LEVELS:
                if (company.id, level) not in policies:
                    policies[company.id, level] = self._get_policy(company, level)
        return policies

    @api.model
    def _get_objective_warnings(self, objectives):
        """Return ``{objective.id: warning}`` for ``objectives``.

        The warning is empty when the dimensions of the objective's indicators
        are exactly those its level policy weighs; otherwise it names the
        level, the missing dimensions, the unexpected ones and those the
        policy gives no weight (then all dimensions count equally).
        """
        policies = self._get_policies(objectives.company_id | self.env.company)
        levels = dict(self._fields["level"]._description_selection(self.env))
        dimensions = dict(
            self.env["perf.indicator"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        present = defaultdict(set)
        for objective, dimension in self.env["perf.indicator"]._read_group(
            [("objective_id", "in", objectives.ids)], ["objective_id", "dimension"]
        ):
            present[objective.id].add(dimension)
        warnings = {}
        for objective in objectives:
            if not objective.level:
                warnings[objective.id] = ""
                continue
            company = objective.company_id or self.env.company
            weights = policies[company.id, objective.level]._get_dimension_weights()
            found = present[objective.id]

            def names(dims):
                return [dimensions[dim] for dim in DIMENSIONS if dim in dims]

            warnings[objective.id] = self._warning_text(
                levels[objective.level],
                names(weights),
                names(set(weights) - found),
                names(found - set(weights)),
                names({dim for dim in found & set(weights) if not weights[dim]}),
            )
        return warnings

    @api.model
    def _get_warning_domain(self):
        """Domain of the objectives that have a policy warning, as SQL
        subqueries on their indicators (no objective is read in Python).

        For each company and level: a dimension the policy weighs with no
        indicator, or an indicator of a dimension it does not weigh.
        """
        companies = self.env["res.company"].sudo().search([])
        domains = []
        for (company_id, level), policy in self._get_policies(companies).items():
            weights = policy._get_dimension_weights()
            weighted = [dim for dim in DIMENSIONS if weights.get(dim)]
            conditions = [
                [("indicator_ids", "not any", [("dimension", "=", dim)])]
                for dim in weights
            ]
            conditions.append(
                [("indicator_ids", "any", [("dimension", "not in", weighted)])]
            )
            domains.append(
                expression.AND(
                    [
                        [("company_id", "=", company_id), ("level", "=", level)],
                        expression.OR(conditions),
                    ]
                )
            )
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _warning_text(self, level, expected, missing, unexpected, unweighted=()):
        if not missing and not unexpected and not unweighted:
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
        if unweighted:
            parts.append(
                self.env._(
                    "No weight in the policy: %(dimensions)s indicators.",
                    dimensions=", ".join(unweighted),
                )
            )
        if unexpected or unweighted:
            parts.append(
                self.env._(
                    "Until the policy weighs them, every dimension counts equally "
                    "in the progress."
                )
            )
        return " ".join(parts)
