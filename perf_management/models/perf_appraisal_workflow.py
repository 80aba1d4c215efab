from odoo import models
from odoo.exceptions import AccessError, UserError


class PerfAppraisal(models.Model):
    """The workflow of an appraisal: draft, self review (the employee), manager
    review (the appraising manager), calibration and done (administrators),
    or cancelled; reopened by an administrator with a reason.

    Each step is a button that checks who presses it and in which state, then
    moves the state as superuser (:meth:`_set_state`): nobody writes the state
    directly, administrators included. On their own appraisal everybody is
    the employee (see :meth:`_get_administered`).
    """

    _inherit = "perf.appraisal"

    def _ensure_manager(self):
        """Refuse unless the user appraises every appraisal of ``self``."""
        if self.env.su:
            return
        user = self.env.user
        administered = self._get_administered()
        refused = self.filtered(
            lambda appraisal: appraisal not in administered
            and (
                appraisal.employee_user_id == user or appraisal.manager_user_id != user
            )
        )
        if refused:
            raise AccessError(
                self.env._(
                    "Only the manager of %(employee)s or a performance "
                    "administrator can do this, and nobody for their own "
                    "appraisal.",
                    employee=refused[0].employee_id.name,
                )
            )

    def _ensure_state(self, states):
        self._ensure_cycle_open()
        wrong = self.filtered(lambda appraisal: appraisal.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Appraisal %(name)s is %(state)s: this step is not possible "
                    "now.",
                    name=wrong[0].display_name,
                    state=labels[wrong[0].state],
                )
            )

    def _set_state(self, state):
        # Rights were checked by the action: the employee cannot write the
        # state field itself.
        self.sudo().write({"state": state})
        return True

    def action_start(self):
        self._ensure_manager()
        self._ensure_state(("draft",))
        return self._set_state("self_review")

    def action_submit_self_review(self):
        self._ensure_state(("self_review",))
        user = self.env.user
        if not self.env.su and any(a.employee_user_id != user for a in self):
            if not self._is_admin():
                raise AccessError(
                    self.env._("Only the appraised employee submits a self review.")
                )
        self._ensure_self_review_written()
        self._set_state("manager_review")
        self._update_scores()
        return True

    def _ensure_self_review_written(self):
        """An employee who can log in writes their self review before
        submitting it (an administrator submits for one who cannot)."""
        empty = self.filtered(
            lambda appraisal: appraisal.employee_user_id
            and not (appraisal.sudo().self_review_stored or "").strip()
        )
        if empty:
            raise UserError(
                self.env._(
                    "Write the self review of %(name)s before submitting it.",
                    name=empty[0].display_name,
                )
            )

    def _ensure_manager_review_written(self):
        """The manager answers the three questions of the method and writes
        the feedback before submitting the review."""
        for appraisal in self:
            missing = [
                appraisal._fields[fname].get_description(self.env)["string"]
                for fname in ("goals_reasonable", "motivated", "post_right")
                if not appraisal[fname]
            ]
            if not (appraisal.manager_feedback or "").strip():
                missing.append(
                    appraisal._fields["manager_feedback"].get_description(self.env)[
                        "string"
                    ]
                )
            if missing:
                raise UserError(
                    self.env._(
                        "Before submitting the review of %(name)s, answer: "
                        "%(missing)s",
                        name=appraisal.display_name,
                        missing=", ".join(missing),
                    )
                )

    def action_submit_manager_review(self):
        self._ensure_manager()
        self._ensure_state(("manager_review",))
        self._ensure_manager_review_written()
        self._update_scores()
        return self._set_state("calibration")

    def action_done(self):
        """Close appraisals in calibration, with the scores and rating their
        manager's review and calibration gave them, said in the chatter."""
        self._ensure_administered(
            self.env._(
                "Only a performance administrator closes appraisals, and "
                "nobody their own."
            )
        )
        self._ensure_manager()
        self._ensure_state(("calibration",))
        # The scores reviewed by the manager and calibrated are what is paid:
        # closing does not recompute them (see perf_appraisal_freeze).
        self._set_state("done")
        self._post_closing()
        return True

    def action_cancel(self):
        """The appraising manager cancels an appraisal until their review is
        submitted; from calibration on, only an administrator does (the
        rating is then on its way to payroll)."""
        self._ensure_manager()
        self._ensure_state(("draft", "self_review", "manager_review", "calibration"))
        calibrating = self.filtered(lambda appraisal: appraisal.state == "calibration")
        calibrating._ensure_administered(
            self.env._(
                "Appraisal %(name)s is in calibration: only a performance "
                "administrator can cancel it now.",
                name=calibrating[:1].display_name,
            )
        )
        return self._set_state("cancel")

    def _ensure_reopener(self):
        """Refuse unless the user may reopen ``self``: an administrator of its
        company (checked first, before anything of it is read) who is not
        appraised in it."""
        self.check_access("write")
        self._ensure_administered(
            self.env._(
                "Only a performance administrator reopens appraisals, and "
                "nobody their own."
            )
        )

    def action_reopen(self):
        """Back to manager review, by an administrator giving a reason
        (context key ``perf_change_reason``), kept in the chatter. Nobody
        reopens their own appraisal."""
        self._ensure_reopener()
        reason = self._get_change_reason()
        if not reason:
            raise UserError(
                self.env._("Reopening an appraisal needs a reason: give one.")
            )
        self._ensure_state(("done", "cancel", "calibration"))
        for appraisal in self:
            appraisal.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reason)
            )
        self.sudo().write({"reopen_reason": reason})
        return self._set_state("manager_review")
