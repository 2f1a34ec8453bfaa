# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attachments created from a file on disk, copied in chunks.

``create(raw=...)`` needs the whole content in memory: a 500 MB export would
sit there twice. This copies the file into the filestore chunk by chunk and
points the attachment at it, as ``_file_write`` would.
"""

import contextlib
import hashlib
import io
import os

from odoo import api, models
from odoo.tools import SQL

CHUNK = 1 << 20


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _data_jobs_create_from_file(self, fileobj, vals):
        """Create an attachment with ``vals`` and the content of ``fileobj``."""
        fileobj.seek(0)
        if self._storage() != "file":
            return self.create(dict(vals, raw=fileobj.read()))
        sha, size = hashlib.sha1(), 0
        for chunk in iter(lambda: fileobj.read(CHUNK), b""):
            sha.update(chunk)
            size += len(chunk)
        checksum = sha.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = self._full_path(fname)
        if not os.path.exists(full_path):
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            partial = f"{full_path}.{os.getpid()}.part"
            fileobj.seek(0)
            with open(partial, "wb") as out:
                for chunk in iter(lambda: fileobj.read(CHUNK), b""):
                    out.write(chunk)
            os.replace(partial, full_path)
            self._mark_for_gc(fname)  # collected if this transaction aborts
        attachment = self.create(dict(vals, raw=b""))
        self.env.cr.execute(
            SQL(
                "UPDATE ir_attachment"
                " SET store_fname = %s, checksum = %s, file_size = %s, db_datas = NULL"
                " WHERE id = %s",
                fname,
                checksum,
                size,
                attachment.id,
            )
        )
        attachment.invalidate_recordset(
            ["store_fname", "checksum", "file_size", "db_datas", "raw", "datas"]
        )
        return attachment

    @contextlib.contextmanager
    def _data_jobs_open(self):
        """The content as a binary file, streamed from the filestore when it
        lives there rather than loaded whole."""
        self.ensure_one()
        if self.store_fname:
            with open(self._full_path(self.store_fname), "rb") as fileobj:
                yield fileobj
        else:
            yield io.BytesIO(self.raw or b"")
