/** @odoo-module **/

import { registry } from "@web/core/registry";

const FORM = ".o_form_view";

/**
 * Steps opening a menu item of the Performance app on a phone: the burger
 * menu lists the app's sections with their items.
 *
 * @param {string} menuXmlid xml id of the menu item
 */
function openPhoneMenu(menuXmlid) {
    return [
        {
            content: "Open the menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `Open ${menuXmlid}`,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid="${menuXmlid}"]`,
            run: "click",
        },
    ];
}

/**
 * Whether an element is shown (not in a closed menu).
 *
 * @param {Element} element
 */
function isShown(element) {
    return Boolean(element && element.offsetParent !== null);
}

// On a phone, Sophie (who manages Sales & Marketing) finds who has not
// checked in, opens her team this period, then the appraisal waiting for
// her review and submits it.
registry.category("web_tour.tours").add("perf_manager_week_phone", {
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
        ...openPhoneMenu("perf_management.menu_perf_team_checkin_duty"),
        {
            content: "Noah never checked in: his card says so",
            trigger: '.o_perf_checkin_duty .o_kanban_record:has(.o_perf_duty_person:contains("Noah Fischer")):contains("Never Checked In")',
        },
        {
            content: "Those never checked in come first",
            trigger: ".o_perf_checkin_duty .o_kanban_record:not(.o_kanban_ghost):first:contains(Never Checked In)",
        },
        {
            content: "Those who checked in come last",
            trigger: ".o_perf_checkin_duty .o_kanban_record:not(.o_kanban_ghost):last:not(:contains(Never Checked In))",
        },
        ...openPhoneMenu("perf_management.menu_perf_team_overview"),
        {
            content: "Her team this period opens",
            trigger: `${FORM} .oe_title h1:contains("My Team This Period")`,
        },
        {
            content: "Each person's figures are cards, with what is expected today",
            trigger: `${FORM} .o_perf_team_figures .o_kanban_record:has(.o_perf_team_person:contains("Noah Fischer")):contains("Expected today")`,
        },
        {
            content: "One appraisal waits for her review",
            trigger: `${FORM} .o_perf_team_waiting button.o_perf_team_appraisals:has(.badge:contains(/^1$/))`,
            run: "click",
        },
        {
            content: "Only the appraisal waiting for her shows: Emma's",
            trigger: '.o_kanban_view:not(:has(.o_kanban_record:contains("Lucas Moreau"))) .o_kanban_record:contains("Emma Rossi")',
            run: "click",
        },
        {
            content: "The appraisal is in manager review",
            trigger: `${FORM} .o_statusbar_status:contains("Manager Review")`,
        },
        {
            content: "Open the Manager Review page",
            trigger: `${FORM} .o_notebook .nav-link[name="manager_review"]`,
            run: "click",
        },
        {
            content: "The goals were reasonable",
            trigger: `${FORM} .o_field_widget[name="goals_reasonable"] input[data-value="yes"]`,
            run: "click",
        },
        {
            content: "She is motivated",
            trigger: `${FORM} .o_field_widget[name="motivated"] input[data-value="yes"]`,
            run: "click",
        },
        {
            content: "The post is right",
            trigger: `${FORM} .o_field_widget[name="post_right"] input[data-value="yes"]`,
            run: "click",
        },
        {
            content: "Write the feedback",
            trigger: `${FORM} div[name="manager_feedback"] textarea`,
            run: "edit Tour feedback: the north region opened well",
        },
        {
            content: "Where the submit button is not shown, open the actions menu",
            trigger: FORM,
            run(helpers) {
                const button = document.querySelector(
                    `${FORM} button[name="action_submit_manager_review"]`
                );
                if (!isShown(button)) {
                    return helpers.click(".o_control_panel .o_cp_action_menus button:has(.fa-cog)");
                }
            },
        },
        {
            content: "Submit the manager review",
            trigger: 'button[name="action_submit_manager_review"]:visible',
            run: "click",
        },
        {
            content: "Confirm, when asked",
            trigger: `.modal .modal-footer .btn-primary, ${FORM} .o_statusbar_status:contains("Calibration")`,
            run(helpers) {
                if (this.anchor.closest(".modal")) {
                    return helpers.click();
                }
            },
        },
        {
            content: "The appraisal went to calibration",
            trigger: `${FORM} .o_statusbar_status:contains("Calibration")`,
        },
        {
            content: "Nothing is left unsaved",
            trigger: `${FORM}:not(:has(.o_form_status_indicator_buttons:not(.invisible)))`,
        },
    ],
});

// On a desktop, the cascade's boxes hold their content: nothing overflows a
// box and no two boxes overlap, however long the names.
registry.category("web_tour.tours").add("perf_cascade_boxes_fit", {
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
            content: "Open Objectives",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_objectives"]',
            run: "click",
        },
        {
            content: "Open the cascade",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management.menu_perf_objective_cascade"]',
            run: "click",
        },
        {
            content: "Show the company objective's children",
            trigger: '.o_hierarchy_node_container:contains("Tour company objective with a long name") button[name="hierarchy_search_subsidiaries"]',
            run: "click",
        },
        {
            content: "The departments' boxes are shown",
            trigger: '.o_hierarchy_node_container:contains("Tour Sales")',
        },
        {
            content: "Every box holds its content, no two boxes overlap",
            trigger: ".o_hierarchy_view .o_hierarchy_node",
            run() {
                const problems = [];
                const boxes = [...document.querySelectorAll(".o_hierarchy_node_container")];
                for (const box of boxes) {
                    const name = box.querySelector(".o_perf_cascade_name")?.title;
                    for (const part of box.querySelectorAll(
                        ".o_hierarchy_node_header, .o_hierarchy_node_body"
                    )) {
                        if (part.scrollHeight > part.clientHeight + 1) {
                            problems.push(`${name}: its content is taller than its box`);
                        }
                        if (part.scrollWidth > part.clientWidth + 1) {
                            problems.push(`${name}: its content is wider than its box`);
                        }
                    }
                    if (!name) {
                        problems.push("a box has no full name in its tooltip");
                    }
                }
                const rects = boxes.map((box) =>
                    box.querySelector(".o_hierarchy_node").getBoundingClientRect()
                );
                rects.forEach((a, i) => {
                    rects.slice(i + 1).forEach((b) => {
                        const apart =
                            a.right <= b.left ||
                            b.right <= a.left ||
                            a.bottom <= b.top ||
                            b.bottom <= a.top;
                        if (!apart) {
                            problems.push("two boxes overlap");
                        }
                    });
                });
                if (problems.length) {
                    throw new Error(problems.join("; "));
                }
            },
        },
    ],
});
