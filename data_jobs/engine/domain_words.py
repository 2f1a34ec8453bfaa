# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An export's filter in words, for the PDF's summary: field labels in the
user's language and operator words, e.g. ``Is a Company is set and (Country =
Belgium or Name contains "DJ")``. The parsing is the pure
``io.domain_text``; this supplies the words, which need the ORM."""

import functools

from odoo.exceptions import AccessError
from odoo.osv.expression import FALSE_LEAF, TRUE_LEAF

from ..io.domain_text import DomainTextError, domain_to_text

RELATIONAL = ("many2one", "one2many", "many2many")
SUMMARY_MAX_VALUES = 10  # a filter on 500 ids names the first ten


class DomainWords:
    """Words for the conditions of domains on the models of ``env``."""

    def __init__(self, env):
        self.env = env

    def summary(self, model_name, domain):
        """The filter in words a user reads: field labels in the user's
        language and operator words, e.g. ``Is a Company is set and (Country =
        Belgium or Name contains "DJ")``. A condition it cannot word better
        stays as written; a malformed domain is returned as written."""
        if not domain:
            return self.env._("All records")
        try:
            return self._text(self.env[model_name], domain)
        except DomainTextError:
            return repr(domain)

    def _text(self, model, domain):
        return domain_to_text(
            domain,
            functools.partial(self._term_text, model),
            and_word=self.env._("and"),
            or_word=self.env._("or"),
            not_word=self.env._("not"),
        )

    def _term_text(self, model, term):
        """One condition in words, or as written when it cannot say it."""
        path, operator, value = term
        if term in (TRUE_LEAF, FALSE_LEAF):
            return (
                self.env._("all records")
                if term == TRUE_LEAF
                else self.env._("no record")
            )
        chain = self._field_chain(model, path)
        if not chain or not isinstance(operator, str):
            return self._raw_term(term)
        label = " > ".join(f._description_string(self.env) for f in chain)
        try:
            return self._condition_text(label, chain[-1], operator, value)
        except (AccessError, DomainTextError, TypeError, ValueError):
            return self._raw_term(term)

    def _raw_term(self, term):
        path, operator, value = term
        return f"{path} {operator} {value!r}"

    def _field_chain(self, model, path):
        """The fields of ``country_id.name`` on ``model``, None if unknown."""
        if not isinstance(path, str) or not path:
            return None
        chain = []
        for position, name in enumerate(path.split(".")):
            field = model._fields.get(name)
            if field is None:
                return None
            chain.append(field)
            if position < len(path.split(".")) - 1:
                if field.type not in RELATIONAL:
                    return None
                model = self.env[field.comodel_name]
        return chain

    def _condition_text(self, label, field, operator, value):
        operator = operator.lower()
        if operator in ("=", "!=") and (value is False or value is None):
            operator, value = ("!=" if operator == "=" else "="), True
            if field.type != "boolean":
                field = None  # "set" means "has a value" for any field
        if (
            operator in ("=", "!=")
            and value is True
            and (field is None or field.type == "boolean")
        ):
            is_set = operator == "="
            return (
                self.env._("%(field)s is set", field=label)
                if is_set
                else self.env._("%(field)s is not set", field=label)
            )
        if operator in ("any", "not any"):
            if not isinstance(value, list | tuple):
                raise DomainTextError(value)
            inner = self._text(self.env[field.comodel_name], value) or self.env._(
                "all records"
            )
            return (
                self.env._(
                    "%(field)s matches (%(condition)s)", field=label, condition=inner
                )
                if operator == "any"
                else self.env._(
                    "%(field)s matches none of (%(condition)s)",
                    field=label,
                    condition=inner,
                )
            )
        if operator in ("=like", "=ilike") and isinstance(value, str):
            body = value[:-1]
            if value.endswith("%") and "%" not in body and "_" not in body:
                quoted = f'"{body}"'
                return self.env._(
                    "%(field)s starts with %(value)s", field=label, value=quoted
                )
        words = self._operator_words()
        if operator not in words:
            raise DomainTextError(operator)
        return self.env._(
            "%(field)s %(operator)s %(value)s",
            field=label,
            operator=words[operator],
            value=self._value_text(field, value),
        )

    def _operator_words(self):
        return {
            "=": "=",
            "!=": "≠",
            "<": "<",
            ">": ">",
            "<=": "≤",
            ">=": "≥",
            "like": self.env._("contains"),
            "ilike": self.env._("contains"),
            "not like": self.env._("does not contain"),
            "not ilike": self.env._("does not contain"),
            "=like": self.env._("matches"),
            "=ilike": self.env._("matches"),
            "in": self.env._("is in"),
            "not in": self.env._("is not in"),
            "child_of": self.env._("is or is under"),
            "parent_of": self.env._("is or is above"),
        }

    def _value_text(self, field, value):
        """The value of a condition as a user reads it: names of related
        records, selection labels, quoted texts, the first values of a list."""
        values = list(value) if isinstance(value, list | tuple) else [value]
        more = max(0, len(values) - SUMMARY_MAX_VALUES)
        values = values[:SUMMARY_MAX_VALUES]
        if field.type in RELATIONAL and all(
            isinstance(v, int) and not isinstance(v, bool) for v in values
        ):
            related = (
                self.env[field.comodel_name]
                .with_context(active_test=False)
                .browse(values)
                .exists()
            )
            names = dict(zip(related.ids, related.mapped("display_name"), strict=True))
            words = [names.get(v) or f"#{v}" for v in values]
        elif field.type == "selection":
            labels = dict(field._description_selection(self.env))
            words = [str(labels.get(v, v)) for v in values]
        else:
            words = [self._scalar_text(field, v) for v in values]
        text = ", ".join(words)
        if more:
            text = self.env._("%(values)s and %(count)s more", values=text, count=more)
        return text

    def _scalar_text(self, field, value):
        if value is True:
            return self.env._("yes")
        if value is False or value is None:
            return self.env._("not set")
        if isinstance(value, str) and field.type not in ("date", "datetime"):
            return f'"{value}"'
        return str(value)
