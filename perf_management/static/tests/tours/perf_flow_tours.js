/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * Steps opening a menu of the Performance app from the apps menu.
 *
 * @param {string} sectionXmlid xml id of the menu bar section
 * @param {string} menuXmlid xml id of the menu item in that section
 */
function openPerformanceMenu(sectionXmlid, menuXmlid) {
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
            content: "Open a section of the menu bar",
            trigger: `.o_main_navbar [data-menu-xmlid="${sectionXmlid}"]`,
            run: "click",
        },
        {
            content: "Open the menu item",
            trigger: `.dropdown-item[data-menu-xmlid="${menuXmlid}"]`,
            run: "click",
        },
    ];
}

/**
 * Steps opening an objective from Performance > Objectives > Objectives.
 *
 * @param {string} name name of the objective
 */
function openObjective(name) {
    return [
        ...openPerformanceMenu(
            "perf_management.menu_perf_objectives",
            "perf_management.menu_perf_objective"
        ),
        {
            content: `Open the objective ${name} from the list`,
            trigger: `.o_list_view .o_data_row td[name="name"]:contains("${name}")`,
            run: "click",
        },
        {
            content: "Its form is displayed",
            trigger: `.o_breadcrumb .active:contains("${name}")`,
        },
    ];
}

const STAT_CHILDREN = '.o_form_view button[name="action_open_children"] .o_stat_value';

// A manager decomposes a company objective into two of the departments they
// manage: the objective gets two sub-objectives sharing its target of 1,000.
registry.category("web_tour.tours").add("perf_management_decompose_space", {
    url: "/odoo",
    steps: () => [
        ...openObjective("Tour Revenue 2035"),
        {
            content: "The objective has no sub-objective yet",
            trigger: `${STAT_CHILDREN}:contains(/^0$/)`,
        },
        {
            content: "Open the decomposition to departments, posts or employees",
            trigger:
                '.o_form_view .o_statusbar_buttons button:contains("Decompose to departments/posts/employees")',
            run: "click",
        },
        {
            content: "A company objective is decomposed to departments",
            trigger:
                '.modal .o_field_widget[name="target_level"] input[data-value="department"]:checked',
            run: "click",
        },
        {
            content: "Every department of the company is offered",
            trigger:
                '.modal .o_field_widget[name="line_ids"] .o_data_row:contains("Tour Warehouse")',
        },
        {
            content: "Leave out the warehouse, which the manager does not manage",
            trigger:
                '.modal .o_field_widget[name="line_ids"] .o_data_row:contains("Tour Warehouse") .o_list_record_remove button',
            run: "click",
        },
        {
            content: "The warehouse is no longer in the lines",
            trigger:
                '.modal .o_field_widget[name="line_ids"]:not(:has(.o_data_row:contains("Tour Warehouse")))',
        },
        {
            content: "Sales gets half of the objective",
            trigger:
                '.modal .o_field_widget[name="line_ids"] .o_data_row:contains("Tour Sales") td[name="share"]:contains("50.00")',
        },
        {
            content: "Marketing gets the other half",
            trigger:
                '.modal .o_field_widget[name="line_ids"] .o_data_row:contains("Tour Marketing") td[name="share"]:contains("50.00")',
        },
        {
            content: "Confirm the decomposition",
            trigger: '.modal .modal-footer button[name="action_decompose"]',
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The objective now has two sub-objectives",
            trigger: `${STAT_CHILDREN}:contains(/^2$/)`,
        },
        {
            content: "Open the decomposition again",
            trigger:
                '.o_form_view .o_statusbar_buttons button:contains("Decompose to departments/posts/employees")',
            run: "click",
        },
        {
            content: "The split in place is proposed: the warehouse is still left out",
            trigger:
                '.modal .o_field_widget[name="line_ids"]:not(:has(.o_data_row:contains("Tour Warehouse"))):has(.o_data_row:contains("Tour Marketing"))',
        },
        {
            content: "What would change is shown before anything is applied",
            trigger: '.modal .o_field_widget[name="preview"]:contains("50 % → 50 %")',
        },
        {
            content: "Close without changing anything",
            trigger: '.modal .modal-footer button[special="cancel"]',
            run: "click",
        },
        {
            content: "The wizard is closed again",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Open the sub-objectives",
            trigger: '.o_form_view button[name="action_open_children"]',
            run: "click",
        },
        {
            content: "The marketing sub-objective is listed",
            trigger: '.o_list_view .o_data_row:contains("Tour Marketing")',
        },
        {
            content: "Open the sales sub-objective",
            trigger:
                '.o_list_view .o_data_row td[name="name"]:contains("Tour Sales")',
            run: "click",
        },
        {
            content: "It is a department objective of Sales",
            trigger: '.o_form_view .o_field_widget[name="department_id"] input:value("Tour Sales")',
        },
        {
            content: "Open its indicators",
            trigger: '.o_form_view .o_notebook_headers a[name="indicators"]',
            run: "click",
        },
        {
            content: "Its indicator carries half of the target of 1,000",
            trigger:
                '.o_form_view .o_field_widget[name="indicator_ids"] .o_data_row:contains("Tour revenue") td[name="target_value"]:contains("500.00")',
        },
    ],
});

