from odoo import models


class IrHttp(models.AbstractModel):
    """The web client (and the mobile app) opens where employees work."""

    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        if not info.get("home_action_id") and info.get("uid"):
            action = self.env.user._get_perf_home_action()
            if action:
                info["home_action_id"] = action.id
        return info
