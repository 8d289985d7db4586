package id.puskesos.field.ui

import android.os.Bundle
import android.view.View
import android.widget.AdapterView
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.InstitutionView
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.Sector

/**
 * Refers a complaint or a household to the service that can act (SLRT's rujukan). When the
 * district's pack lists institutions, they come first: picking one names the institution the
 * way the district knows it, sets its sector and offers its services; otherwise (or with
 * "other") the institution is typed.
 */
class ReferralActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var listed: LinearLayout
    private lateinit var service: Spinner
    private lateinit var institution: EditText
    private lateinit var sector: Spinner
    private lateinit var reason: EditText
    private var institutions: List<InstitutionView> = emptyList()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        screen = s
        s.heading(R.string.referral_title)
        // Filled once the pack's institutions are read; empty when it lists none.
        listed = s.section()
        service = s.spinner(resources.getStringArray(R.array.referral_services).toList())
        institution = s.field(R.string.referral_institution_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_CAP_WORDS)
        // The nine SLRT sectors (Permensos 15/2018); the first line takes the institution's own.
        sector = s.spinner(resources.getStringArray(R.array.sectors).toList())
        reason = s.field(R.string.referral_reason_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        s.button(R.string.referral_submit) { submit() }
        s.show()
        background({ core.records.institutions(null) }) { list ->
            institutions = list
            if (list.isNotEmpty()) showListed(list)
        }
    }

    private fun showListed(list: List<InstitutionView>) {
        val sectorNames = resources.getStringArray(R.array.sectors)
        screen.label(R.string.referral_pick_institution, listed)
        val names = list.map { "${it.name} · ${sectorNames[1 + it.sector.ordinal]}" } + getString(R.string.referral_institution_other)
        val picker = screen.spinner(names, listed)
        val services = screen.spinner(emptyList(), listed).apply { visibility = View.GONE }
        picker.onItemSelectedListener = object : AdapterView.OnItemSelectedListener {
            override fun onItemSelected(parent: AdapterView<*>?, view: View?, position: Int, id: Long) {
                val chosen = list.getOrNull(position)
                // A listed institution is named and placed by the district; "other" is typed.
                institution.setText(chosen?.name.orEmpty())
                institution.isEnabled = chosen == null
                service.visibility = if (chosen == null) View.VISIBLE else View.GONE
                sector.setSelection(if (chosen == null) 0 else 1 + chosen.sector.ordinal)
                val offered = chosen?.services.orEmpty()
                services.adapter = screen.choices(listOf(getString(R.string.referral_pick_service)) + offered)
                services.visibility = if (offered.isEmpty()) View.GONE else View.VISIBLE
            }

            override fun onNothingSelected(parent: AdapterView<*>?) = Unit
        }
        services.onItemSelectedListener = object : AdapterView.OnItemSelectedListener {
            override fun onItemSelected(parent: AdapterView<*>?, view: View?, position: Int, id: Long) {
                val offered = list.getOrNull(picker.selectedItemPosition)?.services.orEmpty()
                offered.getOrNull(position - 1)?.let { reason.setText(it) }
            }

            override fun onNothingSelected(parent: AdapterView<*>?) = Unit
        }
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
