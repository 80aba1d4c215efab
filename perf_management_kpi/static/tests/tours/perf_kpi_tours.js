/** @odoo-module **/

import { registry } from "@web/core/registry";

const DOMAIN_DIALOG = ".modal:has(.o_domain_selector)";

/**
 * Steps replacing the domain of the KPI through the domain editor's code
 * editor (shown in debug mode).
 *
 * @param {string} domain the domain, as typed
 */
function typeDomain(domain) {
    return [
        {
            content: "Open the domain editor",
            trigger: '.o_form_view .o_field_widget[name="domain"] .o_field_domain_dialog_button',
            run: "click",
        },
        {
            content: `Type the domain ${domain}`,
            trigger: `${DOMAIN_DIALOG} .o_domain_selector_debug_container textarea`,
            run: `edit ${domain}`,
        },
        {
            content: "Confirm the domain",
            trigger: `${DOMAIN_DIALOG} .modal-footer .btn-primary:contains("Confirm")`,
            run: "click",
        },
    ];
}

// An administrator defines a KPI computed from the skills history. A domain
// naming a field the model does not have is refused by the domain editor; a
// domain the KPI computation cannot evaluate is refused on save with an error
// dialog, and nothing is saved; once fixed, the KPI is saved.
registry.category("web_tour.tours").add("perf_management_kpi_definition_domain", {
    url: "/odoo?debug=1",
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
            content: "Open the Configuration section",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_config"]',
            run: "click",
        },
        {
            content: "Open the KPI library",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management_kpi.menu_perf_kpi_library"]',
            run: "click",
        },
        {
            content: "Create a KPI",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: '.o_form_view .o_field_widget[name="name"] input',
            run: "edit Tour skill records",
        },
        {
            content: "Give it a code",
            trigger: '.o_form_view .o_field_widget[name="code"] input',
            run: "edit TOUR_SKILLS",
        },
        {
            content: "Compute it from Odoo data",
            trigger: '.o_form_view .o_field_widget[name="source"] input[data-value="computed"]',
            run: "click",
        },
        {
            content: "Search the model",
            trigger: '.o_form_view .o_field_widget[name="model_id"] input',
            run: "edit hr.employee.skill.log",
        },
        {
            content: "Choose the skills history",
            trigger:
                '.o_field_widget[name="model_id"] .o-autocomplete--dropdown-item a:contains("Skills History")',
            run: "click",
        },
        {
            content: "Search the date field",
            trigger: '.o_form_view .o_field_widget[name="date_field_id"] input',
            run: "edit Date",
        },
        {
            content: "Choose the date of the history record",
            trigger:
                '.o_field_widget[name="date_field_id"] .o-autocomplete--dropdown-item a:contains(/^Date\\s/)',
            run: "click",
        },
        {
            content: "The date field is set",
            trigger: '.o_form_view .o_field_widget[name="date_field_id"] input:value(/^Date\\s/)',
        },
        // A field the model does not have: the domain editor refuses it.
        ...typeDomain("[('no_such_field', '=', 1)]"),
        {
            content: "The domain editor says the domain is invalid",
            trigger: '.o_notification:contains("Domain is invalid")',
        },
        {
            content: "Give up this domain",
            trigger: `${DOMAIN_DIALOG} .modal-footer .btn-secondary:contains("Discard")`,
            run: "click",
        },
        // A valid domain, with a name the domain editor knows: the KPI accepts it.
        ...typeDomain(
            "[('level_progress', '>=', 50), ('employee_id.company_id', 'in', allowed_company_ids)]"
        ),
        {
            content: "The domain editor is closed",
            trigger: "body:not(:has(.modal .o_domain_selector))",
        },
        {
            content: "The form shows the condition on the level",
            trigger: '.o_form_view .o_field_widget[name="domain"]:contains("Progress")',
        },
        {
            content: "Save the KPI",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The KPI is saved under its name",
            trigger: '.o_breadcrumb .active:contains("Tour skill records")',
        },
        {
            content: "No error dialog is open",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
