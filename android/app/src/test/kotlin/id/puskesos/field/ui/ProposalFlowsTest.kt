package id.puskesos.field.ui

import android.content.Intent
import android.view.View
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.ProposalRow
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

/**
 * A proposal to the registry for a household: usul (new entry), correction, sanggah
 * (objection, naming the recipient's NIK, checked by the core under the field).
 */
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

            override fun proposalsOf(householdId: String): List<ProposalRow> =
                saved.mapIndexed { i, d -> ProposalRow("p-${i + 1}", d.kind, d.reason, null) }
        }
    }

    private fun open() =
        Robolectric.buildActivity(ProposalActivity::class.java, Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1")).setup().get()

    @Test
    fun `an usul with its reason is saved for the household, evidence is offered, and Done closes the screen`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.field(R.string.proposal_reason_hint).setText("  Keluarga baru pindah, belum terdaftar. ")
        activity.button(R.string.proposal_submit).performClick()

        settle("proposal saved") { activity.shownTexts().contains("Evidence photos: 0") }
        assertEquals(listOf(ProposalDraft("hh-1", ProposalKind.NEW_ENTRY, "Keluarga baru pindah, belum terdaftar.")), core.saved)
        assertEquals("Saved", ShadowToast.getTextOfLatestToast())
        assertTrue(activity.button(R.string.evidence_add).isShown)
        assertFalse("the form gives way to the evidence step", activity.button(R.string.proposal_submit).isShown)
        activity.button(R.string.proposal_done).performClick()
        assertTrue(activity.isFinishing)
    }

    @Test
    fun `a correction is saved as a correction`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.spinners().single().setSelection(1)
        activity.field(R.string.proposal_reason_hint).setText("Tanggal lahir kepala keluarga salah.")
        activity.button(R.string.proposal_submit).performClick()

        settle("proposal saved") { activity.button(R.string.evidence_add).isShown }
        assertEquals(ProposalKind.CORRECTION, core.saved.single().kind)
    }

    @Test
    fun `a proposal without a reason says a reason is required and saves nothing`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        val reason = activity.field(R.string.proposal_reason_hint)
        reason.setText("   ")
        activity.button(R.string.proposal_submit).performClick()

        val message = messageUnder(reason)
        settle("reason message shown") { message.visibility == View.VISIBLE }
        assertEquals("A reason is required; the district reviews every proposal.", message.text.toString())
        assertTrue(core.saved.isEmpty())
        assertFalse(activity.isFinishing)
    }

    // --- Sanggah: the recipient's NIK ------------------------------------------------------

    @Test
    fun `the recipient's NIK is asked only for a sanggah`() {
        useCore(Proposals())
        val activity = open()
        val nik = activity.field(R.string.proposal_target_nik_hint)
        assertEquals(View.GONE, nik.visibility)

        activity.spinners().single().setSelection(2)
        settle("NIK field shown") { nik.visibility == View.VISIBLE }

        activity.spinners().single().setSelection(0)
        settle("NIK field hidden") { nik.visibility == View.GONE }
    }

    @Test
    fun `a sanggah without the recipient's NIK shows the core's message under the field and saves nothing`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.spinners().single().setSelection(2)
        activity.field(R.string.proposal_reason_hint).setText("Sudah mampu, punya toko grosir.")
        activity.button(R.string.proposal_submit).performClick()

        val message = messageUnder(activity.field(R.string.proposal_target_nik_hint))
        settle("NIK problem shown") { message.visibility == View.VISIBLE }
        assertEquals("The number is empty.", message.text.toString())
        assertEquals(View.GONE, messageUnder(activity.field(R.string.proposal_reason_hint)).visibility)
        assertTrue(core.saved.isEmpty())
        assertFalse(activity.isFinishing)
    }

    @Test
    fun `a sanggah with a mistyped NIK is refused, and once corrected it is saved with the NIK`() {
        val core = Proposals().also { useCore(it) }
        val activity = open()
        activity.spinners().single().setSelection(2)
        val nik = activity.field(R.string.proposal_target_nik_hint)
        nik.setText("3201014503900000")
        activity.field(R.string.proposal_reason_hint).setText("Sudah mampu, punya toko grosir.")
        activity.button(R.string.proposal_submit).performClick()
        val message = messageUnder(nik)
        settle("NIK problem shown") { message.visibility == View.VISIBLE }
        assertEquals("Serial number 0000 is never issued.", message.text.toString())
        assertTrue(core.saved.isEmpty())

        nik.setText("3201 0145 0390 9901")
        activity.button(R.string.proposal_submit).performClick()

        settle("proposal saved") { activity.button(R.string.evidence_add).isShown }
        assertEquals(
            listOf(ProposalDraft("hh-1", ProposalKind.OBJECTION, "Sudah mampu, punya toko grosir.", "3201014503909901")),
            core.saved,
        )
        assertEquals(View.GONE, message.visibility)
    }

    @Test
    fun `leaving the recipient's NIK field shows its problem before saving`() {
        useCore(Proposals())
        val activity = open()
        activity.spinners().single().setSelection(2)
        val nik = activity.field(R.string.proposal_target_nik_hint)
        settle("NIK field shown") { nik.visibility == View.VISIBLE }
        nik.requestFocus()
        nik.setText("12345")
        activity.field(R.string.proposal_reason_hint).requestFocus()

        val message = messageUnder(nik)
        settle("NIK problem shown") { message.visibility == View.VISIBLE }
        assertEquals("The number must have 16 digits.", message.text.toString())
    }

    @Test
    @Config(qualifiers = "in")
    fun `in Bahasa Indonesia the sanggah asks for the NIK and the core's message is Indonesian`() {
        useCore(Proposals())
        val activity = open()
        activity.spinners().single().setSelection(2)
        val nik = activity.field(R.string.proposal_target_nik_hint)
        assertEquals("NIK penerima yang disanggah (16 angka)", nik.hint.toString())
        nik.setText("3201014503900000")
        activity.field(R.string.proposal_reason_hint).setText("Sudah mampu.")
        activity.button(R.string.proposal_submit).performClick()

        val message = messageUnder(nik)
        settle("NIK problem shown") { message.visibility == View.VISIBLE }
        assertEquals("Nomor urut 0000 tidak pernah diterbitkan.", message.text.toString())
    }
}
