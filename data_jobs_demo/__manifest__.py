# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Data Jobs Demo",
    "summary": "Sample files, resources and jobs that show every Data Jobs feature",
    "version": "18.0.1.0.0",
    "category": "Tools",
    "website": "https://github.com/data-jobs/data_jobs",
    "author": "data_jobs contributors",
    "maintainers": ["data-jobs"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["data_jobs", "contacts", "sale_management", "purchase"],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/data_job_template_demo.xml",
        "demo/data_job_demo.xml",
    ],
}
