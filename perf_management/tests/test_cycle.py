from datetime import date
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.perf_management.models.perf_cycle import PerfCycle

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCycle(CascadeCommon):
    def _cycles(self, company=None):
        return self.env["perf.cycle"].search(
            [("company_id", "=", (company or self.company).id)]
        )

    def test_periods_generated_as_one_tree(self):
        periods = self.cycle.period_ids
        self.assertEqual(len(periods), 17)
        by_type = {
            kind: periods.filtered(lambda p, kind=kind: p.period_type == kind)
            for kind in ("year", "quarter", "month")
        }
        self.assertEqual(
            [len(by_type[k]) for k in ("year", "quarter", "month")], [1, 4, 12]
        )
        self.assertEqual(self.cycle.year_period_id, by_type["year"])
        self.assertEqual(by_type["quarter"].parent_id, self.year)
        for quarter in by_type["quarter"]:
            self.assertEqual(len(quarter.child_ids), 3)
            self.assertEqual(quarter.child_ids.parent_id, quarter)
        months = by_type["month"].sorted("date_start")
        self.assertEqual(months[0].date_start, date(2031, 1, 1))
        self.assertEqual(months[1].date_end, date(2031, 2, 28))
        self.assertEqual(months[-1].date_end, date(2031, 12, 31))
        for previous, current in zip(months[:-1], months[1:], strict=True):
            self.assertEqual((current.date_start - previous.date_end).days, 1)
        self.assertEqual(
            self.env["perf.period"].search([("id", "child_of", self.year.id)]),
            periods,
        )
        self.assertEqual(self.q2.name, "Q2 FY 2031")

    def test_fiscal_year_follows_the_company_year_end(self):
        company = self.env["res.company"].create(
            {
                "name": "July Ltd",
                "fiscalyear_last_month": "6",
                "fiscalyear_last_day": 30,
            }
        )
        cycle = self.env["perf.cycle"]._ensure_cycle(company, date(2031, 3, 15))
        self.assertEqual(cycle.date_start, date(2030, 7, 1))
        self.assertEqual(cycle.date_end, date(2031, 6, 30))
        self.assertEqual(cycle.name, "FY 2030-2031")
        quarters = cycle.period_ids.filtered(
            lambda p: p.period_type == "quarter"
        ).sorted("date_start")
        self.assertEqual(
            [(q.date_start, q.date_end) for q in quarters],
            [
                (date(2030, 7, 1), date(2030, 9, 30)),
                (date(2030, 10, 1), date(2030, 12, 31)),
                (date(2031, 1, 1), date(2031, 3, 31)),
                (date(2031, 4, 1), date(2031, 6, 30)),
            ],
        )
        # Asked again for another day of the same fiscal year: the same cycle.
        self.assertEqual(
            self.env["perf.cycle"]._ensure_cycle(company, date(2030, 8, 1)), cycle
        )

    def test_invalid_fiscal_year_end_refused(self):
        with self.assertRaises(ValidationError):
            self.company.write(
                {"fiscalyear_last_month": "2", "fiscalyear_last_day": 30}
            )
        self.assertEqual(self.company.fiscalyear_last_month, "12")

    def test_dates_reversed_refused(self):
        before = self._cycles()
        with self.assertRaises(ValidationError):
            self.env["perf.cycle"].create(
                {
                    "name": "Backwards",
                    "date_start": "2033-12-31",
                    "date_end": "2033-01-01",
                }
            )
        self.assertEqual(self._cycles(), before)
        self.assertFalse(
            self.env["perf.period"].search([("date_start", ">=", "2033-01-01")])
        )
        with self.assertRaises(ValidationError):
            self.january.write({"date_end": "2030-12-01"})
        self.assertEqual(self.january.date_end, date(2031, 1, 31))

    def test_one_cycle_per_company_and_year(self):
        with self.assertRaises(ValidationError):
            self.env["perf.cycle"].create(
                {
                    "name": "Overlap",
                    "date_start": "2031-06-01",
                    "date_end": "2032-05-31",
                }
            )
        # Another company may have its own cycle for the same year.
        other = self.env["res.company"].create({"name": "Other Co"})
        other_cycle = self.env["perf.cycle"].create(
            {
                "name": "FY 2031",
                "company_id": other.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        self.assertEqual(other_cycle.year, 2031)
        self.assertEqual(other_cycle.period_ids.company_id, other)
        # Two cycles starting in the same year, even without overlap: refused.
        short = self.env["res.company"].create({"name": "Short Co"})
        self.env["perf.cycle"].create(
            {
                "name": "H1",
                "company_id": short.id,
                "date_start": "2031-01-01",
                "date_end": "2031-06-30",
            }
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["perf.cycle"].create(
                {
                    "name": "H2",
                    "company_id": short.id,
                    "date_start": "2031-07-01",
                    "date_end": "2031-12-31",
                }
            )

    def test_pdca_phases(self):
        cycle = self.cycle
        self.assertEqual(cycle.phase, "plan")
        for action, phase in (
            ("action_do", "do"),
            ("action_check", "check"),
            ("action_act", "act"),
        ):
            getattr(cycle, action)()
            self.assertEqual(cycle.phase, phase)
        cycle.with_context(perf_change_reason="Plan again").action_plan()
        self.assertEqual(cycle.phase, "plan")
        for action in ("action_do", "action_check", "action_act", "action_close"):
            getattr(cycle, action)()
        self.assertEqual(cycle.phase, "closed")
        self.assertEqual(set(cycle.period_ids.mapped("state")), {"locked"})

    def test_dates_of_used_cycle_frozen(self):
        with self.assertRaises(UserError):
            self.cycle.write({"date_end": "2031-11-30"})
        self.assertEqual(self.cycle.date_end, date(2031, 12, 31))
        with self.assertRaises(UserError):
            self.cycle.unlink()
        # An unused cycle follows its new dates.
        cycle = self.env["perf.cycle"].create(
            {"name": "FY 2040", "date_start": "2040-01-01", "date_end": "2040-12-31"}
        )
        cycle.write({"date_start": "2040-04-01", "date_end": "2041-03-31"})
        self.assertEqual(len(cycle.period_ids), 17)
        self.assertEqual(cycle.year_period_id.date_start, date(2040, 4, 1))
        self.assertEqual(min(cycle.period_ids.mapped("date_start")), date(2040, 4, 1))

    def test_dates_of_cycle_with_archived_objectives_frozen(self):
        # Archived objectives still hold the periods: a clear error, not a
        # foreign key violation when the periods are rebuilt.
        cycle = self.env["perf.cycle"].create(
            {"name": "FY 2040", "date_start": "2040-01-01", "date_end": "2040-12-31"}
        )
        objective = self._objective("Archived", "company", cycle.year_period_id)
        objective.action_archive()
        self.assertFalse(objective.active)
        with self.assertRaisesText(UserError, "cannot change"):
            cycle.write({"date_end": "2040-11-30"})
        self.assertEqual(cycle.date_end, date(2040, 12, 31))
        self.assertEqual(len(cycle.period_ids), 17)
        with self.assertRaisesText(UserError, "cannot be deleted"):
            cycle.unlink()
        self.assertTrue(cycle.exists())

    def test_cycle_of_more_than_twelve_months_refused(self):
        before = self._cycles()
        for date_end in ("2041-01-01", "2041-06-30"):
            with self.subTest(date_end=date_end):
                with self.assertRaisesText(ValidationError, "longer than a year"):
                    self.env["perf.cycle"].create(
                        {
                            "name": "Too long",
                            "date_start": "2040-01-01",
                            "date_end": date_end,
                        }
                    )
        self.assertEqual(self._cycles(), before)
        # Twelve months exactly: four quarters and twelve months.
        cycle = self.env["perf.cycle"].create(
            {"name": "FY 2040", "date_start": "2040-03-01", "date_end": "2041-02-28"}
        )
        self.assertEqual(
            sorted(cycle.period_ids.mapped("period_type")),
            ["month"] * 12 + ["quarter"] * 4 + ["year"],
        )
        with self.assertRaisesText(ValidationError, "longer than a year"):
            cycle.write({"date_end": "2041-03-01"})

    def test_locked_period_refuses_edits(self):
        task = self._task(self.obj_paul_jan)
        indicator = self._indicator(self.obj_paul_jan)
        self.january.action_lock()
        self.assertEqual(self.january.state, "locked")
        with self.assertRaisesText(UserError, "locked"):
            self.obj_paul_jan.write({"weight": 3.0})
        self.assertEqual(self.obj_paul_jan.weight, 1.0)
        with self.assertRaisesText(UserError, "locked"):
            task.write({"state": "done"})
        self.assertEqual(task.state, "todo")
        with self.assertRaisesText(UserError, "locked"):
            indicator.write({"actual_value": 80.0})
        self.assertFalse(indicator.has_actual)
        with self.assertRaisesText(UserError, "locked"):
            self._objective(
                "Late",
                "employee",
                self.january,
                parent=self.obj_paul_q1,
                employee_id=self.emp_paul.id,
            )
        # Texts may still be corrected.
        self.obj_paul_jan.write({"name": "Paul wins one account"})
        # Reopening a sub-period inside a locked period is refused.
        self.q1.action_lock()
        self.assertEqual(self.january.state, "locked")
        with self.assertRaises(UserError):
            self.january.action_reopen()
        self.q1.action_reopen()
        self.assertEqual(self.january.state, "open")
        task.write({"state": "done"})
        self.assertEqual(self.obj_paul_jan.progress, 100.0)

    def test_cron_prepares_next_cycle_within_lead(self):
        Cycle = self.env["perf.cycle"]
        self.assertEqual(self.company.perf_cycle_lead_days, 60)
        # 4 months before the next fiscal year: nothing to prepare yet.
        Cycle._cron_prepare_next_cycles(today=date(2031, 9, 1))
        self.assertFalse(Cycle.search([("year", "=", 2032)]))
        # 45 days before: the 2032 cycle and its periods are created.
        Cycle._cron_prepare_next_cycles(today=date(2031, 11, 16))
        next_cycle = Cycle.search(
            [("company_id", "=", self.company.id), ("year", "=", 2032)]
        )
        self.assertEqual(len(next_cycle), 1)
        self.assertEqual(next_cycle.date_start, date(2032, 1, 1))
        self.assertEqual(len(next_cycle.period_ids), 17)
        # Idempotent: running again creates nothing.
        cycles = Cycle.search([])
        periods = self.env["perf.period"].search([])
        Cycle._cron_prepare_next_cycles(today=date(2031, 11, 16))
        Cycle._cron_prepare_next_cycles(today=date(2031, 12, 30))
        self.assertEqual(Cycle.search([]), cycles)
        self.assertEqual(self.env["perf.period"].search([]), periods)

    def test_cron_lead_is_configurable(self):
        Cycle = self.env["perf.cycle"]
        settings = self.env["res.config.settings"].create({"perf_cycle_lead_days": 200})
        settings.execute()
        self.assertEqual(self.company.perf_cycle_lead_days, 200)
        Cycle._cron_prepare_next_cycles(today=date(2031, 9, 1))
        self.assertTrue(
            Cycle.search([("company_id", "=", self.company.id), ("year", "=", 2032)])
        )

    def test_settings_fiscal_year_end(self):
        with Form(self.env["res.config.settings"]) as form:
            form.perf_fiscalyear_last_month = "3"
            form.perf_fiscalyear_last_day = 31
        form.save().execute()
        self.assertEqual(self.company.fiscalyear_last_month, "3")
        cycle = self.env["perf.cycle"]._ensure_cycle(self.company, date(2036, 2, 1))
        self.assertEqual(cycle.date_start, date(2035, 4, 1))
        self.assertEqual(cycle.date_end, date(2036, 3, 31))

    def test_cron_record_runs(self):
        cron = self.env.ref("perf_management.ir_cron_prepare_next_cycles")
        self.assertEqual(cron.model_id.model, "perf.cycle")
        self.assertEqual(cron.code.strip(), "model._cron_prepare_next_cycles()")
        cron.method_direct_trigger()
        today = date.today()
        current = self.env["perf.cycle"].search(
            [
                ("company_id", "=", self.company.id),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ]
        )
        self.assertEqual(len(current), 1)

    def test_cron_failing_company_does_not_stop_the_others(self):
        Cycle = self.env["perf.cycle"]
        broken, healthy = self.env["res.company"].create(
            [{"name": "Broken Ltd"}, {"name": "Healthy Ltd"}]
        )
        original = PerfCycle._ensure_cycle

        def ensure_cycle(model, company, day):
            if company == broken:
                Cycle.create(
                    Cycle._prepare_cycle_values(
                        company, date(2031, 1, 1), date(2031, 12, 31)
                    )
                )
                raise ValidationError(self.env._("This cycle cannot be made."))
            return original(model, company, day)

        with (
            patch.object(PerfCycle, "_ensure_cycle", ensure_cycle),
            self.assertLogs("odoo.addons.perf_management.models.perf_cycle") as logs,
        ):
            Cycle._cron_prepare_next_cycles(today=date(2031, 3, 1))
        self.assertIn("Broken Ltd", "\n".join(logs.output))
        # The broken company's half-made cycle was rolled back; the others
        # were prepared.
        self.assertFalse(self._cycles(broken))
        self.assertEqual(len(self._cycles(healthy)), 1)
        self.assertEqual(len(self._cycles(healthy).period_ids), 17)

    def test_cron_reports_its_progress(self):
        cron = self.env.ref("perf_management.ir_cron_prepare_next_cycles")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        companies = self.env["res.company"].search([])
        self.env["perf.cycle"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_prepare_next_cycles(today=date(2031, 3, 1))
        self.assertEqual(progress.done, len(companies))
        self.assertEqual(progress.remaining, 0)

    def test_fiscal_year_ending_mid_month(self):
        """A fiscal year ending on the 25th: every month runs from the 26th to
        the 25th, and each quarter holds exactly three of them."""
        company = self.env["res.company"].create(
            {
                "name": "Spring Ltd",
                "fiscalyear_last_month": "3",
                "fiscalyear_last_day": 25,
            }
        )
        cycle = self.env["perf.cycle"]._ensure_cycle(company, date(2031, 1, 10))
        self.assertEqual(
            (cycle.date_start, cycle.date_end), (date(2030, 3, 26), date(2031, 3, 25))
        )
        periods = cycle.period_ids
        months = periods.filtered(lambda p: p.period_type == "month").sorted(
            "date_start"
        )
        self.assertEqual(len(months), 12)
        self.assertTrue(all(month.date_start.day == 26 for month in months))
        self.assertTrue(all(month.date_end.day == 25 for month in months))
        for previous, current in zip(months[:-1], months[1:], strict=True):
            self.assertEqual((current.date_start - previous.date_end).days, 1)
        for quarter in periods.filtered(lambda p: p.period_type == "quarter"):
            children = quarter.child_ids.sorted("date_start")
            self.assertEqual(len(children), 3)
            self.assertEqual(children[0].date_start, quarter.date_start)
            self.assertEqual(children[-1].date_end, quarter.date_end)
        # Named after the calendar month holding most of it.
        self.assertEqual(months[0].name, "April 2030")

    def test_fiscal_year_ending_on_the_30th(self):
        company = self.env["res.company"].create(
            {
                "name": "Winter Ltd",
                "fiscalyear_last_month": "1",
                "fiscalyear_last_day": 30,
            }
        )
        cycle = self.env["perf.cycle"]._ensure_cycle(company, date(2031, 6, 1))
        months = cycle.period_ids.filtered(lambda p: p.period_type == "month").sorted(
            "date_start"
        )
        self.assertEqual(
            [(m.date_start, m.date_end) for m in months[:3]],
            [
                (date(2031, 1, 31), date(2031, 2, 28)),
                (date(2031, 3, 1), date(2031, 3, 30)),
                (date(2031, 3, 31), date(2031, 4, 30)),
            ],
        )
        self.assertEqual(months[-1].date_end, date(2032, 1, 30))

    def test_cycle_starting_mid_month_refused(self):
        with self.assertRaisesText(ValidationError, "whole fiscal months"):
            self.env["perf.cycle"].create(
                {"name": "Odd", "date_start": "2040-01-15", "date_end": "2040-12-31"}
            )
        self.assertFalse(self.env["perf.cycle"].search([("name", "=", "Odd")]))
