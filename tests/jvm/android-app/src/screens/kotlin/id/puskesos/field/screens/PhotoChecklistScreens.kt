package id.puskesos.field.screens

import android.Manifest
import android.app.Activity
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.net.Uri
import android.provider.MediaStore
import id.puskesos.field.R
import id.puskesos.field.ui.HouseholdFormActivity
import id.puskesos.field.ui.PhotoChecklistActivity
import id.puskesos.field.ui.buttons
import org.junit.Test
import org.robolectric.Shadows.shadowOf

/**
 * The photo checklist of a household in the real store. The test plays the camera app (as
 * PhotoChecklistFlowsTest does); the real core normalises and judges the photos: a good KK, a
 * KTP taken in the dark.
 */
class PhotoChecklistScreens(device: String, language: String) : ScreenTest(device, language) {
    private fun checklist(): PhotoChecklistActivity {
        var household = ""
        realCore { household = Sample.household(it) }
        // The app declares the camera permission (live scanning): the camera app needs it granted.
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val camera = ComponentName("com.example.camera", "com.example.camera.Capture")
        shadowOf(app.packageManager).apply {
            addActivityIfNotPresent(camera)
            addIntentFilterForActivity(camera, IntentFilter(MediaStore.ACTION_IMAGE_CAPTURE).apply { addCategory(Intent.CATEGORY_DEFAULT) })
        }
        return start(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household))
    }

    private fun cameraTakes(activity: Activity, photo: ByteArray) {
        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        val output = request.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java) ?: throw AssertionError("no EXTRA_OUTPUT")
        activity.contentResolver.openOutputStream(output).use { it!!.write(photo) }
        shadowOf(activity).receiveResult(request.intent, Activity.RESULT_OK, null)
        Shots.quiesce()
    }

    @Test
    fun fresh() = Shots.capture(checklist(), "photos", "start")

    @Test
    fun `one good, one too dark`() {
        val a = checklist()
        a.buttons(R.string.photos_take)[0].performClick()
        cameraTakes(a, Sample.documentPhoto())
        a.buttons(R.string.photos_take)[0].performClick()
        cameraTakes(a, Sample.documentPhoto(dark = true))
        Shots.capture(a, "photos", "good-and-dark")
    }
}
