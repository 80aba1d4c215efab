from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # Indicators decomposed before actuals rolled up know their parent only by
    # their decomposition key: link them, then derive the parents' actuals.
    cr.execute(
        """
        UPDATE perf_indicator child
           SET parent_id = parent.id
          FROM perf_indicator parent
         WHERE child.parent_id IS NULL
           AND child.decomposition_key LIKE 'indicator:%%'
           AND parent.id::text = substring(child.decomposition_key from 11)
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    children = (
        env["perf.indicator"]
        .with_context(active_test=False)
        .search([("parent_id", "!=", False)])
    )
    children.modified(["parent_id", "actual_value", "has_actual"])
    env.flush_all()
