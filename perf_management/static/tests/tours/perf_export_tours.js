/** @odoo-module **/

import { registry } from "@web/core/registry";

const FORM = ".o_form_view";

/**
 * Steps opening Performance > Appraisals > Campaigns on a desktop.
 */
function openCampaigns() {
    return [
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
    ];
}

/**
 * Steps exporting the campaign open in the form for payroll: done
 * appraisals by default, then every state; the wizard names who has no
 * employee code before the file downloads.
 *
 * @param {string} campaign name of the campaign
 * @param {number} done appraisals done
 * @param {number} all appraisals of every state
 * @param {string} missingCode text of the warning on employee codes
 */
function payrollExportSteps(campaign, done, all, missingCode) {
    return [
        {
            content: "Export for payroll",
            trigger: `${FORM} .o_statusbar_buttons button:contains("Payroll Export")`,
            run: "click",
        },
        {
            content: "The campaign is chosen and its done appraisals counted",
            trigger: `.modal .o_field_widget[name="appraisal_count"]:contains(/^${done}$/)`,
        },
        {
            content: "Include the appraisals not done yet",
            trigger: '.modal .o_field_widget[name="all_states"] input',
            run: "click",
        },
        {
            content: "Every appraisal is counted now",
            trigger: `.modal .o_field_widget[name="appraisal_count"]:contains(/^${all}$/)`,
        },
        {
            content: "The wizard warns of the employee codes the file would miss",
            trigger: `.modal .o_perf_payroll_code_warning:contains("${missingCode}")`,
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
            trigger: `.o_breadcrumb .active:contains("${campaign}")`,
        },
    ];
}

// A performance administrator exports a campaign's appraisals for payroll
// from the campaign's form: done ones by default, then every state. Tina
// and Tom have no badge number: the export says it may not read them.
registry.category("web_tour.tours").add("perf_management_payroll_export", {
    url: "/odoo",
    steps: () => [
        ...openCampaigns(),
        {
            content: "Open the campaign",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Tour Payroll Q1")',
            run: "click",
        },
        ...payrollExportSteps("Tour Payroll Q1", 1, 2, "you may not read it"),
    ],
});
