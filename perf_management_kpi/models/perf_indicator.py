from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import owner_keys
from .perf_kpi_band import BAND_COLORS, color_for_score

# Written by the KPI computation only on indicators of a computed KPI.
ENGINE_FIELDS = ("actual_value", "has_actual")


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
        group_expand="_read_group_score_color",
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

    @api.model
    def _read_group_score_color(self, colors, domain):
        """Colour columns from what needs attention to what is fine: red,
        amber, green, then the KPIs without a score yet; only the colours
        that have KPIs."""
        order = [color for color, _label in BAND_COLORS] + ["none"]
        return sorted(colors, key=order.index)

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
        indicators = super().create(vals_list)
        if any(fname in vals for vals in vals_list for fname in ENGINE_FIELDS):
            indicators._ensure_actual_by_engine(
                [
                    indicator
                    for indicator, vals in zip(indicators, vals_list, strict=True)
                    if vals.get("actual_value") or vals.get("has_actual")
                ]
            )
        return indicators

    def write(self, vals):
        if any(fname in vals for fname in ENGINE_FIELDS):
            self._ensure_actual_by_engine(self)
        return super().write(vals)

    @api.depends("kpi_definition_id", "kpi_definition_id.source")
    def _compute_derived_actual(self):
        return super()._compute_derived_actual()

    def _has_own_actual_source(self):
        """A computed KPI measures each level from its source records: a
        decomposed KPI indicator takes the KPI's figure, not its parts' sum."""
        return super()._has_own_actual_source() or bool(
            self.kpi_definition_id.source == "computed" and self._get_kpi_owner_key()
        )

    @api.model
    def _get_checkin_duty_domain(self):
        """Nobody has to check in on an actual a KPI computes (see
        ``_get_kpi_owner_key``: a post's KPI is entered by hand)."""
        return expression.AND(
            [
                super()._get_checkin_duty_domain(),
                [
                    "|",
                    "|",
                    ("kpi_definition_id", "=", False),
                    ("kpi_definition_id.source", "!=", "computed"),
                    ("objective_id.level", "=", "post"),
                ],
            ]
        )

    def _is_entered_by_hand(self):
        """Nobody enters an actual a KPI computes."""
        return super()._is_entered_by_hand() and not (
            self.kpi_definition_id.source == "computed" and self._get_kpi_owner_key()
        )

    @api.depends("kpi_definition_id.source", "objective_id.level")
    def _compute_can_checkin(self):
        return super()._compute_can_checkin()

    def _ensure_checkin_allowed(self):
        """Nobody checks in by hand on an actual a KPI computes: its history
        is the KPI's monthly values."""
        if self.kpi_definition_id.source == "computed" and self._get_kpi_owner_key():
            raise UserError(
                self.env._(
                    "The actual of %(name)s is computed from the KPI %(kpi)s: "
                    "nobody checks in on it by hand. Its history is the KPI's "
                    "monthly values.",
                    name=self.name,
                    kpi=self.kpi_definition_id.display_name,
                )
            )
        return super()._ensure_checkin_allowed()

    def _ensure_actual_by_engine(self, indicators):
        """The actual of an indicator linked to a computed KPI is the KPI's
        figure: only the computation writes it, unless the KPI gives the
        indicator no actual (a post-level objective)."""
        if self.env.su or self.env.context.get("perf_kpi_engine"):
            return
        computed = [
            indicator
            for indicator in indicators
            if indicator.kpi_definition_id.source == "computed"
            and indicator._get_kpi_owner_key()
        ]
        if computed:
            raise AccessError(
                self.env._(
                    "The actual of %(name)s is computed from the KPI %(kpi)s and "
                    "cannot be entered by hand. Fix the records it is computed "
                    "from, or ask an administrator to change the KPI.",
                    name=computed[0].name,
                    kpi=computed[0].kpi_definition_id.display_name,
                )
            )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        # A group's score is the weighted mean of its scored indicators: an
        # indicator without actual has no score, not a score of 0.
        if aggregate_spec == "score:avg":
            score = self._field_to_sql(self._table, "score", query)
            weight = self._field_to_sql(self._table, "weight", query)
            has_score = self._field_to_sql(self._table, "has_score", query)
            return SQL(
                "SUM(%(score)s * %(weight)s) FILTER (WHERE %(has_score)s)"
                " / NULLIF(SUM(%(weight)s) FILTER (WHERE %(has_score)s), 0)",
                score=score,
                weight=weight,
                has_score=has_score,
            )
        return super()._read_group_select(aggregate_spec, query)

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
            return owner_keys.employee_key(objective.employee_id.id)
        if objective.level == "company":
            return owner_keys.company_key(objective.company_id.id)
        if objective.department_id:
            return owner_keys.department_key(objective.department_id.id)
        return False

    @api.model
    def _get_kpi_owner_domain(self, keys):
        """Domain of the indicators whose owner key (see _get_kpi_owner_key) is
        one of ``keys``."""
        ids = {
            owner_keys.EMPLOYEE: [],
            owner_keys.DEPARTMENT: [],
            owner_keys.COMPANY: [],
        }
        for key in keys:
            level, record_id = owner_keys.split_owner_key(key)
            ids[level].append(record_id)
        return expression.OR(
            [
                [("objective_id.employee_id", "in", ids[owner_keys.EMPLOYEE])],
                [
                    ("objective_id.level", "=", "company"),
                    ("objective_id.company_id", "in", ids[owner_keys.COMPANY]),
                ],
                [
                    ("objective_id.level", "not in", ["company", "post"]),
                    ("objective_id.employee_id", "=", False),
                    ("objective_id.department_id", "in", ids[owner_keys.DEPARTMENT]),
                ],
            ]
        )

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
        self.check_access("read")
        self.kpi_definition_id._ensure_refresh_allowed()
        self.kpi_definition_id._update_actuals()
        return True
