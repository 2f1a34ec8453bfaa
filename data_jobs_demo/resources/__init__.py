# Registering happens on import: each module's @register_resource class serves
# its model in the databases where data_jobs_demo is installed.
from . import product_template, res_partner
