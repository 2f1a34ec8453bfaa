/** @odoo-module **/
/**
 * The job form follows an export while it runs, without a reload: the test
 * (tests/test_tour_live_progress.py) opens a queued job's form, waits until
 * this tour opens the systray (the browser is listening), performs the job's
 * queue job then and lets the bus deliver its messages.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("data_jobs_live_progress", {
    steps: () => [
        {
            content: "The job is queued and the form says it follows it",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Queued)",
        },
        {
            trigger: ".o_data_job_running_banner:contains(its progress shows here)",
            run() {
                // a reload would forget this
                window.__dataJobsNoReload = true;
            },
        },
        {
            content: "Open My data jobs: the test runs the job once it is open",
            trigger: ".o_data_jobs_systray",
            run: "click",
        },
        {
            content: "The form shows the run's end without a reload",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
            timeout: 60000,
        },
        {
            trigger: ".o_field_widget[name=processed_rows]:contains(7)",
        },
        {
            trigger: ".o_field_widget[name=progress]:contains(100)",
        },
        {
            content: "The systray follows it too",
            trigger:
                ".o_data_jobs_systray_job .o_data_jobs_systray_state:contains(Done)",
        },
        {
            content: "The running banner went with the run",
            trigger: ".o_form_view:not(:has(.o_data_job_running_banner))",
        },
        {
            trigger: ".o_data_jobs_systray_job .o_data_jobs_systray_file",
            run() {
                if (!window.__dataJobsNoReload) {
                    throw new Error("The page was reloaded.");
                }
            },
        },
    ],
});
