/** @odoo-module **/

import { registry } from "@web/core/registry";

const OBJECTIVES = '.o_field_widget[name="objective_ids"]';

// The administrator of a company with no cycle opens the Performance app: the
// setup explains the cycle, the level policies and the rating scale, takes
// the first goal of the year and decomposes it to the departments; the app
// then shows the cascade.
registry.category("web_tour.tours").add("perf_management_first_run", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Performance app",
            trigger: '.o_app[data-menu-xmlid="perf_management.menu_perf_root"]',
            run: "click",
        },
        {
            content: "The setup tells which cycle it makes",
            trigger: '.o_form_view .o_field_widget[name="cycle_summary"]:contains("17 periods")',
        },
        {
            content: "Each level's policy is explained in one line",
            trigger:
                '.o_field_widget[name="policy_ids"] .o_data_row:contains("outcomes count, effort does not")',
        },
        {
            content: "The rating scale shows its payroll coefficients",
            trigger: '.o_field_widget[name="band_ids"] .o_data_row:contains("1.20")',
        },
        {
            content: "The departments that get a share are listed",
            trigger: '.o_field_widget[name="department_ids"]:contains("Tour Setup Sales")',
        },
        {
            content: "Add the first goal of the year",
            trigger: `${OBJECTIVES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Name it",
            trigger: `${OBJECTIVES} .o_data_row .o_field_widget[name="name"] input`,
            run: "edit Tour grow revenue",
        },
        {
            content: "Give it the target of the year",
            trigger: `${OBJECTIVES} .o_data_row .o_field_widget[name="target_value"] input`,
            run: "edit 900000",
        },
        {
            content: "Set up",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_setup"]',
            run: "click",
        },
        {
            content: "The cascade shows the company objective",
            trigger: '.o_hierarchy_view .o_hierarchy_node:contains("Tour grow revenue")',
        },
        {
            content: "and its department objectives",
            trigger:
                '.o_hierarchy_view .o_hierarchy_node:contains("Tour grow revenue - Tour Setup Sales")',
        },
    ],
});

// A user of a company nobody has set up opens the app: a screen tells them
// who sets it up, instead of empty lists.
registry.category("web_tour.tours").add("perf_management_not_set_up", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Performance app",
            trigger: '.o_app[data-menu-xmlid="perf_management.menu_perf_root"]',
            run: "click",
        },
        {
            content: "The app says it is not set up and whom to ask",
            trigger: '.o_perf_setup_pending:contains("not set up yet"):contains("Ada Tour Setup")',
        },
        {
            content: "The app's menu bar is there",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_objectives"]',
        },
    ],
});
