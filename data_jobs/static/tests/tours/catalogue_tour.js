/** @odoo-module **/
/**
 * The demo's two-sheet workbook (categories and products) imported with its
 * template from Data Jobs › Import… (tests/test_tours.py runs the job).
 */
import {pickTemplate, screenshot, uploadFile} from "./tour_steps";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("data_jobs_catalogue_workbook", {
    steps: () => [
        {
            content: "The import wizard opens",
            trigger: ".modal .o_form_view div[name=file]",
        },
        {
            content: "Products",
            trigger: ".modal div[name=res_model] select",
            run: 'select "product.template"',
        },
        ...pickTemplate("Catalogue workbook"),
        uploadFile(
            "/data_jobs_demo/static/samples/catalogue_two_sheets.xlsx",
            "catalogue_two_sheets.xlsx"
        ),
        {
            content: "The preview lists the workbook's columns",
            trigger: ".modal div[name=line_ids] .o_data_row",
        },
        screenshot("catalogue_preview"),
        {
            content: "Start the import",
            trigger: ".modal footer button[name=action_start]",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Queued)",
        },
    ],
});

registry.category("web_tour.tours").add("data_jobs_catalogue_done", {
    steps: () => [
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "Six rows created: two categories and four products",
            trigger: ".o_form_view div[name=created_count]:contains(6)",
        },
        {
            trigger: ".o_form_view div[name=error_count]:contains(0)",
        },
        screenshot("catalogue_done"),
    ],
});
