/** @odoo-module **/

import { registry } from "@web/core/registry";

// A manager opens the OKR board: the OKRs of the open periods by department,
// each with its key results, score and confidence.
registry.category("web_tour.tours").add("perf_okr_board", {
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
            content: "Open the Objectives section",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_objectives"]',
            run: "click",
        },
        {
            content: "Open the OKR board",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management_okr.menu_perf_okr_board"]',
            run: "click",
        },
        {
            content: "The OKRs are grouped by department",
            trigger: '.o_kanban_group .o_kanban_header:contains("OKR Sales")',
        },
        {
            content: "Paul's OKR lists its key results with their scores",
            trigger:
                '.o_kanban_record:contains("Paul opens accounts") .o_okr_key_results li:contains("Customer meetings"):contains("0.50")',
        },
        {
            content: "Its confidence shows",
            trigger: '.o_kanban_record:contains("Paul opens accounts") .o_field_badge:contains("At risk")',
        },
        {
            content: "Its score shows",
            trigger: '.o_kanban_record:contains("Paul opens accounts") .o_okr_score',
        },
    ],
});
