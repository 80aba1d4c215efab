"""Benchmark of an appraisal campaign: launch for 1,000 employees and score them.

    .venv/bin/python benchmarks/bench_appraisal.py -c .odoo.conf -d <db>

Inside one transaction that is rolled back at the end, build a company with
50 departments of 20 employees (each a user, the first of each department
the manager of the others), and for each employee an objective of the first
quarter with three indicators (result, process, competency) with actuals.

Measured, each from a cold cache:

* the baseline: one batched ``create`` of 1,000 bare appraisals (employee
  and period only, for the second quarter). It is the fairest "bare record"
  for this work: the same model, so the same chatter (creation message,
  followers), the same computed department, job, manager and level policy
  weights; what the campaign adds on top is its own work;
* the campaign: create it for the whole company and the first quarter, launch
  it (creates the 1,000 appraisals, starts their self review: one activity
  and one "your turn" email for each employee), then compute the scores of
  all 1,000 appraisals.

The "your turn" emails are not rendered by the launch: it marks them
pending and triggers the email job, which renders them in the background
(Odoo's mail queue sends them later anyway). That job is measured once,
apart, for the 1,000 emails; it is not part of the ratio.

Printed: both times, their ratio (target: at most 3x, else exit 1) and the
SQL queries of the campaign for 100 and 1,000 employees by kind, which must
not grow per employee beyond Odoo's own batching, else exit 1: the INSERTs
and UPDATEs Odoo makes per 100 rows (see ``WRITE_BATCHES``), and at most one
other query per 100 employees (reads are prefetched 1,000 records at a
time).
"""

from datetime import date

from benchlib import Meter, main_rolled_back

DEPARTMENTS = 50
TARGET_RATIO = 3.0
ROUNDS = 3
# Odoo writes rows 100 at a time (INSERT_BATCH_SIZE, UPDATE_BATCH_SIZE): per
# 100 employees, one INSERT into each table that gets a row per employee
# (appraisals, activities, followers, the followers' subtypes) and one UPDATE
# of the appraisals per set of columns flushed (the launch's, the scores').
WRITE_BATCHES = 6
DIMENSIONS = ("result", "process", "competency")


def build_company(env, label, per_department):
    company = env["res.company"].create({"name": f"Appraisal bench {label}"})
    env.user.company_ids = [(4, company.id)]
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    departments = env["hr.department"].create(
        [
            {"name": f"Department {index:02d}", "company_id": company.id}
            for index in range(DEPARTMENTS)
        ]
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"Employee {label} {department.id}-{index:02d}",
                    "login": f"bench_appraisal_{label}_{department.id}_{index}",
                    "email": f"e{department.id}.{index}.{label}@example.com",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, env.ref("base.group_user").ids)],
                }
                for department in departments
                for index in range(per_department)
            ]
        )
    )
    users = iter(users)
    Employee = env["hr.employee"]
    managers = Employee.create(
        [
            {
                "name": f"Manager {department.id}",
                "company_id": company.id,
                "department_id": department.id,
                "user_id": next(users).id,
            }
            for department in departments
        ]
    )
    employees = managers | Employee.create(
        [
            {
                "name": f"Employee {department.id}-{index:02d}",
                "company_id": company.id,
                "department_id": department.id,
                "parent_id": manager.id,
                "user_id": next(users).id,
            }
            for department, manager in zip(departments, managers, strict=True)
            for index in range(1, per_department)
        ]
    )
    # A year far from any real cycle, so that no existing cycle overlaps it.
    year = 2070 + per_department
    cycle = env["perf.cycle"].create(
        {
            "name": f"FY {year} {label}",
            "company_id": company.id,
            "date_start": date(year, 1, 1),
            "date_end": date(year, 12, 31),
        }
    )
    quarters = cycle.period_ids.filtered(
        lambda period: period.period_type == "quarter"
    ).sorted("date_start")
    env["perf.objective"].create(
        [
            {
                "name": f"Objectives of {employee.name}",
                "company_id": company.id,
                "level": "employee",
                "employee_id": employee.id,
                "period_id": quarters[0].id,
                "indicator_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"{dimension.title()} indicator",
                            "dimension": dimension,
                            "target_value": 100.0,
                            "actual_value": 60.0 + 10 * index + employee.id % 50,
                        },
                    )
                    for index, dimension in enumerate(DIMENSIONS)
                ],
            }
            for employee in employees
        ]
    )
    env.flush_all()
    return env, company, employees, quarters


