from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .perf_kpi_band import BAND_COLORS, color_for_score

# Indicator fields that start from the KPI definition's values.
KPI_COPIED_FIELDS = (
    "dimension",
    "unit",
    "direction",
    "curve",
    "threshold",
    "cap",
    "aggregation",
)


class PerfIndicator(models.Model):
    _inherit = "perf.indicator"

    kpi_definition_id = fields.Many2one(
        "perf.kpi.definition",
        string="KPI",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="KPI of the library this indicator measures; computed KPIs fill the "
        "actual value automatically.",
    )
    kpi_source = fields.Selection(related="kpi_definition_id.source")
    score_color = fields.Selection(
        [("none", "No score")] + BAND_COLORS,
        string="Colour",
        compute="_compute_score_color",
        store=True,
        precompute=True,
    )
    kpi_actual_by_hand = fields.Boolean(
        string="Actual entered by hand",
        compute="_compute_kpi_actual_by_hand",
        help="The KPI cannot give this objective's owner an actual (a post-level "
        "objective, for instance): enter it by hand.",
    )
    objective_level = fields.Selection(
        related="objective_id.level", store=True, precompute=True, string="Level"
    )
    objective_employee_id = fields.Many2one(
        related="objective_id.employee_id",
        store=True,
        precompute=True,
        string="Employee",
    )
    objective_department_id = fields.Many2one(
        related="objective_id.department_id",
        store=True,
        precompute=True,
        string="Department",
    )

    @api.depends(
        "score",
        "has_score",
        "kpi_definition_id.band_ids.min_score",
        "kpi_definition_id.band_ids.color",
    )
    def _compute_score_color(self):
        for indicator in self:
            if not indicator.has_score:
                indicator.score_color = "none"
                continue
            bands = [
                (band.min_score, band.color)
                for band in indicator.kpi_definition_id.band_ids
            ]
            indicator.score_color = color_for_score(indicator.score, bands)

    @api.onchange("kpi_definition_id")
    def _onchange_kpi_definition_id(self):
        for indicator in self.filtered("kpi_definition_id"):
            values = indicator.kpi_definition_id._get_indicator_values()
            if indicator.name:
                values.pop("name")
            indicator.update(values)

    @api.model_create_multi
    def create(self, vals_list):
        definitions = self.env["perf.kpi.definition"].browse(
            {
                vals["kpi_definition_id"]
                for vals in vals_list
                if vals.get("kpi_definition_id")
            }
        )
        for vals in vals_list:
            if not vals.get("kpi_definition_id"):
                continue
            definition = definitions.browse(vals["kpi_definition_id"])
            for fname, value in definition._get_indicator_values().items():
                vals.setdefault(fname, value)
        return super().create(vals_list)

    @api.constrains("kpi_definition_id", "target_value", "direction")
    def _check_kpi_target(self):
        for indicator in self.filtered("kpi_definition_id"):
            message = indicator.kpi_definition_id._target_error(
                indicator.direction, indicator.target_value
            )
            if message:
                raise ValidationError(message)

    def _get_kpi_owner_key(self):
        """Owner key of the indicator's objective, as used by perf.kpi.value, or
        False when the KPI gives it no actual.

        A post-level objective gets no actual from the KPI: its monthly values
        are kept per employee, department and company, and the department's
        value also counts the other posts. Summing or averaging the values of
        the post's current holders would be wrong too, since holders change
        during a period. The actual of such an indicator is entered by hand
        (see ``kpi_actual_by_hand``)."""
        self.ensure_one()
        objective = self.objective_id
        if objective.level == "post":
            return False
        if objective.employee_id:
            return f"employee:{objective.employee_id.id}"
        if objective.level == "company":
            return f"company:{objective.company_id.id}"
        if objective.department_id:
            return f"department:{objective.department_id.id}"
        return False

    @api.depends(
        "kpi_definition_id",
        "objective_id.level",
        "objective_id.employee_id",
        "objective_id.department_id",
    )
    def _compute_kpi_actual_by_hand(self):
        for indicator in self:
            indicator.kpi_actual_by_hand = bool(
                indicator.kpi_definition_id
                and indicator.objective_id
                and not indicator._get_kpi_owner_key()
            )

    def action_refresh_kpi_actuals(self):
        self.env["perf.kpi.definition"]._check_refresh_allowed()
        self.kpi_definition_id._compute_actuals()
        return True
