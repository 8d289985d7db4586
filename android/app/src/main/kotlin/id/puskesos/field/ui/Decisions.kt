package id.puskesos.field.ui

import android.content.Context
import id.puskesos.field.R
import id.puskesos.field.core.DecisionView

/**
 * A district decision as one line a pillar reads: what it is about, what was decided and
 * the district's reason. The codes are the district's status codes; an unknown one is shown
 * as it came rather than hidden.
 */
object Decisions {
    fun line(context: Context, d: DecisionView): String {
        val what = when (d.entity) {
            "proposal" -> context.getString(R.string.decision_proposal)
            "complaint" -> context.getString(R.string.decision_complaint)
            "referral" -> context.getString(R.string.decision_referral)
            else -> d.entity
        }
        val status = statusText(context, d.status)
        return if (d.note.isBlank()) context.getString(R.string.decision_line, what, status)
        else context.getString(R.string.decision_line_note, what, status, d.note)
    }

    fun statusText(context: Context, code: String): String =
        when (code) {
            "accepted" -> context.getString(R.string.decision_accepted)
            "returned" -> context.getString(R.string.decision_returned)
            "submitted" -> context.getString(R.string.decision_submitted)
            "received" -> context.getString(R.string.decision_received)
            "registry_checked" -> context.getString(R.string.decision_registry_checked)
            "referred" -> context.getString(R.string.complaint_state_referred)
            "handled", "served" -> context.getString(R.string.complaint_state_resolved)
            "monitored" -> context.getString(R.string.decision_monitored)
            "closed" -> context.getString(R.string.complaint_state_closed)
            "rejected" -> context.getString(R.string.decision_rejected)
            else -> code
        }
}
