import json

from odoo.http import content_disposition, request, route

from odoo.addons.report_xlsx.controllers.main import ReportController


class PerfReportController(ReportController):
    """XLSX exports named after what they hold: a report model with a
    ``_get_export_filename(docids, data)`` names its file (report_xlsx
    would call every export of a period "<report name>.xlsx")."""

    @route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        response = super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
        report_model = request.env.registry.get(f"report.{reportname}")
        if converter != "xlsx" or not hasattr(report_model, "_get_export_filename"):
            return response
        options = dict(data)
        if options.get("options"):
            options.update(json.loads(options.pop("options")))
        context = dict(request.env.context)
        if options.get("context"):
            context.update(json.loads(options.pop("context")))
        ids = [int(i) for i in docids.split(",")] if docids else None
        filename = (
            request.env[f"report.{reportname}"]
            .with_context(**context)
            ._get_export_filename(ids, options)
        )
        response.headers["Content-Disposition"] = content_disposition(filename)
        return response
