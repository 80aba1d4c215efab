from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # An objective measured by its own indicators no longer averages its
    # children's progress again: recompute the stored progress of the
    # objectives of open periods, leaves first (a recursive field is computed
    # record by record, children on demand). Locked periods keep their
    # figures, as they do when a level policy changes.
    env = api.Environment(cr, SUPERUSER_ID, {})
    objectives = (
        env["perf.objective"]
        .with_context(active_test=False)
        .search([("period_id.state", "=", "open")])
    )
    for fname in ("progress", "is_measured"):
        env.add_to_compute(objectives._fields[fname], objectives)
    env.flush_all()
