{
    "name": "Performance Management - KPI",
    "summary": "KPI library whose actuals are computed from the ERP's own data, "
    "with thresholds, colour bands and scorecards",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/perf-management/perf-management",
    "author": "Perf Management Contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["perf_management"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "demo": [],
}
