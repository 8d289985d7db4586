package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.widget.TextView
import id.puskesos.core.FieldStore
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * A KK's QR (its Dukcapil verification link) kept on the household on the real core: scanned
 * from the household screen, where another code is only listed and the KK QR is kept; and
 * scanned on its own, then kept on a household chosen from the list. The frames are real QR
 * symbols, decoded by the core.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class KkQrNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val storeFile get() = File(dir.root, "puskesos.sqlite")
    private val link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ"

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private fun household(core: CoreGateway, kk: String, nik: String, head: String): String =
        core.records.saveHousehold(
            HouseholdDraft(kk, "3201010001", "Kampung Contoh", "1", "1", listOf(MemberDraft(nik, head, Sex.MALE, null, "head"))),
        ).id

    private fun scanScreen(intent: Intent): ScanActivity {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        return Robolectric.buildActivity(ScanActivity::class.java, intent).setup().get()
    }

    private fun ScanActivity.frame(core: CoreGateway, text: String) {
        val frame = Codes.qrFrame(core, text)
        settle("frame taken") { offerFrame(frame.duplicate(), 640, 480, 704) }
    }

    @Test
    fun `the KK QR scanned from the household screen is kept on it, with its history line`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        val id = household(core, "3201011505159950", "3201010101709951", "Kepala Contoh")
        val screen = Robolectric.buildActivity(
            HouseholdActivity::class.java,
            Intent(app, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, id),
        ).setup().get()
        settle("shown") { screen.shownTexts().contains("KK QR not scanned yet") }

        screen.button(R.string.household_scan_kk_qr).performClick()
        val request = shadowOf(screen).nextStartedActivityForResult ?: throw AssertionError("the scanner was not started")
        assertEquals(ScanActivity::class.java.name, request.intent.component?.className)
        val scan = scanScreen(request.intent)

        // A programme card's QR first: listed as what it is, and the scan goes on.
        scan.frame(core, "https://kartu.example.com/cek?no=1234567")
        settle("not a KK QR") { scan.shownTexts().any { it.startsWith("This is not a KK QR") } }
        assertTrue(scan.shownTexts().any { it.startsWith("1. Link to kartu.example.com (QR)") })
        assertFalse(scan.isFinishing)

        scan.frame(core, link)
        settle("answered") { scan.isFinishing }
        assertEquals(Activity.RESULT_OK, shadowOf(scan).resultCode)
        shadowOf(screen).receiveResult(request.intent, Activity.RESULT_OK, shadowOf(scan).resultIntent)
        settle("kept") { screen.shownTexts().contains("KK QR kept as evidence") }

        FieldStore.open(storeFile.path).use { store -> assertEquals(link, store.household(id).kkQrEvidence) }
        assertTrue(core.records.household(id).kkQrKept)
        screen.button(R.string.household_history).performClick()
        settle("history") { screen.shownTexts().any { "KK QR: — → $link" in it } }
        assertTrue(screen.shownTexts().single { "KK QR:" in it }.contains("QR KK dipindai dan disimpan sebagai bukti"))

        // The core refuses what is not a KK QR, saying what it is; nothing changes.
        val refused = try {
            core.records.keepKkQr(id, "https://kartu.example.com/cek?no=1234567")
            null
        } catch (e: CoreException) {
            e
        }
        assertEquals(CoreException.Kind.INVALID_INPUT, refused?.kind)
        assertTrue(refused?.message, refused?.message.orEmpty().contains("kartu.example.com"))
        FieldStore.open(storeFile.path).use { store -> assertEquals(link, store.household(id).kkQrEvidence) }
    }

    @Test
    fun `a KK QR scanned on its own is kept on a household chosen from the list`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        val other = household(core, "3201012003189920", "3201011207759921", "Dedi Kurniawan")
        val id = household(core, "3201011505159950", "3201010101709951", "Kepala Contoh")
        val scan = scanScreen(Intent(app, ScanActivity::class.java))
        scan.frame(core, link)
        settle("listed") { scan.shownTexts().any { it.startsWith("1. KK QR: Dukcapil verification link (QR)") } }
        assertTrue("a link has no numbers for the form", scan.buttons(R.string.scan_fill_form).isEmpty())

        scan.button(R.string.scan_keep_kk_qr).performClick()
        val request = shadowOf(scan).nextStartedActivityForResult ?: throw AssertionError("the list was not opened")
        assertEquals(HouseholdListActivity::class.java.name, request.intent.component?.className)
        val list = Robolectric.buildActivity(HouseholdListActivity::class.java, request.intent).setup().get()
        settle("households listed") { list.shownTexts().any { it.startsWith("Kepala Contoh") } }
        assertTrue(list.shownTexts().contains(list.getString(R.string.households_pick_title)))
        // Robolectric keeps one queue of started activities for the app: empty it first.
        while (shadowOf(list).nextStartedActivity != null) continue
        list.views().first { it is TextView && it.text.startsWith("Kepala Contoh") }.performClick()
        assertTrue("a tap answers, it does not open the household", list.isFinishing)
        assertNull(shadowOf(list).nextStartedActivity)

        shadowOf(scan).receiveResult(request.intent, shadowOf(list).resultCode, shadowOf(list).resultIntent)
        settle("kept") { scan.shownTexts().contains("KK QR kept on the household of Kepala Contoh.") }
        FieldStore.open(storeFile.path).use { store ->
            assertEquals(link, store.household(id).kkQrEvidence)
            assertNull(store.household(other).kkQrEvidence)
        }
    }
}
