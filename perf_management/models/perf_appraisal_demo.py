from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

#: How far each demo employee got in the last quarter, in percent of the
#: targets of their result and process indicators.
ACHIEVEMENTS = {
    "employee_sophie": (96, 90),
    "employee_lucas": (104, 95),
    "employee_emma": (82, 88),
    "employee_noah": (71, 64),
    "employee_mia": (93, 100),
    "employee_leo": (58, 70),
    "employee_ava": (88, 80),
    "employee_daniel": (91, 85),
    "employee_olivia": (77, 92),
    "employee_ethan": (99, 97),
    "employee_chloe": (64, 55),
    "employee_samuel": (85, 78),
    "employee_zoe": (45, 60),
    "employee_adam": (80, 75),
}
#: The state each demo appraisal is left in: every state of the workflow.
STATES = {
    "employee_zoe": "draft",
    "employee_lucas": "self_review",
    "employee_olivia": "self_review",
    "employee_emma": "manager_review",
    "employee_ethan": "manager_review",
    "employee_noah": "calibration",
    "employee_chloe": "calibration",
    "employee_ava": "cancel",
    # The others are done.
}
#: The target distribution of the demo company's ratings, in percent.
TARGET_SHARES = {"A": 20, "B": 35, "C": 30, "D": 10, "E": 5}
#: Ratings the administrator moves in calibration, with the reason.
CALIBRATIONS = {
    "employee_leo": (
        "C",
        "Took over two key accounts of a colleague on leave mid-quarter: "
        "his targets did not move with them.",
    ),
}
#: Improvement actions agreed in the done appraisals, as (what, days to the
#: deadline, completion standard).
ACTIONS = {
    "employee_leo": [
        (
            "Shadow Sophie on two key-account reviews",
            45,
            "Two review notes co-written with Sophie are filed in the CRM.",
        ),
        (
            "Log every customer visit in the CRM the same day",
            30,
            "No visit of the month is logged later than its day.",
        ),
    ],
    "employee_mia": [
        (
            "Run the margin-based pricing training for the new sellers",
            60,
            "Every new account executive passed the pricing quiz.",
        ),
    ],
    "employee_samuel": [
        (
            "Get the heat-pump installer certification",
            90,
            "The certificate is attached to the employee's skills.",
        ),
    ],
}


