from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import formatLang

#: The states of an appraisal whose reviews scored the employee's figures:
#: from the submission of the self review on.
REVIEWED_STATES = ("manager_review", "calibration", "done")
#: Context key of an engine that computes figures from other data (the KPI
#: computation), honoured as superuser only: its changes are corrections,
#: whoever runs it.
COMPUTED_FIGURES = "perf_computed_figures"


class PerfAppraisal(models.Model):
    """What was reviewed is what is paid.

    From the submission of the self review, the figures an appraisal scores
    (the employee's own objectives, indicators, check-ins and tasks of the
    appraised period tree, see ``perf_objective_appraisal.py``,
    ``perf_indicator_appraisal.py`` and ``perf_task_appraisal.py``) are
    frozen:

    * against the appraised employee: refused, whatever their groups;
    * for anybody else (the manager correcting a figure, an administrator,
      the KPI computation): a correction, allowed but posted in the chatter
      with the old and new figures and who changed them; an appraisal in
      calibration goes back to the manager review (a calibrated rating is
      kept, see ``_update_scores``), one in manager review stays there. The
      manager's next submission scores the corrected figures;
    * once the appraisal is done: refused to everyone, until an
      administrator reopens it with a reason.

    Closing keeps the scores reviewed and calibrated: it never recomputes.
    """

    _inherit = "perf.appraisal"

    @api.model
    def _get_appraisals_by_record(self, records, condition=None):
        """``{record id: [(appraisal id, state, employee's user id)]}`` of
        ``records`` (objectives or tasks: rows with an ``employee_id`` and a
        ``period_id``) that an appraisal of their employee past its self
        review scores, their period lying within the appraisal's, in one
        query. ``condition`` (SQL on the alias ``record``) narrows the
        records that count."""
        if not records.ids:
            return {}
        records.flush_model(["employee_id", "period_id"])
        self.flush_model(["state", "employee_id", "employee_user_id", "period_id"])
        self.env["perf.period"].flush_model(["parent_path"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT record.id, appraisal.id, appraisal.state,
                       appraisal.employee_user_id
                  FROM %s record
                  JOIN perf_period period ON period.id = record.period_id
                  JOIN perf_appraisal appraisal
                    ON appraisal.employee_id = record.employee_id
                   AND appraisal.state IN %s
                  JOIN perf_period appraised ON appraised.id = appraisal.period_id
                 WHERE record.id IN %s
                   AND %s
                   AND period.parent_path LIKE appraised.parent_path || %s
              ORDER BY record.id, appraisal.id
                """,
                SQL.identifier(records._table),
                REVIEWED_STATES,
                tuple(records.ids),
                condition or SQL("TRUE"),
                "%",
            )
        )
        result = defaultdict(list)
        for record_id, appraisal_id, state, user_id in rows:
            result[record_id].append((appraisal_id, state, user_id))
        return dict(result)

    @api.model
    def _get_done_appraisal_by_record(self, records, condition=None):
        """``{record id: appraisal id}`` of ``records`` that a done appraisal
        scored (the first one), in one query (see
        :meth:`_get_appraisals_by_record`)."""
        return {
            record_id: min(done)
            for record_id, rows in self._get_appraisals_by_record(
                records, condition
            ).items()
            if (
                done := [
                    appraisal for appraisal, state, _user in rows if state == "done"
                ]
            )
        }

    @api.model
    def _split_reviewed(self, appraisals_by_record):
        """What a change of records means for the user, from
        :meth:`_get_appraisals_by_record`: ``(done, own, corrected)``, the
        ``{record id: appraisal id}`` of the done appraisals (refused to
        everyone) and of the appraisals in review the user is appraised in
        (refused to them), and the ``{record id: appraisal ids}`` of the
        appraisals in review the change corrects."""
        by_engine = self.env.su and self.env.context.get(COMPUTED_FIGURES)
        uid = self.env.uid
        done, own, corrected = {}, {}, defaultdict(set)
        for record_id, rows in appraisals_by_record.items():
            for appraisal_id, state, user_id in rows:
                if state == "done":
                    done.setdefault(record_id, appraisal_id)
                elif user_id == uid and not by_engine:
                    own.setdefault(record_id, appraisal_id)
                else:
                    corrected[record_id].add(appraisal_id)
        return done, own, dict(corrected)

    # ------------------------------------------------------------------
    # Corrections
    # ------------------------------------------------------------------

    @api.model
    def _snapshot_figures(self, records, fnames):
        """``{record id: {field name: value as shown}}`` of ``records``,
        read as superuser (the caller checked the change)."""
        return {
            record.id: {fname: self._format_figure(record, fname) for fname in fnames}
            for record in records.sudo()
        }

    @api.model
    def _format_figure(self, record, fname):
        field = record._fields[fname]
        value = record[fname]
        if fname == "actual_value" and not record.has_actual:
            return "-"
        if field.type == "many2one":
            return value.display_name or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "-")
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.type == "float":
            return formatLang(self.env, value)
        return str(value) if value not in (False, None) else "-"

    @api.model
    def _post_figure_changes(self, records, corrected, before, fnames):
        """Post the changes of ``fnames`` of ``records`` since ``before``
        (from :meth:`_snapshot_figures`) as corrections of the appraisals
        ``corrected`` (``{record id: appraisal ids}``); unchanged figures are
        no correction."""
        lines = defaultdict(list)
        for record in records.sudo():
            if record.id not in corrected:
                continue
            changes = [
                {
                    "label": record._fields[fname].get_description(self.env)["string"],
                    "old": before[record.id][fname],
                    "new": new,
                }
                for fname in fnames
                if (new := self._format_figure(record, fname))
                != before[record.id][fname]
            ]
            if changes:
                for appraisal_id in corrected[record.id]:
                    lines[appraisal_id].append(
                        {"record": record._get_correction_label(), "changes": changes}
                    )
        self._post_corrections(lines)

    @api.model
    def _post_record_event(self, records, corrected, event):
        """Post ``event`` (a sentence such as "added") about each of
        ``records`` as a correction of the appraisals ``corrected``."""
        lines = defaultdict(list)
        for record in records.sudo():
            for appraisal_id in corrected.get(record.id, ()):
                lines[appraisal_id].append(
                    {"record": record._get_correction_label(), "event": event}
                )
        self._post_corrections(lines)

    @api.model
    def _post_corrections(self, lines_by_appraisal):
        """Record the corrections ``{appraisal id: lines}`` of figures that
        appraisals in review scored: a chatter message each, with the old and
        new figures and who changed them, and the appraisals in calibration
        back to the manager review."""
        if not lines_by_appraisal:
            return
        appraisals = self.sudo().browse(list(lines_by_appraisal))
        back = appraisals.filtered(lambda appraisal: appraisal.state == "calibration")
        by_engine = bool(self.env.su and self.env.context.get(COMPUTED_FIGURES))
        for appraisal in appraisals:
            appraisal.message_post(
                body=self.env["ir.qweb"]._render(
                    "perf_management.perf_appraisal_correction",
                    {
                        "lines": lines_by_appraisal[appraisal.id],
                        "author": self.env.user.name,
                        "by_engine": by_engine,
                        "back": appraisal in back,
                    },
                )
            )
        if back:
            back._set_state("manager_review")

    def _post_closing(self):
        """Say in the chatter what each appraisal of ``self`` closes with: the
        scores reviewed (and calibrated), not recomputed."""
        for appraisal in self.sudo():
            appraisal.message_post(
                body=self.env._(
                    "Closed with the scores of the manager review%(calibrated)s: "
                    "final score %(score)s, rating %(rating)s, payroll "
                    "coefficient %(coefficient)s.",
                    calibrated=self.env._(", as calibrated")
                    if appraisal.is_calibrated
                    else "",
                    score=formatLang(self.env, appraisal.final_score)
                    if appraisal.has_final_score
                    else "-",
                    rating=appraisal.rating_band_id.name or "-",
                    coefficient=formatLang(self.env, appraisal.payroll_coefficient)
                    if appraisal.rating_band_id
                    else "-",
                )
            )
