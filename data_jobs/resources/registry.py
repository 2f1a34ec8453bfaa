# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which resource serves a model: the one function both engines ask.

This module imports no resource: the generic resource registers itself as
the fallback (``set_fallback``), so resources can ask the registry for the
resource of a related model (an import's lines) without an import cycle.
"""

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
GENERIC_LABEL = _lt("Standard: the model's own fields, as Odoo imports them")
_CUSTOM = {}
_FALLBACK = []  # the generic resource class, set by generic.py


def set_fallback(resource_class):
    """Serve models without a custom resource with ``resource_class``."""
    _FALLBACK[:] = [resource_class]


def register_resource(resource_class):
    """Class decorator: serve ``resource_class.model`` with this resource.

    The resource is used only in databases where the addon defining it is
    installed, so one Python process can serve several databases.
    """
    if not resource_class.model:
        raise TypeError(f"{resource_class.__name__} must set 'model'.")
    parts = resource_class.__module__.split(".")
    addon = parts[2] if parts[:2] == ["odoo", "addons"] and len(parts) > 2 else None
    _CUSTOM.setdefault(resource_class.model, []).append((addon, resource_class))
    return resource_class


def get_resource(env, model_name):
    """The custom resource registered for ``model_name`` by an installed addon
    (the last one loaded wins), otherwise the generic resource."""
    loaded = env.registry._init_modules
    for addon, resource_class in reversed(_CUSTOM.get(model_name, [])):
        if addon is None or addon in loaded:
            return resource_class(env, model_name)
    return _FALLBACK[0](env, model_name)


def resource_label(env, model_name):
    """What a user reads for the resource of ``model_name`` (a template's
    *Resource*): the class's ``label`` (a lazy translation, so it is read in
    the user's language), else the first line of its docstring; never the
    class name, which is for developers."""
    resource_class = type(get_resource(env, model_name))
    label = resource_class.__dict__.get("label")
    if label is None and resource_class is _FALLBACK[0]:
        label = GENERIC_LABEL
    if label:
        return label if isinstance(label, str) else env._(label)
    lines = (resource_class.__doc__ or "").strip().splitlines()
    return lines[0].strip().rstrip(".") if lines else resource_class.__name__


def check_resources(env):
    """Build every resource of the installed addons once, so a resource that
    does not fit its model stops the registry load with its message."""
    loaded = env.registry._init_modules
    for model_name, entries in _CUSTOM.items():
        for addon, resource_class in entries:
            if (addon is None or addon in loaded) and model_name in env:
                resource_class(env, model_name)
