{
    "name": "Performance Management",
    "summary": "Objectives cascaded from the company to people and from the year "
    "to months, with tasks, indicators, check-ins and appraisals",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/perf-management/perf-management",
    "author": "Perf Management Contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "hr_skills", "mail", "web_hierarchy"],
    "data": [
        "security/perf_management_groups.xml",
        "security/ir.model.access.csv",
        "security/perf_management_rules.xml",
        "views/perf_menus.xml",
    ],
    "demo": [
        "demo/hr_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            
        ],
    },
}
