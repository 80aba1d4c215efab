{
    "name": "Performance Management - KPI",
    "summary": "KPI library whose actuals are entered by hand or computed from "
    "the ERP's own data, with colour bands and scorecards",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/perf-management/perf-management",
    "author": "Perf Management Contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["perf_management"],
    "data": [
        "security/ir.model.access.csv",
        "security/perf_management_kpi_rules.xml",
        "views/perf_kpi_definition_views.xml",
        "views/perf_kpi_value_views.xml",
        "views/perf_indicator_views.xml",
        "views/perf_objective_views.xml",
        "views/perf_kpi_menus.xml",
        "wizards/perf_kpi_assign_wizard_views.xml",
        "data/perf_kpi_cron.xml",
        "report/perf_kpi_scorecard_xlsx.xml",
        "wizards/perf_kpi_scorecard_export_wizard_views.xml",
        "data/perf_overview_figure_data.xml",
        "views/perf_overview_views.xml",
    ],
    "demo": [
        "demo/perf_kpi_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perf_management_kpi/static/tests/tours/*.js",
        ],
    },
}
