# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Numbers and dates next to ``execute_import`` with the same options
(issue 11, "Must work"): thousands and decimal separators, currency symbols,
accountants' negatives, date formats; and where data_jobs stays right while
Odoo's import is wrong."""

from odoo.tests import tagged

from .parity.differences import known
from .parity_import_common import ParityImportCase

NUMBERS = ["name", "partner_latitude"]
DATES = ["client_order_ref", "partner_id", "validity_date", "date_order"]


@tagged("post_install", "-at_install")
class TestParityImportValues(ParityImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a.groups_id |= cls.env.ref("sales_team.group_sale_manager")
        cls.user_a.tz = "Europe/Brussels"
        cls.customer = cls.env["res.partner"].create({"name": "Imp Date Customer"})

    def _both(self, model, header, rows, odoo_options, our_options):
        """The rows (a label first) through execute_import with the dialog's
        options and through a job with ours: ``(result, job, theirs, mine)``,
        the last two as {label: (values of the other columns' fields)}."""
        label, *fields = (h for h in header if h != "partner_id")
        tagged_rows = {}
        for who in ("Odoo", "Ours"):
            tagged_rows[who] = [[f"Imp {who} {r[0]}", *r[1:]] for r in rows]
            if "partner_id" in header:
                for r in tagged_rows[who]:
                    r.insert(1, self.customer.name)
        result = self.odoo_import(
            model,
            self._csv([header, *tagged_rows["Odoo"]]),
            self.user_a,
            {h: h for h in header},
            **odoo_options,
        )
        job = self.ours(
            model,
            self._csv([header, *tagged_rows["Ours"]]),
            self.user_a,
            options=our_options,
        )
        found = {}
        for who in ("Odoo", "Ours"):
            prefix = f"Imp {who} "
            records = self.env[model].search([(label, "=like", f"{prefix}%")])
            found[who] = {
                r[label][len(prefix) :]: tuple(r[f] for f in fields) for r in records
            }
        return result, job, found["Odoo"], found["Ours"]

    def test_separators_currency_and_negatives_as_odoo(self):
        rows = [
            ["A", "1,234.5"],
            ["B", "(12.5)"],
            ["C", "$ 7.25"],
            ["D", "1.5e3"],
            ["E", "($1,000.75)"],
            ["F", "-3.5"],
        ]
        result, job, theirs, mine = self._both(
            "res.partner",
            NUMBERS,
            rows,
            {"float_thousand_separator": ",", "float_decimal_separator": "."},
            {"thousands_separator": ","},
        )
        self.assertOdooOk(result)
        self.assertJobOk(job)
        self.assertEqual(len(mine), 6)
        self.assertEqual(mine, theirs)
        self.assertEqual(mine["E"], (-1000.75,))

    def test_european_separators_as_odoo(self):
        rows = [
            ["A", "1.234,5"],
            ["B", "(3,75)"],
            ["C", "12,5 $"],
            ["D", "1.234.567,25"],
        ]
        result, job, theirs, mine = self._both(
            "res.partner",
            NUMBERS,
            rows,
            {"float_thousand_separator": ".", "float_decimal_separator": ","},
            {"thousands_separator": ".", "decimal_separator": ","},
        )
        self.assertOdooOk(result)
        self.assertJobOk(job)
        self.assertEqual(len(mine), 4)
        # Odoo takes the space before '$' for a decimal separator and the
        # comma for a thousands one, and reads 125
        known("number_currency_separators")
        self.assertEqual((theirs.pop("C"), mine.pop("C")), ((125.0,), (12.5,)))
        self.assertEqual(mine, theirs)

    def test_date_format_option_as_odoo(self):
        rows = [
            ["A", "15.03.2024", "15.03.2024 13:45:00"],
            ["B", "05.03.2024", "05.03.2024 08:00:00"],
        ]
        result, job, theirs, mine = self._both(
            "sale.order",
            DATES,
            rows,
            {"date_format": "%d.%m.%Y", "datetime_format": "%d.%m.%Y %H:%M:%S"},
            {"date_format": "%d.%m.%Y"},
        )
        self.assertOdooOk(result)
        self.assertJobOk(job)
        self.assertEqual(len(mine), 2)
        self.assertEqual(mine, theirs)
        self.assertEqual(mine["B"][0].isoformat(), "2024-03-05")
        # 13:45 in Brussels (UTC+1 in March) is stored as 12:45 UTC by both
        self.assertEqual(mine["A"][1].isoformat(" "), "2024-03-15 12:45:00")

    def test_dates_odoo_detects_without_a_format(self):
        """No date format given: Odoo's dialog detects one from the column
        (day-first, as 15 and 31 say); data_jobs reads each unambiguous date
        alone, so the same file gives the same dates."""
        rows = [
            ["A", "15/03/2024", "15/03/2024 13:45"],
            ["B", "31/12/2024", "31/12/2024 08:00"],
        ]
        result, job, theirs, mine = self._both("sale.order", DATES, rows, {}, {})
        self.assertOdooOk(result)
        self.assertJobOk(job)
        self.assertEqual(len(mine), 2)
        self.assertEqual(mine, theirs)
        self.assertEqual(mine["A"][0].isoformat(), "2024-03-15")

    def test_where_odoo_is_wrong_data_jobs_stays_right(self):
        """Known differences: '12,5' and '05/03/2024' (for an English-US
        user) are read wrongly by Odoo's import, and refused by data_jobs
        with a row error that says why; the options make both right."""
        known("decimal_comma")
        known("ambiguous_date")
        self.user_a.lang = "en_US"
        result, job, theirs, mine = self._both(
            "res.partner", NUMBERS, [["A", "12,5"]], {}, {}
        )
        self.assertOdooOk(result)
        self.assertEqual(theirs["A"], (125.0,))
        self.assertFalse(mine)
        [(row, column, value, message)] = self._row_errors(job)
        self.assertEqual((row, column, value), (2, "partner_latitude", "12,5"))
        self.assertIn("not a valid number (decimal separator '.')", message)

        result, job, theirs, mine = self._both(
            "sale.order", DATES, [["B", "05/03/2024", "05/03/2024 10:00"]], {}, {}
        )
        self.assertOdooOk(result)
        self.assertEqual(theirs["B"][0].isoformat(), "2024-05-03")
        self.assertFalse(mine)
        errors = self._row_errors(job)
        self.assertEqual([e[1] for e in errors], ["validity_date", "date_order"])
        self.assertIn("ambiguous: it may be 5 March 2024 or 3 May 2024", errors[0][3])

        job = self.ours(
            "res.partner",
            self._csv([NUMBERS, ["Imp Ours Fixed", "12,5"]]),
            self.user_a,
            options={"decimal_separator": ","},
        )
        self.assertJobOk(job)
        self.assertEqual(self._partners("Imp Ours Fixed").partner_latitude, 12.5)
