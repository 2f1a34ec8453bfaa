/** @odoo-module **/
/**
 * The data.job form and list (js_class "data_job_form" / "data_job_list"):
 * the standard views, re-reading the record(s) shown when the bus says one of
 * them moved (see job_progress_service.js). A form with unsaved changes is
 * left alone: the user's edits win over a progress refresh.
 */

import {registry} from "@web/core/registry";
import {useBus, useService} from "@web/core/utils/hooks";
import {formView} from "@web/views/form/form_view";
import {FormController} from "@web/views/form/form_controller";
import {listView} from "@web/views/list/list_view";
import {ListController} from "@web/views/list/list_controller";
import {makeCoalescedReload, PROGRESS_EVENT} from "./job_progress_service";

export class DataJobFormController extends FormController {
    setup() {
        super.setup();
        const {bus} = useService("data_jobs_progress");
        const onProgress = makeCoalescedReload(
            (payload) => {
                const root = this.model.root;
                return root && !root.isNew && root.resId === payload.job_id;
            },
            async () => {
                const root = this.model.root;
                if (await root.isDirty()) {
                    return;
                }
                await root.load();
            }
        );
        useBus(bus, PROGRESS_EVENT, ({detail}) => onProgress(detail));
    }
}

export class DataJobListController extends ListController {
    setup() {
        super.setup();
        const {bus} = useService("data_jobs_progress");
        const onProgress = makeCoalescedReload(
            (payload) => {
                const root = this.model.root;
                if (root.editedRecord) {
                    return false;
                }
                // grouped: the job may be in any group (or a folded one)
                return (
                    root.isGrouped ||
                    root.records.some((record) => record.resId === payload.job_id)
                );
            },
            () => this.model.root.load()
        );
        useBus(bus, PROGRESS_EVENT, ({detail}) => onProgress(detail));
    }
}

export const dataJobFormView = {...formView, Controller: DataJobFormController};
export const dataJobListView = {...listView, Controller: DataJobListController};

registry.category("views").add("data_job_form", dataJobFormView);
registry.category("views").add("data_job_list", dataJobListView);
