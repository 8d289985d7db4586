package id.puskesos.field.ui

import android.content.Intent
import id.puskesos.core.FieldStore
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import java.io.File

/**
 * A proposal's evidence photos on the real core: a sanggah filed on the proposal screen gets a
 * photo of a letter right after it is saved, and another from its row on the household screen;
 * the store holds both as that proposal's evidence, not as the household's registry photos.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class EvidenceNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val storeFile get() = File(dir.root, "puskesos.sqlite")

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private fun household(core: CoreGateway): String =
        core.records.saveHousehold(
            HouseholdDraft(
                kk = "3201011505159950",
                villageCode = "3201010001",
                address = "Kampung Contoh",
                rt = "1",
                rw = "1",
                members = listOf(MemberDraft("3201010101709951", "Kepala Contoh", Sex.MALE, null, "head")),
            ),
        ).id

    @Test
    fun `a sanggah gets evidence photos after saving and from the household screen, kept by the store as its evidence`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        val household = household(core)
        Camera.install(app)

        val proposal = Robolectric.buildActivity(
            ProposalActivity::class.java,
            Intent(app, ProposalActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household),
        ).setup().get()
        proposal.spinners().single().setSelection(2)
        settle("sanggah asks for the NIK") { proposal.field(R.string.proposal_target_nik_hint).isShown }
        proposal.field(R.string.proposal_target_nik_hint).setText("3201014503909901")
        proposal.field(R.string.proposal_reason_hint).setText("Penerima sudah mampu: punya toko grosir")
        proposal.button(R.string.proposal_submit).performClick()
        settle("saved, evidence offered") { proposal.shownTexts().contains("Evidence photos: 0") }
        val filed = core.records.proposalsOf(household).single()
        assertEquals(ProposalKind.OBJECTION, filed.kind)

        proposal.button(R.string.evidence_add).performClick()
        Camera.takes(proposal, Camera.jpeg(Camera.letter(seed = 1)))
        settle("first photo counted") { proposal.shownTexts().contains("Evidence photos: 1") }
        proposal.button(R.string.proposal_done).performClick()
        assertTrue(proposal.isFinishing)

        // Days later, from the household: the row says how many photos the sanggah has.
        val screen = Robolectric.buildActivity(
            HouseholdActivity::class.java,
            Intent(app, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, household),
        ).setup().get()
        settle("proposal row") { screen.shownTexts().any { it.startsWith("Objection") && it.endsWith("Evidence photos: 1") } }
        screen.button(R.string.evidence_add).performClick()
        Camera.takes(screen, Camera.jpeg(Camera.letter(seed = 2)))
        settle("second photo counted") { screen.shownTexts().any { it.startsWith("Objection") && it.endsWith("Evidence photos: 2") } }

        // The store itself: both photos are the sanggah's evidence, none a registry photo.
        FieldStore.open(storeFile.path).use { store ->
            val evidence = store.evidence(household, filed.id)
            assertEquals(2, evidence.size)
            assertTrue(evidence.all { it.proposalId == filed.id && it.kind == id.puskesos.core.model.DocumentKind.OTHER })
            assertEquals(2, evidence.map { it.sha256 }.distinct().size)
        }
        assertTrue("evidence is not a checklist photo", core.records.photoChecklist(household).all { it.documentId == null })
    }
}
