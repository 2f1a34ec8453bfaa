# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export engine: records read in batches, streamed to a file writer.

Records are read as the job's owner (record rules, field groups and company
rules apply), one id-ordered batch at a time with only the needed columns,
and the cache is dropped after each batch so memory stays flat.
"""

# data.job is split by concern (fields and states, the run loop, each engine)
# so that each file stays small and says what it holds.
# pylint: disable=consider-merging-classes-inherited

import functools
import tempfile

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv.expression import FALSE_LEAF, TRUE_LEAF

from ..io.domain_text import DomainTextError, domain_to_text
from ..io.options import with_defaults
from ..resources import get_resource

RELATIONAL = ("many2one", "one2many", "many2many")
SUMMARY_MAX_VALUES = 10  # a filter on 500 ids names the first ten
MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json",
}


class DataJob(models.Model):
    _inherit = "data.job"

    @api.model
    @api.returns("self", lambda job: job.id)
    def create_export(
        self, model, domain, fields=None, file_format="csv", options=None, template=None
    ):
        """Create and start an export job (its id over JSON-RPC/XML-RPC).

        ``domain`` is a list (or its text), ``fields`` a list of field paths
        such as ``["name", "country_id/name"]`` (empty: exportable fields).
        Unknown or forbidden fields, a bad filter or sort order are refused
        here, before anything is queued, with a message naming the problem.
        """
        job = self.create(
            {
                "job_type": "export",
                "res_model": model,
                "domain": domain
                if isinstance(domain, str)
                else repr(list(domain or [])),
                "field_names": list(fields or []),
                "file_format": file_format,
                "options": options or {},
                "template_id": template.id if template else False,
            }
        )
        job._check_export_settings()
        job.action_start()
        return job

    def _check_export_settings(self):
        """Refuse field paths and a sort order the owner cannot export.

        The run checks them too (a job edited in its form fails with the same
        message); this check gives the API and the wizard the answer at once.
        """
        self.ensure_one()
        options = with_defaults(self.options, "export")
        records = self.env[self.res_model].with_user(self.user_id)
        resource = get_resource(records.env, self.res_model)
        resource.export_columns(
            self._export_paths(resource, options), options["import_compatible"]
        )
        if options["order"]:
            try:
                records._order_to_sql(options["order"], records._search([]))
            except (UserError, ValueError, AccessError) as exc:
                raise UserError(
                    self.env._(
                        "%(model)s cannot be sorted by '%(order)s': %(error)s",
                        model=self.res_model,
                        order=options["order"],
                        error=exc.args[0] if exc.args else exc,
                    )
                ) from exc

    def _export_paths(self, resource, options):
        paths = list(self.field_names or []) or resource.default_export_fields()
        if options["import_compatible"] and "id" not in paths:
            paths.insert(0, "id")
        if not paths:
            raise UserError(
                self.env._("%(model)s has no field to export.", model=self.res_model)
            )
        return paths

    def _export_domain(self, options):
        domain = self._get_domain()
        if options["ids"]:
            domain = (
                ["&", ("id", "in", options["ids"]), *domain]
                if domain
                else [("id", "in", options["ids"])]
            )
        return domain

    def _export_batches(self):
        """Export engine: one step per batch of records."""
        options = with_defaults(self.options, "export")
        records = self.env[self.res_model].with_context(
            active_test=False
            if options["ids"]
            else self.env.context.get("active_test", True),
            prefetch_fields=False,
        )
        resource = get_resource(records.env, self.res_model)
        paths = self._export_paths(resource, options)
        columns = resource.export_columns(paths, options["import_compatible"])
        domain = self._export_domain(options)
        total = records.search_count(domain, limit=options["limit"])
        yield {"total_rows": total}
        writer_options = dict(options)
        if options["import_compatible"]:
            writer_options["header"] = "name"
        with tempfile.TemporaryFile(prefix="data_job_") as tmp:
            writer = resource.make_writer(
                self.file_format,
                tmp,
                columns,
                writer_options,
                self._export_meta(columns, domain, total, options),
            )
            for batch in self._export_record_batches(records, domain, options):
                batch.fetch(resource.fields_to_fetch(paths))
                writer.write_rows(
                    resource.export_rows(batch, paths, options["import_compatible"])
                )
                count = len(batch)
                self.env.invalidate_all()  # flat memory: forget the batch
                yield {"processed_rows": count}
            writer.close()
            attachment = self.env["ir.attachment"]._data_jobs_create_from_file(
                tmp,
                {
                    "name": self._export_file_name(options),
                    "mimetype": MIMETYPES[self.file_format],
                    "res_model": self._name,
                    "res_id": self.id,
                },
            )
        self.with_context(data_job_set_state=True).output_file_id = attachment

    def _export_record_batches(self, records, domain, options):
        """Batches of records: an id cursor, or the ordered ids when sorted."""
        size, limit, order = options["batch_size"], options["limit"], options["order"]
        if order:
            ids = records.search(domain, order=order, limit=limit).ids
            for start in range(0, len(ids), size):
                yield records.browse(ids[start : start + size])
            return
        last_id, left = 0, limit
        while left is None or left > 0:
            step = size if left is None else min(size, left)
            batch = records.search(
                [("id", ">", last_id), *domain], order="id", limit=step
            )
            if not batch:
                return
            if min(batch._ids) <= last_id:
                # a search that ignores the cursor would repeat batches forever
                raise UserError(
                    self.env._(
                        "Reading %(model)s made no progress after the record with "
                        "id %(id)s (its search returned records already "
                        "exported), so the export stops instead of looping.",
                        model=self.res_model,
                        id=last_id,
                    )
                )
            yield batch
            last_id = max(batch._ids)
            left = None if left is None else left - len(batch)

    def _export_file_name(self, options):
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        extension = (
            "jsonl"
            if self.file_format == "json" and options["json_lines"]
            else self.file_format
        )
        return f"{self.res_model.replace('.', '_')}_{now:%Y-%m-%d_%H%M}.{extension}"

    def _export_meta(self, columns, domain, total, options):
        """Title and summary shown by the PDF and JSON writers."""
        model_label = self.env["ir.model"]._get(self.res_model).name
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        generated = now.strftime("%Y-%m-%d %H:%M")
        title = options["pdf_title"] or self.env._(
            "%(model)s — %(job)s", model=model_label, job=self.name
        )
        return {
            "title": title,
            "summary": [
                (self.env._("Model"), f"{model_label} ({self.res_model})"),
                (self.env._("Filter"), self._domain_summary(self._get_domain())),
                *self._selection_summary(options),
                (self.env._("Records"), f"{total:,}"),
                (
                    self.env._("Generated"),
                    self.env._(
                        "%(date)s by %(user)s", date=generated, user=self.user_id.name
                    ),
                ),
                (self.env._("Company"), self.company_id.name),
            ],
            "page_label": self.env._("Page %(page)s of %(total)s"),
            "model": self.res_model,
            "domain": repr(domain),
            "fields": [c.name for c in columns],
            "count": total,
            "generated_at": fields.Datetime.now().isoformat(),
        }

    def _selection_summary(self, options):
        if not options["ids"]:
            return []
        count = f"{len(options['ids']):,}"
        return [
            (
                self.env._("Selection"),
                self.env._("%(count)s selected records", count=count),
            )
        ]

    # ------------------------------------------------------------ filter words
    def _domain_summary(self, domain):
        """The filter in words a user reads: field labels in the user's
        language and operator words, e.g. ``Is a Company is set and (Country =
        Belgium or Name contains "DJ")``. A condition it cannot word better
        stays as written; a malformed domain is returned as written."""
        if not domain:
            return self.env._("All records")
        try:
            return self._domain_text(self.env[self.res_model], domain)
        except DomainTextError:
            return repr(domain)

    def _domain_text(self, model, domain):
        return domain_to_text(
            domain,
            functools.partial(self._domain_term_text, model),
            and_word=self.env._("and"),
            or_word=self.env._("or"),
            not_word=self.env._("not"),
        )

    def _domain_term_text(self, model, term):
        """One condition in words, or as written when it cannot say it."""
        path, operator, value = term
        if term in (TRUE_LEAF, FALSE_LEAF):
            return (
                self.env._("all records")
                if term == TRUE_LEAF
                else self.env._("no record")
            )
        chain = self._domain_field_chain(model, path)
        if not chain or not isinstance(operator, str):
            return self._domain_raw_term(term)
        label = " > ".join(f._description_string(self.env) for f in chain)
        try:
            return self._domain_condition_text(label, chain[-1], operator, value)
        except (AccessError, DomainTextError, TypeError, ValueError):
            return self._domain_raw_term(term)

    def _domain_raw_term(self, term):
        path, operator, value = term
        return f"{path} {operator} {value!r}"

    def _domain_field_chain(self, model, path):
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

    def _domain_condition_text(self, label, field, operator, value):
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
            inner = self._domain_text(
                self.env[field.comodel_name], value
            ) or self.env._("all records")
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
        words = self._domain_operator_words()
        if operator not in words:
            raise DomainTextError(operator)
        return self.env._(
            "%(field)s %(operator)s %(value)s",
            field=label,
            operator=words[operator],
            value=self._domain_value_text(field, value),
        )

    def _domain_operator_words(self):
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

    def _domain_value_text(self, field, value):
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
            words = [self._domain_scalar_text(field, v) for v in values]
        text = ", ".join(words)
        if more:
            text = self.env._("%(values)s and %(count)s more", values=text, count=more)
        return text

    def _domain_scalar_text(self, field, value):
        if value is True:
            return self.env._("yes")
        if value is False or value is None:
            return self.env._("not set")
        if isinstance(value, str) and field.type not in ("date", "datetime"):
            return f'"{value}"'
        return str(value)
