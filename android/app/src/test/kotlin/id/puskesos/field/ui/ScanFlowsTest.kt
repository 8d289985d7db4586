package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraManager
import android.view.TextureView
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.ScannedSymbol
import id.puskesos.field.core.SymbolKind
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowCameraCharacteristics
import java.nio.ByteBuffer
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * The scan screen: manual entry, the camera permission refused, the Camera2 session on
 * Robolectric's camera (which opens, configures and takes requests but streams no frames), and
 * what happens to a frame's Y plane handed to the screen as the camera's ImageReader would hand
 * it, decoded by the (fake) core.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class ScanFlowsTest {
    private val kk = "3201011402129902"
    private val niks = listOf("3201010101859903", "3201014503909901")

    /** A frame the core was given: its geometry and the bytes of its Y plane. */
    private class Frame(val width: Int, val height: Int, val rowStride: Int, val bytes: ByteArray, val direct: Boolean, val rotation: Int = 0)

    /** The fake core's decoder: answers each frame with [answer], recording what reached it. */
    private class Decoder(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val frames = java.util.Collections.synchronizedList(mutableListOf<Frame>())
        @Volatile var answer: () -> List<ScannedSymbol> = { emptyList() }

        override val capture: CaptureService = object : CaptureService by id.puskesos.field.UnscriptedCapture {
            override fun decodeFrame(luma: ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int): List<ScannedSymbol> {
                val bytes = ByteArray(luma.remaining()).also { luma.duplicate().get(it) }
                frames += Frame(width, height, rowStride, bytes, luma.isDirect, rotationDegrees)
                return answer()
            }

            override fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult = throw AssertionError("not a photo screen")
        }
    }

    /** A 64×48 grey Y plane with 64-byte rows: what a camera's plane buffer looks like to the screen. */
    private fun plane(seed: Int): ByteBuffer = ByteBuffer.wrap(ByteArray(64 * 48) { ((it * 7 + seed) and 0xFF).toByte() })

    /**
     * The scan screen as a phone that granted the camera shows it (Robolectric's camera list is
     * empty, so the preview never starts and frames come from the test).
     */
    private fun scan(mode: Int? = null, cameraAllowed: Boolean = true): ScanActivity {
        if (cameraAllowed) shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.CAMERA)
        return Robolectric.buildActivity(
            ScanActivity::class.java,
            Intent().apply { if (mode != null) putExtra(ScanActivity.EXTRA_MODE, mode) },
        ).setup().get()
    }

    @Test
    fun `typing it in instead opens an empty household form`() {
        useCore(Decoder())
        val activity = scan()
        activity.button(R.string.scan_manual).performClick()

        assertTrue(activity.isFinishing)
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(HouseholdFormActivity::class.java.name, next.component?.className)
        assertFalse("nothing prefilled", next.hasExtra("raw"))
    }

    @Test
    fun `typing it in while scanning for enrolment goes back to enrolment with no result`() {
        useCore(Decoder())
        val activity = scan(ScanActivity.MODE_RAW)
        activity.button(R.string.scan_manual).performClick()

        assertTrue(activity.isFinishing)
        assertEquals(Activity.RESULT_CANCELED, shadowOf(activity).resultCode)
        assertNull(shadowOf(activity).nextStartedActivity)
    }

    /** Registers a camera facing [facing] with Robolectric's CameraManager. */
    private fun installCamera(id: String, facing: Int, sensorOrientation: Int = 90) {
        val app = RuntimeEnvironment.getApplication()
        val characteristics = ShadowCameraCharacteristics.newCameraCharacteristics()
        shadowOf(characteristics).set(CameraCharacteristics.LENS_FACING, facing)
        shadowOf(characteristics).set(CameraCharacteristics.SENSOR_ORIENTATION, sensorOrientation)
        shadowOf(app.getSystemService(CameraManager::class.java)).addCamera(id, characteristics)
    }

    /** The preview's surface becomes ready, as the window system would report it. */
    private fun ScanActivity.previewReady() {
        val preview = views().filterIsInstance<TextureView>().single()
        val listener = preview.surfaceTextureListener ?: throw AssertionError("the screen waits for no preview surface")
        listener.onSurfaceTextureAvailable(SurfaceTexture(0), 1280, 720)
    }

    @Test
    fun `the back camera streams once the preview is ready, the torch goes into its request, and leaving closes it`() {
        useCore(Decoder())
        installCamera("1", CameraCharacteristics.LENS_FACING_FRONT)
        installCamera("0", CameraCharacteristics.LENS_FACING_BACK)
        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.CAMERA)
        val controller = Robolectric.buildActivity(ScanActivity::class.java).setup()
        val activity = controller.get()
        assertFalse(activity.streaming)

        activity.previewReady()
        settle("capture session configured") { activity.streaming }
        assertTrue(activity.shownTexts().contains(activity.getString(R.string.scan_hint)))
        assertEquals("frames are turned upright by the sensor's orientation", 90, activity.sensorRotation)

        assertFalse(activity.torchRequested)
        activity.button(R.string.scan_torch).performClick()
        assertTrue(activity.torchRequested)
        activity.button(R.string.scan_torch).performClick()
        assertFalse(activity.torchRequested)

        controller.pause()
        assertFalse("the camera is released when the screen leaves", activity.streaming)
    }

    @Test
    fun `a phone with only a front camera says the camera cannot be opened and keeps manual entry`() {
        useCore(Decoder())
        installCamera("1", CameraCharacteristics.LENS_FACING_FRONT)
        val activity = scan()
        activity.previewReady()
        settle("no-camera message") { activity.shownTexts().contains(activity.getString(R.string.scan_no_camera)) }
        assertFalse(activity.streaming)
        assertTrue(activity.button(R.string.scan_manual).isShown)
    }

    @Test
    fun `the camera permission is asked for, and refusing it leaves manual entry with an explanation`() {
        useCore(Decoder())
        val activity = scan(cameraAllowed = false)
        val asked = shadowOf(activity).lastRequestedPermission ?: throw AssertionError("camera permission not requested")
        assertEquals(listOf(Manifest.permission.CAMERA), asked.requestedPermissions.toList())

        activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, intArrayOf(PackageManager.PERMISSION_DENIED))

        assertTrue(activity.shownTexts().contains("Camera permission denied. Please type it in."))
        assertTrue(activity.button(R.string.scan_manual).isShown)
    }

    @Test
    fun `a decoded frame lists its symbols, and their numbers together fill the household form`() {
        val core = Decoder().also { useCore(it) }
        core.answer = {
            listOf(
                ScannedSymbol("PDF417", "raw-kk-barcode", SymbolKind.NUMBERS, kk = kk, niks = listOf(niks[0])),
                ScannedSymbol("Code 128", niks[1], SymbolKind.NUMBERS, niks = listOf(niks[1])),
            )
        }
        val activity = scan()
        val y = plane(1)
        val expected = ByteArray(y.remaining()).also { y.duplicate().get(it) }

        assertTrue(activity.offerFrame(y, 64, 48, 64, rotationDegrees = 90))
        settle("symbols listed") { activity.shownTexts().any { it.startsWith("2. NIK/KK numbers (Code 128)") } }
        assertTrue(activity.shownTexts().any { it.startsWith("1. NIK/KK numbers (PDF417)") })
        assertFalse("no frame is taken while the list is read", activity.offerFrame(plane(2), 64, 48, 64))

        val frame = core.frames.single()
        assertEquals(listOf(64, 48, 64, 90), listOf(frame.width, frame.height, frame.rowStride, frame.rotation))
        assertArrayEquals(expected, frame.bytes)
        assertTrue("the frame crosses to the core as a direct buffer", frame.direct)

        activity.button(R.string.scan_fill_form).performClick()
        assertTrue(activity.isFinishing)
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(HouseholdFormActivity::class.java.name, next.component?.className)
        val form = Robolectric.buildActivity(HouseholdFormActivity::class.java, next).setup().get()
        assertEquals(kk, form.field(R.string.form_kk_hint).text.toString())
        assertEquals(niks, listOf(0, 1).map { form.field(R.string.form_nik_hint, it).text.toString() })
    }

    @Test
    fun `scanning again after a list takes frames again`() {
        val core = Decoder().also { useCore(it) }
        core.answer = { listOf(ScannedSymbol("QR", "https://example.com/kartu", SymbolKind.LINK, host = "example.com")) }
        val activity = scan()
        assertTrue(activity.offerFrame(plane(1), 64, 48, 64))
        settle("listed") { activity.shownTexts().any { it.startsWith("1. Link to example.com (QR)") } }
        assertTrue("a link has no numbers for the form", activity.buttons(R.string.scan_fill_form).isEmpty())
        activity.button(R.string.scan_again).performClick()
        assertTrue(activity.shownTexts().none { it.startsWith("1. ") })
        settle("decoder free again") { activity.offerFrame(plane(2), 64, 48, 64) }
        settle("second frame decoded") { core.frames.size == 2 }
    }

    @Test
    fun `scanning for a household's KK QR answers with the QR's text and only lists other codes`() {
        val core = Decoder().also { useCore(it) }
        core.answer = { listOf(ScannedSymbol("PDF417", kk, SymbolKind.NUMBERS, kk = kk)) }
        val activity = scan(ScanActivity.MODE_KK_QR)
        assertTrue(activity.offerFrame(plane(1), 64, 48, 64))
        settle("not a KK QR") { activity.shownTexts().any { it.startsWith("This is not a KK QR") } }
        assertFalse(activity.isFinishing)
        assertTrue("nothing to do with it here", activity.buttons(R.string.scan_fill_form).isEmpty())

        val link = "https://layananonline.dukcapil.kemendagri.go.id/verif?id=CONTOH1"
        core.answer = { listOf(ScannedSymbol("PDF417", kk, SymbolKind.NUMBERS, kk = kk), ScannedSymbol("QR", link, SymbolKind.KK_QR)) }
        settle("scanning goes on") { activity.offerFrame(plane(2), 64, 48, 64) }
        settle("answered") { activity.isFinishing }
        assertEquals(Activity.RESULT_OK, shadowOf(activity).resultCode)
        assertEquals(link, shadowOf(activity).resultIntent.getStringExtra(ScanActivity.EXTRA_RAW))
    }

    @Test
    fun `a decoded enrolment QR goes back to enrolment as the raw text`() {
        val core = Decoder().also { useCore(it) }
        val qr = """{"url":"https://dinsos.example.go.id","code":"ABCD-1234"}"""
        core.answer = { listOf(ScannedSymbol("QR", qr, SymbolKind.OTHER)) }
        val activity = scan(ScanActivity.MODE_RAW)

        assertTrue(activity.offerFrame(plane(2), 64, 48, 64))
        settle("scan finished") { activity.isFinishing }

        assertEquals(Activity.RESULT_OK, shadowOf(activity).resultCode)
        assertEquals(qr, shadowOf(activity).resultIntent.getStringExtra(ScanActivity.EXTRA_RAW))
        assertNull(shadowOf(activity).nextStartedActivity)
    }

    @Test
    fun `frames arriving while one is decoded are dropped, and scanning goes on after an empty frame`() {
        val core = Decoder().also { useCore(it) }
        val inCore = CountDownLatch(1)
        val release = CountDownLatch(1)
        core.answer = {
            inCore.countDown()
            release.await(5, TimeUnit.SECONDS)
            emptyList()
        }
        val activity = scan()

        assertTrue(activity.offerFrame(plane(1), 64, 48, 64))
        assertTrue(inCore.await(5, TimeUnit.SECONDS))
        assertFalse("a second frame while the first is in the core", activity.offerFrame(plane(2), 64, 48, 64))
        release.countDown()
        core.answer = { emptyList() }

        // Nothing found in the first frame: the next one is taken.
        settle("decoder free again") { activity.offerFrame(plane(3), 64, 48, 64) }
        settle("third frame decoded") { core.frames.size == 2 }
        assertEquals(listOf(1, 3).map { seed -> plane(seed).array().toList() }, core.frames.map { it.bytes.toList() })
        assertFalse(activity.isFinishing)
        assertTrue(activity.shownTexts().contains("Point the camera at the barcode on the KK or KTP."))
    }

    @Test
    fun `a phone without the decoder says so, stops scanning and keeps manual entry`() {
        val core = Decoder().also { useCore(it) }
        core.answer = { throw CoreException(CoreException.Kind.NOT_AVAILABLE, "barcode decoding is not in this build") }
        val activity = scan()

        assertTrue(activity.offerFrame(plane(1), 64, 48, 64))
        settle("message shown") { activity.shownTexts().contains("Scanning is not available in this version. Please type it in.") }
        assertFalse("no frame after the failure", activity.offerFrame(plane(2), 64, 48, 64))
        assertEquals(1, core.frames.size)
        assertFalse(activity.isFinishing)
        assertTrue(activity.button(R.string.scan_manual).isShown)
    }
}
