package id.puskesos.field.screens

import android.content.Intent
import id.puskesos.field.R
import id.puskesos.field.ui.HouseholdFormActivity
import id.puskesos.field.ui.ProposalActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.field.ui.spinners
import org.junit.Test

/**
 * Proposals for a real household: a new usul, one saved (its evidence photos next), and a
 * sanggah refused for its NIK and missing reason.
 */
class ProposalScreens(device: String, language: String) : ScreenTest(device, language) {
    private fun proposal(): ProposalActivity {
        var household = ""
        realCore { household = Sample.household(it) }
        return start(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household))
    }

    @Test
    fun usul() = Shots.capture(proposal(), "proposal", "usul")

    @Test
    fun `saved, evidence next`() {
        val a = proposal()
        a.field(R.string.proposal_reason_hint).setText("Keluarga belum terdaftar di DTSEN, kepala keluarga buruh harian")
        a.button(R.string.proposal_submit).performClick()
        Shots.capture(a, "proposal", "saved-evidence")
    }

    @Test
    fun `sanggah refused`() {
        val a = proposal()
        a.spinners().single().setSelection(2)
        Shots.quiesce()
        a.field(R.string.proposal_target_nik_hint).setText("3201010101800000")
        a.button(R.string.proposal_submit).performClick()
        Shots.capture(a, "proposal", "sanggah-errors")
    }
}
