/** @odoo-module **/

import { registry } from "@web/core/registry";

const SELF_REVIEW = "Tour self review: renewals picked up in March";
const FEEDBACK = "Tour feedback: great renewals, keep the pace";
const PRIVATE_NOTE = "Tour private note: ready for the key account post";
const FORM = ".o_form_view";

/**
 * Steps opening Performance > Appraisals > a menu item.
 *
 * @param {string} menuXmlid xml id of the menu item under Appraisals
 */
function openAppraisalMenu(menuXmlid) {
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
            content: "Open Appraisals",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.perf_appraisal_menu_root"]',
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
 * Step opening a page of the appraisal form's notebook.
 *
 * @param {string} name name of the page
 */
function openPage(name) {
    return {
        content: `Open the ${name} page`,
        trigger: `${FORM} .o_notebook .nav-link[name="${name}"]`,
        run: "click",
    };
}

/**
 * Step answering a reflection question of the manager review.
 *
 * @param {string} field name of the question's field
 * @param {string} answer yes, partly or no
 */
function answer(field, answer) {
    return [
        {
            content: `Answer ${field}: ${answer}`,
            trigger: `${FORM} .o_field_widget[name="${field}"] input[data-value="${answer}"]`,
            run: "click",
        },
        {
            content: `${field} is answered`,
            trigger: `${FORM} .o_field_widget[name="${field}"] input[data-value="${answer}"]:checked`,
        },
    ];
}

// A manager opens the appraisal of a report in Team Appraisals, reads the
// self review, answers the questions, writes feedback and a private note,
// assesses a skill, updates the scores and submits the review: the
// appraisal goes to calibration with its final score and rating.
registry.category("web_tour.tours").add("perf_appraisal_manager_review", {
    url: "/odoo",
    steps: () => [
        ...openAppraisalMenu("perf_management.perf_appraisal_menu_team"),
        {
            content: "Open the report's appraisal from its card",
            trigger: '.o_kanban_view .o_kanban_record:contains("Eva Appraised")',
            run: "click",
        },
        {
            content: "The appraisal waits for the manager's review",
            trigger: `${FORM} .o_statusbar_status button[data-value="manager_review"].o_arrow_button_current`,
        },
        {
            content: "The scores are those of the self review's submission",
            trigger: `${FORM} div[name="final_score"]:contains("44.00")`,
        },
        {
            content: "Rated D",
            trigger: `${FORM} div[name="rating_band_id"]:contains("D")`,
        },
        openPage("self_review"),
        {
            content: "Read the submitted self review",
            trigger: `${FORM} div[name="self_review"]:contains("${SELF_REVIEW}")`,
        },
        openPage("manager_review"),
        ...answer("goals_reasonable", "yes"),
        ...answer("motivated", "partly"),
        ...answer("post_right", "no"),
        {
            content: "Write the feedback",
            trigger: `${FORM} div[name="manager_feedback"] textarea`,
            run: `edit ${FEEDBACK}`,
        },
        openPage("manager_note"),
        {
            content: "Write the private note",
            trigger: `${FORM} div[name="manager_note"] textarea`,
            run: `edit ${PRIVATE_NOTE}`,
        },
        openPage("skills"),
        {
            content: "Edit the manager's level of the skill",
            trigger: `${FORM} div[name="skill_line_ids"] .o_data_row:contains("Tour Negotiation") td[name="manager_level_id"]`,
            run: "click",
        },
        {
            content: "Type the level",
            trigger: `${FORM} div[name="skill_line_ids"] .o_selected_row div[name="manager_level_id"] input`,
            run: "edit Tour Expert",
        },
        {
            content: "Choose it",
            trigger: '.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains("Tour Expert")',
            run: "click",
        },
        {
            content: "The level is set",
            trigger: `${FORM} div[name="skill_line_ids"] .o_selected_row div[name="manager_level_id"] input:value("Tour Expert")`,
        },
        {
            content: "Update the scores (saves the review first)",
            trigger: `${FORM} .o_statusbar_buttons button[name="action_update_scores"]`,
            run: "click",
        },
        {
            content: "The score counts the visits entered since",
            trigger: `${FORM} div[name="final_score"]:contains("68.00")`,
        },
        {
            content: "Rated C",
            trigger: `${FORM} div[name="rating_band_id"]:contains("C")`,
        },
        {
            content: "The growth of the skill is shown",
            trigger: `${FORM} div[name="skill_line_ids"] .o_data_row:contains("Tour Negotiation") td[name="growth"]:contains("70")`,
        },
        {
            content: "Submit the manager review",
            trigger: `${FORM} .o_statusbar_buttons button[name="action_submit_manager_review"]`,
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: '.modal:contains("Submit your review?") .modal-footer button.btn-primary',
            run: "click",
        },
        {
            content: "The appraisal is in calibration",
            trigger: `${FORM} .o_statusbar_status button[data-value="calibration"].o_arrow_button_current:contains("Calibration")`,
        },
        {
            content: "The final score is shown",
            trigger: `${FORM} div[name="final_score"]:contains("68.00")`,
        },
        {
            content: "The rating is shown",
            trigger: `${FORM} div[name="rating_band_id"]:contains("C")`,
        },
        openPage("manager_review"),
        {
            content: "The submitted feedback is no longer editable",
            trigger: `${FORM} div[name="manager_feedback"]:contains("${FEEDBACK}"):not(:has(textarea))`,
        },
        {
            content: "Nothing is left unsaved",
            trigger: `${FORM}:not(:has(.o_form_status_indicator_buttons:not(.invisible)))`,
        },
    ],
});

// The employee reads their appraisal in My Appraisals: the manager's
// feedback, and neither the private note page nor its text.
registry.category("web_tour.tours").add("perf_appraisal_employee_reads", {
    url: "/odoo",
    steps: () => [
        ...openAppraisalMenu("perf_management.perf_appraisal_menu_my"),
        {
            content: "Open the appraisal from the list",
            trigger: '.o_list_view .o_data_row td[name="employee_id"]:contains("Eva Appraised")',
            run: "click",
        },
        {
            content: "The appraisal is in calibration",
            trigger: `${FORM} .o_statusbar_status button[data-value="calibration"].o_arrow_button_current`,
        },
        openPage("manager_review"),
        {
            content: "The manager's feedback is shown",
            trigger: `${FORM} div[name="manager_feedback"]:contains("${FEEDBACK}")`,
        },
        {
            content: "The answers are shown",
            trigger: `${FORM} .o_field_widget[name="motivated"] input[data-value="yes"]:checked`,
        },
        {
            content: "There is no private note page",
            trigger: `${FORM} .o_notebook:not(:has(.nav-link[name="manager_note"]))`,
        },
        openPage("self_review"),
        {
            content: "The employee's own self review is shown",
            trigger: `${FORM} div[name="self_review"]:contains("${SELF_REVIEW}")`,
        },
        {
            content: "The private note is nowhere on the page",
            trigger: `body:not(:contains("${PRIVATE_NOTE}"))`,
        },
    ],
});
