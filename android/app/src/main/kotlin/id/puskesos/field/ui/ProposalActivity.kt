package id.puskesos.field.ui

import android.os.Bundle
import android.view.View
import android.widget.AdapterView
import android.widget.EditText
import android.widget.Spinner
import android.widget.TextView
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.message
import id.puskesos.field.form.ProposalField
import id.puskesos.field.form.ProposalForm

/**
 * A proposal to the registry for this household: usul (a new entry), perbaikan (a correction)
 * or sanggah (an objection to a mis-targeted recipient, named by NIK). A reason is required
 * for each, as the district reviews every one.
 */
class ProposalActivity : BaseActivity() {
    private lateinit var kind: Spinner
    private lateinit var targetNik: EditText
    private lateinit var targetNikMessage: TextView
    private lateinit var reason: EditText
    private lateinit var reasonMessage: TextView

    /** The spinner lists the kinds in the order of [ProposalKind]. */
    private val pickedKind: ProposalKind
        get() = ProposalKind.entries[kind.selectedItemPosition.coerceIn(0, ProposalKind.entries.size - 1)]

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        s.heading(R.string.proposal_title)
        kind = s.spinner(listOf(getString(R.string.proposal_new), getString(R.string.proposal_correction), getString(R.string.proposal_objection)))
        targetNik = s.numberField(R.string.proposal_target_nik_hint)
        targetNikMessage = s.message()
        targetNik.setOnFocusChangeListener { _, hasFocus -> if (!hasFocus && targetNik.text.isNotEmpty()) checkTargetNik() }
        reason = s.field(R.string.proposal_reason_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        reasonMessage = s.message()
        s.button(R.string.proposal_submit) { submit() }
        kind.onItemSelectedListener = object : AdapterView.OnItemSelectedListener {
            override fun onItemSelected(parent: AdapterView<*>?, view: View?, position: Int, id: Long) = showTargetNik()

            override fun onNothingSelected(parent: AdapterView<*>?) = showTargetNik()
        }
        showTargetNik()
        s.show()
    }

    /** The recipient's NIK is asked only for a sanggah. */
    private fun showTargetNik() {
        val asked = ProposalForm.asksTargetNik(pickedKind)
        targetNik.visibility = if (asked) View.VISIBLE else View.GONE
        if (!asked) Screen.showMessage(targetNikMessage, null, Screen.ERROR_COLOR)
    }

    private fun checkTargetNik() {
        val input = targetNik.text.toString()
        background({ core.identity.checkNik(input) }) { info ->
            Screen.showMessage(targetNikMessage, info.issues.message(lang), Screen.ERROR_COLOR)
        }
    }

    private fun submit() {
        val form = ProposalForm(pickedKind, reason.text.toString(), targetNik.text.toString())
        val householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()
        val reasonMissing = getString(R.string.proposal_reason_missing)
        val language = lang
        background({
            val errors = form.validate(core.identity, language, reasonMissing)
            if (errors.isEmpty()) core.records.propose(form.draft(householdId, core.identity))
            errors
        }) { errors ->
            Screen.showMessage(reasonMessage, errors[ProposalField.REASON], Screen.ERROR_COLOR)
            Screen.showMessage(targetNikMessage, errors[ProposalField.TARGET_NIK], Screen.ERROR_COLOR)
            if (errors.isEmpty()) {
                Toast.makeText(this, R.string.saved, Toast.LENGTH_SHORT).show()
                finish()
            }
        }
    }
}
