/** @odoo-module **/

import { registry } from "@web/core/registry";

// A manager exports the KPI scorecard of a period from Performance >
// Reporting > Export Scorecard: the file downloads with no error.
registry.category("web_tour.tours").add("perf_kpi_export_scorecard_from_menu", {
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
            content: "Open the Reporting section",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_reporting"]',
            run: "click",
        },
        {
            content: "Open Export Scorecard",
            trigger:
                '.dropdown-item[data-menu-xmlid="perf_management_kpi.menu_perf_kpi_scorecard_export"]',
            run: "click",
        },
        {
            content: "Choose the period",
            trigger: '.modal .o_field_widget[name="period_id"] input',
            run: "edit KPI Web 2033",
        },
        {
            content: "Pick it in the list",
            trigger: '.modal .o-autocomplete--dropdown-item a:contains("KPI Web 2033")',
            run: "click",
        },
        {
            content: "Export",
            trigger: '.modal .modal-footer button[name="action_export"]',
            run: "click",
        },
        {
            // Tours wait for the download to end (the UI is blocked until then).
            content: "Once downloaded, with no error, close the wizard",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
