package id.puskesos.field.ui

import android.os.Bundle
import android.widget.EditText
import android.widget.Spinner
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.Sector

/** Refers a complaint or a household to the service that can act (SLRT's rujukan). */
class ReferralActivity : BaseActivity() {
    private lateinit var service: Spinner
    private lateinit var institution: EditText
    private lateinit var sector: Spinner
    private lateinit var reason: EditText

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        s.heading(R.string.referral_title)
        service = s.spinner(resources.getStringArray(R.array.referral_services).toList())
        institution = s.field(R.string.referral_institution_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_CAP_WORDS)
        // The nine SLRT sectors (Permensos 15/2018); the first line takes the institution's own.
        sector = s.spinner(resources.getStringArray(R.array.sectors).toList())
        reason = s.field(R.string.referral_reason_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        s.button(R.string.referral_submit) { submit() }
        s.show()
    }

    private fun submit() {
        val draft = ReferralDraft(
            complaintId = intent.getStringExtra(EXTRA_COMPLAINT),
            householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD),
            sector = Sector.entries.getOrNull(sector.selectedItemPosition - 1)
                ?: SECTORS.getOrElse(service.selectedItemPosition) { Sector.SOCIAL_ECONOMIC },
            institution = institution.text.toString().trim().ifEmpty { service.selectedItem?.toString().orEmpty() },
            service = reason.text.toString().trim(),
        )
        background({ core.records.refer(draft) }) {
            Toast.makeText(this, R.string.saved, Toast.LENGTH_SHORT).show()
            finish()
        }
    }

    companion object {
        const val EXTRA_COMPLAINT = "complaint_id"

        /** The SLRT sector of each institution in R.array.referral_services, in its order. */
        val SECTORS = listOf(
            Sector.SOCIAL_ECONOMIC, Sector.HEALTH, Sector.CIVIL_REGISTRATION, Sector.EDUCATION, Sector.HEALTH, Sector.SOCIAL_ECONOMIC,
        )
    }
}
