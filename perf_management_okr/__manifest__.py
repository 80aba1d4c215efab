{
    "name": "Performance Management - OKR",
    "summary": "Installable skeleton for objectives and key results on the "
    "performance cascade: no features yet",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/perf-management/perf-management",
    "author": "Perf Management Contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["perf_management"],
    "data": [],
    "demo": [],
}
