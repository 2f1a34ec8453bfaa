"""Odoo's command line for the live tests' prefork servers (``odoo-bin``).

A prefork server starts its websocket process as ``python <sys.argv[0]>
gevent ...``: ``python -m odoo`` cannot be re-run that way, and on a machine
whose gevent cannot load its own plugins (old ``pkg_resources`` against a
``zope_interface`` dist-info) that process dies at import and is forked
again, many times a second, for as long as the server runs. The live tests
use no websocket (jobs are dispatched over plain HTTP to the HTTP workers),
so here ``gevent`` is a process that waits, quietly, until its server stops
it, or goes when its server is gone; every other command is Odoo's own.
"""

import os
import sys
import time

if __name__ == "__main__":
    os.environ["TZ"] = "UTC"  # as odoo-bin, before time is used
    if sys.argv[1:2] == ["gevent"]:
        parent = os.getppid()
        while os.getppid() == parent:  # the server SIGKILLs it when it stops
            time.sleep(1)
        sys.exit(0)
    import odoo

    odoo.cli.main()
