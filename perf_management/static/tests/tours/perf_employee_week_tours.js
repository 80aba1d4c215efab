/** @odoo-module **/

import { registry } from "@web/core/registry";

const MY_CHECKINS = ".o_action_manager .o_kanban_view.o_perf_my_checkins";
const FIRST_CARD = `${MY_CHECKINS} .o_kanban_record:not(.o_kanban_ghost):first`;

/**
 * The taps from the open app to a saved check-in: the card's button, the
 * value, the dialog's button. The tour asserts there are no more than three.
 */
const CHECKIN_TAPS = [
    {
        content: "Tap 1: Check in on the first card",
        trigger: `${FIRST_CARD} button.o_perf_checkin_button`,
        run: "click",
    },
    {
        content: "Tap 2: type the value reached, on the decimal keypad",
        trigger: '.modal .o_field_widget[name="value_input"] input[inputmode="decimal"]',
        run: "fill 9000",
    },
    {
        content: "Tap 3: Check in",
        trigger: '.modal .modal-footer button[name="action_confirm"]',
        run: "click",
    },
];

// An employee's week on a phone: the app opens on My Check-ins, the current
// quarter's revenue first; three taps check in; the card opens its history
// and trend; the self review is submitted after a confirmation.
registry.category("web_tour.tours").add("perf_employee_week_phone", {
    url: "/odoo",
    steps: () => [
        {
            content: "Logged in, the app opens on My Check-ins: no tap",
            trigger: `.o_breadcrumb:contains("My Check-ins"), .o_main_navbar:contains("My Check-ins")`,
        },
        {
            content: "The current quarter's revenue is the first card",
            trigger: `${FIRST_CARD}:contains("Revenue") .o_perf_period:contains("Q")`,
        },
        {
            content: "It has been checked in on at 8,000.00 so far",
            trigger: `${FIRST_CARD} .o_perf_actual:contains("8,000.00")`,
        },
        {
            content: "Past quarters still open come last, overdue, in red",
            trigger: `${MY_CHECKINS} .o_kanban_record:not(.o_kanban_ghost):last .o_perf_overdue.text-danger`,
        },
        {
            content: "A figure made of parts says so, with no Check in button",
            trigger: `${MY_CHECKINS} .o_kanban_record:has(.o_perf_actual_source:contains("Sum of 4 quarters")):not(:has(.o_perf_checkin_button))`,
        },
        CHECKIN_TAPS[0],
        {
            content: "The value starts empty, the current one beside it",
            trigger: '.modal .o_field_widget[name="value_input"] input',
            run() {
                if (this.anchor.value !== "") {
                    throw new Error(`The value starts as ${this.anchor.value}, not empty`);
                }
                const now = document.querySelector('.modal div[name="current_value"]');
                if (!now || !now.textContent.includes("8,000.00")) {
                    throw new Error("The current value is not shown beside the new one");
                }
            },
        },
        CHECKIN_TAPS[1],
        {
            content: "9 000 beside 8 000 is no slip: nothing to confirm",
            trigger: '.modal:not(:has(.o_perf_unusual:visible)) .o_field_widget[name="value_input"] input',
        },
        CHECKIN_TAPS[2],
        {
            content: "Saved: the card shows the value typed",
            trigger: `body:not(:has(.modal)) ${FIRST_CARD} .o_perf_actual:contains("9,000.00")`,
            run() {
                if (CHECKIN_TAPS.filter((step) => step.run).length > 3) {
                    throw new Error("More than three taps to a saved check-in");
                }
            },
        },
        {
            content: "Tap the card: its history",
            trigger: `${FIRST_CARD} .o_perf_period`,
            run: "click",
        },
        {
            content: "The history is a list of cards, the check-in first",
            trigger: '.o_kanban_view.o_perf_checkin_history .o_kanban_record:not(.o_kanban_ghost):first .o_perf_value:contains("9,000.00")',
        },
        {
            content: "A typo of the last minutes can be undone",
            trigger: ".o_kanban_view.o_perf_checkin_history .o_kanban_record:not(.o_kanban_ghost):first button.o_perf_undo_button",
        },
        {
            content: "Open the history's buttons",
            trigger: ".o_control_panel button.o_control_panel_collapsed_create.dropdown-toggle",
            run: "click",
        },
        {
            content: "Open the trend",
            trigger: '.o_control_panel button[name="action_open_trend"]',
            run: "click",
        },
        {
            content: "The trend is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open My Appraisals",
            trigger: '.o_app_menu_sidebar [data-menu-xmlid="perf_management.perf_appraisal_menu_my"]',
            run: "click",
        },
        {
            content: "Open the appraisal waiting for the self review",
            trigger: '.o_kanban_record:contains("Lucas Moreau")',
            run: "click",
        },
        {
            content: "Open the Self Review page",
            trigger: '.o_form_view .o_notebook .nav-link[name="self_review"]',
            run: "click",
        },
        {
            content: "Write the self review",
            trigger: '.o_form_view div[name="self_review"] textarea',
            run: "edit Tour: a strong quarter, renewals first",
        },
        {
            content: "Submit Self Review is in sight on the phone",
            trigger: '.o_form_view .o_perf_phone_actions button[name="action_submit_self_review"]:visible',
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: '.modal:contains("Submit your self review?") .modal-footer button.btn-primary',
            run: "click",
        },
        {
            content: "The appraisal waits for the manager's review",
            // On a phone the statusbar shows the current state alone.
            trigger: '.o_form_view .o_statusbar_status button.dropdown-toggle:contains("Manager Review")',
        },
        {
            content: "Nothing left to submit on the phone",
            trigger: '.o_form_view:not(:has(.o_perf_phone_actions button:visible))',
        },
    ],
});
