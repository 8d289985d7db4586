package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.location.Location
import android.location.LocationManager
import android.net.Uri
import android.provider.MediaStore
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
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
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * The photo checklist on the real core: photos taken through the system camera (the test
 * plays the camera app, writing real JPEGs through the app's content URI) are normalised,
 * judged and stored by the core; the checklist comes back from the store after the activity
 * is gone (as when Android kills the app behind the camera); a dark kitchen is kept on
 * purpose; the house's location is recorded after the permission is granted.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class PhotoNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

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

    private fun installCameraApp() {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val camera = ComponentName("com.example.camera", "com.example.camera.Capture")
        val pm = shadowOf(app.packageManager)
        pm.addActivityIfNotPresent(camera)
        pm.addIntentFilterForActivity(camera, IntentFilter(MediaStore.ACTION_IMAGE_CAPTURE).apply { addCategory(Intent.CATEGORY_DEFAULT) })
    }

    private fun cameraTakes(activity: Activity, photo: ByteArray) {
        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        val output = request.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java)!!
        activity.contentResolver.openOutputStream(output).use { it!!.write(photo) }
        shadowOf(activity).receiveResult(request.intent, Activity.RESULT_OK, null)
    }

    /** A 1600×1200 JPEG: a sharp lit pattern, or a nearly black room. */
    private fun jpeg(dark: Boolean): ByteArray {
        val img = java.awt.image.BufferedImage(1600, 1200, java.awt.image.BufferedImage.TYPE_INT_RGB)
        for (y in 0 until 1200) for (x in 0 until 1600) {
            val v = if (dark) 3 else if ((x / 16 + y / 16) % 2 == 0) 40 else 220
            img.setRGB(x, y, (v shl 16) or (v shl 8) or (255 - v).coerceAtMost(if (dark) 4 else 255))
        }
        return java.io.ByteArrayOutputStream().also { javax.imageio.ImageIO.write(img, "jpg", it) }.toByteArray()
    }

    /** The take/retake button of the checklist line that starts with [label]. */
    private fun Activity.buttonFor(label: String): android.widget.Button {
        val line = views().first { it is android.widget.TextView && it !is android.widget.Button && it.text.startsWith("$label:") }
        val parent = line.parent as android.view.ViewGroup
        return (parent.indexOfChild(line) + 1 until parent.childCount).map { parent.getChildAt(it) }.filterIsInstance<android.widget.Button>().first()
    }

    private fun checklist(id: String): Activity =
        Robolectric.buildActivity(PhotoChecklistActivity::class.java, Intent(app, PhotoChecklistActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, id)).setup().get()

    @Test
    fun `the checklist comes back from the store and a dark kitchen is kept on purpose`() {
        val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        val id = household(core)
        installCameraApp()
        val first = checklist(id)
        settle("checklist read") { first.shownTexts().contains("0 of 9 photos good") }
        val front = first.getString(R.string.doc_house_front)
        first.buttonFor(front).performClick()
        cameraTakes(first, jpeg(dark = false))
        try {
            settle("front stored") { first.shownTexts().contains("$front: good") }
        } catch (e: AssertionError) {
            val dialog = org.robolectric.shadows.ShadowAlertDialog.getLatestAlertDialog()?.let { shadowOf(it).message }
            throw AssertionError("${e.message}: ${first.shownTexts()} dialog=$dialog")
        }

        // The kitchen of a house without electricity.
        first.buttonFor("Kitchen").performClick()
        cameraTakes(first, jpeg(dark = true))
        settle("judged too dark") { first.shownTexts().contains("Kitchen: poor") }
        first.button(R.string.photos_keep_anyway).performClick()
        settle("kept") { first.shownTexts().contains("Kitchen: kept although poor") }

        // Android kills the activity behind the camera; a new one reads the same checklist.
        val again = checklist(id)
        settle("read back") { again.shownTexts().contains("$front: good") && again.shownTexts().contains("Kitchen: kept although poor") }
        assertTrue(again.shownTexts().contains("1 of 9 photos good"))
        assertEquals(listOf(true, true), core.records.photoChecklist(id).filter { it.documentId != null }.map { it.documentId != null })
    }

    @Test
    fun `the house's location is recorded with its accuracy after the permission is asked`() {
        val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        val id = household(core)
        val activity = checklist(id)
        activity.button(R.string.location_record).performClick()
        val asked = shadowOf(activity).lastRequestedPermission
        assertTrue(asked.requestedPermissions.contains(Manifest.permission.ACCESS_FINE_LOCATION))
        assertTrue(activity.shownTexts().any { it.startsWith("Allow location access") })

        shadowOf(app).grantPermissions(Manifest.permission.ACCESS_FINE_LOCATION)
        val manager = app.getSystemService(LocationManager::class.java)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, intArrayOf(0, 0))
        settle("waiting for a fix") { activity.shownTexts().contains("Waiting for a location fix…") }
        shadowOf(manager).simulateLocation(
            Location(LocationManager.GPS_PROVIDER).apply {
                latitude = -6.94
                longitude = 107.72
                accuracy = 12f
                time = System.currentTimeMillis()
            },
        )
        settle("saved") { activity.shownTexts().any { it.startsWith("Saved: -6.94000, 107.72000 (accuracy ±12 m)") } }
    }
}
