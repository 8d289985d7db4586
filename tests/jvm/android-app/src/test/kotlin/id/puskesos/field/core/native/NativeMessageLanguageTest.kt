package id.puskesos.field.core.native

import id.puskesos.field.PuskesosApp
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.Lang
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.Sector
import id.puskesos.field.ui.useCore
import org.junit.After
import org.junit.Before
import org.junit.Assert.assertEquals
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import java.io.File

/**
 * The app's language wiring down to the host-built library: PuskesosApp gives the phone's
 * language to NativeCoreGateway, the next call through the boundary sets it in the core, and the
 * core's errors (and the adapters' own sentences) come in that language. A real store file;
 * Robolectric because the Android bindings' cleaner reads android.os.Build. Here rather than
 * in android/app because it needs libpuskesos_ffi for the host (jna.library.path).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class NativeMessageLanguageTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

    /** The language is process-wide in the library: start and leave it as the default. */
    @Before
    @After
    fun backToIndonesian() = libraryBackToIndonesian()

    private fun refusal(call: () -> Unit): CoreException = assertThrows(CoreException::class.java) { call() }

    @Test
    fun `on an English phone the core's errors are English, and Indonesian after the phone switches`() {
        val core = NativeCoreGateway(File(dir.root, "puskesos.sqlite"))
        useCore(core)
        val badId = ProposalDraft("not-a-household", ProposalKind.NEW_ENTRY, "Keluarga baru.")
        val noPack = "0197a0d2-5f3c-7b4e-8a1d-2c3b4a5d6e7f"
        val homeless = ReferralDraft(null, null, Sector.HEALTH, "Puskesmas", "PBI-JK")

        val english = listOf(
            refusal { core.records.propose(badId) },
            refusal { core.eligibility.evaluate(noPack) },
            refusal { core.records.refer(homeless) },
        )
        assertEquals(
            listOf(CoreException.Kind.INVALID_INPUT, CoreException.Kind.NOT_AVAILABLE, CoreException.Kind.INVALID_INPUT),
            english.map { it.kind },
        )
        assertEquals(
            listOf("Invalid household id: \"not-a-household\"", "no rule pack is installed", "A referral needs a recorded household."),
            english.map { it.message },
        )

        RuntimeEnvironment.setQualifiers("in")
        app.onConfigurationChanged(app.resources.configuration)

        assertEquals(
            listOf(
                "Id household tidak valid: \"not-a-household\"",
                "Belum ada paket aturan yang terpasang; pasang paket aturan dari dinas sosial.",
                "Rujukan memerlukan rumah tangga yang tercatat.",
            ),
            listOf(
                refusal { core.records.propose(badId) },
                refusal { core.eligibility.evaluate(noPack) },
                refusal { core.records.refer(homeless) },
            ).map { it.message },
        )
    }

    @Test
    fun `the library's setting follows what the app asked, applied by the next call`() {
        val core = NativeCoreGateway(File(dir.root, "puskesos.sqlite"))
        useCore(core)
        assertEquals("nothing reached the library yet", id.puskesos.core.model.Lang.ID, id.puskesos.core.messageLanguage())

        assertTrue(core.version.isNotEmpty())
        assertEquals(id.puskesos.core.model.Lang.EN, id.puskesos.core.messageLanguage())

        core.setMessageLanguage(Lang.ID)
        core.identity.normalize("3201 0145")
        assertEquals(id.puskesos.core.model.Lang.ID, id.puskesos.core.messageLanguage())
    }
}
