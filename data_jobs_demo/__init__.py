from . import resources
