from odoo import api, models
from odoo.exceptions import UserError

from ..tools import split

# Names listed in a report or a notification; the counts say the rest.
MAX_NAMES = 50


class PerfDecomposition(models.AbstractModel):
    """How a decomposition tells what it did or would do: the message logged
    on each parent, the notification of a wizard, the preview of a re-run."""

    _inherit = "perf.decomposition"

    @api.model
    def _report(self, parents, results):
        """Log one message per parent listing what its decomposition did."""
        qweb = self.env["ir.qweb"]
        bodies = {
            parent.id: qweb._render(
                "perf_management.perf_decomposition_report",
                {"result": results[parent.id], "max_names": MAX_NAMES},
            )
            for parent in parents
        }
        parents._message_log_batch(bodies=bodies)

    @api.model
    def _summary_text(self, results):
        """Short text for the notification shown at the end of a wizard."""

        def count(status):
            return sum(len(result[status]) for result in results.values())

        kept = [child.name for result in results.values() for child in result["kept"]]
        text = self.env._(
            "%(created)s objectives created, %(updated)s updated, %(kept)s kept, "
            "%(archived)s archived.",
            created=count("created"),
            updated=count("updated"),
            kept=len(kept),
            archived=count("archived"),
        )
        if kept:
            text += " " + self.env._(
                "Kept because edited by hand: %(names)s.", names=", ".join(kept[:20])
            )
        notes = [note for result in results.values() for note in result["notes"]]
        if notes:
            text += " " + " ".join(dict.fromkeys(notes))
        return text

    @api.model
    def _notification_action(self, results):
        warn = any(
            result["kept"] or result["archived"] or result["notes"]
            for result in results.values()
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Decomposition done"),
                "message": self._summary_text(results),
                "type": "warning" if warn else "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _preview(self, engine, objectives, get_args):
        """What ``engine`` would change on ``objectives`` with the arguments
        ``get_args()`` returns, or why it cannot run: text for a wizard."""
        try:
            plans = self.env[engine]._plan_objectives(objectives, **get_args())
        except UserError as error:
            return str(error)
        return self._preview_plans(plans)

    @api.model
    def _preview_plans(self, plans):
        """Text listing, per child, what applying ``plans`` would change.

        One line per child: its share and the target of the parent's first
        indicator that adds up, before and after, or why it is left alone.
        """
        prepared = self._prepare_plans(plans)
        updates = {
            child.id: (values, inds) for child, values, inds in prepared["to_update"]
        }
        current = self.env["perf.objective"].union(
            *(
                result[status]
                for result in prepared["results"].values()
                for status in ("updated", "kept", "archived")
            )
        )
        indicators = self.env["perf.indicator"].search_fetch(
            [
                ("objective_id", "in", current.ids),
                ("decomposition_key", "=like", "indicator:%"),
            ],
            ["objective_id", "decomposition_key", "target_value", "aggregation"],
        )
        targets = {
            (indicator.objective_id.id, indicator.decomposition_key): (
                indicator.target_value
            )
            for indicator in indicators
        }

        def number(value):
            return f"{value:,.{split.decimals_of(value, 2) and 2}f}"

        def first_target(indicator_values):
            for values in indicator_values:
                if split.adds_up(values.get("aggregation")):
                    return values["decomposition_key"], values.get("target_value", 0.0)
            return None, None

        lines = []
        for result in prepared["results"].values():
            for values, indicator_values in (
                (values, inds)
                for values, inds in prepared["to_create"]
                if values in result["created"]
            ):
                _key, target = first_target(indicator_values)
                lines.append(
                    self.env._(
                        "%(name)s: new, %(share)s %%%(target)s",
                        name=values["name"],
                        share=number(values["weight"]),
                        target=f", {number(target)}" if target is not None else "",
                    )
                )
            for child in result["updated"]:
                values, indicator_values = updates[child.id]
                key, target = first_target(indicator_values)
                old_target = targets.get((child.id, key))
                change = (
                    f", {number(old_target or 0.0)} → {number(target)}" if key else ""
                )
                lines.append(
                    self.env._(
                        "%(name)s: %(old)s %% → %(new)s %%%(change)s",
                        name=child.name,
                        old=number(child.weight),
                        new=number(values["weight"]),
                        change=change,
                    )
                )
            lines.extend(
                self.env._("%(name)s: kept, edited by hand", name=child.name)
                for child in result["kept"]
            )
            lines.extend(
                self.env._(
                    "%(name)s: archived, no longer in the split", name=child.name
                )
                for child in result["archived"]
            )
            lines.extend(result["notes"])
        return "\n".join(lines)
