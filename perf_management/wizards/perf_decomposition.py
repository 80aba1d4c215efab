from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, models
from odoo.exceptions import UserError

from . import decomposition_split

LEVEL_RANKS = {"company": 0, "department": 1, "post": 2, "employee": 3}

# Creating thousands of children must not log a "created" message, subscribe
# the author, nor send one "assigned to you" email per child (a yearly
# objective split into months would send twelve): the responsible still
# follows the child, and the parent's chatter gets one summary.
# perf_decomposition tells the objectives that the weights and targets written
# come from a decomposition, not from a user editing them by hand.
BULK_CONTEXT = {
    "perf_decomposition": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
}


class PerfDecomposition(models.AbstractModel):
    """Creates or updates the children of objectives in batches.

    Both decomposition wizards describe the children they want as plans and
    hand them over here, so that space and time decompositions share the
    matching of existing children, the copy of indicators with their shares
    and the report to the parent.
    """

    _name = "perf.decomposition"
    _description = "Objective Decomposition"

    @api.model
    def _get_indicator_copy_fields(self):
        """Fields of an indicator copied onto the indicators of the children."""
        return [
            "name",
            "sequence",
            "dimension",
            "unit",
            "direction",
            "weight",
            "threshold",
            "cap",
            "curve",
            "aggregation",
            *decomposition_split.SPLIT_FIELDS,
        ]

    @api.model
    def _get_origin_names(self, objectives):
        """{objective id: name of the objective its decomposition started from}.

        Children are named after that origin rather than after their parent,
        so that names do not grow with each level of decomposition.
        """
        ancestor_ids = {
            int(ancestor_id)
            for objective in objectives
            for ancestor_id in (objective.parent_path or "").split("/")
            if ancestor_id
        }
        ancestors = self.env["perf.objective"].browse(ancestor_ids)
        ancestors.fetch(["name", "decomposition_key", "parent_id"])
        names = {}
        for objective in objectives:
            origin = objective
            while origin.decomposition_key and origin.parent_id:
                origin = origin.parent_id
            names[objective.id] = origin.name
        return names

    @api.model
    def _child_name(self, origin_name, owner=None, period=None):
        """Name of a child: its origin's name, then its owner and period."""
        details = ", ".join(name for name in (owner, period) if name)
        return f"{origin_name} - {details}" if details else origin_name

    @api.model
    def _raise_share_error(self, error, labels=None, shares=None):
        labels = labels or []
        label = (
            labels[error.index]
            if error.index is not None and error.index < len(labels)
            else ""
        )
        if error.code == "empty":
            message = self.env._(
                "There is nothing to decompose into. Add at least one line."
            )
        elif error.code == "not_number":
            message = self.env._(
                "The share of %(target)s is not a number. Enter a share in %%.",
                target=label,
            )
        elif error.code in ("not_positive", "negative"):
            message = self.env._(
                "The share of %(target)s must be greater than 0 %%. Enter a "
                "positive share, or remove the line.",
                target=label,
            )
        elif error.code == "zero_total":
            message = self.env._(
                "The seasonal profile gives no weight to the periods to split. "
                "Give these months a positive weight or choose another method."
            )
        else:
            message = self.env._(
                "The shares total %(total)s %%, not 100 %%. Adjust the shares so "
                "that they add up to 100 %%, or use equal shares.",
                total=round(sum(shares or []), 2),
            )
        raise UserError(message)

    @api.model
    def _check_shares(self, shares, targets=None):
        """Raise a UserError naming the faulty target when ``shares`` are wrong.

        ``targets`` are the records (or labels) the shares go to.
        """
        try:
            decomposition_split.check_shares(shares)
        except decomposition_split.ShareError as error:
            labels = (
                targets.mapped("display_name")
                if isinstance(targets, models.BaseModel)
                else targets
            )
            self._raise_share_error(error, labels, shares)

    @api.model
    def _apply_plans(self, plans, report=True):
        """Create or update the children described by ``plans``.

        Each plan is a dict with ``objective`` (the parent), ``children`` (a
        list of dicts with ``key`` (decomposition key), ``values`` (values of
        the child objective) and ``share`` (percent of the parent)) and
        ``aggregations`` ({parent indicator id: "sum"/"average"/"last"},
        defaulting to the indicator's aggregation).

        Children already made by an earlier decomposition (same parent and
        key) are updated, unless edited by hand: those are kept. All new
        objectives are made in one create, then all their indicators in one
        create. Return {parent id: {"created", "updated", "kept"}} recordsets.
        """
        objective_model = self.env["perf.objective"].with_context(**BULK_CONTEXT)
        indicator_model = self.env["perf.indicator"].with_context(**BULK_CONTEXT)
        parents = objective_model.browse([plan["objective"].id for plan in plans])
        copy_fields = self._get_indicator_copy_fields()

        existing = objective_model.with_context(active_test=False).search_fetch(
            [
                ("parent_id", "in", parents.ids),
                (
                    "decomposition_key",
                    "in",
                    [child["key"] for plan in plans for child in plan["children"]],
                ),
            ],
            ["parent_id", "decomposition_key", "is_manually_edited", "weight"],
        )
        existing_by_key = {
            (child.parent_id.id, child.decomposition_key): child for child in existing
        }
        parent_indicators = indicator_model.search_fetch(
            [("objective_id", "in", parents.ids)], ["objective_id", *copy_fields]
        )
        indicators_by_parent = defaultdict(list)
        for indicator in parent_indicators:
            indicators_by_parent[indicator.objective_id.id].append(
                (indicator, indicator._read_format(copy_fields, load=None)[0])
            )

        result_ids = {
            parent.id: {"created": [], "updated": [], "kept": []} for parent in parents
        }
        to_create = []  # (objective values, [indicator values])
        to_update = []  # (child, objective values, [indicator values])
        to_aggregate = defaultdict(indicator_model.browse)  # aggregation: indicators
        for plan in plans:
            parent = plan["objective"]
            children = plan["children"]
            shares = [child["share"] for child in children]
            aggregations = plan.get("aggregations") or {}
            splits = []
            for indicator, values in indicators_by_parent[parent.id]:
                values.pop("id", None)
                aggregation = aggregations.get(indicator.id) or values["aggregation"]
                if aggregation != values["aggregation"]:
                    # Chosen in the wizard (adds up or carries over): the
                    # indicator and its parts keep that choice from now on.
                    to_aggregate[aggregation] |= indicator
                    values["aggregation"] = aggregation
                splits.append(
                    (
                        indicator,
                        values,
                        decomposition_split.split_indicator_values(
                            values, shares, aggregation
                        ),
                    )
                )
            for index, child in enumerate(children):
                indicator_vals_list = [
                    dict(
                        values,
                        **split[index],
                        decomposition_key=f"indicator:{indicator.id}",
                    )
                    for indicator, values, split in splits
                ]
                child_values = dict(
                    child["values"],
                    weight=child["share"],
                    decomposition_key=child["key"],
                )
                current = existing_by_key.get((parent.id, child["key"]))
                if not current:
                    child_values.update(
                        parent_id=parent.id, company_id=parent.company_id.id
                    )
                    to_create.append((child_values, indicator_vals_list))
                elif current.is_manually_edited:
                    result_ids[parent.id]["kept"].append(current.id)
                else:
                    to_update.append((current, child_values, indicator_vals_list))
                    result_ids[parent.id]["updated"].append(current.id)

        for aggregation, indicators in to_aggregate.items():
            indicators.write({"aggregation": aggregation})
        created = objective_model.create([values for values, _inds in to_create])
        indicator_vals_list = [
            dict(values, objective_id=child.id)
            for child, (_values, indicators) in zip(created, to_create, strict=True)
            for values in indicators
        ]
        for child, (values, _indicators) in zip(created, to_create, strict=True):
            result_ids[values["parent_id"]]["created"].append(child.id)
        results = {
            parent_id: {
                status: objective_model.browse(ids) for status, ids in statuses.items()
            }
            for parent_id, statuses in result_ids.items()
        }

        indicator_vals_list += self._update_children(to_update, indicator_model)
        # A new indicator has nothing to track and no follower to add: skip the
        # per-record chatter work, which would dominate the cost of its creation.
        indicator_model.with_context(tracking_disable=True).create(indicator_vals_list)
        if report:
            self._report(parents, results)
        return results

    @api.model
    def _update_children(self, to_update, indicator_model):
        """Write the new weight and targets on children made earlier.

        Writes are grouped by identical values, and indicators missing on a
        child are returned as values to create with the new children.
        """
        if not to_update:
            return []
        writable = ("weight", "period_id", "department_id", "job_id", "employee_id")
        objective_model = indicator_model.env["perf.objective"]
        objective_groups = defaultdict(list)
        for child, values, _indicators in to_update:
            key = tuple((fname, values[fname]) for fname in writable if fname in values)
            objective_groups[key].append(child.id)
        for key, ids in objective_groups.items():
            objective_model.browse(ids).write(dict(key))
        children = objective_model.browse([child.id for child, _v, _i in to_update])

        child_indicators = indicator_model.search_fetch(
            [
                ("objective_id", "in", children.ids),
                ("decomposition_key", "!=", False),
            ],
            ["objective_id", "decomposition_key", *self._get_indicator_copy_fields()],
        )
        indicator_by_key = {
            (indicator.objective_id.id, indicator.decomposition_key): indicator
            for indicator in child_indicators
        }
        to_create = []
        indicator_groups = defaultdict(list)
        for child, _values, indicators in to_update:
            for values in indicators:
                current = indicator_by_key.get((child.id, values["decomposition_key"]))
                if not current:
                    to_create.append(dict(values, objective_id=child.id))
                    continue
                changes = {
                    fname: value
                    for fname, value in values.items()
                    if fname != "decomposition_key" and current[fname] != value
                }
                if changes:
                    indicator_groups[tuple(sorted(changes.items()))].append(current.id)
        for key, ids in indicator_groups.items():
            indicator_model.browse(ids).write(dict(key))
        return to_create

    @api.model
    def _report(self, parents, results):
        """Log one message per parent listing created, updated and kept children."""
        bodies = {}
        for parent in parents:
            result = results[parent.id]
            bodies[parent.id] = self._format_report(result)
        parents._message_log_batch(bodies=bodies)

    @api.model
    def _format_report(self, result):
        def names(children):
            return Markup(", ").join(escape(child.name) for child in children)

        lines = [
            Markup("<p>%s</p>") % self.env._("Decomposition:"),
            Markup("<ul>"),
            Markup("<li>%s %s</li>")
            % (
                self.env._("Created: %(count)s.", count=len(result["created"])),
                names(result["created"][:50]),
            ),
            Markup("<li>%s %s</li>")
            % (
                self.env._("Updated: %(count)s.", count=len(result["updated"])),
                names(result["updated"][:50]),
            ),
            Markup("<li>%s %s</li>")
            % (
                self.env._(
                    "Kept (edited by hand, left unchanged): %(count)s.",
                    count=len(result["kept"]),
                ),
                names(result["kept"]),
            ),
            Markup("</ul>"),
        ]
        return Markup("").join(lines)

    @api.model
    def _summary_text(self, results):
        """Short text for the notification shown at the end of a wizard."""
        created = sum(len(result["created"]) for result in results.values())
        updated = sum(len(result["updated"]) for result in results.values())
        kept = [child.name for result in results.values() for child in result["kept"]]
        text = self.env._(
            "%(created)s objectives created, %(updated)s updated, %(kept)s kept.",
            created=created,
            updated=updated,
            kept=len(kept),
        )
        if kept:
            text += " " + self.env._(
                "Kept because edited by hand: %(names)s.", names=", ".join(kept[:20])
            )
        return text

    @api.model
    def _notification_action(self, results):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Decomposition done"),
                "message": self._summary_text(results),
                "type": "warning"
                if any(result["kept"] for result in results.values())
                else "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
