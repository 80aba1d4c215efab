from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import OkrData


@tagged("post_install", "-at_install")
class TestOkrBoard(OkrData, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_okr_data()

    def test_manager_reads_the_okr_board(self):
        # Paul checked in once Q1 2032 had started.
        with freeze_time("2032-01-15"):
            self.env["perf.checkin"].with_user(self.user_paul).create(
                {
                    "indicator_id": self.kr_metric.id,
                    "value": 30,
                    "confidence": "at_risk",
                }
            )
        self.start_tour("/odoo", "perf_okr_board", login="okr_maria")
