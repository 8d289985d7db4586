package id.puskesos.field.screens

import android.content.Intent
import id.puskesos.field.R
import id.puskesos.field.ui.HouseholdFormActivity
import id.puskesos.field.ui.ReferralActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.field.ui.settle
import id.puskesos.field.ui.spinners
import org.junit.Test

/** Referral of a household, and the real core refusing one for a complaint with no household. */
class ReferralScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun form() {
        var household = ""
        realCore { household = Sample.household(it) }
        Shots.capture(start<ReferralActivity>(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household)), "referral", "form")
    }

    /** The district's pack lists its institutions: one is picked, with one of its services. */
    @Test
    fun listed() {
        var household = ""
        realCore {
            household = Sample.household(it)
            Sample.rulePack(it, institutions = true)
        }
        val a = start<ReferralActivity>(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household))
        settle("the district's institutions offered") { a.spinners().size == 4 }
        a.spinners()[0].setSelection(1)
        org.robolectric.Shadows.shadowOf(android.os.Looper.getMainLooper()).idle()
        a.spinners()[1].setSelection(1)
        Shots.capture(a, "referral", "listed")
    }

    @Test
    fun refused() {
        var complaint = ""
        realCore { complaint = Sample.complaint(it, "Dedi Kurniawan", "Kartu KIS hilang") }
        val a = start<ReferralActivity>(Intent().putExtra(ReferralActivity.EXTRA_COMPLAINT, complaint))
        a.field(R.string.referral_reason_hint).setText("PBI-JK")
        a.button(R.string.referral_submit).performClick()
        Shots.capture(a, "referral", "refused")
    }
}
