from lxml import etree

from odoo.tests import Form, tagged

from .common import OkrCommon


@tagged("post_install", "-at_install")
class TestOkrViews(OkrCommon):
    """Key results on the objective form, as Paul reads it."""

    def _objective_form(self):
        arch = (
            self.env["perf.objective"].with_user(self.user_paul).get_view(None, "form")
        )["arch"]
        return etree.fromstring(arch)

    def test_no_okr_columns_on_objectives_that_are_not_okrs(self):
        lines = self._objective_form().xpath("//field[@name='indicator_ids']/list")[0]
        for fname in ("kr_type", "okr_start_value", "okr_score"):
            column = lines.xpath(f"field[@name='{fname}']")[0]
            self.assertEqual(column.get("column_invisible"), "not parent.is_okr")

    def test_plain_labels_and_read_only_okr_settings(self):
        self.assertEqual(
            self.env["perf.objective"]._fields["okr_success_line"].string,
            "Success Line",
        )
        # Paul's own OKR: its kind is set from above.
        form = Form(self.okr_paul.with_user(self.user_paul))
        for fname in ("is_okr", "okr_type"):
            with self.assertRaises(AssertionError, msg=fname):
                setattr(form, fname, False)
