"""The KPI scorecard of a period as an XLSX workbook.

The scorecard is the indicators that measure a KPI of the library: one row
per KPI and owner (employee, post, department or company) with its target,
actual, achievement, score and colour band. One sheet for the company's KPIs,
one per department, and a "Parameters" sheet saying who exported what and
when. Everything is read with the rights of the user who exports.
"""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.perf_management.report import xlsx_common as xs
from odoo.addons.perf_management.report.perf_cascade_xlsx import (
    indicator_achievement,
)
from odoo.addons.perf_management.tools.display import export_filename

from ..models.perf_kpi_band import BAND_COLORS, band_for_score

#: The fill of each band colour.
BAND_STYLES = {"green": xs.GOOD, "amber": xs.NEUTRAL, "red": xs.BAD}


class PerfKpiScorecardXlsx(models.AbstractModel):
    _name = "report.perf_management_kpi.perf_kpi_scorecard_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "KPI Scorecard XLSX Export"

    def get_workbook_options(self):
        return dict(super().get_workbook_options(), **xs.WORKBOOK_OPTIONS)

    # ------------------------------------------------------------------
    # What is exported
    # ------------------------------------------------------------------

    def _get_objs_for_report(self, docids, data):
        """The KPI indicators of the period of ``data`` (from the export
        wizard), or those selected in a list; only those the user reads."""
        if not self.env.user.has_group("perf_management.group_perf_manager"):
            raise AccessError(
                self.env._(
                    "Only performance managers export the KPI scorecard. Your own "
                    "KPIs are in Performance > Objectives > My KPIs."
                )
            )
        data = data or {}
        if data.get("period_id"):
            return self._get_scorecard_indicators(
                self._get_period(data["period_id"]),
                data.get("include_sub_periods"),
                self._get_departments(data.get("department_ids")),
            )
        indicators = super()._get_objs_for_report(docids, data)
        readable = self.env["perf.indicator"].search(
            [("id", "in", indicators.ids), ("kpi_definition_id", "!=", False)]
        )
        if not readable:
            raise UserError(
                self.env._(
                    "There is no KPI to export: select indicators that measure a "
                    "KPI and that you may read, or export the scorecard of a "
                    "period from Performance > Reporting > Export Scorecard."
                )
            )
        return readable

    def _get_export_filename(self, docids, data):
        """``KPI Scorecard - <company> - <period> - <day>.xlsx``: the period
        exported, or that of the indicators selected when they share one."""
        data = data or {}
        if data.get("period_id"):
            periods = self.env["perf.period"].search(
                [("id", "=", int(data["period_id"]))]
            )
        else:
            periods = (
                self.env["perf.indicator"]
                .search([("id", "in", docids or [])])
                .period_id
            )
        periods = periods.sudo()
        return export_filename(
            [
                self.env._("KPI Scorecard"),
                (periods.company_id[:1] or self.env.company).name,
                periods.name if len(periods) == 1 else None,
            ],
            fields.Date.context_today(self),
        )

    def _get_period(self, period_id):
        return self.env["report.perf_management.perf_cascade_xlsx"]._get_period(
            period_id
        )

    def _get_departments(self, department_ids):
        return self.env["hr.department"].search([("id", "in", department_ids or [])])

    def _get_scorecard_indicators(self, period, include_sub_periods, departments):
        """The KPI indicators of ``period`` (and of its sub-periods), of
        ``departments`` and their sub-departments if any, that the current
        user reads; a clear error when there is none."""
        domain = [
            ("kpi_definition_id", "!=", False),
            ("period_id", "child_of" if include_sub_periods else "=", period.id),
        ]
        if departments:
            domain.append(("objective_department_id", "child_of", departments.ids))
        indicators = self.env["perf.indicator"].search(domain)
        if not indicators:
            raise UserError(
                self.env._(
                    "No KPI of %(period)s or of its sub-periods is visible to you: "
                    "the file would be empty. Choose another period or other "
                    "departments, or assign KPIs to objectives first.",
                    period=period.display_name,
                )
                if include_sub_periods
                else self.env._(
                    "No KPI of %(period)s is visible to you: the file would be "
                    "empty. Choose another period or other departments, include "
                    "its sub-periods, or assign KPIs to objectives first.",
                    period=period.display_name,
                )
            )
        return indicators

    # ------------------------------------------------------------------
    # The workbook
    # ------------------------------------------------------------------

    def generate_xlsx_report(self, workbook, data, objs):
        formats = xs.Formats(workbook)
        columns = self._get_columns()
        labels = xs.SelectionLabels(self.env)
        for name, indicators in self._get_sheets(objs):
            sheet = xs.DataSheet(workbook, name, columns, formats)
            sheet.write_rows(
                self._get_row(indicator, labels)
                for indicator in indicators.sorted(
                    lambda i: (
                        i.kpi_definition_id.sequence,
                        i.kpi_definition_id.code,
                        i.period_id.date_start,
                        -i.period_id.date_end.toordinal(),
                        i.objective_id.id,
                        i.id,
                    )
                )
            )
            sheet.close()
        xs.write_parameters(
            workbook,
            self.env._("Parameters"),
            self._get_parameters(data or {}, objs),
            formats,
            headers=(self.env._("Parameter"), self.env._("Value")),
        )

    def _get_sheets(self, indicators):
        """(sheet name, indicators) pairs: the company's KPIs, then one sheet
        per department, then those of no department."""
        company = indicators.filtered(lambda i: i.objective_level == "company")
        others = indicators - company
        sheets = []
        if company:
            sheets.append((self.env._("Company"), company))
        departments = others.objective_department_id.sorted(
            lambda d: (d.complete_name or "", d.id)
        )
        for department in departments:
            sheets.append(
                (
                    department.name,
                    others.filtered(
                        lambda i, d=department: i.objective_department_id == d
                    ),
                )
            )
        orphans = others.filtered(lambda i: not i.objective_department_id)
        if orphans:
            sheets.append((self.env._("No department"), orphans))
        return sheets

    def _get_columns(self):
        _ = self.env._
        return [
            xs.Column(_("KPI Code"), xs.TEXT),
            xs.Column(_("KPI"), xs.TEXT),
            xs.Column(_("Level"), xs.TEXT),
            xs.Column(_("Owner"), xs.TEXT),
            xs.Column(_("Department"), xs.TEXT),
            xs.Column(_("Objective"), xs.TEXT),
            xs.Column(_("Period"), xs.TEXT),
            xs.Column(_("Start"), xs.DATE),
            xs.Column(_("End"), xs.DATE),
            xs.Column(_("Dimension"), xs.TEXT),
            xs.Column(_("Unit"), xs.TEXT),
            xs.Column(_("Target"), xs.GROUPED),
            xs.Column(_("Actual"), xs.GROUPED),
            xs.Column(_("Achievement"), xs.PERCENT),
            xs.Column(_("Score"), xs.PERCENT),
            xs.Column(_("Band"), xs.TEXT),
            xs.Column(_("Weight"), xs.GROUPED),
            xs.Column(_("Company"), xs.TEXT),
        ]

    def _get_row(self, indicator, labels):
        objective = indicator.objective_id
        definition = indicator.kpi_definition_id
        score = band = style = None
        if indicator.has_score:
            score = indicator.score
            band, color = self._get_band(definition, score)
            style = BAND_STYLES.get(color)
        return [
            definition.code,
            definition.name,
            labels(indicator, "objective_level"),
            self._get_owner(objective),
            objective.department_id.complete_name,
            objective.name,
            indicator.period_id.name,
            indicator.period_id.date_start,
            indicator.period_id.date_end,
            labels(indicator, "dimension"),
            indicator.unit,
            indicator.target_value,
            indicator.actual_value if indicator.has_actual else None,
            indicator_achievement(indicator),
            xs.Cell(score, style),
            xs.Cell(band, style),
            indicator.weight,
            indicator.company_id.name,
        ]

    def _get_owner(self, objective):
        if objective.level == "employee":
            return objective.employee_id.name
        if objective.level == "post":
            return objective.job_id.name
        if objective.level == "department":
            return objective.department_id.name
        return objective.company_id.name

    def _get_band(self, definition, score):
        """(name, colour) of the band of ``definition`` that ``score``
        reaches; the default bands, named by their colour, without bands."""
        bands = [
            (band.min_score, band.color, band.name) for band in definition.band_ids
        ]
        if not bands:
            _min_score, color = band_for_score(score, None)
            return dict(BAND_COLORS)[color], color
        _min_score, color, name = band_for_score(score, bands)
        return name, color

    def _get_parameters(self, data, indicators):
        """(label, value) rows of the Parameters sheet."""
        _ = self.env._
        items = xs.export_items(self.env, _("KPI scorecard"))
        if data.get("period_id"):
            period = self._get_period(data["period_id"])
            departments = self._get_departments(data.get("department_ids"))
            items += [
                (_("Period"), period.name),
                (_("Period start"), period.date_start),
                (_("Period end"), period.date_end),
                (
                    _("Sub-periods included"),
                    _("Yes") if data.get("include_sub_periods") else _("No"),
                ),
                (
                    _("Departments"),
                    _(
                        "%(departments)s and their sub-departments",
                        departments=", ".join(departments.mapped("complete_name")),
                    )
                    if departments
                    else _("All"),
                ),
            ]
        else:
            items.append((_("Selection"), _("Indicators selected in a list")))
        items += [
            (_("KPIs"), len(indicators.kpi_definition_id)),
            (_("Rows"), len(indicators)),
            (_("Access"), _("Only the KPIs you may read are exported.")),
        ]
        return items
