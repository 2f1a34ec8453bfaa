/** @odoo-module **/
/**
 * "Import in background…" in the cog menu of every list view: opens the
 * import wizard with the list's model preset.
 *
 * It is shown where Odoo's own "Import records" item would be (an action's
 * list whose arch allows import and creation: the server sets create="False"
 * on the arch of a model the user may not create records of), and only to
 * Data Jobs users.
 */

import {Component} from "@odoo/owl";
import {DropdownItem} from "@web/core/dropdown/dropdown_item";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {useService} from "@web/core/utils/hooks";
import {exprToBoolean} from "@web/core/utils/strings";
import {STATIC_ACTIONS_GROUP_NUMBER} from "@web/search/action_menus/action_menus";

export const IMPORT_WIZARD_ACTION = "data_jobs.data_job_import_wizard_action";
const DATA_JOB_USER_GROUP = "data_jobs.group_data_job_user";

export class ImportInBackground extends Component {
    static template = "data_jobs.ImportInBackground";
    static components = {DropdownItem};
    static props = {};

    setup() {
        this.action = useService("action");
    }

    onSelected() {
        this.action.doAction(IMPORT_WIZARD_ACTION, {
            additionalContext: {default_res_model: this.env.searchModel.resModel},
        });
    }
}

export const importInBackgroundItem = {
    Component: ImportInBackground,
    groupNumber: STATIC_ACTIONS_GROUP_NUMBER,
    isDisplayed: async ({config, isSmall}) =>
        !isSmall &&
        config.actionType === "ir.actions.act_window" &&
        config.viewType === "list" &&
        exprToBoolean(config.viewArch.getAttribute("import"), true) &&
        exprToBoolean(config.viewArch.getAttribute("create"), true) &&
        (await user.hasGroup(DATA_JOB_USER_GROUP)),
};

registry.category("cogMenu").add("data-jobs-import-menu", importInBackgroundItem, {
    sequence: 14,
});
