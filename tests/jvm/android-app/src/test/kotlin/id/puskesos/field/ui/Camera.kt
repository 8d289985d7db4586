package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.app.Application
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.net.Uri
import android.provider.MediaStore
import org.robolectric.Shadows.shadowOf
import java.awt.Color
import java.awt.Font
import java.awt.image.BufferedImage

/** The system camera as the native flows' tests play it: an app that answers ACTION_IMAGE_CAPTURE. */
object Camera {
    /** A camera app, and the app's camera permission (declared for live scanning) without which Android refuses it. */
    fun install(app: Application) {
        shadowOf(app).grantPermissions(Manifest.permission.CAMERA)
        val camera = ComponentName("com.example.camera", "com.example.camera.Capture")
        val pm = shadowOf(app.packageManager)
        pm.addActivityIfNotPresent(camera)
        pm.addIntentFilterForActivity(camera, IntentFilter(MediaStore.ACTION_IMAGE_CAPTURE).apply { addCategory(Intent.CATEGORY_DEFAULT) })
    }

    /** The camera [activity] started writes [photo] through the app's content URI and returns OK. */
    fun takes(activity: Activity, photo: ByteArray) {
        val request = shadowOf(activity).nextStartedActivityForResult ?: throw AssertionError("the camera was not started")
        assertCamera(request.intent)
        val output = request.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java) ?: throw AssertionError("no output URI")
        activity.contentResolver.openOutputStream(output).use { (it ?: throw AssertionError("output not writable")).write(photo) }
        shadowOf(activity).receiveResult(request.intent, Activity.RESULT_OK, null)
    }

    private fun assertCamera(intent: Intent) {
        if (intent.action != MediaStore.ACTION_IMAGE_CAPTURE) throw AssertionError("started ${intent.component ?: intent.action}, not the camera")
    }

    /** A lit, sharp, upright A4-like paper with lines of made-up text: a letter photographed as evidence. */
    fun letter(seed: Int = 11): BufferedImage {
        val w = 1200
        val h = 1600
        val img = BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        g.color = Color(70, 60, 50)
        g.fillRect(0, 0, w, h)
        g.color = Color(238, 236, 230)
        g.fillRect(60, 60, w - 120, h - 120)
        g.color = Color(30, 30, 30)
        g.font = Font(Font.SANS_SERIF, Font.PLAIN, 34)
        val rnd = java.util.Random(seed.toLong())
        var y = 160
        var row = 1
        while (y < h - 140) {
            g.drawString("$row. " + (1..5).joinToString(" ") { "CONTOH${rnd.nextInt(1000)}" }, 110, y)
            g.drawLine(110, y + 12, w - 110, y + 12)
            y += 56
            row++
        }
        g.dispose()
        return img
    }

    fun jpeg(img: BufferedImage): ByteArray = java.io.ByteArrayOutputStream().also { javax.imageio.ImageIO.write(img, "jpg", it) }.toByteArray()
}
