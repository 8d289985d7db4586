package id.puskesos.field.ui

import android.content.Intent
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.Sector
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlertDialog
import org.robolectric.shadows.ShadowToast

/** A referral (rujukan) of a complaint or a household to the institution that can act. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class ReferralFlowsTest {
    private class Referrals(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val saved = mutableListOf<ReferralDraft>()
        var refusal: CoreException? = null

        override val records: RecordService = object : RecordService by UnscriptedRecords {
            override fun refer(draft: ReferralDraft): String {
                refusal?.let { throw it }
                saved += draft
                return "r-${saved.size}"
            }
        }
    }

    @Test
    fun `referring a complaint to the health centre saves it with its sector and goes back`() {
        val core = Referrals().also { useCore(it) }
        val activity = Robolectric.buildActivity(
            ReferralActivity::class.java,
            Intent().putExtra(ReferralActivity.EXTRA_COMPLAINT, "c-1"),
        ).setup().get()
        activity.spinners()[0].setSelection(1)
        activity.field(R.string.referral_reason_hint).setText("  PBI-JK untuk ibu hamil ")
        activity.button(R.string.referral_submit).performClick()

        settle("referral saved") { activity.isFinishing }
        assertEquals(listOf(ReferralDraft("c-1", null, Sector.HEALTH, "Community health centre", "PBI-JK untuk ibu hamil")), core.saved)
        assertEquals("Saved", ShadowToast.getTextOfLatestToast())
    }

    @Test
    fun `a household referred to the civil registry is saved under the household`() {
        val core = Referrals().also { useCore(it) }
        val activity = Robolectric.buildActivity(
            ReferralActivity::class.java,
            Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1"),
        ).setup().get()
        activity.spinners()[0].setSelection(2)
        activity.field(R.string.referral_reason_hint).setText("Akta kelahiran anak")
        activity.button(R.string.referral_submit).performClick()

        settle("referral saved") { activity.isFinishing }
        assertEquals(listOf(ReferralDraft(null, "hh-1", Sector.CIVIL_REGISTRATION, "Civil registry (Disdukcapil)", "Akta kelahiran anak")), core.saved)
    }

    @Test
    fun `any of the nine SLRT sectors can be chosen, with the institution named`() {
        val core = Referrals().also { useCore(it) }
        val activity = Robolectric.buildActivity(
            ReferralActivity::class.java,
            Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1"),
        ).setup().get()
        val sectors = activity.spinners()[1]
        assertEquals(Sector.entries.size + 1, sectors.adapter.count)
        sectors.setSelection(1 + Sector.FISHERIES.ordinal)
        activity.field(R.string.referral_institution_hint).setText(" Dinas Perikanan Kab. Contoh ")
        activity.field(R.string.referral_reason_hint).setText("Bantuan jaring")
        activity.button(R.string.referral_submit).performClick()

        settle("referral saved") { activity.isFinishing }
        assertEquals(listOf(ReferralDraft(null, "hh-1", Sector.FISHERIES, "Dinas Perikanan Kab. Contoh", "Bantuan jaring")), core.saved)
    }

    @Test
    fun `a referral the core refuses is explained and the screen stays open`() {
        val core = Referrals().also { useCore(it) }
        core.refusal = CoreException(CoreException.Kind.INVALID_INPUT, "A referral needs a recorded household.")
        val activity = Robolectric.buildActivity(ReferralActivity::class.java).setup().get()
        activity.field(R.string.referral_reason_hint).setText("Bedah rumah")
        activity.button(R.string.referral_submit).performClick()

        settle("dialog shown") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
        val dialog = shadowOf(ShadowAlertDialog.getLatestAlertDialog())
        assertEquals("Check the input", dialog.title.toString())
        assertEquals("A referral needs a recorded household.", dialog.message.toString())
        assertFalse(activity.isFinishing)
        assertTrue(core.saved.isEmpty())
    }
}
