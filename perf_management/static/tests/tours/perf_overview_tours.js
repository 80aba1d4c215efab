/** @odoo-module **/

import { registry } from "@web/core/registry";

const CARD = ".o_kanban_view .o_kanban_record";

// A manager opens the Performance overview: the figures of their team by
// section, each card opening the records behind it.
registry.category("web_tour.tours").add("perf_management_overview", {
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
            content: "Open Reporting",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_reporting"]',
            run: "click",
        },
        {
            content: "Open the overview",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management.menu_perf_overview"]',
            run: "click",
        },
        {
            content: "The cascade section is a column of the overview",
            trigger: '.o_kanban_group .o_column_title:contains("Cascade")',
        },
        {
            content: "The progress of the team's employee objectives is shown",
            trigger: `${CARD}:contains("Employee objectives"):contains("40 %")`,
        },
        {
            content: "The appraisals to finish show their states",
            trigger: `${CARD}:contains("Appraisals to finish"):contains("Self Review: 1")`,
        },
        {
            content: "Open the employee objectives",
            trigger: `${CARD}:contains("Employee objectives")`,
            run: "click",
        },
        {
            content: "Their progress by unit opens as a graph",
            trigger: ".o_action_manager .o_graph_view",
        },
        {
            content: "named after the card",
            trigger: '.o_breadcrumb:contains("Employee objectives")',
        },
        {
            content: "Switch to the pivot",
            trigger: '.o_switch_view.o_pivot',
            run: "click",
        },
        {
            content: "The pivot shows the team's department",
            trigger: '.o_pivot_view .o_pivot_header_cell_closed:contains("Tour Overview Sales"), .o_pivot_view th:contains("Tour Overview Sales")',
        },
    ],
});
