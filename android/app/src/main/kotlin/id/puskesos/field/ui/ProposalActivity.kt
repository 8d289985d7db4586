package id.puskesos.field.ui

import android.os.Bundle
import android.widget.EditText
import android.widget.Spinner
import android.widget.TextView
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind

/**
 * A proposal to the registry for this household: usul (a new entry), perbaikan (a correction)
 * or sanggah (an objection to a mis-targeted recipient). A reason is required for each, as the
 * district reviews every one.
 */
class ProposalActivity : BaseActivity() {
    private lateinit var kind: Spinner
    private lateinit var reason: EditText
    private lateinit var reasonMessage: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        s.heading(R.string.proposal_title)
        kind = s.spinner(listOf(getString(R.string.proposal_new), getString(R.string.proposal_correction), getString(R.string.proposal_objection)))
        reason = s.field(R.string.proposal_reason_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        reasonMessage = s.message()
        s.button(R.string.proposal_submit) { submit() }
        s.show()
    }

    private fun submit() {
        val text = reason.text.toString().trim()
        if (text.isEmpty()) {
            Screen.showMessage(reasonMessage, getString(R.string.proposal_reason_missing), Screen.ERROR_COLOR)
            return
        }
        Screen.showMessage(reasonMessage, null, Screen.ERROR_COLOR)
        val draft = ProposalDraft(
            householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty(),
            kind = ProposalKind.entries[kind.selectedItemPosition.coerceIn(0, ProposalKind.entries.size - 1)],
            reason = text,
        )
        background({ core.records.propose(draft) }) {
            Toast.makeText(this, R.string.saved, Toast.LENGTH_SHORT).show()
            finish()
        }
    }
}