// A manager splits a yearly objective of their department into quarters.
registry.category("web_tour.tours").add("perf_management_split_time", {
    url: "/odoo",
    steps: () => [
        ...openObjective("Tour Sales Plan 2035"),
        {
            content: "The objective has no sub-objective yet",
            trigger: `${STAT_CHILDREN}:contains(/^0$/)`,
        },
        {
            content: "Open the split over time",
            trigger: '.o_form_view .o_statusbar_buttons button:contains("Split over time")',
            run: "click",
        },
        {
            content: "The objective to split is selected",
            trigger:
                '.modal .o_field_widget[name="objective_ids"] .o_tag:contains("Tour Sales Plan 2035")',
        },
        {
            content: "Split into quarters",
            trigger: '.modal .o_field_widget[name="period_type"] input[data-value="quarter"]',
            run: "click",
        },
        {
            content: "The fourth quarter is one of the periods",
            trigger:
                '.modal .o_field_widget[name="line_ids"] .o_data_row:contains("Q4 FY 2035")',
        },
        {
            content: "The four quarters share the whole objective",
            trigger: '.modal .o_field_widget[name="total_share"]:contains("100.00")',
        },
        {
            content: "Confirm the split",
            trigger: '.modal .modal-footer button[name="action_split"]',
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The objective now has four sub-objectives",
            trigger: `${STAT_CHILDREN}:contains(/^4$/)`,
        },
        {
            content: "Open the sub-objectives",
            trigger: '.o_form_view button[name="action_open_children"]',
            run: "click",
        },
        ...["Q1", "Q2", "Q3", "Q4"].map((quarter) => ({
            content: `The ${quarter} objective is listed`,
            trigger: `.o_list_view .o_data_row td[name="period_id"]:contains("${quarter} FY 2035")`,
        })),
        {
            content: "Each quarter gets a quarter of the target",
            trigger: '.o_list_view .o_data_row:contains("Q3 FY 2035") td[name="name"]',
            run: "click",
        },
        {
            content: "Open its indicators",
            trigger: '.o_form_view .o_notebook_headers a[name="indicators"]',
            run: "click",
        },
        {
            content: "Its indicator carries a quarter of the target of 400",
            trigger:
                '.o_form_view .o_field_widget[name="indicator_ids"] .o_data_row:contains("Tour orders") td[name="target_value"]:contains("100.00")',
        },
    ],
});

const PROGRESS = '.o_form_view .o_field_widget[name="progress"] .o_progress';

// An employee enters the actual value of the indicator of their objective:
// the objective's progress moves; then they mark their task as done.
registry.category("web_tour.tours").add("perf_management_employee_actual", {
    url: "/odoo",
    steps: () => [
        ...openObjective("Tour Customer Visits of Eva"),
        {
            content: "No progress yet",
            trigger: `${PROGRESS}[aria-valuenow="0"]`,
        },
        {
            content: "Open the indicators of the objective",
            trigger: '.o_form_view .o_notebook_headers a[name="indicators"]',
            run: "click",
        },
        {
            content: "The indicator has no score yet",
            trigger:
                '.o_form_view .o_field_widget[name="indicator_ids"] .o_data_row:contains("Tour customer visits") td[name="score"]:not(:has(.o_progress))',
        },
        // The objective form is read-only for an employee (no write access to
        // objectives): the indicator's own button opens it in a dialog.
        {
            content: "Enter the actual of the indicator",
            trigger:
                '.o_form_view .o_field_widget[name="indicator_ids"] .o_data_row:contains("Tour customer visits") button[name="action_enter_actual"]',
            run: "click",
        },
        {
            content: "It has no actual value yet",
            trigger: '.modal .o_form_view .o_field_widget[name="has_actual"] input:not(:checked)',
        },
        {
            content: "Its target is not the employee's to change",
            trigger: '.modal .o_form_view .o_field_widget[name="target_value"].o_readonly_modifier',
        },
        {
            content: "Enter the actual value",
            trigger: '.modal .o_form_view .o_field_widget[name="actual_value"] input',
            run: "edit 800",
        },
        {
            content: "Save the indicator",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Back on the objective, the indicator scores 80 % of its target",
            trigger:
                '.o_form_view .o_field_widget[name="indicator_ids"] .o_data_row:contains("Tour customer visits") td[name="score"] .o_progress[aria-valuenow="80"]',
        },
        {
            content: "The progress moved: the indicators are at 80 %, the task at 0 %",
            trigger: `${PROGRESS}[aria-valuenow="40"]`,
        },
        ...openPerformanceMenu(
            "perf_management.menu_perf_objectives",
            "perf_management.menu_perf_task"
        ),
        {
            content: "Open the task",
            trigger:
                '.o_list_view .o_data_row td[name="name"]:contains("Tour visit the ten largest customers")',
            run: "click",
        },
        {
            content: "The task is to do",
            trigger:
                '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("To Do")',
        },
        {
            content: "Mark it as done",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_done"]',
            run: "click",
        },
        {
            content: "The task is done",
            trigger:
                '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("Done")',
        },
        {
            content: "It can no longer be marked as done",
            trigger: '.o_form_view .o_statusbar_buttons:not(:has(button[name="action_done"]))',
        },
    ],
});
