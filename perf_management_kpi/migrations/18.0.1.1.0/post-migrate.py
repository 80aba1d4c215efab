def migrate(cr, version):
    # KPIs saved before "Computed As" existed are computed as the user who
    # created them, until their domain is saved again.
    cr.execute(
        """
        UPDATE perf_kpi_definition
           SET computed_as_user_id = create_uid
         WHERE computed_as_user_id IS NULL
        """
    )
