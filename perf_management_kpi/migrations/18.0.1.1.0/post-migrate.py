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
    # Indexes the computation no longer maintains (see perf.kpi.value).
    cr.execute("DROP INDEX IF EXISTS perf_kpi_value__definition_id_index")
    cr.execute("DROP INDEX IF EXISTS perf_kpi_value__company_id_index")
    cr.execute("DROP INDEX IF EXISTS perf_kpi_value__period_id_index")
    cr.execute("DROP INDEX IF EXISTS perf_kpi_value__date_index")
