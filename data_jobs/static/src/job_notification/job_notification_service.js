/** @odoo-module **/
/**
 * The pop-up a user gets when one of their data jobs ends.
 *
 * The server (data.job._notify_owner) sends a "data_jobs.job_ended" bus
 * notification to the job's owner; it is shown with buttons to download the
 * file (when there is one) and to open the job.
 */

import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

export const JOB_ENDED = "data_jobs.job_ended";
const AUTOCLOSE_DELAY = 15000; // long enough to reach the Download button

export function showJobEnded(payload, {notification, action}) {
    let close = () => {};
    // Download keeps the pop-up open, so that "Open job" stays reachable
    const run =
        (todo, {keepOpen = false} = {}) =>
        () => {
            if (!keepOpen) {
                close();
            }
            return action.doAction(todo);
        };
    const buttons = [];
    if (payload.download_url) {
        buttons.push({
            name: _t("Download"),
            icon: "fa-download",
            primary: true,
            onClick: run(
                {
                    type: "ir.actions.act_url",
                    url: payload.download_url,
                    target: "download",
                },
                {keepOpen: true}
            ),
        });
    }
    buttons.push({
        name: _t("Open job"),
        primary: !payload.download_url,
        onClick: run({
            type: "ir.actions.act_window",
            res_model: "data.job",
            res_id: payload.job_id,
            views: [[false, "form"]],
            target: "current",
        }),
    });
    close = notification.add(payload.message, {
        title: payload.title,
        type: payload.type,
        sticky: payload.sticky,
        autocloseDelay: AUTOCLOSE_DELAY,
        className: "o_data_jobs_job_ended",
        buttons,
    });
    return close;
}

export const dataJobsNotificationService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, {bus_service, notification, action}) {
        bus_service.subscribe(JOB_ENDED, (payload) =>
            showJobEnded(payload, {notification, action})
        );
        bus_service.start();
    },
};

registry
    .category("services")
    .add("data_jobs_notification", dataJobsNotificationService);
