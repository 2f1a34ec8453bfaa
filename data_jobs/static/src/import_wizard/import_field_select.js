/** @odoo-module **/
/**
 * The field a column of the import wizard fills: a searchable list of the
 * model's importable fields (the wizard's `field_choices`, [[path, label]]),
 * "Do not import", and the current path when it is not one of them (e.g. a
 * column matched on a related record's field, such as parent_id/ref).
 *
 * The search matches words by their start: every word typed must begin a word
 * of the field's label ("stre" finds "Street", "Street2", not "Starred
 * Message" as the fuzzy search of Odoo's SelectMenu would).
 */

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {SelectMenu} from "@web/core/select_menu/select_menu";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const IGNORE = "";

/** The words of a text, lower-case and without accents. */
function words(text) {
    return String(text || "")
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
}

/** Whether each word of `search` begins a word of `label`. */
export function matchesWordPrefixes(search, label) {
    const labelWords = words(label);
    return words(search).every((typed) =>
        labelWords.some((word) => word.startsWith(typed))
    );
}

/** Odoo's SelectMenu with the word-prefix search instead of the fuzzy one. */
export class WordPrefixSelectMenu extends SelectMenu {
    filterOptions(searchString = "", groups) {
        if (!searchString) {
            return super.filterOptions(searchString, groups);
        }
        const groupsList = groups || [
            {choices: this.props.choices},
            ...this.props.groups,
        ];
        const filtered = groupsList.map((group) => ({
            ...group,
            choices: group.choices.filter((choice) =>
                matchesWordPrefixes(searchString, choice.label)
            ),
        }));
        return super.filterOptions("", filtered);
    }
}

export class ImportFieldSelect extends Component {
    static template = "data_jobs.ImportFieldSelect";
    static components = {SelectMenu: WordPrefixSelectMenu};
    static props = {
        ...standardFieldProps,
        choicesField: {type: String, optional: true},
        labelField: {type: String, optional: true},
    };
    static defaultProps = {choicesField: "field_choices", labelField: "field_label"};

    get value() {
        return this.props.record.data[this.props.name] || false;
    }

    get choices() {
        const wizard = this.props.record.model.root;
        const choices = (wizard.data[this.props.choicesField] || []).map(
            ([value, label]) => ({value, label})
        );
        if (this.value && !choices.some((choice) => choice.value === this.value)) {
            choices.unshift({value: this.value, label: this.label});
        }
        return choices;
    }

    get groups() {
        return [
            {choices: [{value: IGNORE, label: _t("Do not import")}]},
            {label: _t("Fields"), choices: this.choices},
        ];
    }

    get label() {
        if (!this.value) {
            return "";
        }
        const wizard = this.props.record.model.root;
        const known = (wizard.data[this.props.choicesField] || []).find(
            ([value]) => value === this.value
        );
        return (
            (known && known[1]) ||
            this.props.record.data[this.props.labelField] ||
            this.value
        );
    }

    onSelect(value) {
        this.props.record.update({[this.props.name]: value || false});
    }
}

registry.category("fields").add("data_jobs_import_field", {
    component: ImportFieldSelect,
    displayName: _t("Import field"),
    supportedTypes: ["char"],
    extractProps: ({options}) => ({
        choicesField: options.choices_field,
        labelField: options.label_field,
    }),
});
