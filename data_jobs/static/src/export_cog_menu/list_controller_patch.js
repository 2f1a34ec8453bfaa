/** @odoo-module **/
/**
 * Every list view can open the export wizard with what the user sees: its
 * model, its current domain, the selected records (or the whole domain when
 * "select all" is active) and its visible columns as the first field paths.
 *
 * Without a selection the cog menu item asks for it (EXPORT_EVENT); with one,
 * Odoo 18 shows the "Actions" menu instead of the cog menu, so the same entry
 * is added there.
 */

import {onWillStart} from "@odoo/owl";
import {Domain} from "@web/core/domain";
import {_t} from "@web/core/l10n/translation";
import {user} from "@web/core/user";
import {useBus} from "@web/core/utils/hooks";
import {patch} from "@web/core/utils/patch";
import {ListController} from "@web/views/list/list_controller";
import {DATA_JOB_USER_GROUP, EXPORT_EVENT, EXPORT_GROUP} from "./export_cog_menu";

export const EXPORT_WIZARD_ACTION = "data_jobs.data_job_export_wizard_action";

/**
 * The wizard's Sort By of a list's `orderBy` ([{name, asc}]): its first key,
 * which the user chose by clicking a column header (or the view's default
 * order). Nothing when the list follows the model's own order.
 */
export function listOrder(orderBy) {
    const first = (orderBy || [])[0];
    if (!first || !first.name) {
        return {};
    }
    return {
        default_order_field: first.name,
        default_order_direction: first.asc === false ? "desc" : "asc",
    };
}

patch(ListController.prototype, {
    setup() {
        super.setup(...arguments);
        this.dataJobsCanExport = false;
        onWillStart(async () => {
            this.dataJobsCanExport =
                (await user.hasGroup(DATA_JOB_USER_GROUP)) &&
                (await user.hasGroup(EXPORT_GROUP));
        });
        useBus(this.env.searchModel, EXPORT_EVENT, () =>
            this.openDataJobsExportWizard()
        );
    },

    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems(...arguments);
        items.dataJobsExport = {
            isAvailable: () => this.dataJobsCanExport,
            sequence: 15,
            icon: "fa fa-cloud-upload",
            description: _t("Export in background…"),
            callback: () => this.openDataJobsExportWizard(),
        };
        return items;
    },

    /** The wizard's defaults: what the list shows and what is selected. */
    async dataJobsExportContext() {
        const root = this.model.root;
        const recordIds = root.isDomainSelected ? [] : await this.getSelectedResIds();
        return {
            default_res_model: root.resModel,
            default_domain: new Domain(root.domain).toString(),
            default_record_ids: recordIds.length ? recordIds : false,
            default_field_names: this.defaultExportList.map((field) => field.name),
            // the rows come in the list's order: its first sort key
            ...listOrder(root.orderBy),
        };
    },

    async openDataJobsExportWizard() {
        await this.actionService.doAction(EXPORT_WIZARD_ACTION, {
            additionalContext: await this.dataJobsExportContext(),
        });
    },
});
