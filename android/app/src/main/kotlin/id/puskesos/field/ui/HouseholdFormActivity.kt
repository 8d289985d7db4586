package id.puskesos.field.ui

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.ScanPayload
import id.puskesos.field.core.message
import id.puskesos.field.form.FormField
import id.puskesos.field.form.FormReport
import id.puskesos.field.form.FormWords
import id.puskesos.field.form.HouseholdForm
import id.puskesos.field.format.Formats

/**
 * The household (KK) and its members, prefilled from a scan. Every NIK and the KK number are
 * checked by the core; its messages appear under the field they concern, errors in red and
 * warnings (a form that contradicts its NIK) in amber.
 */
class HouseholdFormActivity : BaseActivity() {
    private val form = HouseholdForm()
    private lateinit var screen: Screen
    private lateinit var kk: EditText
    private lateinit var kkMessage: TextView
    private lateinit var village: EditText
    private lateinit var villageMessage: TextView
    private lateinit var address: EditText
    private lateinit var addressMessage: TextView
    private lateinit var rt: EditText
    private lateinit var rw: EditText
    private lateinit var membersBox: LinearLayout
    private lateinit var membersMessage: TextView
    private val memberViews = mutableListOf<MemberViews>()

    private class MemberViews(
        val nik: EditText,
        val nikMessage: TextView,
        val name: EditText,
        val nameMessage: TextView,
        val sex: Spinner,
        val birthDate: EditText,
        val birthMessage: TextView,
        val relationship: Spinner,
    )

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        intent.getStringExtra(EXTRA_RAW)?.let { raw ->
            form.prefill(
                ScanPayload(
                    intent.getStringExtra(EXTRA_KK),
                    intent.getStringArrayListExtra(EXTRA_NIKS).orEmpty(),
                    intent.getStringArrayListExtra(EXTRA_NAMES).orEmpty(),
                    raw,
                ),
            )
        }
        val s = Screen(this)
        screen = s
        s.heading(R.string.form_title)
        kk = s.numberField(R.string.form_kk_hint).apply { setText(form.kk) }
        kkMessage = s.message()
        s.button(R.string.form_from_registry) { fromRegistry() }
        village = s.numberField(R.string.form_village_hint).apply { setText(Settings(this@HouseholdFormActivity).villageCode.orEmpty()) }
        villageMessage = s.message()
        address = s.field(R.string.form_address_hint)
        addressMessage = s.message()
        val rtRw = s.row()
        rt = s.numberField(R.string.form_rt_hint, rtRw)
        rw = s.numberField(R.string.form_rw_hint, rtRw)
        s.heading(R.string.form_members)
        membersBox = s.section()
        membersMessage = s.message()
        form.members.forEach { addMemberViews(it) }
        if (form.members.isEmpty()) addMemberViews(null)
        s.button(R.string.form_add_member) { addMemberViews(null) }
        s.button(R.string.form_check) { check(save = false) }
        s.button(R.string.form_save) { check(save = true) }
        s.show()
    }

    /** Starts the form from the family the DTSEN extract has on this KK. */
    private fun fromRegistry() {
        val typed = kk.text.toString()
        background({ core.registry.familyDraft(core.identity.normalize(typed)) }) { draft ->
            if (draft == null) {
                Screen.showMessage(kkMessage, getString(R.string.form_not_in_registry), Screen.WARNING_COLOR)
                return@background
            }
            form.prefill(draft)
            kk.setText(form.kk)
            village.setText(form.villageCode)
            address.setText(form.address)
            rt.setText(form.rt)
            rw.setText(form.rw)
            membersBox.removeAllViews()
            memberViews.clear()
            form.members.forEach { addMemberViews(it) }
            Screen.showMessage(kkMessage, getString(R.string.form_from_registry_done, form.members.size), Screen.OK_COLOR)
        }
    }

    private fun addMemberViews(member: MemberDraft?) {
        val s = screen
        val box = s.section(membersBox)
        s.label(getString(R.string.form_member_n, memberViews.size + 1), box)
        val nik = s.numberField(R.string.form_nik_hint, box).apply { setText(member?.nik.orEmpty()) }
        val nikMessage = s.message(box)
        val name = s.field(R.string.form_name_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_CAP_WORDS, box)
            .apply { setText(member?.name.orEmpty()) }
        val nameMessage = s.message(box)
        val sex = s.spinner(listOf(getString(R.string.sex_unknown), getString(R.string.sex_male), getString(R.string.sex_female)), box)
        if (member?.sex != null) sex.setSelection(if (member.sex == id.puskesos.field.core.Sex.MALE) 1 else 2)
        val birthDate = s.field(R.string.form_birth_date_hint, android.text.InputType.TYPE_CLASS_DATETIME, box)
            .apply { setText(Formats.typedFromIso(member?.birthDate)) }
        val birthMessage = s.message(box)
        val relationship = s.spinner(resources.getStringArray(R.array.relationships).toList(), box)
        HouseholdForm.RELATIONSHIPS.indexOf(member?.relationship).takeIf { it >= 0 }?.let { relationship.setSelection(it) }
        val index = memberViews.size
        nik.setOnFocusChangeListener { _, hasFocus -> if (!hasFocus) checkNik(index) }
        memberViews += MemberViews(nik, nikMessage, name, nameMessage, sex, birthDate, birthMessage, relationship)
    }

    /** Checks one NIK as soon as the person leaves the field, and fills sex and birth date from it. */
    private fun checkNik(index: Int) {
        val views = memberViews[index]
        val input = views.nik.text.toString()
        if (input.isBlank()) return
        background({ core.identity.checkNik(input) }) { info ->
            Screen.showMessage(views.nikMessage, info.issues.message(lang), Screen.ERROR_COLOR)
            if (info.valid) {
                if (views.sex.selectedItemPosition == 0) views.sex.setSelection(if (info.sex == id.puskesos.field.core.Sex.MALE) 1 else 2)
                if (views.birthDate.text.isBlank() && info.birthDate != null) {
                    val (y, m, d) = info.birthDate.split("-")
                    views.birthDate.setText("$d-$m-$y")
                }
            }
        }
    }

    private fun readForm() {
        form.kk = kk.text.toString()
        form.villageCode = village.text.toString()
        form.address = address.text.toString()
        form.rt = rt.text.toString()
        form.rw = rw.text.toString()
        form.members.clear()
        val relationships = HouseholdForm.RELATIONSHIPS
        memberViews.filter { it.nik.text.isNotBlank() || it.name.text.isNotBlank() }.forEach {
            form.members += MemberDraft(
                nik = it.nik.text.toString(),
                name = it.name.text.toString(),
                sex = HouseholdForm.sexOf(it.sex.selectedItemPosition - 1),
                birthDate = Formats.isoFromTyped(it.birthDate.text.toString()),
                relationship = relationships.getOrElse(it.relationship.selectedItemPosition) { "other" },
            )
        }
    }

    private fun check(save: Boolean) {
        readForm()
        val words = object : FormWords {
            override val nameMissing = getString(R.string.form_name_missing)
            override val noMembers = getString(R.string.form_no_members)
            override val villageMissing = getString(R.string.form_village_missing)
            override val addressMissing = getString(R.string.form_address_missing)
            override val nikMissing = getString(R.string.form_nik_missing_warning)
        }
        background({ form.validate(core.identity, lang, words) }) { report ->
            show(report)
            if (save && report.canSave) {
                background({ core.records.saveHousehold(form.draft(core.identity)) }) { saved ->
                    // For another screen (a complaint, a choice from the list): back to it with
                    // the new household; otherwise on to its photos.
                    val next = {
                        if (intent.getBooleanExtra(EXTRA_FOR_RESULT, false)) {
                            setResult(RESULT_OK, Intent().putExtra(EXTRA_HOUSEHOLD, saved.id))
                        } else {
                            startActivity(Intent(this, PhotoChecklistActivity::class.java).putExtra(EXTRA_HOUSEHOLD, saved.id))
                        }
                        finish()
                    }
                    if (saved.warnings.isEmpty()) {
                        next()
                    } else {
                        // Saved; the family's questions (ages, missing NIKs) are read before moving on.
                        android.app.AlertDialog.Builder(this)
                            .setTitle(R.string.saved_with_questions)
                            .setMessage(saved.warnings.joinToString("\n\n") { it.pick(lang) })
                            .setPositiveButton(android.R.string.ok) { _, _ -> next() }
                            .setCancelable(false)
                            .show()
                    }
                }
            }
        }
    }

    private fun show(report: FormReport) {
        Screen.showMessage(kkMessage, report.errorText(FormField.Kk), Screen.ERROR_COLOR)
        Screen.showMessage(villageMessage, report.errorText(FormField.Village), Screen.ERROR_COLOR)
        Screen.showMessage(addressMessage, report.errorText(FormField.Address), Screen.ERROR_COLOR)
        Screen.showMessage(membersMessage, report.errorText(FormField.Members), Screen.ERROR_COLOR)
        // Members in the form are the non-empty rows, in order.
        val filled = memberViews.filter { it.nik.text.isNotBlank() || it.name.text.isNotBlank() }
        filled.forEachIndexed { i, v ->
            val error = report.errorText(FormField.MemberNik(i))
            Screen.showMessage(v.nikMessage, error ?: report.warningText(FormField.MemberNik(i)), if (error != null) Screen.ERROR_COLOR else Screen.WARNING_COLOR)
            Screen.showMessage(v.nameMessage, report.errorText(FormField.MemberName(i)), Screen.ERROR_COLOR)
            Screen.showMessage(v.birthMessage, report.errorText(FormField.MemberBirthDate(i)), Screen.ERROR_COLOR)
        }
    }

    companion object {
        const val EXTRA_HOUSEHOLD = "household_id"
        private const val EXTRA_KK = "kk"
        private const val EXTRA_NIKS = "niks"
        private const val EXTRA_NAMES = "names"
        private const val EXTRA_RAW = "raw"
        private const val EXTRA_FOR_RESULT = "for_result"

        /** The empty form for another screen: answers RESULT_OK with the saved household's id ([EXTRA_HOUSEHOLD]). */
        fun forResult(context: Context): Intent = Intent(context, HouseholdFormActivity::class.java).putExtra(EXTRA_FOR_RESULT, true)

        fun prefilled(context: Context, scan: ScanPayload): Intent =
            Intent(context, HouseholdFormActivity::class.java)
                .putExtra(EXTRA_KK, scan.kk)
                .putStringArrayListExtra(EXTRA_NIKS, ArrayList(scan.niks))
                .putStringArrayListExtra(EXTRA_NAMES, ArrayList(scan.names))
                .putExtra(EXTRA_RAW, scan.raw)
    }
}
