"""The objective cascade of a period as an XLSX workbook.

One sheet per level (company, department, post, employee), one row per
objective; an "Indicators" sheet with the indicators of these objectives; a
"Parameters" sheet saying who exported what and when. Everything is read
with the rights of the user who exports: a manager exports what they read.
"""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import rating, scoring
from ..tools.display import export_filename
from ..tools.vocabulary import LEVELS
from . import xlsx_common as xs

#: Progress bands of the sheets: from 100 % the objective is met, below 50 %
#: less than half of it is achieved. Whether that is behind depends on the
#: day: the objectives' pace (their "Behind" filter) says so.
PROGRESS_BANDS = ((100.0, xs.GOOD), (50.0, xs.NEUTRAL), (0.0, xs.BAD))


class PerfCascadeXlsx(models.AbstractModel):
    _name = "report.perf_management.perf_cascade_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Objective Cascade XLSX Export"

    def get_workbook_options(self):
        return dict(super().get_workbook_options(), **xs.WORKBOOK_OPTIONS)

    # ------------------------------------------------------------------
    # What is exported
    # ------------------------------------------------------------------

    def _get_objs_for_report(self, docids, data):
        """The objectives of the period of ``data`` (from the export wizard),
        or those selected in a list; only those the user reads."""
        self._ensure_manager()
        data = data or {}
        if data.get("period_id"):
            period = self._get_period(data["period_id"])
            return self._get_cascade_objectives(period, data.get("include_sub_periods"))
        objectives = super()._get_objs_for_report(docids, data)
        readable = (
            self.env["perf.objective"]
            .with_context(active_test=False)
            .search([("id", "in", objectives.ids)], order="period_id, parent_path, id")
        )
        if not readable:
            raise UserError(
                self.env._(
                    "There is no objective to export: select objectives you may "
                    "read, or export the cascade of a period from Performance > "
                    "Reporting > Export Cascade."
                )
            )
        return readable

    def _get_export_filename(self, docids, data):
        """``Cascade - <company> - <period> - <day>.xlsx``: the period exported,
        or that of the objectives selected when they share one."""
        data = data or {}
        if data.get("period_id"):
            periods = self.env["perf.period"].search(
                [("id", "=", int(data["period_id"]))]
            )
        else:
            periods = (
                self.env["perf.objective"]
                .search([("id", "in", docids or [])])
                .period_id
            )
        periods = periods.sudo()
        return export_filename(
            [
                self.env._("Cascade"),
                (periods.company_id[:1] or self.env.company).name,
                periods.name if len(periods) == 1 else None,
            ],
            fields.Date.context_today(self),
        )

    def _ensure_manager(self):
        if not self.env.user.has_group("perf_management.group_perf_manager"):
            raise AccessError(
                self.env._(
                    "Only performance managers export the objective cascade. "
                    "Your own objectives are in Performance > Objectives."
                )
            )

    def _get_period(self, period_id):
        period = self.env["perf.period"].search([("id", "=", int(period_id))])
        if not period:
            raise UserError(
                self.env._(
                    "The period to export does not exist or is not one of your "
                    "companies'. Choose a period of the companies you work in."
                )
            )
        return period

    def _get_cascade_objectives(self, period, include_sub_periods=False):
        """The objectives of ``period`` (and of its sub-periods) that the
        current user reads; a clear error when there is none."""
        operator = "child_of" if include_sub_periods else "="
        objectives = self.env["perf.objective"].search(
            [("period_id", operator, period.id)], order="period_id, parent_path, id"
        )
        if not objectives:
            raise UserError(
                self.env._(
                    "There is no objective of %(period)s that you may read: the "
                    "file would be empty. Choose another period, or include its "
                    "sub-periods.",
                    period=period.display_name,
                )
                if not include_sub_periods
                else self.env._(
                    "There is no objective of %(period)s or of its sub-periods "
                    "that you may read: the file would be empty. Choose another "
                    "period.",
                    period=period.display_name,
                )
            )
        return objectives

    # ------------------------------------------------------------------
    # The workbook
    # ------------------------------------------------------------------

    def generate_xlsx_report(self, workbook, data, objs):
        formats = xs.Formats(workbook)
        columns = self._get_objective_columns()
        progress_col = next(
            index for index, column in enumerate(columns) if column.kind == xs.PERCENT
        )
        indicators = self.env["perf.indicator"].search(
            [("objective_id", "in", objs.ids)]
        )
        # Parents outside what the user reads are not named.
        readable_parents = objs.parent_id._filtered_access("read")
        bands = self._get_rating_bands(objs.company_id)
        indicator_counts = dict.fromkeys(objs.ids, 0)
        for indicator in indicators:
            indicator_counts[indicator.objective_id.id] += 1
        labels = xs.SelectionLabels(self.env)
        level_labels = dict(objs._fields["level"]._description_selection(self.env))
        for level, _label in LEVELS:
            sheet = xs.DataSheet(workbook, level_labels[level], columns, formats)
            sheet.write_rows(
                self._get_objective_row(
                    objective, readable_parents, bands, indicator_counts, labels
                )
                for objective in objs.filtered(lambda o, lv=level: o.level == lv)
            )
            sheet.close()
            sheet.add_bands(progress_col, PROGRESS_BANDS)
        columns = self._get_indicator_columns()
        sheet = xs.DataSheet(workbook, self.env._("Indicators"), columns, formats)
        sheet.write_rows(self._get_indicator_row(i, labels) for i in indicators)
        sheet.close()
        sheet.add_bands(len(columns) - 2, PROGRESS_BANDS)
        xs.write_parameters(
            workbook,
            self.env._("Parameters"),
            self._get_parameters(data or {}, objs, indicators),
            formats,
            headers=(self.env._("Parameter"), self.env._("Value")),
        )

    def _get_objective_columns(self):
        _ = self.env._
        return [
            xs.Column(_("ID"), xs.INTEGER),
            xs.Column(_("Objective"), xs.TEXT),
            xs.Column(_("Department"), xs.TEXT),
            xs.Column(_("Post"), xs.TEXT),
            xs.Column(_("Employee"), xs.TEXT),
            xs.Column(_("Responsible"), xs.TEXT),
            xs.Column(_("Parent ID"), xs.INTEGER),
            xs.Column(_("Parent Objective"), xs.TEXT),
            xs.Column(_("Period"), xs.TEXT),
            xs.Column(_("Start"), xs.DATE),
            xs.Column(_("End"), xs.DATE),
            xs.Column(_("Weight"), xs.GROUPED),
            xs.Column(_("Progress"), xs.PERCENT),
            xs.Column(_("Rating"), xs.TEXT),
            xs.Column(_("Indicator Progress"), xs.PERCENT),
            xs.Column(_("Task Progress"), xs.PERCENT),
            xs.Column(_("Confidence"), xs.TEXT),
            xs.Column(_("Indicators"), xs.INTEGER),
            xs.Column(_("Period State"), xs.TEXT),
            xs.Column(_("Company"), xs.TEXT),
        ]

    def _get_objective_row(self, objective, readable_parents, bands, counts, labels):
        parent = objective.parent_id
        progress = objective.progress if objective.is_measured else None
        return [
            objective.id,
            objective.name,
            objective.department_id.name,
            objective.job_id.name,
            objective.employee_id.name,
            objective.user_id.name,
            parent.id if parent in readable_parents else None,
            parent.name if parent in readable_parents else None,
            objective.period_id.name,
            objective.date_start,
            objective.date_end,
            objective.weight,
            progress,
            self._get_rating(bands.get(objective.company_id.id), progress),
            objective.indicator_progress if objective.has_indicator_score else None,
            objective.task_progress if objective.has_tasks else None,
            labels(objective, "confidence"),
            counts.get(objective.id, 0),
            labels(objective, "period_state"),
            objective.company_id.name,
        ]

    def _get_indicator_columns(self):
        _ = self.env._
        return [
            xs.Column(_("Objective ID"), xs.INTEGER),
            xs.Column(_("Objective"), xs.TEXT),
            xs.Column(_("Level"), xs.TEXT),
            xs.Column(_("Period"), xs.TEXT),
            xs.Column(_("Indicator"), xs.TEXT),
            xs.Column(_("Dimension"), xs.TEXT),
            xs.Column(_("Direction"), xs.TEXT),
            xs.Column(_("Unit"), xs.TEXT),
            xs.Column(_("Target"), xs.GROUPED),
            xs.Column(_("Actual"), xs.GROUPED),
            xs.Column(_("Weight"), xs.GROUPED),
            xs.Column(_("Achievement"), xs.PERCENT),
            xs.Column(_("Score"), xs.PERCENT),
            xs.Column(_("Company"), xs.TEXT),
        ]

    def _get_indicator_row(self, indicator, labels):
        objective = indicator.objective_id
        actual = indicator.actual_value if indicator.has_actual else None
        return [
            objective.id,
            objective.name,
            labels(objective, "level"),
            indicator.period_id.name,
            indicator.name,
            labels(indicator, "dimension"),
            labels(indicator, "direction"),
            indicator.unit,
            indicator.target_value,
            actual,
            indicator.weight,
            indicator_achievement(indicator),
            indicator.score if indicator.has_score else None,
            indicator.company_id.name,
        ]

    def _get_rating_bands(self, companies):
        """{company id: rating bands} of the active scale of each company."""
        scales = self.env["perf.rating.scale"].search(
            [("company_id", "in", companies.ids)]
        )
        return {scale.company_id.id: scale._get_bands() for scale in scales}

    def _get_rating(self, bands, progress):
        if not bands or progress is None:
            return None
        try:
            band = rating.find_band(bands, progress)
        except rating.RatingError:
            return None
        return band.code

    def _get_parameters(self, data, objectives, indicators):
        """(label, value) rows of the Parameters sheet."""
        _ = self.env._
        items = xs.export_items(self.env, _("Objective cascade"))
        if data.get("period_id"):
            period = self._get_period(data["period_id"])
            items += [
                (_("Period"), period.name),
                (_("Period start"), period.date_start),
                (_("Period end"), period.date_end),
                (
                    _("Sub-periods included"),
                    _("Yes") if data.get("include_sub_periods") else _("No"),
                ),
            ]
        else:
            items.append((_("Selection"), _("Objectives selected in a list")))
        items += [
            (_("Objectives"), len(objectives)),
            (_("Indicators"), len(indicators)),
            (
                _("Access"),
                _("Only the objectives and indicators you may read are exported."),
            ),
        ]
        return items


def indicator_achievement(indicator):
    """How much of its target the actual of ``indicator`` achieves, in %
    (``None`` without an actual), before the curve and the cap of its score."""
    if not indicator.has_actual:
        return None
    range_min, range_max = sorted((indicator.range_min, indicator.range_max))
    return scoring.achievement(
        indicator.target_value,
        indicator.actual_value,
        direction=indicator.direction or "higher",
        range_min=range_min,
        range_max=range_max,
    )
