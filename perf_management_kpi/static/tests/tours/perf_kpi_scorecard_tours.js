/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone, a manager opens the scorecard: its cards are grouped by
// colour, what needs attention (red) first, never by an empty "None"
// column.
registry.category("web_tour.tours").add("perf_kpi_scorecard_phone", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Show all the apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a:contains(All Apps)",
            run: "click",
        },
        {
            content: "Open the Performance app",
            trigger: '.o_app_menu_sidebar li.o_app[data-menu-xmlid="perf_management.menu_perf_root"]',
            run: "click",
        },
        {
            content: "The app is open",
            trigger: ".o_action_manager .o_view_controller",
        },
        {
            content: "Open the menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open the scorecard",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="perf_management_kpi.menu_perf_kpi_scorecard"]',
            run: "click",
        },
        {
            content: "The cards are grouped by colour, red first",
            trigger: ".o_kanban_view .o_kanban_group:first .o_kanban_header:contains(Red)",
        },
        {
            content: "The first column has cards",
            trigger: ".o_kanban_view .o_kanban_group:first .o_kanban_record",
        },
        {
            content: "No column of KPIs without an owner",
            trigger: ".o_kanban_view:not(:has(.o_kanban_header:contains(None)))",
        },
    ],
});
