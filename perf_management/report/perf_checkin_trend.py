from odoo import fields, models, tools
from odoo.tools import SQL


class PerfCheckinTrend(models.Model):
    """The value each checked-in indicator held on each day: its trend.

    A check-in records the value an indicator reached on a day; until the
    next one, that value holds. One row per indicator and day, from its first
    check-in to today (or the end of its period, or its last check-in if
    later), carries the value of the latest check-in on or before that day,
    so that a chart of the trend never drops to 0 between check-ins. Archived
    check-ins do not count. Its rows are read as the check-ins are (see the
    record rules).
    """

    _name = "perf.checkin.trend"
    _description = "Check-in Trend"
    _auto = False
    _order = "indicator_id, date"
    _rec_name = "indicator_id"

    indicator_id = fields.Many2one("perf.indicator", readonly=True)
    objective_id = fields.Many2one("perf.objective", readonly=True)
    period_id = fields.Many2one("perf.period", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    value = fields.Float(string="Value Held", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT
                    span.indicator_id::bigint * 100000
                        + (day.day::date - DATE '2000-01-01') AS id,
                    span.indicator_id,
                    indicator.objective_id,
                    indicator.period_id,
                    indicator.company_id,
                    day.day::date AS date,
                    held.value
                FROM (
                    SELECT indicator_id, MIN(date) AS first_date,
                           MAX(date) AS last_date
                      FROM perf_checkin
                     WHERE active
                  GROUP BY indicator_id
                ) span
                JOIN perf_indicator indicator ON indicator.id = span.indicator_id
                JOIN perf_period period ON period.id = indicator.period_id
                CROSS JOIN LATERAL generate_series(
                    span.first_date,
                    GREATEST(span.last_date, LEAST(CURRENT_DATE, period.date_end)),
                    INTERVAL '1 day'
                ) AS day(day)
                CROSS JOIN LATERAL (
                    SELECT checkin.value
                      FROM perf_checkin checkin
                     WHERE checkin.indicator_id = span.indicator_id
                       AND checkin.active
                       AND checkin.date <= day.day
                  ORDER BY checkin.date DESC, checkin.id DESC
                     LIMIT 1
                ) held
            )
            """,
                SQL.identifier(self._table),
            )
        )
