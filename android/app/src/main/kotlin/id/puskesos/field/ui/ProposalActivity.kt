package id.puskesos.field.ui

import android.os.Bundle
import android.view.View
import android.widget.AdapterView
import android.widget.EditText
import android.widget.LinearLayout
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
    private lateinit var screen: Screen
    private lateinit var form: LinearLayout
    private lateinit var done: LinearLayout
    private lateinit var evidenceCount: TextView
    private lateinit var kind: Spinner
    private lateinit var targetNik: EditText
    private lateinit var targetNikMessage: TextView
    private lateinit var reason: EditText
    private lateinit var clock: TextView
    private lateinit var reasonMessage: TextView

    /** The spinner lists the kinds in the order of [ProposalKind]. */
    private val pickedKind: ProposalKind
        get() = ProposalKind.entries[kind.selectedItemPosition.coerceIn(0, ProposalKind.entries.size - 1)]

    /** The proposal once saved: the screen then offers its evidence photos. */
    private var savedId: String? = null
    private val evidence = EvidencePhoto(this, REQUEST_EVIDENCE) { showSaved() }
    private val householdId: String get() = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        screen = s
        s.heading(R.string.proposal_title)
        form = s.section()
        kind = s.spinner(listOf(getString(R.string.proposal_new), getString(R.string.proposal_correction), getString(R.string.proposal_objection)), form)
        clock = s.label(parent = form)
        targetNik = s.numberField(R.string.proposal_target_nik_hint, form)
        targetNikMessage = s.message(form)
        targetNik.setOnFocusChangeListener { _, hasFocus -> if (!hasFocus && targetNik.text.isNotEmpty()) checkTargetNik() }
        reason = s.field(R.string.proposal_reason_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE, form)
        reasonMessage = s.message(form)
        s.button(R.string.proposal_submit, form) { submit() }
        // After saving: evidence photos for this proposal (a letter, the house, a card).
        done = s.section()
        done.visibility = View.GONE
        s.label(R.string.proposal_saved_evidence, done).setTextColor(Screen.OK_COLOR)
        evidenceCount = s.label(parent = done)
        s.button(R.string.evidence_add, done) { savedId?.let { evidence.take(householdId, it) } }
        s.button(R.string.proposal_done, done) { finish() }
        evidence.restore(savedInstanceState)
        savedId = savedInstanceState?.getString(STATE_SAVED)
        if (savedId != null) showSaved()
        kind.onItemSelectedListener = object : AdapterView.OnItemSelectedListener {
            override fun onItemSelected(parent: AdapterView<*>?, view: View?, position: Int, id: Long) = showTargetNik()

            override fun onNothingSelected(parent: AdapterView<*>?) = showTargetNik()
        }
        showTargetNik()
        s.show()
    }

    /** The recipient's NIK is asked only for a sanggah; the clock the kind runs on is shown. */
    private fun showTargetNik() {
        val kindNow = pickedKind
        app.work.execute {
            val due = try {
                core.records.proposalDue(kindNow)
            } catch (_: id.puskesos.field.core.CoreException) {
                null
            }
            runOnUiThread {
                if (isDestroyed || due == null) return@runOnUiThread
                val day = id.puskesos.field.format.Formats.isoDate(due, resources.getStringArray(R.array.months).toList())
                clock.text = getString(if (kindNow == ProposalKind.OBJECTION) R.string.proposal_clock_objection else R.string.proposal_clock_usul, day)
            }
        }
        val asked = ProposalForm.asksTargetNik(kindNow)
        targetNik.visibility = if (asked) View.VISIBLE else View.GONE
        if (!asked) Screen.showMessage(targetNikMessage, null, Screen.ERROR_COLOR)
    }

    private fun checkTargetNik() {
        val input = targetNik.text.toString()
        background({
            val info = core.identity.checkNik(input)
            // A sanggah objects to a registered recipient: one the village's extract does not
            // hold is worth a second look before it goes to the district.
            val registered = try {
                !info.valid || core.registry.byNik(info.normalized).isNotEmpty()
            } catch (_: id.puskesos.field.core.CoreException) {
                true // no extract on the phone yet: nothing to compare with
            }
            info to registered
        }) { (info, registered) ->
            val issues = info.issues.message(lang)
            when {
                issues != null -> Screen.showMessage(targetNikMessage, issues, Screen.ERROR_COLOR)
                !registered -> Screen.showMessage(targetNikMessage, getString(R.string.proposal_target_not_registered), Screen.WARNING_COLOR)
                else -> Screen.showMessage(targetNikMessage, getString(R.string.proposal_target_registered), Screen.OK_COLOR)
            }
        }
    }

    private fun submit() {
        val proposal = ProposalForm(pickedKind, reason.text.toString(), targetNik.text.toString())
        val household = householdId
        val reasonMissing = getString(R.string.proposal_reason_missing)
        val language = lang
        background({
            val errors = proposal.validate(core.identity, language, reasonMissing)
            val saved = if (errors.isEmpty()) core.records.propose(proposal.draft(household, core.identity)) else null
            errors to saved
        }) { (errors, saved) ->
            Screen.showMessage(reasonMessage, errors[ProposalField.REASON], Screen.ERROR_COLOR)
            Screen.showMessage(targetNikMessage, errors[ProposalField.TARGET_NIK], Screen.ERROR_COLOR)
            if (saved != null) {
                Toast.makeText(this, R.string.saved, Toast.LENGTH_SHORT).show()
                savedId = saved
                showSaved()
            }
        }
    }

    /** The saved proposal: the form gives way to its evidence photos, counted from the store. */
    private fun showSaved() {
        val proposal = savedId ?: return
        form.visibility = View.GONE
        done.visibility = View.VISIBLE
        val household = householdId
        background({ core.records.proposalsOf(household).firstOrNull { it.id == proposal }?.evidence ?: 0 }) { n ->
            evidenceCount.text = getString(R.string.evidence_count, n)
        }
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: android.content.Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        evidence.onResult(requestCode, resultCode)
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        evidence.onPermission(requestCode, grantResults)
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        savedId?.let { outState.putString(STATE_SAVED, it) }
        evidence.save(outState)
    }

    private companion object {
        const val REQUEST_EVIDENCE = 40
        const val STATE_SAVED = "saved_proposal"
    }
}
