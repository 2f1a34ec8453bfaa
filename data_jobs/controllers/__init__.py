from . import template_files