def baseline(env, employees, period):
    """One batched create of bare appraisals, one per employee."""
    with Meter(env) as meter:
        env["perf.appraisal"].create(
            [
                {"employee_id": employee.id, "period_id": period.id}
                for employee in employees
            ]
        )
    return meter


def campaign(env, company, period, expected, emails=False):
    """Launch the campaign of the whole company and score its appraisals;
    with ``emails``, also measure the email job that follows (else None)."""
    with Meter(env) as meter:
        launched = env["perf.appraisal.campaign"].create(
            {
                "name": f"Appraisals {period.name}",
                "company_id": company.id,
                "period_id": period.id,
                "scope": "company",
                "self_deadline": period.date_end,
                "manager_deadline": period.date_end,
            }
        )
        launched.action_launch()
        launched.appraisal_ids._update_scores()
    appraisals = launched.appraisal_ids
    assert len(appraisals) == expected, len(appraisals)
    assert set(appraisals.mapped("state")) == {"self_review"}
    assert all(appraisals.mapped("has_final_score"))
    assert len(appraisals.activity_ids) == expected
    mail_meter = None
    if emails:
        Appraisal = env["perf.appraisal"]
        with Meter(env) as mail_meter:
            while Appraisal.search_count([("review_mail_pending", "=", True)]):
                Appraisal._cron_send_review_mails()
        mails = env["mail.mail"].search_count(
            [("model", "=", "perf.appraisal"), ("res_id", "in", appraisals.ids)]
        )
        assert mails == expected, mails
    return meter, mail_meter


def undo(env, savepoint):
    """Forget what was made since ``savepoint``, to measure it again."""
    env.flush_all()
    savepoint.rollback()
    env.invalidate_all()


def run(env):
    small_env, small_company, small_employees, small_quarters = build_company(
        env, "small", 2
    )
    # Measured once the caches are warm (templates, models, subtypes), as the
    # large campaign is after it.
    savepoint = env.cr.savepoint(flush=True)
    campaign(small_env, small_company, small_quarters[0], len(small_employees))
    undo(small_env, savepoint)
    small, _mails = campaign(
        small_env, small_company, small_quarters[0], len(small_employees)
    )
    savepoint.close(rollback=True)

    big_env, company, employees, quarters = build_company(env, "large", 20)
    # Other processes on the machine slow some runs down: both sides are
    # measured ROUNDS times on the same data, alternately, and the fastest run
    # of each side is kept.
    bases, runs, mails = [], [], None
    savepoint = env.cr.savepoint(flush=True)
    for index in range(ROUNDS):
        bases.append(baseline(big_env, employees, quarters[1]))
        undo(big_env, savepoint)
        meter, mail_meter = campaign(
            big_env, company, quarters[0], len(employees), emails=index == 0
        )
        runs.append(meter)
        mails = mails or mail_meter
        undo(big_env, savepoint)
    savepoint.close(rollback=True)
    base = min(bases, key=lambda meter: meter.seconds)
    big = min(runs, key=lambda meter: meter.seconds)
    ratio = big.seconds / base.seconds
    hundreds = (len(employees) - len(small_employees)) // 100
    writes = sum(big.kinds[kind] - small.kinds[kind] for kind in ("INSERT", "UPDATE"))
    reads = (big.queries - small.queries) - writes

    print(
        f"Baseline, {len(employees)} bare appraisals in one create: "
        f"{base.seconds:.2f} s (runs: "
        f"{', '.join(f'{m.seconds:.2f}' for m in bases)} s), "
        f"{base.queries} queries"
    )
    print(
        f"Campaign launch and scores of {len(employees)} employees: "
        f"{big.seconds:.2f} s (runs: "
        f"{', '.join(f'{m.seconds:.2f}' for m in runs)} s), {big.queries} queries"
    )
    print(
        f"Email job afterwards ({len(employees)} emails, in the background): "
        f"{mails.seconds:.2f} s, {mails.queries} queries"
    )
    print(
        f"Queries of the campaign, {len(small_employees)} -> {len(employees)} "
        "employees:"
    )
    for kind in big.kinds:
        print(f"  {kind:<7} {small.kinds[kind]:5d} -> {big.kinds[kind]:5d}")
    print(
        f"  INSERT and UPDATE +{writes} (allowed +{WRITE_BATCHES * hundreds}), "
        f"others +{reads} (allowed +{hundreds})"
    )
    print(f"Ratio campaign / baseline: {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    return (
        ratio <= TARGET_RATIO
        and writes <= WRITE_BATCHES * hundreds
        and reads <= hundreds
    )


if __name__ == "__main__":
    main_rolled_back(__doc__, run)
