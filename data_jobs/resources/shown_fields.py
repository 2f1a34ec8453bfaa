# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which fields a user is offered without asking: the export's fields when
none is chosen and the import wizard's mapping dropdown.

Odoo's own dialogs offer every field, and users then meet "Activity Exception
Decoration", "Bounce" or "Signup Token Type", which are the machinery of
chatter, activities, mailing and sign-up rather than data of the record. The
rule: a field is technical when a model gets it from one of the mixins that
add that machinery (whatever the model), when its name is one of a few known
internal ones, or when it is shown in debug mode only (``base.group_no_one``).
Technical fields can still be exported and imported when named (a path in the
wizard, a column header, the API): they are only left out of what is offered.
"""

# the mixins whose fields serve chatter, activities, mailing and portals
TECHNICAL_MIXINS = (
    "mail.thread",
    "mail.activity.mixin",
    "mail.thread.blacklist",
    "mail.thread.phone",
    "mail.thread.main.attachment",
    "mail.tracking.duration.mixin",
    "portal.mixin",
    "avatar.mixin",
    "rating.mixin",
)
# fields of a mixin above that hold the record's own data
KEPT_MIXIN_FIELDS = frozenset({"email_cc"})
TECHNICAL_NAMES = frozenset(
    {"is_favorite", "signup_type", "signup_token", "access_token", "access_url"}
)


def is_technical(records, field):
    """Whether ``field`` of ``records``' model is machinery, not data."""
    if field.name in TECHNICAL_NAMES:
        return True
    if field.groups and "base.group_no_one" in field.groups.split(","):
        return True
    if field.name in KEPT_MIXIN_FIELDS:
        return False
    env = records.env
    for mixin in TECHNICAL_MIXINS:
        if mixin in env and field.name in env[mixin]._fields:
            if isinstance(records, type(env[mixin])):
                return True
    return False
