"""Benchmark of one check-in on a leaf deep in a cascade.

    .venv/bin/python benchmarks/bench_checkin.py -c .odoo.conf -d <db>

Inside one transaction that is rolled back at the end, build two cascades
with the decomposition's batched methods: a yearly company objective with an
indicator, decomposed to departments, to their employees, and each employee
objective over 12 months (about 1,000 and 10,000 objectives). Then an
employee, logged in as a real user, checks in on the indicator of one of
their monthly objectives (the leaf, four levels below the company), five
times, each from a cold cache as a request would.

Printed: for each size, the wall time and SQL queries of each check-in
(the query count should not depend on the size of the cascade: the rollup
recomputes the leaf's ancestors only).
"""

import statistics
from datetime import date

from benchlib import Meter, main_rolled_back

SIZES = {"1,000": 5, "10,000": 50}
EMPLOYEES_PER_DEPARTMENT = 15
CHECKINS = 5


def build(env, label, departments):
    company = env["res.company"].create({"name": f"Check-in bench {label}"})
    env.user.company_ids = [(4, company.id)]
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    deps = env["hr.department"].create(
        [
            {"name": f"Dept {i:02d}", "company_id": company.id}
            for i in range(departments)
        ]
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": f"Bench employee {label}",
                "login": f"bench_checkin_{label}",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, env.ref("base.group_user").ids)],
            }
        )
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": f"Employee {dep.id}-{i:02d}",
                "company_id": company.id,
                "department_id": dep.id,
                "user_id": user.id if (dep == deps[0] and i == 0) else False,
            }
            for dep in deps
            for i in range(EMPLOYEES_PER_DEPARTMENT)
        ]
    )
    # The running year: a check-in waits for its period to start.
    year = date.today().year
    cycle = env["perf.cycle"].create(
        {
            "name": f"FY {year} {label}",
            "company_id": company.id,
            "date_start": date(year, 1, 1),
            "date_end": date(year, 12, 31),
        }
    )
    root = env["perf.objective"].create(
        {
            "name": "Grow revenue",
            "company_id": company.id,
            "level": "company",
            "period_id": cycle.year_period_id.id,
            "indicator_ids": [(0, 0, {"name": "Revenue", "target_value": 1_200_000.0})],
        }
    )
    space = env["perf.decomposition.space"]
    space._decompose_objectives(root, "department")
    space._decompose_objectives(root.child_ids, "employee")
    env["perf.decomposition.time"]._split_objectives(root.child_ids.child_ids, "month")
    env.flush_all()
    count = env["perf.objective"].search_count([("id", "child_of", root.id)])
    leaf = env["perf.indicator"].search(
        [
            ("objective_id.employee_id", "=", employees[0].id),
            ("objective_id.period_id.period_type", "=", "month"),
        ],
        order="id",
        limit=1,
    )
    return env, user, leaf, count


def run(env):
    for label, departments in SIZES.items():
        big_env, user, leaf, count = build(env, label, departments)
        user_env = big_env(user=user.id)
        meters = []
        for index in range(CHECKINS):
            with Meter(user_env) as meter:
                user_env["perf.checkin"].create(
                    {
                        "indicator_id": leaf.id,
                        "value": 1000.0 * (index + 1),
                        "confidence": "on_track",
                        "comment": f"Week {index + 1}",
                    }
                )
            meters.append(meter)
        depth = leaf.objective_id.parent_path.count("/") - 1
        print(
            f"{count} objectives ({label} asked), leaf at depth {depth}: "
            f"check-in {statistics.median(m.seconds for m in meters) * 1000:.1f} ms "
            f"(median of {CHECKINS}), queries per check-in "
            f"{[m.queries for m in meters]}"
        )
    return True


if __name__ == "__main__":
    main_rolled_back(__doc__, run)
