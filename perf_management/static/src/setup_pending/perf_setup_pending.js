/** @odoo-module **/

import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";

/**
 * The first screen of the Performance app for a user whose company is not
 * set up yet: who sets it up, instead of empty lists.
 */
export class PerfSetupPending extends Component {
    static template = "perf_management.PerfSetupPending";
    static props = ["*"];

    get params() {
        return this.props.action.params || {};
    }
}

registry.category("actions").add("perf_setup_pending", PerfSetupPending);
