from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # An indicator whose actual reaches its target is on track, whatever its
    # last check-in said: recompute the stored confidences.
    env = api.Environment(cr, SUPERUSER_ID, {})
    indicators = (
        env["perf.indicator"]
        .with_context(active_test=False)
        .search([("last_checkin_id", "!=", False)])
    )
    env.add_to_compute(indicators._fields["confidence"], indicators)
    env.flush_all()
