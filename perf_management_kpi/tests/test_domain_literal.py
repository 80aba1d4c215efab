import datetime

from dateutil.relativedelta import relativedelta

from odoo.tests import BaseCase, tagged

from ..tools import owner_keys
from ..tools.domain_literal import DomainLiteralError, literal_domain


@tagged("post_install", "-at_install")
class TestDomainLiteral(BaseCase):
    TODAY = datetime.date(2024, 3, 31)

    def _read(self, text, **names):
        return literal_domain(text, names, today=self.TODAY)

    def _refused(self, text, **names):
        with self.assertRaises(DomainLiteralError) as caught:
            self._read(text, **names)
        return caught.exception

    def test_plain_values(self):
        self.assertEqual(
            self._read("[('a', '=', 1), '|', ('b', 'in', [1, 2.5, 'x', None, True])]"),
            [("a", "=", 1), "|", ("b", "in", [1, 2.5, "x", None, True])],
        )
        self.assertEqual(self._read(""), [])
        self.assertEqual(self._read("[('n', '>', -3)]"), [("n", ">", -3)])

    def test_bound_names_and_dates(self):
        domain = self._read(
            "[('c', 'in', allowed_company_ids), ('d', '>=', (context_today() - "
            "relativedelta(months=1)).strftime('%Y-%m-%d')), ('e', '<', "
            "datetime.date(2024, 1, 1) + datetime.timedelta(days=2))]",
            allowed_company_ids=[3],
        )
        self.assertEqual(
            domain,
            [
                ("c", "in", [3]),
                ("d", ">=", "2024-02-29"),
                ("e", "<", datetime.date(2024, 1, 3)),
            ],
        )
        self.assertEqual(
            self._read("[('d', '=', relativedelta(days=1))]"),
            [("d", "=", relativedelta(days=1))],
        )

    def test_code_is_refused(self):
        for text in (
            "[('id', '!=', [user.sudo().write({}), 0][1])]",
            "[('id', '=', uid)]",
            "[('id', 'in', ().__class__.__bases__)]",
            "[x for x in [1]]",
            "[('d', '=', datetime.datetime.now())]",
            "[('d', '=', context_today().replace(day=1))]",
            "[('a', '=', 'a' + 'b')]",
            "[('a', '=', 2 * 3)]",
            "[('a', '=', (lambda: 1)())]",
            "[('a', '=', relativedelta(**{'days': 1}))]",
        ):
            self.assertEqual(self._refused(text).code, "forbidden", text)
        self.assertEqual(self._refused("[('a', '=', ").code, "syntax")

    def test_names_must_be_bound_to_plain_values(self):
        with self.assertRaises(TypeError):
            self._read("[]", user=object())


@tagged("post_install", "-at_install")
class TestOwnerKeys(BaseCase):
    def test_keys_round_trip(self):
        for level in (owner_keys.EMPLOYEE, owner_keys.DEPARTMENT, owner_keys.COMPANY):
            key = owner_keys.owner_key(level, 7)
            self.assertEqual(owner_keys.split_owner_key(key), (level, 7))
        self.assertEqual(owner_keys.employee_key(3), "employee:3")
        with self.assertRaises(ValueError):
            owner_keys.owner_key("post", 1)
