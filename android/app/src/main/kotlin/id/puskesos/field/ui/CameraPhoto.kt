package id.puskesos.field.ui

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.provider.MediaStore
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.photo.PhotoProvider
import java.io.IOException

/**
 * The system camera writing one photo into the app's pending file ([PhotoProvider]): the
 * checklist, proposal evidence and barcodes read from a photo all take pictures this way.
 */
internal object CameraPhoto {
    enum class Started {
        /** The camera app is open; its answer comes to onActivityResult with the request code. */
        CAMERA,

        /**
         * The camera permission is asked first, with the same request code: the app declares
         * it for live scanning, and Android then refuses the camera app to an app without it.
         */
        ASKING,

        /** No camera app on the phone. */
        NO_CAMERA_APP,
    }

    /** Opens the camera for [requestCode], or asks for the camera permission first. */
    fun start(activity: Activity, requestCode: Int): Started {
        if (activity.checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            activity.requestPermissions(arrayOf(Manifest.permission.CAMERA), requestCode)
            return Started.ASKING
        }
        PhotoProvider.pendingFile(activity).delete()
        val intent = Intent(MediaStore.ACTION_IMAGE_CAPTURE)
            .putExtra(MediaStore.EXTRA_OUTPUT, PhotoProvider.pendingUri(activity))
            .addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION or Intent.FLAG_GRANT_READ_URI_PERMISSION)
        if (intent.resolveActivity(activity.packageManager) == null) return Started.NO_CAMERA_APP
        return try {
            activity.startActivityForResult(intent, requestCode)
            Started.CAMERA
        } catch (_: SecurityException) {
            Started.NO_CAMERA_APP
        }
    }

    /** The answer to [Started.ASKING]: whether the camera may be opened now. */
    fun allowed(grantResults: IntArray): Boolean = grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED

    /**
     * The photo the camera wrote; a camera app that returned without writing one (or a file
     * that cannot be read) is a [CoreException] the screen shows, never a crash. Call off the
     * UI thread.
     */
    fun read(activity: Activity): ByteArray {
        val file = PhotoProvider.pendingFile(activity)
        val bytes = try {
            if (file.isFile) file.readBytes() else ByteArray(0)
        } catch (_: IOException) {
            ByteArray(0)
        }
        if (bytes.isEmpty()) throw CoreException(CoreException.Kind.INVALID_INPUT, activity.getString(R.string.photo_missing))
        return bytes
    }

    /** The camera's original keeps its EXIF (GPS, device): gone once the core has what it needs. */
    fun discard(activity: Activity) {
        PhotoProvider.pendingFile(activity).delete()
    }
}
