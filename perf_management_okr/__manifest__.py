{
    "name": "Performance Management - OKR",
    "summary": "Objectives and key results aligned to the cascade, scored "
    "0.0-1.0, checked in with confidence, on an OKR board",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/perf-management/perf-management",
    "author": "Perf Management Contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["perf_management"],
    "data": [
        "security/ir.model.access.csv",
        "security/perf_management_okr_rules.xml",
        "views/perf_objective_views.xml",
        "views/perf_indicator_views.xml",
        "wizards/perf_target_change_wizard_views.xml",
    ],
    "demo": [
        "demo/perf_okr_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perf_management_okr/static/tests/tours/*.js",
        ],
    },
}
