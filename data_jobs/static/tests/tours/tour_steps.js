/** @odoo-module **/
/**
 * Steps the data_jobs tours share: opening the import wizard from a list's
 * cog menu, picking a template, uploading a file the server serves (a demo
 * sample) and asking the Python side for a screenshot.
 */

/**
 * A screenshot of the page as it is now: the Python side (tests/test_tours.py)
 * watches the browser console for this line, and the step waits for the
 * capture to be taken before the tour goes on.
 */
export function screenshot(name) {
    return {
        content: `Screenshot: ${name}`,
        // once the requests are answered (no "Loading" badge in the picture)
        trigger: "body:not(:has(.o_loading_indicator))",
        async run() {
            console.log(`dj-screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 800));
        },
    };
}

export function openImportWizardFromCogMenu() {
    return [
        {
            content: "The list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Open the list's cog menu",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Import in background…",
            trigger: ".o-dropdown--menu .o_data_jobs_import_menu",
            run: "click",
        },
        {
            content: "The import wizard opens",
            trigger: ".modal .o_form_view div[name=file]",
        },
    ];
}

export function pickTemplate(name) {
    return [
        {
            content: `Pick the template "${name}"`,
            trigger: ".modal div[name=template_id] input",
            run: `edit ${name}`,
        },
        {
            trigger: `.modal .o-autocomplete--dropdown-item a:contains(${name})`,
            run: "click",
        },
        {
            content: "The template is set",
            trigger: `.modal div[name=template_id] input:value(${name})`,
        },
    ];
}

/** Upload the file at `url` (served by Odoo) in the wizard's file field. */
export function uploadFile(url, fileName) {
    return {
        content: `Upload ${fileName}`,
        trigger: ".modal div[name=file]",
        async run() {
            const response = await fetch(url);
            if (!response.ok) {
                throw new Error(`${url} answered ${response.status}`);
            }
            const blob = await response.blob();
            const input = this.anchor.querySelector("input[type=file]");
            const transfer = new DataTransfer();
            transfer.items.add(new File([blob], fileName, {type: blob.type}));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", {bubbles: true}));
        },
    };
}
