package id.puskesos.field.ui

import android.app.AlertDialog
import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.text.InputType
import android.widget.EditText
import android.widget.Spinner
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.HouseholdCorrection
import id.puskesos.field.core.HouseholdView
import id.puskesos.field.core.MemberCorrection
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.MemberView
import id.puskesos.field.core.Sex
import id.puskesos.field.core.message
import id.puskesos.field.form.HouseholdForm
import id.puskesos.field.format.Formats

/**
 * Puts a typo right, with a reason the district will read: the household's KK number,
 * address, RT/RW and head's name, or a member's NIK, name, sex, birth date and relationship.
 * Only the fields that changed are sent; the core refuses an empty reason or a form that
 * changes nothing. The same screen adds a member (no reason needed) and moves one to another
 * KK. Warnings the saved record raises (a NIK that disagrees with the form, ages that do not
 * fit the relationships) are shown before the screen closes.
 */
class CorrectionActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var mode: String
    private lateinit var householdId: String
    private var personId: String? = null
    private var household: HouseholdView? = null
    private var member: MemberView? = null

    private lateinit var kk: EditText
    private lateinit var address: EditText
    private lateinit var rt: EditText
    private lateinit var rw: EditText
    private lateinit var headName: EditText

    private lateinit var nik: EditText
    private lateinit var nikMessage: TextView
    private lateinit var name: EditText
    private lateinit var sex: Spinner
    private lateinit var birthDate: EditText
    private lateinit var relationship: Spinner

    private lateinit var reason: EditText
    private lateinit var problem: TextView
    private lateinit var moveKk: EditText
    private lateinit var moveRelationship: Spinner

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        mode = intent.getStringExtra(EXTRA_MODE) ?: MODE_HOUSEHOLD
        householdId = intent.getStringExtra(HouseholdActivity.EXTRA_HOUSEHOLD) ?: run {
            finish()
            return
        }
        personId = intent.getStringExtra(EXTRA_PERSON)
        screen = Screen(this)
        when (mode) {
            MODE_HOUSEHOLD -> buildHousehold()
            else -> buildMember()
        }
        problem = screen.message()
        if (mode != MODE_ADD) {
            reason = screen.field(R.string.reason_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_SENTENCES)
        }
        screen.button(R.string.form_save) { save() }
        if (mode == MODE_MEMBER) buildMove()
        screen.show()
        background({ core.records.household(householdId) }) { h -> fill(h) }
    }

    private fun buildHousehold() {
        val s = screen
        s.heading(R.string.correction_household_title)
        kk = s.numberField(R.string.form_kk_hint)
        address = s.field(R.string.form_address_hint)
        val rtRw = s.row()
        rt = s.numberField(R.string.form_rt_hint, rtRw)
        rw = s.numberField(R.string.form_rw_hint, rtRw)
        headName = s.field(R.string.correction_head_name_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_WORDS)
    }

    private fun buildMember() {
        val s = screen
        s.heading(if (mode == MODE_ADD) R.string.correction_add_title else R.string.correction_member_title)
        nik = s.numberField(R.string.form_nik_hint)
        nikMessage = s.message()
        nik.setOnFocusChangeListener { _, hasFocus -> if (!hasFocus) checkNik() }
        name = s.field(R.string.form_name_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_WORDS)
        sex = s.spinner(listOf(getString(R.string.sex_unknown), getString(R.string.sex_male), getString(R.string.sex_female)))
        birthDate = s.field(R.string.form_birth_date_hint, InputType.TYPE_CLASS_DATETIME)
        relationship = s.spinner(resources.getStringArray(R.array.relationships).toList())
    }

    private fun buildMove() {
        val s = screen
        s.heading(R.string.correction_move_title)
        s.label(R.string.correction_move_explain)
        moveKk = s.numberField(R.string.correction_move_kk_hint)
        moveRelationship = s.spinner(resources.getStringArray(R.array.relationships).toList())
        s.button(R.string.correction_move) { move() }
    }

    private fun fill(h: HouseholdView) {
        household = h
        when (mode) {
            MODE_HOUSEHOLD -> {
                kk.setText(h.kk)
                address.setText(h.address)
                rt.setText(h.rt)
                rw.setText(h.rw)
                headName.setText(h.headName)
            }
            MODE_MEMBER -> {
                val m = h.members.firstOrNull { it.id == personId } ?: run {
                    finish()
                    return
                }
                member = m
                nik.setText(m.nik.orEmpty())
                name.setText(m.name)
                sex.setSelection(if (m.sex == Sex.MALE) 1 else 2)
                birthDate.setText(Formats.typedFromIso(m.birthDate))
                relationship.setSelection(HouseholdForm.RELATIONSHIPS.indexOf(m.relationship).coerceAtLeast(0))
            }
        }
    }

    private fun checkNik() {
        val input = nik.text.toString()
        if (input.isBlank()) {
            Screen.showMessage(nikMessage, getString(R.string.form_nik_missing_warning), Screen.WARNING_COLOR)
            return
        }
        background({ core.identity.checkNik(input) }) { info ->
            Screen.showMessage(nikMessage, info.issues.message(lang), Screen.ERROR_COLOR)
        }
    }

    private fun changed(now: String, before: String?): String? = now.trim().takeIf { it != before.orEmpty() }

    private fun save() {
        when (mode) {
            MODE_HOUSEHOLD -> {
                val h = household ?: return
                val change = HouseholdCorrection(
                    kk = changed(core.identity.normalize(kk.text.toString()), h.kk),
                    address = changed(address.text.toString(), h.address),
                    rt = changed(rt.text.toString(), h.rt),
                    rw = changed(rw.text.toString(), h.rw),
                    headName = changed(headName.text.toString(), h.headName),
                )
                val why = reason.text.toString()
                background({ core.records.correctHousehold(householdId, change, why) }) { done(emptyList()) }
            }
            MODE_MEMBER -> {
                val m = member ?: return
                val typedDate = birthDate.text.toString()
                val iso = if (typedDate.isBlank()) null else Formats.isoFromTyped(typedDate) ?: return dateProblem()
                val pickedSex = HouseholdForm.sexOf(sex.selectedItemPosition - 1)
                val rel = HouseholdForm.RELATIONSHIPS.getOrElse(relationship.selectedItemPosition) { m.relationship }
                val change = MemberCorrection(
                    nik = changed(core.identity.normalize(nik.text.toString()), m.nik),
                    name = changed(name.text.toString(), m.name),
                    sex = pickedSex?.takeIf { it != m.sex },
                    birthDate = iso?.takeIf { it != m.birthDate },
                    relationship = rel.takeIf { it != m.relationship },
                )
                val why = reason.text.toString()
                background({ core.records.correctMember(m.id, change, why) }) { done(it) }
            }
            else -> {
                val typedDate = birthDate.text.toString()
                val iso = if (typedDate.isBlank()) null else Formats.isoFromTyped(typedDate) ?: return dateProblem()
                val draft = MemberDraft(
                    nik = core.identity.normalize(nik.text.toString()),
                    name = name.text.toString().trim(),
                    sex = HouseholdForm.sexOf(sex.selectedItemPosition - 1),
                    birthDate = iso,
                    relationship = HouseholdForm.RELATIONSHIPS.getOrElse(relationship.selectedItemPosition) { "other" },
                )
                background({ core.records.addMember(householdId, draft) }) { done(it) }
            }
        }
    }

    private fun move() {
        val m = member ?: return
        val toKk = core.identity.normalize(moveKk.text.toString())
        val rel = HouseholdForm.RELATIONSHIPS.getOrElse(moveRelationship.selectedItemPosition) { "other" }
        val why = reason.text.toString()
        background({ core.records.moveMember(m.id, toKk, rel, why) }) { done(emptyList()) }
    }

    private fun dateProblem() = Screen.showMessage(problem, getString(R.string.form_birth_date_unreadable), Screen.ERROR_COLOR)

    /** Saved: what the record raises now is worth a look before the screen closes. */
    private fun done(warnings: List<Bilingual>) {
        setResult(RESULT_OK)
        if (warnings.isEmpty()) {
            finish()
            return
        }
        AlertDialog.Builder(this)
            .setTitle(R.string.saved_with_questions)
            .setMessage(warnings.joinToString("\n\n") { it.pick(lang) })
            .setPositiveButton(android.R.string.ok) { _, _ -> finish() }
            .setOnCancelListener { finish() }
            .show()
    }

    companion object {
        const val EXTRA_MODE = "mode"
        const val EXTRA_PERSON = "person_id"
        const val MODE_HOUSEHOLD = "household"
        const val MODE_MEMBER = "member"
        const val MODE_ADD = "add"

        fun household(context: Context, householdId: String): Intent =
            Intent(context, CorrectionActivity::class.java)
                .putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, householdId)
                .putExtra(EXTRA_MODE, MODE_HOUSEHOLD)

        fun member(context: Context, householdId: String, personId: String): Intent =
            household(context, householdId).putExtra(EXTRA_MODE, MODE_MEMBER).putExtra(EXTRA_PERSON, personId)

        fun addMember(context: Context, householdId: String): Intent = household(context, householdId).putExtra(EXTRA_MODE, MODE_ADD)
    }
}
