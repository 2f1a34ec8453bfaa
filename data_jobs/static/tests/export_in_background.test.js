/**
 * Hoot tests of the "Export in background…" entries and of the job-ended
 * pop-up. Run them in a browser, logged in, at
 * /web/tests?preset=desktop&suite=a43a5f41 (the hash of
 * "@data_jobs/export_in_background"; Odoo's HttpCase WebSuite runs them too).
 *
 * Known blocker: OCA queue_job 18.0's channel tree imports @web_editor without
 * depending on it, so hoot fails to load this addon's module set ("Error while
 * loading @queue_job/channel_tree/channel_tree.esm") unless the answer of
 * ir.module.module.dependency/all_dependencies lists web_editor among
 * queue_job's dependencies (a browser-side route override is enough).
 */
import {beforeEach, describe, expect, test} from "@odoo/hoot";
import {animationFrame} from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    fields,
    getService,
    makeMockEnv,
    models,
    mockService,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import {defineMailModels} from "@mail/../tests/mail_test_helpers";
import {registry} from "@web/core/registry";
import {WebClient} from "@web/webclient/webclient";
import {exportInBackgroundItem} from "@data_jobs/export_cog_menu/export_cog_menu";
import {
    EXPORT_WIZARD_ACTION,
    listOrder,
} from "@data_jobs/export_cog_menu/list_controller_patch";
import {
    dataJobsNotificationService,
    JOB_ENDED,
} from "@data_jobs/job_notification/job_notification_service";

describe.current.tags("desktop");

class DjPartner extends models.Model {
    _name = "dj.partner";

    name = fields.Char();
    email = fields.Char();
    phone = fields.Char();

    _records = [
        {id: 1, name: "Alpha", email: "a@dj.example"},
        {id: 2, name: "Beta", email: "b@dj.example"},
        {id: 3, name: "Gamma", email: "c@dj.example"},
    ];
    _views = {
        list: `<list>
            <field name="name"/>
            <field name="email"/>
            <field name="phone" optional="hide"/>
        </list>`,
        search: `<search/>`,
    };
}

defineModels([DjPartner]);
defineMailModels();

/** What our code asked the action service to do (other actions run). */
let doActionCalls;

beforeEach(() => {
    registry
        .category("cogMenu")
        .add("data-jobs-export-menu", exportInBackgroundItem, {force: true});
    doActionCalls = [];
    mockService("action", {
        doAction(action, options) {
            if (
                action === EXPORT_WIZARD_ACTION ||
                action?.res_model === "data.job" ||
                action?.type === "ir.actions.act_url"
            ) {
                doActionCalls.push({action, options});
                return true;
            }
            return super.doAction(...arguments);
        },
    });
});

async function openPartnerList(domain = []) {
    await mountWithCleanup(WebClient);
    await getService("action").doAction({
        res_model: "dj.partner",
        type: "ir.actions.act_window",
        views: [[false, "list"]],
        domain,
    });
}

test("the cog menu opens the wizard with the list's domain and columns", async () => {
    onRpc("has_group", () => true);
    await openPartnerList([["name", "!=", "Zeta"]]);
    await contains(".o_cp_action_menus .dropdown-toggle").click();
    await contains(".o_data_jobs_export_menu").click();
    await animationFrame();
    expect(doActionCalls).toHaveLength(1);
    const {action, options} = doActionCalls[0];
    expect(action).toBe(EXPORT_WIZARD_ACTION);
    expect(options.additionalContext).toEqual({
        default_res_model: "dj.partner",
        default_domain: `[("name", "!=", "Zeta")]`,
        default_record_ids: false,
        default_field_names: ["name", "email"],
    });
});

test("the list's sort order goes to the wizard", async () => {
    onRpc("has_group", () => true);
    await openPartnerList();
    // a first click sorts ascending, a second one descending
    await contains("th[data-name=name]").click();
    await contains("th[data-name=name]").click();
    await contains(".o_cp_action_menus .dropdown-toggle").click();
    await contains(".o_data_jobs_export_menu").click();
    await animationFrame();
    const context = doActionCalls[0].options.additionalContext;
    expect(context.default_order_field).toBe("name");
    expect(context.default_order_direction).toBe("desc");
});

test("listOrder: the first key of a list's orderBy, nothing without one", () => {
    expect(listOrder([])).toEqual({});
    expect(listOrder(undefined)).toEqual({});
    expect(
        listOrder([
            {name: "email", asc: true},
            {name: "name", asc: false},
        ])
    ).toEqual({default_order_field: "email", default_order_direction: "asc"});
});

test("selected records go to the wizard from the Actions menu", async () => {
    onRpc("has_group", () => true);
    await openPartnerList();
    await contains(".o_data_row:eq(0) .o_list_record_selector input").click();
    await contains(".o_data_row:eq(2) .o_list_record_selector input").click();
    await contains(".o_cp_action_menus .dropdown-toggle").click();
    await contains(".dropdown-item:contains(Export in background)").click();
    await animationFrame();
    expect(doActionCalls).toHaveLength(1);
    expect(doActionCalls[0].options.additionalContext.default_record_ids).toEqual([
        1, 3,
    ]);
});

test("no entry for users outside the data jobs group", async () => {
    onRpc("has_group", ({args}) => args[1] === "base.group_allow_export");
    await openPartnerList();
    await contains(".o_cp_action_menus .dropdown-toggle").click();
    expect(".o_data_jobs_export_menu").toHaveCount(0);
    await contains(".o_data_row:eq(0) .o_list_record_selector input").click();
    await contains(".o_cp_action_menus .dropdown-toggle").click();
    expect(".dropdown-item:contains(Export in background)").toHaveCount(0);
});

test("a job's end shows a notification with Download and Open job", async () => {
    let onJobEnded;
    const shown = [];
    mockService("bus_service", {
        subscribe(type, callback) {
            if (type === JOB_ENDED) {
                onJobEnded = callback;
            }
        },
        start() {},
    });
    let closed = 0;
    mockService("notification", {
        add(message, options) {
            shown.push({message, options});
            return () => closed++;
        },
    });
    registry
        .category("services")
        .add("data_jobs_notification", dataJobsNotificationService, {force: true});
    await makeMockEnv();
    onJobEnded({
        job_id: 7,
        state: "done",
        title: "Data job DJ/00007",
        message: "DJ/00007 ended: Done.",
        type: "success",
        sticky: false,
        url: "/odoo/action-data_jobs.data_job_action/7",
        download_url: "/web/content/42?download=true",
    });
    expect(shown).toHaveLength(1);
    const {message, options} = shown[0];
    expect(message).toBe("DJ/00007 ended: Done.");
    expect(options.title).toBe("Data job DJ/00007");
    expect(options.buttons.map((b) => b.name)).toEqual(["Download", "Open job"]);
    options.buttons[0].onClick();
    expect(closed).toBe(0, {message: "Download keeps the pop-up and its Open job"});
    options.buttons[1].onClick();
    expect(closed).toBe(1);
    expect(doActionCalls.map((c) => c.action)).toEqual([
        {
            type: "ir.actions.act_url",
            url: "/web/content/42?download=true",
            target: "download",
        },
        {
            type: "ir.actions.act_window",
            res_model: "data.job",
            res_id: 7,
            views: [[false, "form"]],
            target: "current",
        },
    ]);
});
