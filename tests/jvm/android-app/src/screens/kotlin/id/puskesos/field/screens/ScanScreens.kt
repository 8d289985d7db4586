package id.puskesos.field.screens

import android.Manifest
import android.content.pm.PackageManager
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraManager
import id.puskesos.field.R
import id.puskesos.field.ui.Camera
import id.puskesos.field.ui.Codes
import id.puskesos.field.ui.button
import id.puskesos.field.ui.ScanActivity
import org.junit.Test
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowCameraCharacteristics

/**
 * Scanning: the camera open (Robolectric's camera streams no frames, so the preview is the
 * empty texture a phone shows for a moment), a KK's QR read from a frame and listed, a frame
 * held over a KK QR and a card's Code 128 (both listed), a photo
 * of a page with a KK QR and a NIK's Code 128 (both listed), a code
 * that is not a KK QR when the household screen asked for one, and the camera permission
 * refused.
 */
class ScanScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun camera() {
        realCore()
        val characteristics = ShadowCameraCharacteristics.newCameraCharacteristics()
        shadowOf(characteristics).set(CameraCharacteristics.LENS_FACING, CameraCharacteristics.LENS_FACING_BACK)
        shadowOf(app.getSystemService(CameraManager::class.java)).addCamera("0", characteristics)
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        Shots.capture(start<ScanActivity>(), "scan", "camera")
    }

    @Test
    fun `kk qr listed`() {
        val core = realCore()
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val a = start<ScanActivity>()
        val frame = Codes.qrFrame(core, Sample.KK_QR)
        check(a.offerFrame(frame, 640, 480, 704))
        Shots.capture(a, "scan", "kk-qr-listed")
    }

    @Test
    fun `live frame with two codes`() {
        realCore()
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val a = start<ScanActivity>()
        check(a.offerFrame(Codes.cardFrame(Sample.KK_QR, Sample.SPOUSE_NIK, 90), 1280, 720, 1344, 90))
        Shots.capture(a, "scan", "live-two-codes")
    }

    @Test
    fun `photo with two codes`() {
        realCore()
        Camera.install(app)
        val a = start<ScanActivity>()
        a.button(R.string.scan_from_photo).performClick()
        Camera.takes(a, Codes.page(Sample.KK_QR, Sample.SPOUSE_NIK))
        Shots.capture(a, "scan", "photo-two-codes")
    }

    @Test
    fun `not a kk qr`() {
        val core = realCore()
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val a = start<ScanActivity>(ScanActivity.kkQr(app))
        check(a.offerFrame(Codes.qrFrame(core, Sample.KK), 640, 480, 704))
        Shots.capture(a, "scan", "not-kk-qr")
    }

    @Test
    fun `permission refused`() {
        realCore()
        val a = start<ScanActivity>()
        val asked = shadowOf(a).lastRequestedPermission ?: throw AssertionError("camera permission not requested")
        a.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, intArrayOf(PackageManager.PERMISSION_DENIED))
        Shots.capture(a, "scan", "no-permission")
    }
}
