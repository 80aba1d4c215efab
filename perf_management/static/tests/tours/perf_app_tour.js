/** @odoo-module **/

import { registry } from "@web/core/registry";

// A person logs in, opens the Performance app from the apps menu and lands on
// its first screen, with the app's own menu bar.
registry.category("web_tour.tours").add("perf_management_open_app", {
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
            content: "The app's menu bar shows its name",
            trigger: '.o_main_navbar .o_menu_brand:contains("Performance")',
        },
        {
            content: "The Objectives section is in the menu bar",
            trigger: '.o_main_navbar [data-menu-xmlid="perf_management.menu_perf_objectives"]',
        },
        {
            content: "A view of the app is displayed",
            trigger: ".o_action_manager .o_view_controller",
        },
    ],
});
