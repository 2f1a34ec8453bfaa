"""How a model is read and written by the engines.

``get_resource(env, model_name)`` is the one place that answers "which resource
for this model": a custom resource registered by an installed addon, otherwise
the generic resource built from the model's fields.
"""

from .generic import GenericResource
from .registry import check_resources, get_resource, register_resource
from .resource_column import ResourceColumn, ResourceError

__all__ = [
    "GenericResource",
    "ResourceColumn",
    "ResourceError",
    "check_resources",
    "get_resource",
    "register_resource",
]
