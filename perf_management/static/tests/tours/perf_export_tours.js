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

// The administrator launches a campaign for People & Finance and follows it:
// every appraisal starts in self review.
registry.category("web_tour.tours").add("perf_campaign_launch", {
    url: "/odoo",
    steps: () => [
        ...openCampaigns(),
        {
            content: "Create a campaign",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: `${FORM} div[name="name"] input`,
            run: "edit Tour People Q1",
        },
        {
            content: "Choose the period",
            trigger: `${FORM} div[name="period_id"] input`,
            run: "edit Q1 Tour FY 2038",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item a:contains("Q1 Tour FY 2038")',
            run: "click",
        },
        {
            content: "By department",
            trigger: `${FORM} div[name="scope"] input[data-value="department"]`,
            run: "click",
        },
        {
            content: "Choose People & Finance",
            trigger: `${FORM} div[name="department_ids"] input`,
            run: "edit People",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item a:contains("People & Finance")',
            run: "click",
        },
        {
            content: "Launch (saves the campaign first)",
            trigger: `${FORM} .o_statusbar_buttons button[name="action_launch"]`,
            run: "click",
        },
        {
            content: "Confirm the launch",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Its progress shows: all six in self review, none done",
            trigger: `${FORM} div[name="progress_summary"]:contains("Self Review: 6")`,
        },
        {
            content: "None is done yet",
            trigger: `${FORM} div[name="progress"] .o_progressbar_value:contains("0")`,
        },
        {
            content: "The appraisals are listed",
            trigger: `${FORM} div[name="appraisal_ids"] .o_data_row:contains("Ines Garcia")`,
        },
    ],
});

// Once two reviews are submitted, the administrator sees the campaign's
// progress, moves a rating, closes the calibration and exports the campaign
// for payroll, warned that Victor has no badge number.
registry.category("web_tour.tours").add("perf_campaign_calibrate_and_export", {
    url: "/odoo",
    steps: () => [
        ...openCampaigns(),
        {
            content: "Open the campaign",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Tour People Q1")',
            run: "click",
        },
        {
            content: "Two appraisals wait in calibration",
            trigger: `${FORM} div[name="progress_summary"]:contains("Calibration: 2")`,
        },
        {
            content: "Open the campaign's appraisals",
            trigger: `${FORM} .oe_stat_button[name="action_open_appraisals"]`,
            run: "click",
        },
        {
            content: "Open Ines's appraisal from the campaign's list",
            trigger: '.o_breadcrumb .active:contains("All Appraisals")',
        },
        {
            content: "Open Ines's appraisal",
            trigger: '.o_list_view .o_data_row td[name="employee_id"]:contains("Ines Garcia")',
            run: "click",
        },
        {
            content: "Calibrate her rating",
            trigger: `${FORM} .o_statusbar_buttons button[name="action_open_calibrate_wizard"]`,
            run: "click",
        },
        {
            content: "Choose the new rating",
            trigger: '.modal div[name="band_id"] input',
            run: "edit A",
        },
        {
            content: "Pick A",
            trigger: ".o-autocomplete--dropdown-item a:contains(/^A/)",
            run: "click",
        },
        {
            content: "The distribution it makes is shown",
            trigger: ".modal .o_perf_appraisal_distribution",
        },
        {
            content: "Keep it even if it breaks the target distribution",
            trigger: '.modal div[name="accept_break"] input, .modal:not(:has(div[name="accept_break"]:visible)) div[name="reason"]',
            run(helpers) {
                if (this.anchor.matches("input")) {
                    return helpers.click();
                }
            },
        },
        {
            content: "Say why",
            trigger: '.modal div[name="reason"] textarea',
            run: "edit Tour: led the closing of the year alone",
        },
        {
            content: "Move the rating",
            trigger: '.modal .modal-footer button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The rating moved",
            trigger: `body:not(:has(.modal)) ${FORM} div[name="rating_band_id"]:contains("A")`,
        },
        {
            content: "Back to the campaign",
            trigger: '.o_breadcrumb .breadcrumb-item a:contains("Tour People Q1")',
            run: "click",
        },
        {
            content: "Close the calibration",
            trigger: `${FORM} .o_statusbar_buttons button[name="action_close_calibration"]`,
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: '.modal div[name="reason"] textarea',
            run: "edit Tour: ratings confirmed by the management team",
        },
        {
            content: "Mark them done",
            trigger: '.modal .modal-footer button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Two of six done: the progress shows it",
            trigger: `body:not(:has(.modal)) ${FORM} div[name="progress_summary"]:contains("Done: 2")`,
        },
        {
            content: "A third of the campaign is done",
            trigger: `${FORM} div[name="progress"] .o_progressbar_value:contains("33")`,
        },
        ...payrollExportSteps("Tour People Q1", 2, 6, "Victor Haas"),
    ],
});
