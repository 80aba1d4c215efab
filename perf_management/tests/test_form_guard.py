"""The guard of the forms: every form a user opens works.

On the demo database, as an employee (Lucas), his manager (Sophie) and an
administrator, the guard opens with :class:`~odoo.tests.Form` (the web
client's onchanges, on new records) a sample of the records of every model of
the performance addons that has a form and that the role reads (see
``_sample``: a record per state, per level, or one the role writes and one it
only reads). It changes every field the form lets the role edit (a plausible
value by type, the view's readonly and invisible modifiers evaluated as the
form goes), edits the first line of every editable one2many and adds one, and
saves. It also fills and saves the form of a new record where the role sees a
New button, the forms the record's opening buttons lead to (wizards, new
sub-records, with the context the web client sends), and the wizards of the
role's menus. Every form runs in a savepoint rolled back afterwards.

A clear ``UserError``, ``ValidationError`` or ``AccessError`` is an answer;
any other exception is a crash, and the test lists them all.

Models and fields are discovered, not listed: a new model or field is
guarded as soon as it has a form.
"""

import re
import time
import traceback
from contextlib import closing
from datetime import date, datetime

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import MissingError, UserError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

#: Demo users of the three roles.
ROLE_USERS = (
    "perf_management.user_lucas",
    "perf_management.user_sophie",
    "base.user_admin",
)
#: Records among which the guard picks those a user writes and only reads.
SAMPLE_SCAN = 50
#: Buttons that open a form (a wizard, a new sub-record) rather than act,
#: by the names the addons give them.
OPENER_BUTTON = re.compile(r"^action_(open_|new_|enter_|checkin$)")
#: Widgets that show a field the user does not type in.
DISPLAY_WIDGETS = {"statusbar", "badge", "statinfo", "progressbar"}
#: What a view's ``create`` attribute says when it offers no New button.
NO = ("0", "false", "False")


class NothingToPick(Exception):
    """A required field of a form offers nothing the user may pick."""


def _is_answer(env, error):
    """Whether ``error`` is a clear answer to the user, not a crash: a user
    error (a missing record aside), or the violation of a declared SQL
    constraint (the web client shows its message)."""
    if isinstance(error, IntegrityError):
        return error.diag.constraint_name in env.registry._sql_constraints
    return isinstance(error, UserError) and not isinstance(error, MissingError)


