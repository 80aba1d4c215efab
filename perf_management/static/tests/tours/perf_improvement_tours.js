/** @odoo-module **/

import { registry } from "@web/core/registry";

// A manager follows up the open action of her report's previous appraisal
// and writes a new one in his improvement plan.
registry.category("web_tour.tours").add("perf_improvement_plan", {
    steps: () => [
        {
            content: "Open the Improvement Plan page",
            trigger: '.o_notebook a[name="improvement_plan"]',
            run: "click",
        },
        {
            content: "The open action of the previous appraisal is listed",
            trigger: '.o_field_widget[name="previous_action_ids"] .o_data_row:contains("Tour shadow a key account")',
        },
        {
            content: "Carry it over",
            trigger: '.o_field_widget[name="previous_action_ids"] button[name="action_carry_over"]',
            run: "click",
        },
        {
            content: "It is now in the plan",
            trigger: '.o_field_widget[name="action_ids"] .o_data_row:contains("Tour shadow a key account")',
        },
        {
            content: "It left the previous appraisal's list",
            trigger: 'body:not(:has(.o_field_widget[name="previous_action_ids"] .o_data_row))',
        },
        {
            content: "Add an action",
            trigger: '.o_field_widget[name="action_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Say what is to be done",
            trigger: '.o_field_widget[name="action_ids"] .o_selected_row .o_field_widget[name="name"] input',
            run: "edit Tour pricing course",
        },
        {
            content: "Save the appraisal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

// A department manager reads her unit's results, answers a question of the
// method and records a finding with its action.
registry.category("web_tour.tours").add("perf_org_review", {
    steps: () => [
        {
            content: "The unit's results are shown",
            trigger: '.o_notebook .o_field_widget[name="objective_count"]:contains("1")',
        },
        {
            content: "Open the questions",
            trigger: '.o_notebook a[name="questions"]',
            run: "click",
        },
        {
            content: "The capabilities match the goals partly",
            trigger: '.o_field_widget[name="capabilities_match"] input[data-value="partly"]',
            run: "click",
        },
        {
            content: "Open the findings",
            trigger: '.o_notebook a[name="findings"]',
            run: "click",
        },
        {
            content: "Add a finding",
            trigger: '.o_field_widget[name="finding_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "What the review found",
            trigger: '.o_field_widget[name="finding_ids"] .o_selected_row .o_field_widget[name="finding"] textarea',
            run: "edit Tour quotes are slow",
        },
        {
            content: "The action it calls for",
            trigger: '.o_field_widget[name="finding_ids"] .o_selected_row .o_field_widget[name="name"] input',
            run: "edit Tour quote template",
        },
        {
            content: "Save the review",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
