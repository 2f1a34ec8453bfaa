/**
 * Hoot tests of live progress: the job form and list re-read the shown job
 * when the bus says it moved, and the "My data jobs" systray lists the
 * user's jobs and follows the same messages. Run them at
 * /web/tests?preset=desktop&filter=data_jobs (see export_in_background.test.js
 * for the queue_job / web_editor note).
 */
import {beforeEach, describe, expect, test} from "@odoo/hoot";
import {animationFrame} from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    fields,
    makeMockEnv,
    MockServer,
    mockService,
    models,
    mountView,
    mountWithCleanup,
    onRpc,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import {defineMailModels} from "@mail/../tests/mail_test_helpers";
import {registry} from "@web/core/registry";
import {session} from "@web/session";
import {
    dataJobsProgressService,
    JOB_PROGRESS,
    makeCoalescedReload,
} from "@data_jobs/job_progress/job_progress_service";
import "@data_jobs/job_progress/data_job_views";
import {DataJobsSystray} from "@data_jobs/systray/data_jobs_systray";

describe.current.tags("desktop");

class DataJob extends models.Model {
    _name = "data.job";

    name = fields.Char();
    state = fields.Selection({
        selection: [
            ["queued", "Queued"],
            ["running", "Running"],
            ["done", "Done"],
        ],
    });
    processed_rows = fields.Integer();
    created_count = fields.Integer();

    _records = [
        {id: 1, name: "DJ/00001", state: "running", processed_rows: 0},
        {id: 2, name: "DJ/00002", state: "queued", processed_rows: 0},
    ];
    _views = {
        form: `<form js_class="data_job_form">
            <field name="name"/>
            <field name="state"/>
            <field name="processed_rows"/>
        </form>`,
        list: `<list js_class="data_job_list">
            <field name="name"/>
            <field name="state"/>
            <field name="processed_rows"/>
        </list>`,
    };
}

defineModels([DataJob]);
defineMailModels();

/** The callbacks subscribed to data_jobs.job_progress, called as the bus would. */
let listeners;

function busSays(payload) {
    for (const callback of listeners) {
        callback(payload);
    }
}

beforeEach(() => {
    listeners = [];
    mockService("bus_service", {
        subscribe(type, callback) {
            if (type === JOB_PROGRESS) {
                listeners.push(callback);
            }
        },
        start() {},
    });
    registry
        .category("services")
        .add("data_jobs_progress", dataJobsProgressService, {force: true});
});

function countReads(method) {
    const calls = [];
    onRpc("data.job", method, ({args}) => {
        calls.push(args[0]);
    });
    return calls;
}

test("the job form re-reads its job when the bus says it moved", async () => {
    const reads = countReads("web_read");
    await mountView({type: "form", resModel: "data.job", resId: 1});
    expect(".o_field_widget[name=processed_rows] input").toHaveValue("0");
    expect(reads).toHaveLength(1);

    MockServer.env["data.job"].write([1], {processed_rows: 500});
    busSays({job_id: 2, state: "running"}); // another job: nothing to read
    await animationFrame();
    expect(reads).toHaveLength(1);

    busSays({job_id: 1, state: "running"});
    await animationFrame();
    expect(reads).toHaveLength(2);
    expect(".o_field_widget[name=processed_rows] input").toHaveValue("500");

    MockServer.env["data.job"].write([1], {state: "done", processed_rows: 900});
    busSays({job_id: 1, state: "done"});
    await animationFrame();
    expect(".o_field_widget[name=processed_rows] input").toHaveValue("900");
    expect(".o_field_widget[name=state] select").toHaveValue('"done"');
});

test("a form with unsaved changes is not refreshed", async () => {
    const reads = countReads("web_read");
    await mountView({type: "form", resModel: "data.job", resId: 1});
    await contains(".o_field_widget[name=name] input").edit("Mine", {confirm: false});
    MockServer.env["data.job"].write([1], {processed_rows: 500});
    busSays({job_id: 1, state: "running"});
    await animationFrame();
    expect(reads).toHaveLength(1);
    expect(".o_field_widget[name=name] input").toHaveValue("Mine");
});

test("the jobs list reloads when one of its jobs moves", async () => {
    const reads = countReads("web_search_read");
    await mountView({type: "list", resModel: "data.job"});
    expect(reads).toHaveLength(1);
    busSays({job_id: 99, state: "running"}); // not in the list
    await animationFrame();
    expect(reads).toHaveLength(1);
    MockServer.env["data.job"].write([2], {state: "running", processed_rows: 70});
    busSays({job_id: 2, state: "running"});
    await animationFrame();
    expect(reads).toHaveLength(2);
    expect(".o_data_row:eq(1) .o_data_cell[name=processed_rows]").toHaveText("70");
});

