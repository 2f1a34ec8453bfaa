# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who a job or a template belongs to, and who may change that.

A job runs, and a template's schedule runs, with the rights of its owner
(``user_id``) in its company (``company_id``). Whoever may change those fields
may choose whose rights the work runs with, so they are guarded here on the
server, for RPC as for the forms (a view's ``readonly`` protects nothing):

- at creation they come from the current user and company; only an
  administrator may create for somebody else;
- afterwards only a data-job manager may change them, and only to themselves
  unless they are an administrator (the one role that can already act as any
  user);
- the owner is always an active internal user, never the superuser (OdooBot,
  uid 1, who skips every record rule and field group), and the company one of
  the owner's.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

OWNERSHIP_FIELDS = frozenset({"user_id", "company_id"})
MANAGER_GROUP = "data_jobs.group_data_job_manager"


class DataJobOwnerMixin(models.AbstractModel):
    _name = "data.job.owner.mixin"
    _description = "Data Job Ownership"

    can_change_owner = fields.Boolean(
        compute="_compute_can_change_owner",
        help="Whether the current user may change the owner (data-job managers).",
    )

    def _compute_can_change_owner(self):
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        for record in self:
            record.can_change_owner = is_manager

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.su:
            others = records.filtered(lambda r: r.user_id != self.env.user)
            if others and not self.env.user.has_group("base.group_system"):
                raise AccessError(
                    self.env._(
                        "%(what)s can only be created for yourself: it runs with "
                        "the rights of its owner.",
                        what=self._description,
                    )
                )
        return records

    def write(self, vals):
        if OWNERSHIP_FIELDS & set(vals) and not self.env.su:
            self._check_owner_change(vals)
        return super().write(vals)

    def _check_owner_change(self, vals):
        """Only a manager changes ownership, and only to a user they may act as."""
        user = self.env.user
        if not user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a Data Jobs manager can change the owner or the company of "
                    "%(what)s: it runs with the rights of its owner.",
                    what=self._description,
                )
            )
        new_owner = vals.get("user_id")
        if (
            new_owner
            and new_owner != user.id
            and not user.has_group("base.group_system")
        ):
            raise AccessError(
                self.env._(
                    "You can take over %(what)s yourself, but only an administrator "
                    "can give it to another user.",
                    what=self._description,
                )
            )

    @api.constrains("user_id", "company_id")
    def _check_owner(self):
        for record in self:
            # sudo: the owner's own flags and companies, read only to validate them
            owner = record.user_id.sudo()
            if owner._is_superuser() or owner._is_public():
                raise ValidationError(
                    self.env._(
                        "%(what)s cannot belong to %(user)s: data jobs run as a real "
                        "user, with that user's rights, never as the superuser.",
                        what=self._description,
                        user=owner.name,
                    )
                )
            if not owner.active or owner.share:
                raise ValidationError(
                    self.env._(
                        "%(what)s must belong to an active internal user; %(user)s "
                        "is not one.",
                        what=self._description,
                        user=owner.name,
                    )
                )
            if record.company_id not in owner.company_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not belong to the company %(company)s.",
                        user=owner.name,
                        company=record.company_id.name,
                    )
                )
