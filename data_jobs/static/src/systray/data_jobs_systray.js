/** @odoo-module **/
/**
 * "My data jobs": a systray menu listing the current user's waiting and
 * running jobs, then their latest others, with live progress (the bus
 * messages of job_progress_service.js), a link to each job and to its file.
 *
 * The page's session info says whether to show it and how many jobs are
 * busy (models/ir_http.py); the list itself (data.job.systray_jobs, read as
 * the user) is fetched when the menu opens or the first message arrives, then
 * kept up to date from the messages.
 */

import {Component, useState} from "@odoo/owl";
import {Dropdown} from "@web/core/dropdown/dropdown";
import {useDropdownState} from "@web/core/dropdown/dropdown_hooks";
import {registry} from "@web/core/registry";
import {session} from "@web/session";
import {useBus, useService} from "@web/core/utils/hooks";
import {PROGRESS_EVENT} from "../job_progress/job_progress_service";

const BUSY = ["queued", "running"];
export const JOBS_ACTION = "data_jobs.data_job_action";

export class DataJobsSystray extends Component {
    static template = "data_jobs.Systray";
    static components = {Dropdown};
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.dropdown = useDropdownState();
        this.state = useState({
            jobs: null, // null: not read yet
            busy: session.data_jobs_systray?.busy || 0,
        });
        const {bus} = useService("data_jobs_progress");
        useBus(bus, PROGRESS_EVENT, ({detail}) => this.onProgress(detail));
    }

    get busyCount() {
        if (this.state.jobs === null) {
            return this.state.busy;
        }
        return this.state.jobs.filter((job) => BUSY.includes(job.state)).length;
    }

    isBusy(job) {
        return BUSY.includes(job.state);
    }

    async load() {
        this.state.jobs = await this.orm.call("data.job", "systray_jobs", []);
    }

    onProgress(payload) {
        const job = (this.state.jobs || []).find((j) => j.job_id === payload.job_id);
        if (job && payload.display_state) {
            // a progress message carries everything a line shows
            Object.assign(job, payload);
        } else if (!job || this.state.jobs === null) {
            // a job the menu does not list yet (or the list was never read)
            return this.load();
        }
    }

    openJob(job) {
        this.dropdown.close();
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "data.job",
            res_id: job.job_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openAll() {
        this.dropdown.close();
        this.action.doAction(JOBS_ACTION);
    }
}

export const dataJobsSystrayItem = {
    Component: DataJobsSystray,
    // shown to data jobs users only (set by the server in the session info)
    isDisplayed: () => Boolean(session.data_jobs_systray),
};

registry
    .category("systray")
    .add("data_jobs.systray", dataJobsSystrayItem, {sequence: 30});