@tagged("post_install", "-at_install")
class TestFormGuard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = [cls.env.ref(xmlid) for xmlid in ROLE_USERS]
        views = cls.env["ir.ui.view"].search(
            [("type", "=", "form"), ("mode", "=", "primary")]
        )
        cls.model_names = sorted(
            name
            for name in set(views.mapped("model"))
            if name.startswith("perf.")
            and name in cls.env
            and not cls.env[name]._abstract
            and not cls.env[name]._transient
        )

    def setUp(self):
        super().setUp()
        self.crashes = []
        self.answers = 0

    # ------------------------------------------------------------------
    # The test
    # ------------------------------------------------------------------

    def test_every_form_works(self):
        started = time.monotonic()
        opened = 0
        for user in self.users:
            for model_name in self.model_names:
                model = self.env[model_name].with_user(user)
                if not model.has_access("read"):
                    continue
                for index, record in enumerate(self._sample(model)):
                    opened += 1
                    label = f"{user.login}: {record}"
                    self._guard(label, lambda r=record: self._edit(r))
                    if index:
                        continue  # The buttons lead to the same forms.
                    openers = []
                    self._guard(
                        f"{label}, its buttons",
                        lambda r=record, o=openers: o.extend(self._openers(r)),
                    )
                    for name, follow in openers:
                        opened += 1
                        self._guard(f"{label}, button {name}", follow)
                if self._offers_new(model):
                    opened += 1
                    self._guard(
                        f"{user.login}: new {model_name}",
                        lambda m=model: self._create(Form(m)),
                    )
            for action in self._menu_wizard_actions(user):
                opened += 1
                self._guard(
                    f"{user.login}: the wizard {action['name']}",
                    lambda a=action, u=user: self._open_action(
                        self.env(user=u), a["name"], a
                    ),
                )
        self.assertGreater(opened, 50, "The guard opened too few forms.")
        self.assertFalse(
            self.crashes,
            "%d form(s) crashed (%d clear answers, %.0f s):\n\n%s"
            % (
                len(self.crashes),
                self.answers,
                time.monotonic() - started,
                "\n\n".join(self.crashes),
            ),
        )

    def test_company_from_a_field_offers_its_records(self):
        """A record whose company is the one of a relation (a task's is its
        objective's) offers every record of that relation on a new form: a
        company check on it would offer only records without a company,
        since the new record's company is empty until it is chosen."""
        checked, refused = [], []
        for model_name in self.model_names:
            company = self.env[model_name]._fields.get("company_id")
            if not company or not company.related:
                continue
            fname = company.related.split(".")[0]
            checked.append(f"{model_name}.{fname}")
            if self.env[model_name]._fields[fname].check_company:
                refused.append(checked[-1])
        self.assertIn("perf.task.objective_id", checked)
        self.assertEqual(refused, [])

    # ------------------------------------------------------------------
    # Records
    # ------------------------------------------------------------------

    def _sample(self, model):
        """The newest record the user reads per state of the model. Without
        a state: for the administrator, the newest per level (the variety of
        the data); for the others, the newest they may write and the newest
        they only read (the variety of their rights)."""
        fname = "state" if "state" in model._fields else "level"
        field = model._fields.get(fname)
        by_value = field and field.type == "selection" and field.store
        if by_value and (
            fname == "state"
            or model.env.user.has_group("perf_management.group_perf_admin")
        ):
            records = model.browse()
            for value, _label in field._description_selection(model.env):
                records |= model.search([(fname, "=", value)], limit=1, order="id desc")
            return records
        records = model.search([], limit=SAMPLE_SCAN, order="id desc")
        writable = records._filtered_access("write")
        return writable[:1] | (records - writable)[:1]

    def _offers_new(self, model, views=None):
        """Whether the views (``[(view id, view type)]``, the default list and
        form by default) show the user a New button."""
        if not model.has_access("create") or model.env.context.get("create") is False:
            return False
        views = views or [(False, "list"), (False, "form")]
        view_ids = {view_type: view_id for view_id, view_type in views}
        for view_type in ("list", "kanban", "form"):
            if view_type not in view_ids:
                continue
            arch = model.get_view(view_ids[view_type], view_type)["arch"]
            if etree.fromstring(arch).get("create") in NO:
                return False
        return True

    def _menu_wizard_actions(self, user):
        """Window actions of the user's menus that open a wizard."""
        menus = self.env["ir.ui.menu"].with_user(user).search([])
        for action in filter(None, menus.sudo().mapped("action")):
            if (
                action._name == "ir.actions.act_window"
                and action.res_model.startswith("perf.")
                and self.env[action.res_model]._transient
            ):
                yield self._action_values(action, {})

    def _guard(self, label, drive):
        """Run ``drive`` in a savepoint rolled back afterwards (the next forms
        open the demo data as it was); list it if it crashes."""
        steps = []
        self._steps = steps
        try:
            with closing(self.env.cr.savepoint()):
                drive()
        except Exception as error:  # noqa: BLE001 - every crash is listed
            if _is_answer(self.env, error):
                self.answers += 1
                return
            self.crashes.append(
                "%s, after %s:\n%s"
                % (
                    label,
                    " > ".join(steps[-3:]) or "opening",
                    "".join(traceback.format_exception(error, limit=-4, chain=False)),
                )
            )

    def _step(self, text):
        self._steps.append(text)

    def _edit(self, record):
        """Change every field the form of ``record`` lets its user edit, add
        a line to every editable one2many, and save."""
        form = Form(record)
        if form._view["tree"].get("edit") in NO:
            return  # No write access: the web client shows it read-only.
        for fname in self._editable_fields(form):
            self._step(f"changing {fname}")
            try:
                self._change(form, fname)
            except Exception as error:
                if not _is_answer(self.env, error):
                    raise
                self.answers += 1
        self._step("saving")
        form.save()

    def _create(self, form):
        """Fill the required fields of a new record's form, add a line to
        every editable one2many, and save; add lines again and save again
        (the form keeps the context it was opened with)."""
        for fname in self._editable_fields(form):
            info = form._view["fields"][fname]
            if info["type"] == "one2many" or (
                form._get_modifier(fname, "required") and not form[fname]
            ):
                self._step(f"filling {fname}")
                self._change(form, fname)
        self._fill_required(form)
        self._step("saving the new record")
        form.save()
        for fname in self._editable_fields(form):
            if form._view["fields"][fname]["type"] == "one2many":
                self._step(f"adding lines to the saved {fname}")
                self._change_lines(form, fname, edit=False)
        self._step("saving the lines of the new record")
        form.save()

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------

    def _field_node(self, form, fname):
        depth = form._view["tree"].xpath("count(ancestor::field)")
        nodes = form._view["tree"].xpath(
            f".//field[@name='{fname}'][count(ancestor::field) = {depth}]"
        )
        return nodes[0] if nodes else None

    def _editable_fields(self, form):
        """Fields of the form the user types in, in the view's order (the
        modifiers are evaluated when each one's turn comes)."""
        for fname, info in list(form._view["fields"].items()):
            if fname == "id" or info.get("type") is None:
                continue
            node = self._field_node(form, fname)
            if node is None or node.get("widget") in DISPLAY_WIDGETS:
                continue
            if form._get_modifier(fname, "readonly") or form._get_modifier(
                fname, "invisible"
            ):
                continue
            yield fname

    def _fill_required(self, form):
        """Fill what became required and is still empty."""
        for fname in self._editable_fields(form):
            info = form._view["fields"][fname]
            if info["type"] == "one2many" or info["type"] == "boolean":
                continue
            if form._get_modifier(fname, "required") and not form[fname]:
                self._step(f"filling {fname}")
                self._change(form, fname)

    def _change(self, form, fname):
        """Give ``fname`` a plausible value other than the one it has; on a
        one2many, edit its first line and add one."""
        info = form._view["fields"][fname]
        ftype = info["type"]
        if ftype == "one2many":
            self._change_lines(form, fname)
            return
        if ftype == "many2many":
            candidate = self._candidate(form, fname, form[fname])
            if candidate:
                form[fname].add(candidate)
            return
        value = self._plausible_value(form, fname, info)
        if value is None and ftype == "many2one":
            if form._get_modifier(fname, "required") and not form[fname]:
                raise NothingToPick(f"nothing to pick for the required {fname}")
            return
        if value is not None:
            form[fname] = value

    def _change_lines(self, form, fname, edit=True):
        lines = form[fname]
        node = self._field_node(form, fname)
        if edit and len(lines) and node.get("can_write") not in NO:
            with lines.edit(0) as line:
                self._step(f"editing the first line of {fname}")
                for sub_fname in self._editable_fields(line):
                    if line._view["fields"][sub_fname]["type"] in self.LINE_TYPES:
                        self._step(f"changing {fname}.{sub_fname}")
                        self._change(line, sub_fname)
        listview = node.find("list")
        if node.get("can_create") in NO or (
            listview is not None and listview.get("create") in NO
        ):
            return
        with lines.new() as line:
            self._step(f"adding a line to {fname}")
            self._fill_required(line)

    #: Line fields the guard changes (not nested lines).
    LINE_TYPES = {
        "char",
        "text",
        "html",
        "integer",
        "float",
        "monetary",
        "boolean",
        "date",
        "datetime",
        "selection",
        "many2one",
    }

    def _plausible_value(self, form, fname, info):
        current = form._values.get(fname)
        ftype = info["type"]
        if ftype in ("char", "text"):
            return "Checked by the form guard"
        if ftype == "html":
            return "<p>Checked by the form guard</p>"
        if ftype == "integer":
            return (current or 0) + 1
        if ftype in ("float", "monetary"):
            return round((current or 0.0) + 1.0, 2)
        if ftype == "boolean":
            return not current
        if ftype == "date":
            return date.today()
        if ftype == "datetime":
            return datetime.now().replace(microsecond=0)
        if ftype == "selection":
            values = [key for key, _label in info.get("selection") or []]
            return next((key for key in values if key != current), None)
        if ftype == "many2one":
            return self._candidate(form, fname, form[fname]) or None
        return None

    def _candidate(self, form, fname, current):
        """A record the user may pick for ``fname``, other than ``current``,
        within the view's domain."""
        info = form._view["fields"][fname]
        node = self._field_node(form, fname)
        domain = (node is not None and node.get("domain")) or info.get("domain") or []
        if isinstance(domain, str):
            try:
                domain = safe_eval(
                    domain, dict(form._get_eval_context(), uid=form._env.uid)
                )
            except Exception:  # noqa: BLE001 - an unknown name: no domain
                domain = []
        comodel = form._env[info["relation"]]
        try:
            found = comodel.search(domain, limit=1 + len(current))
        except Exception:  # noqa: BLE001 - a domain the guard cannot evaluate
            found = comodel.search([], limit=1 + len(current))
        return (found - current)[:1]

    # ------------------------------------------------------------------
    # Buttons that open a form
    # ------------------------------------------------------------------

    def _openers(self, record):
        """``(name, follow)`` of the visible buttons of the record's form that
        open a form: ``follow()`` clicks one and fills the form it opens."""
        form = Form(record)
        # As the web client, which evaluates modifiers with the user's id.
        eval_context = dict(form._get_eval_context(), uid=record.env.uid)
        for node in form._view["tree"].xpath(".//button[not(ancestor::field)]"):
            name, kind = node.get("name"), node.get("type")
            invisible = node.get("invisible")
            if not name or invisible and safe_eval(invisible, eval_context):
                continue
            # The context the web client sends with the button.
            context = dict(
                safe_eval(node.get("context") or "{}", eval_context),
                active_id=record.id,
                active_ids=record.ids,
                active_model=record._name,
            )
            if kind == "action" and name.isdigit():
                action = self.env["ir.actions.act_window"].browse(int(name)).exists()
                if action:
                    yield (
                        name,
                        lambda a=action, c=context: self._open_action(
                            record.env, a.name, self._action_values(a, c)
                        ),
                    )
            elif kind == "object" and OPENER_BUTTON.match(name):
                yield name, lambda n=name, c=context: self._click(record, n, c)

    def _action_values(self, action, context):
        return self._with_context(action._get_action_dict(), context)

    def _with_context(self, values, context):
        """The action ``values`` with the context the web client gives it:
        the button's, then the action's own (evaluated if a string)."""
        own = values.get("context") or {}
        if isinstance(own, str):
            own = safe_eval(own, {"uid": self.env.uid, **context})
        return dict(values, context=dict(context, **own))

    def _click(self, record, name, context):
        self._step(f"clicking {name}")
        action = getattr(record.with_context(**context), name)()
        if isinstance(action, dict):
            self._open_action(record.env, name, self._with_context(action, context))

    def _open_action(self, env, name, action):
        """Open the form ``action`` leads to: the record it names, else a new
        record when the action opens a form or its views offer New."""
        if action.get("type") != "ir.actions.act_window" or not action.get(
            "res_model", ""
        ).startswith("perf."):
            return
        target = env[action["res_model"]].with_context(**action["context"])
        first_view = (action.get("view_mode") or "form").split(",")[0]
        self._step(f"opening the form of {name}")
        if action.get("res_id"):
            self._edit(target.browse(action["res_id"]))
        elif first_view == "form" or self._offers_new(target, action.get("views")):
            self._create(Form(target))