class PerfAppraisalDemo(models.AbstractModel):
    """Demo appraisals: the last completed quarter of the main company,
    measured, and its campaign with appraisals in every state."""

    _name = "perf.appraisal.demo"
    _description = "Appraisal Demo Data"

    @api.model
    def _create_demo(self):
        ref = self.env.ref
        company = ref("base.main_company")
        today = fields.Date.context_today(self)
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        last_day = quarter_start - relativedelta(days=1)
        # In the first quarter of a year the last one belongs to last year's
        # cycle: make sure it exists.
        self.env["perf.cycle"]._ensure_cycle(company, last_day)
        quarter = self.env["perf.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "quarter"),
                ("date_start", "<=", last_day),
                ("date_end", ">=", last_day),
            ],
            limit=1,
        )
        if not quarter:
            return False
        employees = {
            xmlid: ref(f"perf_management.{xmlid}", raise_if_not_found=False)
            for xmlid in ACHIEVEMENTS
        }
        employees = {xmlid: emp for xmlid, emp in employees.items() if emp}
        for xmlid, employee in employees.items():
            self._measure_quarter(employee, quarter, *ACHIEVEMENTS[xmlid])
        scale = self.env["perf.rating.scale"]._get_company_scale(company)
        for band in scale.band_ids:
            band.target_share = TARGET_SHARES.get(band.name, 0.0)
        campaign = self._run_campaign(company, quarter, employees)
        self._create_org_review(company, quarter.cycle_id)
        return campaign

    @api.model
    def _measure_quarter(self, employee, quarter, result, process):
        """Give ``employee`` measured indicators in ``quarter``: the actuals
        of the objectives the cascade gave them there, or an objective of
        their own with a result and a process indicator."""
        Indicator = self.env["perf.indicator"].with_context(mail_create_nolog=True)
        indicators = Indicator.search(
            [
                ("objective_id.level", "=", "employee"),
                ("objective_id.employee_id", "=", employee.id),
                ("period_id", "=", quarter.id),
            ]
        )
        if not indicators:
            objective = (
                self.env["perf.objective"]
                .with_context(mail_create_nolog=True)
                .create(
                    {
                        "name": self.env._(
                            "Deliver the %(job)s plan", job=employee.job_id.name
                        ),
                        "level": "employee",
                        "employee_id": employee.id,
                        "company_id": employee.company_id.id,
                        "period_id": quarter.id,
                    }
                )
            )
            indicators = Indicator.create(
                [
                    {
                        "name": self.env._("Planned work delivered"),
                        "objective_id": objective.id,
                        "dimension": "result",
                        "unit": "jobs",
                        "target_value": 40,
                        "weight": 60,
                    },
                    {
                        "name": self.env._("Reports filed on time"),
                        "objective_id": objective.id,
                        "dimension": "process",
                        "unit": "%",
                        "target_value": 100,
                        "weight": 40,
                    },
                ]
            )
        for indicator in indicators:
            share = process if indicator.dimension == "process" else result
            indicator.write(
                {
                    "actual_value": round(indicator.target_value * share / 100, 2),
                    "has_actual": True,
                }
            )

    @api.model
    def _run_campaign(self, company, quarter, employees):
        """Launch the quarter's campaign for the demo departments and walk
        each appraisal to its demo state, as its employee, its manager and
        the administrator would."""
        ref = self.env.ref
        admin = ref("base.user_admin")
        Campaign = self.env["perf.appraisal.campaign"].with_user(admin)
        campaign = Campaign.create(
            {
                "name": self.env._("%(period)s appraisals", period=quarter.name),
                "company_id": company.id,
                "period_id": quarter.id,
                "scope": "department",
                # Sellers are measured on results: this campaign weighs them
                # instead of the employee level's process and competency.
                "use_custom_weights": True,
                "weight_result": 50,
                "weight_process": 30,
                "weight_competency": 20,
                "department_ids": [
                    ref("perf_management.dep_sales").id,
                    ref("perf_management.dep_operations").id,
                ],
                "self_deadline": fields.Date.context_today(self)
                + relativedelta(days=5),
                "manager_deadline": fields.Date.context_today(self)
                + relativedelta(days=12),
            }
        )
        Appraisal = self.env["perf.appraisal"].with_user(admin)
        draft = employees.get("employee_zoe")
        if draft:
            # Created before the launch, which leaves it as it is: its
            # manager has not started it yet.
            Appraisal.sudo().create(
                {
                    "employee_id": draft.id,
                    "period_id": quarter.id,
                    "campaign_id": campaign.id,
                }
            )
        campaign.action_launch()
        for xmlid, employee in employees.items():
            appraisal = Appraisal.search(
                [("employee_id", "=", employee.id), ("period_id", "=", quarter.id)]
            )
            self._walk(appraisal, STATES.get(xmlid, "done"), xmlid)
        return campaign

    @api.model
    def _walk(self, appraisal, state, xmlid):
        if state in ("draft", "self_review") or not appraisal:
            return
        admin = self.env.ref("base.user_admin")
        if state == "cancel":
            appraisal.with_user(admin).action_cancel()
            appraisal.message_post(
                body=self.env._("Cancelled: on parental leave for the quarter.")
            )
            return
        employee_user = appraisal.employee_user_id
        as_employee = appraisal.with_user(employee_user) if employee_user else appraisal
        as_employee.write(
            {
                "self_review": self.env._(
                    "A busy quarter. I reached most of what we planned and "
                    "learnt where my reporting was late."
                )
            }
        )
        as_employee.action_submit_self_review()
        if state == "manager_review":
            return
        manager_user = appraisal.manager_user_id or admin
        as_manager = appraisal.with_user(manager_user)
        good = appraisal.final_score >= 75
        as_manager.write(
            {
                "goals_reasonable": "yes" if good else "partly",
                "motivated": "yes" if good else "partly",
                "post_right": "yes",
                "manager_feedback": self.env._(
                    "Thank you for the quarter. Let us keep the weekly "
                    "check-ins and plan the next targets together."
                ),
                "manager_note": self.env._(
                    "Discuss a training plan at the next one-to-one."
                ),
            }
        )
        as_manager.action_submit_manager_review()
        for name, days, standard in ACTIONS.get(xmlid, []):
            as_manager.write(
                {
                    "action_ids": [
                        Command.create(
                            {
                                "name": name,
                                "responsible_id": appraisal.employee_id.id,
                                "date_deadline": fields.Date.context_today(self)
                                + relativedelta(days=days),
                                "completion_standard": standard,
                            }
                        )
                    ]
                }
            )
        if state == "calibration":
            return
        as_admin = appraisal.with_user(admin)
        if xmlid in CALIBRATIONS:
            code, reason = CALIBRATIONS[xmlid]
            scale = self.env["perf.rating.scale"]._get_company_scale(
                appraisal.company_id
            )
            band = scale.band_ids.filtered(lambda b: b.name == code)
            as_admin._calibrate(band, self.env._(reason), accept_break=True)
        as_admin.with_context(
            perf_change_reason=self.env._(
                "Ratings confirmed by the management team in the calibration "
                "meeting."
            )
        ).action_done()

    @api.model
    def _create_org_review(self, company, cycle):
        """The Sales & Marketing review of the running cycle, under way."""
        department = self.env.ref("perf_management.dep_sales")
        manager_user = department.manager_id.user_id or self.env.ref("base.user_admin")
        review = (
            self.env["perf.org.review"]
            .with_user(manager_user)
            .create(
                {
                    "company_id": company.id,
                    "department_id": department.id,
                    "cycle_id": cycle.id,
                    "goals_reasonable": "partly",
                    "goals_comment": self.env._(
                        "The year-end peak makes the fourth quarter's target "
                        "hard to reach with the current team."
                    ),
                    "capabilities_match": "partly",
                    "capabilities_comment": self.env._(
                        "Two sellers are new to margin-based pricing."
                    ),
                    "finding_ids": [
                        Command.create(
                            {
                                "question": "capabilities",
                                "finding": self.env._(
                                    "Margin-based pricing is not yet used on "
                                    "every quotation."
                                ),
                                "name": self.env._(
                                    "Train every seller in margin-based pricing"
                                ),
                                "responsible_id": department.manager_id.id,
                                "date_deadline": fields.Date.context_today(self)
                                + relativedelta(days=60),
                            }
                        )
                    ],
                }
            )
        )
        review.action_start()
        return review
