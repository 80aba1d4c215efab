/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone, an employee opens the Performance app from the burger menu,
// finds an indicator in My Check-ins and checks in with a value, a
// confidence and a comment: the card shows the new value and confidence.
registry.category("web_tour.tours").add("perf_checkin_phone", {
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
        {
            content: "Open the menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open My Check-ins",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="perf_management.menu_perf_my_checkins"]',
            run: "click",
        },
        {
            content: "The indicator is a card, not yet checked in",
            trigger: '.o_kanban_view .o_kanban_record:contains("Tour weekly demos"):not(:contains("At risk"))',
        },
        {
            content: "The card shows the value expected today",
            trigger: '.o_kanban_record:contains("Tour weekly demos") .o_perf_expected',
        },
        {
            content: "Tap Check in",
            trigger: '.o_kanban_record:contains("Tour weekly demos") button.o_perf_checkin_button',
            run: "click",
        },
        {
            content: "The value starts empty, on the phone's decimal keypad",
            trigger: '.modal .o_field_widget[name="value_input"] input[inputmode="decimal"]',
            run() {
                if (this.anchor.value !== "") {
                    throw new Error(`The value starts as ${this.anchor.value}, not empty`);
                }
            },
        },
        {
            content: "Type the value reached",
            trigger: '.modal .o_field_widget[name="value_input"] input',
            run: "fill 30",
        },
        {
            content: "Not sure to make it",
            trigger: '.modal .o_field_widget[name="confidence"] input[data-value="at_risk"]',
            run: "click",
        },
        {
            content: "Say why",
            trigger: '.modal .o_field_widget[name="comment"] textarea',
            run: "edit Two demos moved to next week",
        },
        {
            content: "Check in",
            trigger: '.modal .modal-footer button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The card shows the new value",
            trigger: '.o_kanban_record:contains("Tour weekly demos") .o_perf_actual:contains(/^30/)',
        },
        {
            content: "The card shows the confidence",
            trigger: '.o_kanban_record:contains("Tour weekly demos") .o_field_badge:contains("At risk")',
        },
        {
            content: "The card counts the days since this check-in",
            trigger: '.o_kanban_record:contains("Tour weekly demos") .o_perf_days_since:contains("0 days")',
        },
        {
            content: "The card shows the progress",
            trigger: '.o_kanban_record:contains("Tour weekly demos") .o_progressbar:contains("30")',
        },
    ],
});

// On a desktop, a manager reads the latest check-ins of the team, by
// person, and comments on one.
registry.category("web_tour.tours").add("perf_checkin_team_feed", {
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
            content: "Open My Team",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_team"]',
            run: "click",
        },
        {
            content: "Open Team Check-ins",
            trigger: '.dropdown-item[data-menu-xmlid="perf_management.menu_perf_team_checkins"]',
            run: "click",
        },
        {
            content: "The check-ins are grouped by person",
            trigger: '.o_kanban_group .o_kanban_header:contains("Eva Tour Employee")',
        },
        {
            content: "Only the latest check-in of the indicator shows",
            trigger: '.o_kanban_view:not(:has(.o_kanban_record:contains("First week")))',
        },
        {
            content: "Open the latest check-in",
            trigger: '.o_kanban_record:contains("Tour weekly demos"):contains("Behind on demos")',
            run: "click",
        },
        {
            content: "Its value and confidence show",
            trigger: '.o_form_view .o_field_widget[name="confidence"]:contains("Off track")',
        },
        {
            content: "Write a message",
            trigger: ".o-mail-Chatter button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Type the comment",
            trigger: ".o-mail-Composer-input",
            run: "edit Let us plan the demos together on Monday",
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The comment is in the chatter",
            trigger: '.o-mail-Message:contains("Let us plan the demos together on Monday")',
        },
    ],
});
