"""Package the three addons into the ``odoo.addons`` namespace.

``pip install .`` in an environment that has Odoo 18.0 makes them installable
without adding this repository to ``--addons-path``.
"""

import os

from setuptools import setup

ADDONS = ("perf_management", "perf_management_kpi", "perf_management_okr")
HERE = os.path.dirname(os.path.abspath(__file__))


def _addon_packages(addon):
    """Every Python package of an addon, mapped into the odoo.addons namespace."""
    packages, package_dir = [], {}
    for dirpath, dirnames, filenames in os.walk(os.path.join(HERE, addon)):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        if "__init__.py" not in filenames:
            continue
        rel = os.path.relpath(dirpath, HERE)
        name = "odoo.addons." + rel.replace(os.sep, ".")
        packages.append(name)
        package_dir[name] = rel
    return packages, package_dir


def _addon_data(addon):
    """Every file of an addon that is not a module of its packages: views,
    data, security, icons, and the migration scripts, which Odoo loads by
    path from folders that are not packages."""
    files = []
    base = os.path.join(HERE, addon)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        is_package = "__init__.py" in filenames
        for filename in filenames:
            if filename.endswith(".pyc") or (is_package and filename.endswith(".py")):
                continue
            files.append(os.path.relpath(os.path.join(dirpath, filename), base))
    return files


packages, package_dir, package_data = [], {}, {}
for addon_name in ADDONS:
    addon_packages, addon_dirs = _addon_packages(addon_name)
    packages += addon_packages
    package_dir.update(addon_dirs)
    package_data["odoo.addons." + addon_name] = _addon_data(addon_name)

setup(
    name="odoo-addons-perf-management",
    version="18.0.1.0.0",
    description="Performance management for Odoo 18: cascaded objectives, "
    "KPIs computed from ERP data, OKRs, appraisals and payroll export",
    long_description=open(os.path.join(HERE, "README.rst"), encoding="utf-8").read(),
    long_description_content_type="text/x-rst",
    license="LGPL-3",
    author="Perf Management Contributors",
    url="https://github.com/perf-management/perf-management",
    python_requires=">=3.10,<3.13",
    install_requires=["xlsxwriter", "odoo-addon-report-xlsx>=18.0.1.1.3,<18.1"],
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
    zip_safe=False,
    classifiers=[
        "Framework :: Odoo",
        "Framework :: Odoo :: 18.0",
        "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)",
        "Programming Language :: Python :: 3",
    ],
)
