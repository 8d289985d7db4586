package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
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
    /** Opens the camera for [requestCode]; false when the phone has no camera app. */
    fun start(activity: Activity, requestCode: Int): Boolean {
        PhotoProvider.pendingFile(activity).delete()
        val intent = Intent(MediaStore.ACTION_IMAGE_CAPTURE)
            .putExtra(MediaStore.EXTRA_OUTPUT, PhotoProvider.pendingUri(activity))
            .addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION or Intent.FLAG_GRANT_READ_URI_PERMISSION)
        if (intent.resolveActivity(activity.packageManager) == null) return false
        activity.startActivityForResult(intent, requestCode)
        return true
    }

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
