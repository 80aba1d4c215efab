"""Suite-wide rules: a skipped test proves nothing, so a run with skips fails."""

import logging
import os

import pytest

# pytest-odoo imports Odoo's test framework outside Odoo's own test mode (which
# would rerun every installed module's at_install tests): silence the warning
# Odoo logs about that, and nothing else.
logging.getLogger("odoo.tests.common").addFilter(
    lambda record: "Importing test framework" not in record.getMessage()
)

_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _skipped and os.environ.get("PERF_ALLOW_SKIPS") != "1":
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                "FAILED: %d test(s) were skipped; a skipped test proves nothing: %s"
                % (len(_skipped), ", ".join(_skipped)),
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
