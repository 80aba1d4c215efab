from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import split

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
# A new indicator has nothing to track and no follower to add: skipping the
# per-record chatter work, which would dominate the cost of its creation.
INDICATOR_CONTEXT = dict(BULK_CONTEXT, tracking_disable=True)

#: The kinds of decomposition, first word of a child's decomposition key:
#: ``space:<level>:<id>`` or ``time:period:<id>``.
KINDS = ("space", "time")

#: Weight of a child whose share is 0 (a month of weight 0 in a seasonal
#: profile): objectives need a positive weight, and the smallest one the
#: weight's precision stores keeps the month out of the parent's progress.
ZERO_SHARE_WEIGHT = 0.01

# Objective fields a re-run writes on children made earlier.
WRITABLE_FIELDS = ("weight", "period_id", "department_id", "job_id", "employee_id")


def key_kind(key):
    """Kind (space or time) of a child's decomposition key, or None."""
    kind = (key or "").split(":", 1)[0]
    return kind if kind in KINDS else None


class PerfDecomposition(models.AbstractModel):
    """Creates, updates and archives the children of objectives in batches.

    The space and time decompositions (``perf.decomposition.space`` and
    ``perf.decomposition.time``) describe the children they want as plans and
    hand them over here, so that both share the matching of existing
    children, the split of the indicators' targets and the report to the
    parent. Wizards, data files and re-applications call these models.

    A plan is a dict with ``objective`` (the parent), ``kind`` (space or
    time), ``children`` (dicts with ``key``, ``values`` of the child objective
    and ``share`` in percent of the parent), and optionally ``aggregations``
    ({parent indicator id: aggregation}), ``method`` (values written on the
    parent to remember how it was split) and ``notes`` (lines of the report).
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
            "unit_type",
            "direction",
            "weight",
            "threshold",
            "cap",
            "curve",
            "aggregation",
            *split.SPLIT_FIELDS,
        ]

    # ------------------------------------------------------------------
    # Names and shares
    # ------------------------------------------------------------------

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
    def _ensure_shares(self, shares, targets=None):
        """Raise a UserError naming the faulty target when ``shares`` are wrong.

        ``targets`` are the records (or labels) the shares go to.
        """
        try:
            split.check_shares(shares)
        except split.ShareError as error:
            labels = (
                targets.mapped("display_name")
                if isinstance(targets, models.BaseModel)
                else targets
            )
            self._raise_share_error(error, labels, shares)

    # ------------------------------------------------------------------
    # Current state
    # ------------------------------------------------------------------

    @api.model
    def _get_decomposed_children(self, objectives, kind=None, active_test=True):
        """Children made by a decomposition (of ``kind`` when given)."""
        domain = [("parent_id", "in", objectives.ids)]
        domain.append(
            ("decomposition_key", "=like", f"{kind}:%")
            if kind
            else ("decomposition_key", "!=", False)
        )
        return (
            self.env["perf.objective"]
            .with_context(active_test=active_test)
            .search(domain, order="id")
        )

    @api.model
    def _get_policy_weights(self, company, level, cache):
        """{dimension: weight} of the level policy of ``company``, cached."""
        key = (company.id, level)
        if key not in cache:
            cache[key] = (
                self.env["perf.level.policy"]
                ._get_policy(company, level)
                ._get_dimension_weights()
            )
        return cache[key]

    # ------------------------------------------------------------------
    # Plans
    # ------------------------------------------------------------------

    @api.model
    def _prepare_plans(self, plans):
        """What applying ``plans`` would do, without writing anything.

        Return a dict with ``to_create`` ([(objective values, [indicator
        values])]), ``to_update`` ([(child, objective values, [indicator
        values])]), ``to_aggregate`` ({aggregation: parent indicators}) and
        ``results`` ({parent id: {created (list of values), updated, kept,
        archived, reactivated (recordsets), notes}}).
        """
        objective_model = self.env["perf.objective"]
        indicator_model = self.env["perf.indicator"]
        parents = objective_model.browse([plan["objective"].id for plan in plans])
        copy_fields = self._get_indicator_copy_fields()
        existing = self._get_decomposed_children(parents, active_test=False)
        existing.fetch(
            ["parent_id", "decomposition_key", "is_manually_edited", "active", "name"]
        )
        existing_by_key = {}
        existing_by_parent = defaultdict(list)
        for child in existing:
            existing_by_key[(child.parent_id.id, child.decomposition_key)] = child
            existing_by_parent[child.parent_id.id].append(child)
        parent_indicators = indicator_model.search_fetch(
            [("objective_id", "in", parents.ids)],
            ["objective_id", "decimal_places", *copy_fields],
        )
        indicators_by_parent = defaultdict(list)
        for indicator in parent_indicators:
            indicators_by_parent[indicator.objective_id.id].append(
                (indicator, indicator._read_format(copy_fields, load=None)[0])
            )
        kept_children = existing.filtered("is_manually_edited")
        kept_values = defaultdict(float)  # (child id, indicator key, field)
        if kept_children:
            for indicator in indicator_model.search_fetch(
                [
                    ("objective_id", "in", kept_children.ids),
                    ("decomposition_key", "=like", "indicator:%"),
                ],
                ["objective_id", "decomposition_key", *split.SPLIT_FIELDS],
            ):
                for fname in split.SPLIT_FIELDS:
                    kept_values[
                        (indicator.objective_id.id, indicator.decomposition_key, fname)
                    ] += indicator[fname]

        policies = {}
        prepared = {
            "to_create": [],
            "to_update": [],
            "to_aggregate": defaultdict(indicator_model.browse),
            "results": {},
        }
        for plan in plans:
            parent = plan["objective"]
            result = prepared["results"][parent.id] = {
                "created": [],
                "updated": existing.browse(),
                "kept": existing.browse(),
                "archived": existing.browse(),
                "reactivated": existing.browse(),
                "notes": list(plan.get("notes") or []),
            }
            keys = {child["key"] for child in plan["children"]}
            result["archived"] = existing.browse(
                [
                    child.id
                    for child in existing_by_parent[parent.id]
                    if child.active
                    and key_kind(child.decomposition_key) == plan["kind"]
                    and child.decomposition_key not in keys
                ]
            )
            matches = [
                existing_by_key.get((parent.id, child["key"]))
                for child in plan["children"]
            ]
            kept = [bool(match and match.is_manually_edited) for match in matches]
            free_shares = [
                child["share"]
                for child, is_kept in zip(plan["children"], kept, strict=True)
                if not is_kept
            ]
            splits = self._split_indicators(
                plan,
                indicators_by_parent[parent.id],
                [
                    match.id
                    for match, is_kept in zip(matches, kept, strict=True)
                    if is_kept
                ],
                kept_values,
                free_shares,
                prepared["to_aggregate"],
            )
            free_index = 0
            for child, match, is_kept in zip(
                plan["children"], matches, kept, strict=True
            ):
                if match and not match.active:
                    result["reactivated"] |= match
                if is_kept:
                    result["kept"] |= match
                    continue
                level = child["values"].get("level") or (
                    match.level if match else parent.level
                )
                weights = self._get_policy_weights(parent.company_id, level, policies)
                indicator_vals_list = [
                    {
                        **values,
                        **parts[free_index],
                        # The child's level weighs its dimensions by its own
                        # policy; the same level (a sub-period) keeps the
                        # parent's weights, as does a dimension the policy
                        # ignores.
                        "weight": (
                            weights.get(values["dimension"]) or values["weight"]
                            if level != parent.level
                            else values["weight"]
                        ),
                        "decomposition_key": f"indicator:{indicator.id}",
                    }
                    for indicator, values, parts in splits
                ]
                free_index += 1
                child_values = dict(
                    child["values"],
                    weight=child["share"] or ZERO_SHARE_WEIGHT,
                    decomposition_key=child["key"],
                )
                if match:
                    if not match.active:
                        child_values["active"] = True
                    prepared["to_update"].append(
                        (match, child_values, indicator_vals_list)
                    )
                    result["updated"] |= match
                else:
                    child_values.update(
                        parent_id=parent.id, company_id=parent.company_id.id
                    )
                    prepared["to_create"].append((child_values, indicator_vals_list))
                    result["created"].append(child_values)
        return prepared

    @api.model
    def _split_indicators(
        self, plan, indicators, kept_ids, kept_values, shares, to_aggregate
    ):
        """[(parent indicator, copied values, parts per free child)] of a plan.

        Children kept (edited by hand) hold their targets: only the rest of
        the parent's target is split over the others, so that the active
        children always add up to the parent.
        """
        aggregations = plan.get("aggregations") or {}
        splits = []
        for indicator, values in indicators:
            values = dict(values)
            values.pop("id", None)
            aggregation = aggregations.get(indicator.id) or values["aggregation"]
            if aggregation != values["aggregation"]:
                # Chosen in the wizard (adds up or carries over): the
                # indicator and its parts keep that choice from now on.
                to_aggregate[aggregation] |= indicator
                values["aggregation"] = aggregation
            key = f"indicator:{indicator.id}"
            kept = {
                fname: sum(kept_values[(child_id, key, fname)] for child_id in kept_ids)
                for fname in split.SPLIT_FIELDS
            }
            parts = split.split_indicator_values(
                values, shares, aggregation, indicator.decimal_places, kept=kept
            )
            splits.append((indicator, values, parts))
        return splits

    @api.model
    def _apply_plans(self, plans, report=True):
        """Create, update or archive the children described by ``plans``.

        Children already made by an earlier decomposition (same parent and
        key) are updated and reactivated if archived, unless edited by hand:
        those are kept, and the rest of the targets is split over the others.
        Children of the same kind that the plan no longer lists are archived
        with their sub-tree. All new objectives are made in one create, then
        all their indicators in one create. Return {parent id: {"created",
        "updated", "kept", "archived", "reactivated" (recordsets), "notes"}}.
        """
        prepared = self._prepare_plans(plans)
        objective_model = self.env["perf.objective"].with_context(**BULK_CONTEXT)
        indicator_model = self.env["perf.indicator"].with_context(**INDICATOR_CONTEXT)
        results = prepared["results"]
        archived = objective_model.union(
            *(result["archived"] for result in results.values())
        )
        if archived:
            archived.with_context(**BULK_CONTEXT).write({"active": False})
        for aggregation, indicators in prepared["to_aggregate"].items():
            indicators.with_context(**BULK_CONTEXT).write({"aggregation": aggregation})
        to_create = prepared["to_create"]
        created = objective_model.create([values for values, _inds in to_create])
        indicator_vals_list = [
            dict(values, objective_id=child.id)
            for child, (_values, indicators) in zip(created, to_create, strict=True)
            for values in indicators
        ]
        created_ids = defaultdict(list)
        for child, (values, _indicators) in zip(created, to_create, strict=True):
            created_ids[values["parent_id"]].append(child.id)
        for parent_id, result in results.items():
            result["created"] = objective_model.browse(created_ids[parent_id])
        reactivated = objective_model.union(
            *(result["reactivated"] & result["kept"] for result in results.values())
        )
        if reactivated:
            reactivated.with_context(**BULK_CONTEXT).write({"active": True})
        indicator_vals_list += self._update_children(
            prepared["to_update"], indicator_model
        )
        indicator_model.create(indicator_vals_list)
        self._remember_methods(plans)
        if report:
            self._report(objective_model.browse(list(results)), results)
        return results

    @api.model
    def _remember_methods(self, plans):
        """Write on each parent how it was split, for the next wizard."""
        groups = defaultdict(list)
        for plan in plans:
            if plan.get("method"):
                groups[tuple(sorted(plan["method"].items()))].append(
                    plan["objective"].id
                )
        # A manager decomposes a parent they may only read (the company's
        # objective into the departments they manage): the children were
        # written with their own rights, and how the parent was split is
        # bookkeeping of that decomposition, written as superuser.
        objective_model = self.env["perf.objective"].sudo().with_context(**BULK_CONTEXT)
        for method, ids in groups.items():
            objective_model.browse(ids).write(dict(method))

    @api.model
    def _update_children(self, to_update, indicator_model):
        """Write the new weight and targets on children made earlier.

        Writes are grouped by identical values, and indicators missing on a
        child are returned as values to create with the new children.
        """
        if not to_update:
            return []
        objective_model = indicator_model.env["perf.objective"]
        objective_groups = defaultdict(list)
        for child, values, _indicators in to_update:
            key = tuple(
                (fname, values[fname])
                for fname in (*WRITABLE_FIELDS, "active")
                if fname in values
            )
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
