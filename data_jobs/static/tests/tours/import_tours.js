/** @odoo-module **/
/**
 * The import a user does from a list (tests/test_tours.py runs these tours as
 * a plain Data Jobs user and runs the queued jobs between them).
 */
import {
    openImportWizardFromCogMenu,
    pickTemplate,
    screenshot,
    uploadFile,
} from "./tour_steps";
import {registry} from "@web/core/registry";

const SAMPLE = "/data_jobs_demo/static/samples/partners_with_errors.csv";

/** Contacts list → Import in background… → template → upload → preview →
 * the Tags column set to "Do not import" from the mapping dropdown. */
function wizardSteps() {
    return [
        ...openImportWizardFromCogMenu(),
        ...pickTemplate("Partners by reference"),
        uploadFile(SAMPLE, "partners_with_errors.csv"),
        {
            content: "The preview lists the file's columns",
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Country Code)",
        },
        {
            content: "The preview shows the first rows",
            trigger: ".modal .o_notebook a:contains(First Rows)",
            run: "click",
        },
        {
            trigger: ".modal div[name=preview_html]:contains(Helios Trading SA)",
        },
        screenshot("import_preview"),
        {
            trigger: ".modal .o_notebook a:contains(Columns)",
            run: "click",
        },
        {
            content: "Edit the Tags column's field",
            trigger:
                ".modal div[name=line_ids] .o_data_row:contains(Tags) td[name=field_path]",
            run: "click",
        },
        {
            content: "Open the mapping dropdown",
            trigger:
                ".modal div[name=line_ids] .o_selected_row .o_data_jobs_import_field .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger:
                ".o_select_menu_menu input.o_select_menu_sticky, .o_select_menu_menu input",
        },
        screenshot("import_mapping_dropdown"),
        {
            content: "Do not import the Tags column",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Do not import)",
            run: "click",
        },
        {
            content: "Leave the row",
            trigger: ".modal div[name=key_summary]",
            run: "click",
        },
        {
            content: "The Tags column is no longer imported",
            trigger:
                ".modal div[name=line_ids] .o_data_row:contains(Tags):not(.o_selected_row) td[name=field_path]:contains(Not imported)",
        },
    ];
}

registry.category("web_tour.tours").add("data_jobs_import_dry_run", {
    steps: () => [
        ...wizardSteps(),
        {
            content: "Dry run",
            trigger: ".modal footer button[name=action_dry_run]",
            run: "click",
        },
        {
            content: "The dry-run job's form opens, queued",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Queued)",
        },
        {
            trigger:
                ".o_form_view div[name=file_format], .o_form_view .oe_title:contains(DJ/)",
        },
    ],
});

/** The dry run, once run (by the Python side): the form says it was a dry
 * run and its counters say what the import would do. */
registry.category("web_tour.tours").add("data_jobs_dry_run_done", {
    steps: () => [
        {
            content: "The form says dry run",
            trigger: ".o_form_view .ribbon:contains(Dry run)",
        },
        {
            content: "Its counters say what the import would create",
            trigger: ".o_form_view .o_form_label:contains(Would create)",
        },
        {
            content: "…and would update",
            trigger: ".o_form_view .o_form_label:contains(Would update)",
        },
        screenshot("dry_run_done"),
    ],
});

registry.category("web_tour.tours").add("data_jobs_import_start", {
    steps: () => [
        ...wizardSteps(),
        {
            content: "Start the import",
            trigger: ".modal footer button[name=action_start]",
            run: "click",
        },
        {
            content: "The job's form opens, queued",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Queued)",
        },
        screenshot("import_queued"),
    ],
});

/** The ended job (run by the Python side): state, counters, log lines and
 * the failed-rows file. */
registry.category("web_tour.tours").add("data_jobs_import_done", {
    steps: () => [
        {
            content: "The job is done",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "Created counter",
            trigger: ".o_form_view div[name=created_count]:contains(3)",
        },
        {
            content: "Updated counter",
            trigger: ".o_form_view div[name=updated_count]:contains(1)",
        },
        {
            content: "Error counter",
            trigger: ".o_form_view div[name=error_count]:contains(5)",
        },
        {
            content: "A log line names the row, the column and the value",
            trigger:
                ".o_form_view div[name=log_ids] .o_data_row:contains(Country Code):contains(XX)",
        },
        {
            content: "The failed rows can be downloaded",
            trigger: ".o_form_view button[name=action_download_failed]",
        },
        screenshot("import_done"),
    ],
});

/** A job that failed: the banner says so and the log lists the rows. */
registry.category("web_tour.tours").add("data_jobs_failed_job", {
    steps: () => [
        {
            content: "The job failed",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Failed)",
        },
        {
            content: "The banner says why",
            trigger: ".o_form_view .alert-danger:contains(This job failed)",
        },
        {
            content: "The log lists the row that stopped it",
            trigger:
                ".o_form_view div[name=log_ids] .o_data_row:contains(Country Code):contains(XX)",
        },
        {
            content: "Retry is offered",
            trigger: ".o_form_view .o_form_statusbar button[name=action_retry]",
        },
        screenshot("failed_job"),
        {
            content: "Show the log lines",
            trigger: ".o_form_view div[name=log_ids] .o_data_row",
            run() {
                this.anchor.scrollIntoView({block: "center"});
            },
        },
        screenshot("failed_job_log"),
    ],
});
