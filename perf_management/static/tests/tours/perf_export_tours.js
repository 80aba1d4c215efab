/** @odoo-module **/

import { registry } from "@web/core/registry";

// A performance administrator exports a campaign's appraisals for payroll
// from the campaign's form: done ones by default, then every state.
registry.category("web_tour.tours").add("perf_management_payroll_export", {
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
            content: "Open the Appraisals section",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.perf_appraisal_menu_root"]',
            run: "click",
        },
        {
            content: "Payroll Export is offered in the menu",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management.perf_payroll_export_menu"]',
        },
        {
            content: "Open the campaigns",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management.perf_appraisal_campaign_menu"]',
            run: "click",
        },
        {
            content: "Open the campaign",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Tour Payroll Q1")',
            run: "click",
        },
        {
            content: "Export for payroll",
            trigger: '.o_form_view .o_statusbar_buttons button:contains("Payroll Export")',
            run: "click",
        },
        {
            content: "The campaign is chosen and its one done appraisal counted",
            trigger: '.modal .o_field_widget[name="appraisal_count"]:contains(/^1$/)',
        },
        {
            content: "Include the appraisals not done yet",
            trigger: '.modal .o_field_widget[name="all_states"] input',
            run: "click",
        },
        {
            content: "Both appraisals are counted now",
            trigger: '.modal .o_field_widget[name="appraisal_count"]:contains(/^2$/)',
        },
        {
            content: "Download the file",
            trigger: '.modal .modal-footer button[name="action_export"]',
            run: "click",
        },
        {
            content: "Close the wizard once the file is downloaded (its buttons are enabled again)",
            trigger: '.modal .modal-footer button[special="cancel"]:not([disabled])',
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Back on the campaign",
            trigger: '.o_breadcrumb .active:contains("Tour Payroll Q1")',
        },
    ],
});
