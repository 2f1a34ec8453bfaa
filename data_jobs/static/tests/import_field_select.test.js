/**
 * Hoot tests of the import wizard's field picker: its search matches words by
 * their start, not Odoo's loose fuzzy subsequence (issue 12 point 5). Run with
 * the other suites of this folder (see export_in_background.test.js).
 */
import {describe, expect, test} from "@odoo/hoot";
import {matchesWordPrefixes} from "@data_jobs/import_wizard/import_field_select";
import {fuzzyLookup} from "@web/core/utils/search";

describe.current.tags("desktop");

const LABELS = [
    "Street",
    "Street2",
    "Starred Message",
    "Company / Street",
    "Email",
    "Activity Exception Decoration",
    "Pays d'été",
];

const search = (typed) => LABELS.filter((label) => matchesWordPrefixes(typed, label));

test("a word typed must begin a word of the label", () => {
    expect(search("stre")).toEqual(["Street", "Street2", "Company / Street"]);
    expect(search("mess")).toEqual(["Starred Message"]);
    expect(search("comp str")).toEqual(["Company / Street"]);
    expect(search("treet")).toEqual([]);
    expect(search("STREET2")).toEqual(["Street2"]);
    expect(search("ete")).toEqual(["Pays d'été"]);
});

test("Odoo's fuzzy search would list Starred Message for stre", () => {
    const fuzzy = fuzzyLookup("stre", LABELS, (label) => label);
    expect(fuzzy).toInclude("Starred Message");
    expect(search("stre")).not.toInclude("Starred Message");
});
