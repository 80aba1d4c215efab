"""Benchmark of the progress rollup: one actual on a leaf of a big cascade.

    .venv/bin/python benchmarks/bench_rollup.py -c .odoo.conf -d <db>

Inside one transaction that is rolled back at the end, build two objective
trees of depth 5 (company/year > department/year > post/year >
employee/quarter > employee/month), of 1,031 and 10,111 objectives, with a
task and an indicator on one leaf of each. Then the employee who owns the
leaf enters its actual, as in the web client: the write, the recomputation
of the branch and the chatter tracking run at commit.

Printed: the queries of that change on each tree (write and recomputation,
then tracking) and its wall time. Target: at most 20 queries, the same on
both trees (the branch is recomputed, not the tree), else exit 1.
"""

import time
from datetime import date

from benchlib import main_rolled_back

QUERY_BUDGET = 20
TREES = {"1k": [5, 5, 5, 7], "10k": [10, 10, 10, 9]}
QUIET = {"mail_create_nolog": True, "mail_create_nosubscribe": True}


def build_organisation(env):
    company = env.company
    department = env["hr.department"].create({"name": "Rollup bench sales"})
    job = env["hr.job"].create(
        {"name": "Rollup bench seller", "department_id": department.id}
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Rollup bench employee",
                "login": "rollup_bench_employee",
                "groups_id": [(6, 0, [env.ref("base.group_user").id])],
            }
        )
    )
    employee = env["hr.employee"].create(
        {
            "name": "Rollup bench employee",
            "user_id": user.id,
            "department_id": department.id,
            "job_id": job.id,
        }
    )
    cycle = env["perf.cycle"].create(
        {
            "name": "FY 2095 rollup bench",
            "company_id": company.id,
            "date_start": date(2095, 1, 1),
            "date_end": date(2095, 12, 31),
        }
    )
    quarter = cycle.period_ids.filtered(lambda p: p.period_type == "quarter").sorted(
        "date_start"
    )[0]
    return {
        "year": cycle.year_period_id,
        "quarter": quarter,
        "months": quarter.child_ids.sorted("date_start"),
        "department": department,
        "job": job,
        "employee": employee,
        "user": user,
    }


def build_tree(env, org, branching):
    """One batched create per level; return the root and the last leaf."""
    Objective = env["perf.objective"].with_context(**QUIET)
    root = Objective.create(
        {"name": "Root", "level": "company", "period_id": org["year"].id}
    )
    shapes = [
        {"level": "department", "department_id": org["department"].id},
        {"level": "post", "job_id": org["job"].id},
        {"level": "employee", "employee_id": org["employee"].id},
        {"level": "employee", "employee_id": org["employee"].id},
    ]
    periods = [org["year"], org["year"], org["quarter"], None]
    parents = root
    for depth, (count, shape) in enumerate(zip(branching, shapes, strict=True)):
        parents = Objective.create(
            [
                {
                    "name": f"Node {depth}.{index}",
                    "parent_id": parent.id,
                    "period_id": (periods[depth] or org["months"][index % 3]).id,
                    **shape,
                }
                for parent in parents
                for index in range(count)
            ]
        )
    return root, parents[-1]


def measure(env, indicator, user, actual):
    """Queries of the employee's write with its recomputation, then of the
    tracking done at commit, and the wall time of both."""
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    start, count0 = time.perf_counter(), cr.sql_log_count
    indicator.with_user(user).write({"actual_value": actual})
    env.flush_all()
    count1 = cr.sql_log_count
    cr.precommit.run()
    count2 = cr.sql_log_count
    return count1 - count0, count2 - count1, time.perf_counter() - start


def run(env):
    env = env(context=dict(env.context, tracking_disable=False))
    org = build_organisation(env)
    leaves = {}
    for label, branching in TREES.items():
        started = time.perf_counter()
        root, leaf = build_tree(env, org, branching)
        size = env["perf.objective"].search_count([("id", "child_of", root.id)])
        env["perf.task"].create(
            {
                "name": "Call customers",
                "objective_id": leaf.id,
                "completion_standard": "Visit report filed",
                "assignee_level": "employee",
                "employee_id": org["employee"].id,
            }
        )
        indicator = env["perf.indicator"].create(
            {
                "name": "Visits",
                "objective_id": leaf.id,
                "dimension": "process",
                "target_value": 100.0,
            }
        )
        leaves[label] = (size, indicator, root)
        print(
            f"{label}: {size} objectives built in {time.perf_counter() - started:.1f} s"
        )
    env.flush_all()
    env.cr.precommit.run()
    # Warm the caches (access rules, registry lookups) on the small tree.
    measure(env, leaves["1k"][1], org["user"], 10.0)
    results = {}
    for label, (size, indicator, root) in leaves.items():
        write, tracking, seconds = measure(env, indicator, org["user"], 50.0)
        results[label] = write + tracking
        print(
            f"{label} ({size} objectives): leaf actual = {write} queries "
            f"(write and rollup) + {tracking} (tracking at commit) = "
            f"{write + tracking}, {seconds * 1000:.0f} ms; root progress "
            f"{root.progress:.2f} %"
        )
    ok = len(set(results.values())) == 1 and max(results.values()) <= QUERY_BUDGET
    print(
        f"Budget {QUERY_BUDGET} queries, same at every size: "
        f"{'met' if ok else 'MISSED'}"
    )
    return ok


if __name__ == "__main__":
    main_rolled_back(__doc__, run)
