"""Pure file work: readers, writers and value conversion.

Nothing in this package may import ``odoo``: it is tested without a database
and could serve any Python program. The ORM side (``models/``) turns records
into plain rows before handing them to a writer, and reader rows into values.
"""
