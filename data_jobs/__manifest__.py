# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Data Jobs",
    "summary": "Background import and export of any model (CSV, XLSX, PDF, JSON) "
    "on queue_job, with row-level errors and progress",
    "version": "18.0.1.0.0",
    "category": "Tools",
    "website": "https://github.com/data-jobs/data_jobs",
    "author": "data_jobs contributors",
    "maintainers": ["data-jobs"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["base", "mail", "queue_job"],
    "external_dependencies": {
        "python": ["openpyxl", "xlsxwriter", "reportlab"],
    },
    "data": [
        "security/data_jobs_groups.xml",
        "security/ir.model.access.csv",
        "security/data_jobs_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/data_job_log_views.xml",
        "views/data_job_views.xml",
        "views/data_job_template_views.xml",
        "wizards/data_job_export_wizard_views.xml",
        "wizards/data_job_import_wizard_views.xml",
        "views/data_jobs_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "data_jobs/static/src/**/*",
        ],
        "web.assets_unit_tests": [
            "data_jobs/static/tests/**/*",
            ("remove", "data_jobs/static/tests/tours/**/*"),
        ],
        "web.assets_tests": [
            "data_jobs/static/tests/tours/**/*",
        ],
    },
}
