from datetime import timedelta

from odoo import Command, api, fields, models


class PerfOkrDemo(models.AbstractModel):
    """Demo OKRs of the current quarter, with weeks of check-ins."""

    _name = "perf.okr.demo"
    _description = "OKR Demo Data"

    @api.model
    def _create_demo(self):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        company = ref("base.main_company")
        quarter = self.env["perf.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "quarter"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            limit=1,
        )
        parent = ref("perf_management.demo_objective_revenue", raise_if_not_found=False)
        if not quarter or not parent:
            return False
        Objective = self.env["perf.objective"].with_context(mail_create_nolog=True)
        sales = Objective.create(
            {
                "name": "Win the mid-market",
                "is_okr": True,
                "okr_type": "aspirational",
                "level": "department",
                "department_id": ref("perf_management.dep_sales").id,
                "period_id": quarter.id,
                "parent_id": parent.id,
                "user_id": ref("perf_management.user_sophie").id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "New mid-market customers",
                            "kr_type": "metric",
                            "okr_start_value": 0,
                            "target_value": 12,
                            "unit": "customers",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Share of deals with a pricing review",
                            "kr_type": "percentage",
                            "target_value": 80,
                            "dimension": "process",
                            "unit": "%",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Launch the partner programme",
                            "kr_type": "milestone",
                            "dimension": "process",
                            "milestone_ids": [
                                Command.create({"name": name, "sequence": seq})
                                for seq, name in enumerate(
                                    (
                                        "Offer designed",
                                        "Three partners signed",
                                        "First joint deal",
                                        "Programme page live",
                                    )
                                )
                            ],
                        }
                    ),
                ],
            }
        )
        people = {
            "perf_management.employee_lucas": ("Grow my accounts", "committed"),
            "perf_management.employee_emma": ("Open the north region", "aspirational"),
        }
        individual = Objective
        for xmlid, (name, okr_type) in people.items():
            employee = ref(xmlid)
            individual |= Objective.create(
                {
                    "name": f"{name} ({employee.name})",
                    "is_okr": True,
                    "okr_type": okr_type,
                    "level": "employee",
                    "employee_id": employee.id,
                    "period_id": quarter.id,
                    "parent_id": sales.id,
                    "user_id": ref("perf_management.user_sophie").id,
                    "indicator_ids": [
                        Command.create(
                            {
                                "name": "Customer meetings",
                                "kr_type": "metric",
                                "okr_start_value": 0,
                                "target_value": 40,
                                "dimension": "process",
                            }
                        ),
                        Command.create(
                            {
                                "name": "Certified on the new offer",
                                "kr_type": "binary",
                                "dimension": "competency",
                            }
                        ),
                    ],
                }
            )
        self._create_demo_checkins(sales | individual, quarter, today)
        return True

    @api.model
    def _create_demo_checkins(self, objectives, quarter, today):
        """Weekly check-ins since the start of the quarter, by the owners."""
        weeks = []
        day = quarter.date_start + timedelta(days=6)
        while day <= today:
            weeks.append(day)
            day += timedelta(days=7)
        weeks = weeks or [today]
        Checkin = self.env["perf.checkin"]
        for objective in objectives:
            author = objective.employee_id.user_id or objective.user_id
            for position, indicator in enumerate(objective.indicator_ids):
                steps = len(weeks)
                for week, day in enumerate(weeks, start=1):
                    pace = week / (steps + 2 + position)
                    confidence = "on_track"
                    if indicator.kr_type == "binary":
                        value = 1.0 if week == steps and position % 2 else 0.0
                    elif indicator.kr_type == "milestone":
                        value = float(min(len(indicator.milestone_ids), week // 3))
                    else:
                        start = indicator.okr_start_value
                        value = round(start + (indicator.target_value - start) * pace)
                    if pace < 0.5 and week > 2:
                        confidence = "at_risk"
                    if objective.okr_type == "committed" and week == steps:
                        confidence = "off_track" if position else "at_risk"
                    checkin = Checkin.with_user(author).create(
                        {
                            "indicator_id": indicator.id,
                            "value": value,
                            "confidence": confidence,
                            "comment": self.env._("Week %(week)s update.", week=week),
                        }
                    )
                    checkin.sudo().date = day
