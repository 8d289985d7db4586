package id.puskesos.field.ui

import android.content.Intent
import android.view.View
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.RecordService
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowToast

/** A proposal to the registry for a household: usul (new entry), correction, sanggah (objection). */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class ProposalFlowsTest {
    private class Proposals(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val saved = mutableListOf<ProposalDraft>()

        override val records: RecordService = object : RecordService by UnscriptedRecords {
            override fun propose(draft: ProposalDraft): String {
                saved += draft
                return "p-${saved.size}"
            }
        }
    }

    private fun open() =
        Robolectric.buildActivity(ProposalActivity::class.java, Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1")).setup().get()

    @Test
    fun `an usul with its reason is saved for the household and the screen closes`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.field(R.string.proposal_reason_hint).setText("  Keluarga baru pindah, belum terdaftar. ")
        activity.button(R.string.proposal_submit).performClick()

        settle("proposal saved") { activity.isFinishing }
        assertEquals(listOf(ProposalDraft("hh-1", ProposalKind.NEW_ENTRY, "Keluarga baru pindah, belum terdaftar.")), core.saved)
        assertEquals("Saved", ShadowToast.getTextOfLatestToast())
    }

    @Test
    fun `a correction is saved as a correction`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.spinners().single().setSelection(1)
        activity.field(R.string.proposal_reason_hint).setText("Tanggal lahir kepala keluarga salah.")
        activity.button(R.string.proposal_submit).performClick()

        settle("proposal saved") { activity.isFinishing }
        assertEquals(ProposalKind.CORRECTION, core.saved.single().kind)
    }

    @Test
    fun `a proposal without a reason says a reason is required and saves nothing`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        val reason = activity.field(R.string.proposal_reason_hint)
        reason.setText("   ")
        activity.button(R.string.proposal_submit).performClick()
        settle("main looper idle") { true }

        val message = messageUnder(reason)
        assertEquals(View.VISIBLE, message.visibility)
        assertEquals("A reason is required; the district reviews every proposal.", message.text.toString())
        assertTrue(core.saved.isEmpty())
        assertFalse(activity.isFinishing)
    }
}
