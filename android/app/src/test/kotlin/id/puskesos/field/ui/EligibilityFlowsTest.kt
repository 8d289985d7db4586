package id.puskesos.field.ui

import android.content.Intent
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.ProgrammeVerdict
import id.puskesos.field.core.VerdictStatus
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlertDialog

/** Eligibility verdicts for a household: each with its reasons and, when undecided, what to ask next. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class EligibilityFlowsTest {
    private class Rules(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val asked = mutableListOf<String>()
        var answer: () -> List<ProgrammeVerdict> = { emptyList() }

        override val eligibility: EligibilityService = object : EligibilityService by id.puskesos.field.UnscriptedEligibility {
            override fun evaluate(householdId: String): List<ProgrammeVerdict> {
                asked += householdId
                return answer()
            }

            // Delegation would send the interface's default to the unscripted delegate.
            override fun assess(householdId: String) = id.puskesos.field.core.Assessment(evaluate(householdId), emptyList(), null)
        }
    }

    private val verdicts = listOf(
        ProgrammeVerdict(
            Bilingual("PKH", "PKH (family hope programme)"),
            VerdictStatus.ELIGIBLE,
            listOf(
                Bilingual("Desil 1 dan ada anak usia sekolah.", "Decile 1 with a school-age child."),
                Bilingual("Anak 9 tahun bersekolah.", "A 9-year-old child attends school."),
            ),
            emptyList(),
        ),
        ProgrammeVerdict(
            Bilingual("BPNT", "BPNT (food aid)"),
            VerdictStatus.NEEDS_INFO,
            listOf(Bilingual("Penghasilan bulanan belum tercatat.", "Monthly income is not recorded.")),
            listOf(
                Bilingual("Berapa penghasilan keluarga sebulan?", "What is the family's monthly income?"),
                Bilingual("Apakah ada anggota yang bekerja tetap?", "Does any member have a steady job?"),
            ),
        ),
        ProgrammeVerdict(
            Bilingual("PBI-JK", "PBI-JK (health insurance)"),
            VerdictStatus.NOT_ELIGIBLE,
            listOf(Bilingual("Sudah peserta JKN mandiri.", "Already a paying JKN member.")),
            emptyList(),
        ),
    )

    private fun open() =
        Robolectric.buildActivity(EligibilityActivity::class.java, Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1")).setup().get()

    @Test
    fun `each programme shows its verdict with reasons, and an undecided one what to ask next`() {
        val core = Rules().also { useCore(it) }
        core.answer = { verdicts }
        val activity = open()

        settle("verdicts shown") { activity.shownTexts().size > 1 }
        assertEquals(listOf("hh-1"), core.asked)
        assertEquals(
            listOf(
                "Programme eligibility",
                "PKH (family hope programme): eligible",
                "• Decile 1 with a school-age child.",
                "• A 9-year-old child attends school.",
                "BPNT (food aid): needs more information",
                "• Monthly income is not recorded.",
                "Ask next:",
                "? What is the family's monthly income?",
                "? Does any member have a steady job?",
                "PBI-JK (health insurance): not eligible",
                "• Already a paying JKN member.",
            ),
            activity.shownTexts(),
        )
    }

    @Test
    @Config(qualifiers = "in")
    fun `in Bahasa Indonesia the verdicts, reasons and questions are the core's Indonesian sentences`() {
        val core = Rules().also { useCore(it) }
        core.answer = { verdicts.drop(1).take(1) }
        val activity = open()

        settle("verdicts shown") { activity.shownTexts().size > 1 }
        assertEquals(
            listOf(
                "Kelayakan program",
                "BPNT: perlu data tambahan",
                "• Penghasilan bulanan belum tercatat.",
                "Tanyakan berikutnya:",
                "? Berapa penghasilan keluarga sebulan?",
                "? Apakah ada anggota yang bekerja tetap?",
            ),
            activity.shownTexts(),
        )
    }

    @Test
    fun `without the district's rule pack the screen says the check is not available yet`() {
        val core = Rules().also { useCore(it) }
        core.answer = { throw CoreException(CoreException.Kind.NOT_AVAILABLE, "No rule pack is installed yet; it comes with the village pack.") }
        val activity = open()

        settle("dialog shown") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
        val dialog = org.robolectric.Shadows.shadowOf(ShadowAlertDialog.getLatestAlertDialog())
        assertEquals("Not available yet", dialog.title.toString())
        assertEquals("No rule pack is installed yet; it comes with the village pack.", dialog.message.toString())
        assertEquals(listOf("Programme eligibility"), activity.shownTexts())
        assertTrue(core.asked.isNotEmpty())
    }
}
