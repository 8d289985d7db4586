package id.puskesos.field.ui

import android.content.Intent
import android.os.Bundle
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.ComplaintCategory
import id.puskesos.field.core.ComplaintDraft
import id.puskesos.field.core.ComplaintState
import id.puskesos.field.core.message
import id.puskesos.field.format.Formats

/**
 * Registers a complaint (pengaduan) at the desk or on a visit, and lists open ones with their
 * status. The complaint belongs to a recorded household (taken from its screen, chosen from
 * the list, or recorded here on the spot), so that it can be referred; without one it is
 * still registered, and the screen says a referral will need one.
 */
class ComplaintActivity : BaseActivity() {
    companion object {
        /** The household the complaint is about, when it is taken from its screen. */
        const val EXTRA_HOUSEHOLD = "household_id"
        private const val REQUEST_HOUSEHOLD = 60
        private const val STATE_HOUSEHOLD = "household"
    }

    /** The household the complaint is registered for; null: none chosen yet. */
    private var household: String? = null
    private lateinit var householdLine: TextView

    private lateinit var screen: Screen
    private lateinit var nik: EditText
    private lateinit var nikMessage: TextView
    private lateinit var name: EditText
    private lateinit var category: Spinner
    private lateinit var description: EditText
    private lateinit var open: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        screen = Screen(this)
        screen.heading(R.string.complaint_title)
        household = savedInstanceState?.getString(STATE_HOUSEHOLD) ?: intent.getStringExtra(EXTRA_HOUSEHOLD)
        householdLine = screen.label()
        screen.button(R.string.complaint_choose_household) { startActivityForResult(HouseholdListActivity.pick(this), REQUEST_HOUSEHOLD) }
        screen.button(R.string.complaint_new_household) { startActivityForResult(HouseholdFormActivity.forResult(this), REQUEST_HOUSEHOLD) }
        showHousehold()
        nik = screen.numberField(R.string.form_nik_hint)
        nikMessage = screen.message()
        nik.setOnFocusChangeListener { _, hasFocus -> if (!hasFocus) checkNik() }
        name = screen.field(R.string.complaint_name_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_VARIATION_PERSON_NAME)
        category = screen.spinner(resources.getStringArray(R.array.complaint_categories).toList())
        description = screen.field(R.string.complaint_description_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        screen.button(R.string.complaint_register) { register() }
        screen.heading(R.string.complaint_open)
        open = screen.section()
        screen.show()
        refresh()
    }

    private fun checkNik() {
        val input = nik.text.toString()
        background({ core.identity.checkNik(input) }) { info ->
            Screen.showMessage(nikMessage, info.issues.message(lang), Screen.ERROR_COLOR)
        }
    }

    private fun register() {
        // The spinner lists R.array.complaint_categories in the order of ComplaintCategory.
        val picked = ComplaintCategory.entries.getOrElse(category.selectedItemPosition) { ComplaintCategory.OTHER }
        val draft = ComplaintDraft(
            nik.text.toString(),
            name.text.toString().trim(),
            picked,
            description.text.toString().trim(),
            householdId = household,
        )
        background({
            val check = core.identity.checkNik(draft.complainantNik)
            if (!check.valid) null else core.records.registerComplaint(draft.copy(complainantNik = check.normalized))
        }) { id ->
            if (id == null) {
                checkNik()
            } else {
                description.setText("")
                refresh()
            }
        }
    }

    /** Which household the complaint is for, by its head's name; or that a referral will need one. */
    private fun showHousehold() {
        val householdId = household
        if (householdId == null) {
            Screen.showMessage(householdLine, getString(R.string.complaint_no_household), Screen.WARNING_COLOR)
            return
        }
        background({ core.records.household(householdId) }) { h ->
            Screen.showMessage(householdLine, getString(R.string.complaint_household, h.headName, h.kkMasked), Screen.OK_COLOR)
        }
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        // The list and the form answer with the same extra.
        val chosen = data?.getStringExtra(HouseholdListActivity.EXTRA_PICKED)
        if (requestCode == REQUEST_HOUSEHOLD && resultCode == RESULT_OK && chosen != null) {
            household = chosen
            showHousehold()
        }
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        household?.let { outState.putString(STATE_HOUSEHOLD, it) }
    }

    private fun refresh() {
        background({ core.records.openComplaints() }) { list ->
            open.removeAllViews()
            if (list.isEmpty()) screen.label(R.string.home_none, open)
            val months = resources.getStringArray(R.array.months).toList()
            list.forEach { c ->
                val state = when (c.state) {
                    ComplaintState.OPEN -> R.string.complaint_state_open
                    ComplaintState.REFERRED -> R.string.complaint_state_referred
                    ComplaintState.RESOLVED -> R.string.complaint_state_resolved
                    ComplaintState.CLOSED -> R.string.complaint_state_closed
                }
                val line = getString(R.string.complaint_line, c.subject, getString(state), Formats.isoDate(c.openedOn, months)) +
                    "\n" + if (c.overdue) getString(R.string.complaint_age_overdue, c.daysOpen) else getString(R.string.complaint_age, c.daysOpen)
                screen.item(line, open) { startActivity(CaseActivity.open(this, c.id)) }.apply {
                    if (c.overdue) setTextColor(Screen.ERROR_COLOR)
                }
                screen.button(R.string.action_refer, open) {
                    startActivity(Intent(this, ReferralActivity::class.java).putExtra(ReferralActivity.EXTRA_COMPLAINT, c.id))
                }
            }
        }
    }
}
