/** @odoo-module **/
/**
 * Live progress of data jobs: the one listener of the bus messages a job's
 * owner gets while it runs ("data_jobs.job_progress", sent by
 * data.job._send_progress after each committed batch, throttled to about
 * one a second per job) and when it ends ("data_jobs.job_ended").
 *
 * Views and the systray subscribe to this service's bus ("job-progress")
 * instead of polling: a tab does nothing until a job it shows moves.
 */

import {EventBus} from "@odoo/owl";
import {registry} from "@web/core/registry";

export const JOB_PROGRESS = "data_jobs.job_progress";
export const JOB_ENDED = "data_jobs.job_ended";
export const PROGRESS_EVENT = "job-progress";

export const dataJobsProgressService = {
    dependencies: ["bus_service"],
    start(env, {bus_service}) {
        const bus = new EventBus();
        const relay = (payload) => bus.trigger(PROGRESS_EVENT, payload);
        bus_service.subscribe(JOB_PROGRESS, relay);
        bus_service.subscribe(JOB_ENDED, relay);
        bus_service.start();
        return {bus};
    },
};

registry.category("services").add("data_jobs_progress", dataJobsProgressService);

/**
 * Calls ``reload`` for each message ``matches``, never two reloads at once:
 * a message that arrives during a reload asks for one more after it, so the
 * last message is always shown and a burst costs at most two reads.
 */
export function makeCoalescedReload(matches, reload) {
    let running = null;
    let again = false;
    const run = async () => {
        do {
            again = false;
            await reload();
        } while (again);
        running = null;
    };
    return (payload) => {
        if (!matches(payload)) {
            return;
        }
        if (running) {
            again = true;
            return running;
        }
        running = run();
        return running;
    };
}
