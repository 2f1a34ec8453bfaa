/** @odoo-module **/
/**
 * "Export in background…" in the cog menu of every list view.
 *
 * The list controller (see list_controller_patch.js) knows the list's domain,
 * selection and visible columns: this item only asks it to open the export
 * wizard, as Odoo's own "Export All" item does. A sibling "Import in
 * background…" item can live in its own folder beside this one.
 */

import {Component} from "@odoo/owl";
import {DropdownItem} from "@web/core/dropdown/dropdown_item";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {STATIC_ACTIONS_GROUP_NUMBER} from "@web/search/action_menus/action_menus";

export const DATA_JOB_USER_GROUP = "data_jobs.group_data_job_user";
// Odoo's own "Export" needs this right: exporting in background does too.
export const EXPORT_GROUP = "base.group_allow_export";
export const EXPORT_EVENT = "data-jobs:export-in-background";

export class ExportInBackground extends Component {
    static template = "data_jobs.ExportInBackground";
    static components = {DropdownItem};
    static props = {};

    onSelected() {
        this.env.searchModel.trigger(EXPORT_EVENT);
    }
}

export const exportInBackgroundItem = {
    Component: ExportInBackground,
    groupNumber: STATIC_ACTIONS_GROUP_NUMBER,
    isDisplayed: async (env) =>
        env.config.viewType === "list" &&
        env.config.actionType === "ir.actions.act_window" &&
        Boolean(env.model?.root?.resModel) &&
        (await user.hasGroup(DATA_JOB_USER_GROUP)) &&
        (await user.hasGroup(EXPORT_GROUP)),
};

registry.category("cogMenu").add("data-jobs-export-menu", exportInBackgroundItem, {
    sequence: 15,
});
