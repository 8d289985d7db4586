package id.puskesos.field.ui

import android.content.Intent
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
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
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * Several codes in one photo, read by the real core: a page photographed with the camera app
 * carries a KK's Dukcapil QR and a Code 128 with a NIK, and the scan screen lists both, each
 * with its kind and what it means, and offers what each allows.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class ScanNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ"

    /** A woman born 5 March 1990 (day + 40), issued in Cibinong; as a KK number its date is impossible. */
    private val nik = "3201014503909901"

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    @Test
    fun `every code in a photo is listed with its kind and meaning`() {
        useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        Camera.install(app)
        val scan = Robolectric.buildActivity(ScanActivity::class.java, Intent(app, ScanActivity::class.java)).setup().get()
        scan.button(R.string.scan_from_photo).performClick()
        Camera.takes(scan, Codes.page(link, nik))
        settle("both codes listed") { scan.shownTexts().count { Regex("^[12]\\. ").containsMatchIn(it) } == 2 }

        val rows = scan.shownTexts().filter { Regex("^[12]\\. ").containsMatchIn(it) }
        val qr = rows.single { "(QR)" in it }
        assertTrue(qr, qr.contains("KK QR: Dukcapil verification link (QR)\nProof of the original KK that the district can check with Dukcapil."))
        val card = rows.single { "(Code 128)" in it }
        assertTrue(card, card.contains("NIK/KK numbers (Code 128)\n320101********01: Valid NIK: born 1990-03-05, female."))
        assertTrue("the photo is gone once read", !File(app.filesDir, "photos/pending.jpg").exists())

        // What each allows: the QR kept on a household, the NIK into the household form.
        assertTrue(scan.button(R.string.scan_keep_kk_qr).isShown)
        // Robolectric keeps one queue of started activities (the camera app's is in it): emptied first.
        while (shadowOf(scan).nextStartedActivity != null) continue
        scan.button(R.string.scan_fill_form).performClick()
        val next = shadowOf(scan).nextStartedActivity ?: throw AssertionError("the form was not opened")
        assertEquals(HouseholdFormActivity::class.java.name, next.component?.className)
        val form = Robolectric.buildActivity(HouseholdFormActivity::class.java, next).setup().get()
        assertEquals(nik, form.field(R.string.form_nik_hint).text.toString())
        assertEquals("no KK number in these codes", "", form.field(R.string.form_kk_hint).text.toString())
    }

    @Test
    fun `a live frame showing a KK QR and a card's Code 128 lists both, in every sensor orientation`() {
        val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        for (rotation in listOf(90, 270, 0)) {
            shadowOf(app).grantPermissions(android.Manifest.permission.CAMERA)
            val scan = Robolectric.buildActivity(ScanActivity::class.java, Intent(app, ScanActivity::class.java)).setup().get()
            val frame = Codes.cardFrame(link, nik, rotation)
            settle("frame taken") { scan.offerFrame(frame.duplicate(), 1280, 720, 1344, rotation) }
            settle("codes listed at $rotation°") { scan.shownTexts().any { it.startsWith("1. ") } }
            val rows = scan.shownTexts().filter { Regex("^[12]\\. ").containsMatchIn(it) }
            assertEquals("at $rotation°: $rows", 2, rows.size)
            assertTrue(rows.toString(), rows.any { it.contains("KK QR: Dukcapil verification link (QR)") })
            assertTrue(rows.toString(), rows.any { it.contains("NIK/KK numbers (Code 128)\n320101********01: Valid NIK") })
            assertTrue(scan.button(R.string.scan_keep_kk_qr).isShown)
            assertTrue(scan.button(R.string.scan_fill_form).isShown)
        }
        assertTrue("scanning saves nothing", core.records.findHouseholds("").isEmpty())
    }
}
