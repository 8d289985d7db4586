package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.net.Uri
import android.provider.MediaStore
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.ChecklistRow
import id.puskesos.field.core.PhotoOutcome
import id.puskesos.field.photo.PhotoChecklist
import id.puskesos.field.core.RecordService
import id.puskesos.field.photo.PhotoProvider
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

/**
 * The registry's photo checklist: each photo is taken by the system camera through the app's
 * content URI, the camera's file goes to the core, and its verdict is shown, a poor one with
 * "ulangi" (retake) and "keep anyway". The checklist itself comes from the store (here the
 * fake's map; PhotoNativeFlowsTest runs the real one). Robolectric has no camera app: the test plays it,
 * writing the photo through the URI it was given and answering the request.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class PhotoChecklistFlowsTest {
    /** The store's checklist in memory, and scripted verdicts for the photos the core judges. */
    private class Photos(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val taken = mutableListOf<Triple<DocumentKind, ByteArray, Boolean>>()
        val stored = linkedMapOf<DocumentKind, ChecklistRow>()
        var verdicts = ArrayDeque<Pair<PhotoQuality, Bilingual?>>()

        override val records: RecordService = object : RecordService by UnscriptedRecords {
            override fun photoChecklist(householdId: String): List<ChecklistRow> =
                PhotoChecklist.DEFAULT.map { stored[it] ?: ChecklistRow(it, null, emptyList()) }

            override fun takePhoto(householdId: String, kind: DocumentKind, original: ByteArray, keepPoor: Boolean, proposalId: String?): PhotoOutcome {
                taken += Triple(kind, original, keepPoor)
                val (quality, advice) = if (keepPoor) PhotoQuality.TOO_DARK to null else verdicts.removeFirst()
                val keep = quality == PhotoQuality.GOOD || keepPoor
                if (keep) stored[kind] = ChecklistRow(kind, "doc-${taken.size}", if (quality == PhotoQuality.GOOD) emptyList() else listOf("too_dark"))
                return PhotoOutcome(keep, quality, advice, replaced = false)
            }
        }
    }

    private val blurry = Bilingual("Foto buram. Pegang ponsel diam lalu ulangi.", "The photo is blurry. Hold the phone still and retake it.")

    /** Synthetic bytes standing for the camera's JPEG (the fake core does not decode them). */
    private val cameraPhoto = ByteArray(4096) { (it % 251).toByte() }

    /** The checklist once it has been read from the (fake) store on a worker thread. */
    private fun checklist(): Activity =
        Robolectric.buildActivity(
            PhotoChecklistActivity::class.java,
            Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "hh-1"),
        ).setup().get().also { a -> settle("checklist read") { a.buttons(R.string.photos_take).isNotEmpty() } }

    /** A camera app, and the app's camera permission (granted for live scanning) without which Android refuses it. */
    private fun installCameraApp(cameraAllowed: Boolean = true) {
        if (cameraAllowed) shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.CAMERA)
        val camera = ComponentName("com.example.camera", "com.example.camera.Capture")
        val pm = shadowOf(RuntimeEnvironment.getApplication().packageManager)
        pm.addActivityIfNotPresent(camera)
        pm.addIntentFilterForActivity(camera, IntentFilter(MediaStore.ACTION_IMAGE_CAPTURE).apply { addCategory(Intent.CATEGORY_DEFAULT) })
    }

    /** Plays the camera app: takes the pending request, writes [photo] to its output URI, answers RESULT_OK. */
    private fun cameraTakes(activity: Activity, photo: ByteArray) {
        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        val output = request.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java) ?: throw AssertionError("no EXTRA_OUTPUT")
        activity.contentResolver.openOutputStream(output).use { it!!.write(photo) }
        shadowOf(activity).receiveResult(request.intent, Activity.RESULT_OK, null)
    }

    @Test
    fun `taking a photo starts the system camera with the app's content URI and write permission`() {
        useCore(Photos())
        installCameraApp()
        val activity = checklist()
        assertEquals("0 of 9 photos good", activity.shownTexts()[1])
        assertEquals(9, activity.buttons(R.string.photos_take).size)

        activity.buttons(R.string.photos_take)[0].performClick()

        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        assertEquals(MediaStore.ACTION_IMAGE_CAPTURE, request.intent.action)
        val output = request.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java)
        assertEquals(Uri.parse("content://id.puskesos.field.photos/pending.jpg"), output)
        assertTrue(request.intent.flags and Intent.FLAG_GRANT_WRITE_URI_PERMISSION != 0)
    }

    @Test
    fun `without the camera permission the first photo asks for it, and the camera opens once it is given`() {
        useCore(Photos())
        installCameraApp(cameraAllowed = false)
        val activity = checklist()
        activity.buttons(R.string.photos_take)[2].performClick()
        val asked = shadowOf(activity).lastRequestedPermission ?: throw AssertionError("the camera permission was not asked for")
        assertEquals(listOf(Manifest.permission.CAMERA), asked.requestedPermissions.toList())
        // Robolectric shows the permission dialog as an activity of its own: not the camera.
        assertEquals("no camera before the permission", null, shadowOf(activity).nextStartedActivityForResult?.intent?.action?.takeIf { it == MediaStore.ACTION_IMAGE_CAPTURE })

        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.CAMERA)
        activity.onRequestPermissionsResult(asked.requestCode, asked.requestedPermissions, intArrayOf(android.content.pm.PackageManager.PERMISSION_GRANTED))
        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        assertEquals(MediaStore.ACTION_IMAGE_CAPTURE, request.intent.action)
    }

    @Test
    fun `a blurry photo is shown as poor with its advice, and is kept only when the person says so`() {
        val core = Photos().also { useCore(it) }
        core.verdicts += PhotoQuality.BLURRY to blurry
        installCameraApp()
        val activity = checklist()

        activity.buttons(R.string.photos_take)[1].performClick()
        cameraTakes(activity, cameraPhoto)

        settle("verdict shown") { activity.shownTexts().contains("Head of family ID card (KTP): poor") }
        assertEquals(DocumentKind.KTP, core.taken.single().first)
        assertArrayEquals("the camera's bytes reach the core", cameraPhoto, core.taken.single().second)
        assertTrue(activity.shownTexts().contains(blurry.en))
        assertEquals(1, activity.buttons(R.string.photos_retake).size)
        assertEquals(8, activity.buttons(R.string.photos_take).size)
        assertTrue(activity.shownTexts().contains("0 of 9 photos good"))
        assertTrue("a poor photo is not kept unasked", core.stored.isEmpty())
        assertTrue("its file waits for the person's decision", PhotoProvider.pendingFile(activity).exists())

        // A house without electricity: the kitchen can never be lighter. Kept on purpose.
        activity.button(R.string.photos_keep_anyway).performClick()
        settle("kept") { activity.shownTexts().contains("Head of family ID card (KTP): kept although poor") }
        assertTrue(core.taken.last().third)
        assertFalse("the camera's original (with its EXIF) is deleted", PhotoProvider.pendingFile(activity).exists())
    }

    @Test
    fun `retaking the photo replaces the verdict, and a good one is stored for the household`() {
        val core = Photos().also { useCore(it) }
        core.verdicts += PhotoQuality.BLURRY to blurry
        core.verdicts += PhotoQuality.GOOD to null
        installCameraApp()
        val activity = checklist()
        activity.buttons(R.string.photos_take)[0].performClick()
        cameraTakes(activity, cameraPhoto)
        settle("first verdict") { activity.shownTexts().contains("Family card (KK): poor") }

        activity.button(R.string.photos_retake).performClick()
        val retaken = cameraPhoto.reversedArray()
        cameraTakes(activity, retaken)

        settle("second verdict") { activity.shownTexts().contains("Family card (KK): good") }
        assertArrayEquals(retaken, core.taken.last().second)
        assertEquals(DocumentKind.KK, core.stored.keys.single())
        assertTrue(activity.shownTexts().contains("1 of 9 photos good"))
        assertFalse(activity.shownTexts().contains(blurry.en))
    }

    @Test
    @Config(qualifiers = "in")
    fun `in Bahasa Indonesia a poor photo says ulangi with the core's Indonesian advice`() {
        val core = Photos().also { useCore(it) }
        core.verdicts += PhotoQuality.BLURRY to blurry
        installCameraApp()
        val activity = checklist()
        activity.buttons(R.string.photos_take)[0].performClick()
        cameraTakes(activity, cameraPhoto)

        settle("verdict shown") { activity.shownTexts().contains("Kartu Keluarga: kurang jelas") }
        assertTrue(activity.shownTexts().contains(blurry.id))
        assertEquals("Ulangi", activity.buttons(R.string.photos_retake).single().text.toString())
    }

    @Test
    fun `a cancelled camera changes nothing and calls the core for nothing`() {
        val core = Photos().also { useCore(it) }
        installCameraApp()
        val activity = checklist()
        activity.buttons(R.string.photos_take)[0].performClick()
        val request = shadowOf(activity).nextStartedActivityForResult
        shadowOf(activity).receiveResult(request.intent, Activity.RESULT_CANCELED, null)
        settle("main looper idle") { true }

        assertTrue(core.taken.isEmpty())
        assertEquals(9, activity.buttons(R.string.photos_take).size)
    }

    @Test
    fun `a phone without a camera app says so instead of failing`() {
        useCore(Photos())
        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.CAMERA)
        val activity = checklist()
        activity.buttons(R.string.photos_take)[0].performClick()

        assertNull(shadowOf(activity).nextStartedActivityForResult)
        assertTrue(activity.shownTexts().contains("This phone has no camera app."))
    }

    @Test
    fun `from the checklist the pillar goes on to eligibility or a proposal for the same household`() {
        useCore(Photos())
        val activity = checklist()
        activity.button(R.string.action_eligibility).performClick()
        val eligibility = shadowOf(activity).nextStartedActivity
        activity.button(R.string.action_proposal).performClick()
        val proposal = shadowOf(activity).nextStartedActivity

        assertEquals(EligibilityActivity::class.java.name, eligibility.component?.className)
        assertEquals(ProposalActivity::class.java.name, proposal.component?.className)
        assertEquals(listOf("hh-1", "hh-1"), listOf(eligibility, proposal).map { it.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD) })
    }
}