test("a burst of messages costs at most one more reload", async () => {
    const done = [];
    let release;
    const reload = makeCoalescedReload(
        () => true,
        () =>
            new Promise((resolve) => {
                done.push("reload");
                release = resolve;
            })
    );
    reload({});
    reload({});
    reload({});
    expect(done).toEqual(["reload"]);
    release();
    await animationFrame();
    expect(done).toEqual(["reload", "reload"]);
    release();
    await animationFrame();
    expect(done).toEqual(["reload", "reload"]);
});

const SYSTRAY_JOBS = [
    {
        job_id: 1,
        name: "DJ/00001",
        model_name: "Contact",
        state: "running",
        display_state: "running",
        state_label: "Running",
        dry_run: false,
        progress: 20,
        processed_rows: 200,
        total_rows: 1000,
        error_count: 0,
        summary: "",
        file_name: false,
        file_url: false,
    },
    {
        job_id: 3,
        name: "DJ/00003",
        model_name: "Contact",
        state: "done",
        display_state: "done_errors",
        state_label: "Done with errors",
        dry_run: true,
        progress: 100,
        processed_rows: 4,
        total_rows: 4,
        error_count: 1,
        summary: "Dry run, nothing was kept: would create 3",
        file_name: "partners_failed.csv",
        file_url: "/web/content/42?download=true",
    },
];

test("the systray lists my jobs and follows their progress", async () => {
    patchWithCleanup(session, {data_jobs_systray: {busy: 1}});
    const calls = [];
    onRpc("data.job", "systray_jobs", () => {
        calls.push("systray_jobs");
        return JSON.parse(JSON.stringify(SYSTRAY_JOBS));
    });
    await makeMockEnv();
    await mountWithCleanup(DataJobsSystray);
    expect(".o_data_jobs_systray_counter").toHaveText("1");
    expect(calls).toHaveLength(0); // nothing read before it is needed

    await contains(".o_data_jobs_systray").click();
    expect(calls).toHaveLength(1);
    expect(".o_data_jobs_systray_job").toHaveCount(2);
    expect(".o_data_jobs_systray_job:eq(1) .o_data_jobs_systray_state").toHaveText(
        "Done with errors"
    );
    expect(".o_data_jobs_systray_job:eq(1) .o_data_jobs_systray_file").toHaveAttribute(
        "href",
        "/web/content/42?download=true"
    );
    expect(".o_data_jobs_systray_job:eq(1)").toHaveText(/Dry run/);
    expect(".o_data_jobs_systray_progress").toHaveAttribute("aria-valuenow", "20");

    busSays({...SYSTRAY_JOBS[0], progress: 60, processed_rows: 600});
    await animationFrame();
    expect(".o_data_jobs_systray_progress").toHaveAttribute("aria-valuenow", "60");
    expect(calls).toHaveLength(1); // updated from the message itself

    busSays({...SYSTRAY_JOBS[0], state: "done", display_state: "done", progress: 100});
    await animationFrame();
    expect(".o_data_jobs_systray_counter").toHaveCount(0);
    expect(".o_data_jobs_systray_progress").toHaveCount(0);

    busSays({...SYSTRAY_JOBS[0], job_id: 5, name: "DJ/00005"}); // a new job
    await animationFrame();
    expect(calls).toHaveLength(2);
});

test("the systray opens a job's form", async () => {
    patchWithCleanup(session, {data_jobs_systray: {busy: 0}});
    onRpc("data.job", "systray_jobs", () => SYSTRAY_JOBS);
    const opened = [];
    mockService("action", {
        doAction(action) {
            opened.push(action);
        },
    });
    await makeMockEnv();
    await mountWithCleanup(DataJobsSystray);
    expect(".o_data_jobs_systray_counter").toHaveCount(0);
    await contains(".o_data_jobs_systray").click();
    await contains(".o_data_jobs_systray_job:eq(0)").click();
    expect(opened).toEqual([
        {
            type: "ir.actions.act_window",
            res_model: "data.job",
            res_id: 1,
            views: [[false, "form"]],
            target: "current",
        },
    ]);
});

test("the systray is shown to data jobs users only", async () => {
    const item = registry.category("systray").get("data_jobs.systray");
    patchWithCleanup(session, {data_jobs_systray: undefined});
    expect(item.isDisplayed()).toBe(false);
    patchWithCleanup(session, {data_jobs_systray: {busy: 0}});
    expect(item.isDisplayed()).toBe(true);
});
