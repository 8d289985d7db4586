package id.puskesos.field.form

import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.Lang
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.message

/** A field of the proposal form that a message can sit under. */
enum class ProposalField { REASON, TARGET_NIK }

/**
 * The registry proposal form as one snapshot of what was typed. A sanggah (objection) names
 * the recipient it objects to, as Cek Bansos's objection does, and the core refuses one without
 * that NIK; so the form asks for it and shows the core's own NIK check under the field before
 * anything is saved. Usul and correction do not ask for it.
 */
class ProposalForm(val kind: ProposalKind, val reason: String, val targetNik: String = "") {
    /** Only an objection asks for the recipient's NIK. */
    val asksTargetNik: Boolean get() = asksTargetNik(kind)

    /**
     * The message under each field that blocks saving; empty when the proposal can be saved.
     * [reasonMissing] is the app's sentence (the core does not word it for a form).
     */
    fun validate(identity: IdentityService, lang: Lang, reasonMissing: String): Map<ProposalField, String> {
        val errors = linkedMapOf<ProposalField, String>()
        if (reason.isBlank()) errors[ProposalField.REASON] = reasonMissing
        if (asksTargetNik) {
            identity.checkNik(targetNik).issues.message(lang)?.let { errors[ProposalField.TARGET_NIK] = it }
        }
        return errors
    }

    /** The draft to save, the NIK normalised; the caller validated first. */
    fun draft(householdId: String, identity: IdentityService): ProposalDraft =
        ProposalDraft(householdId, kind, reason.trim(), if (asksTargetNik) identity.normalize(targetNik) else null)

    companion object {
        fun asksTargetNik(kind: ProposalKind): Boolean = kind == ProposalKind.OBJECTION
    }
}
