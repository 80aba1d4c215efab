/** @odoo-module **/

import { isIOS } from "@web/core/browser/feature_detection";
import { registry } from "@web/core/registry";
import { CharField, charField } from "@web/views/fields/char/char_field";

/**
 * A number typed as text: the input starts empty (nothing typed is not 0),
 * phones show their decimal keypad, and the server reads the number as the
 * user's language writes it.
 */
export class NumberInputField extends CharField {
    static template = "perf_management.NumberInputField";

    get inputMode() {
        // iOS's decimal keypad has no minus sign (as Odoo's own numbers do).
        return isIOS() ? "text" : "decimal";
    }
}

export const numberInputField = {
    ...charField,
    component: NumberInputField,
};

registry.category("fields").add("perf_number_input", numberInputField);
