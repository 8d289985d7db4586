package id.puskesos.field.photo

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.database.Cursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import java.io.File
import java.io.FileNotFoundException

/**
 * Lets the system camera write one photo into app-private storage (the framework's answer to
 * AndroidX's FileProvider, which the app does not ship). Only the single pending file can be
 * opened, and only through a URI granted to the camera for that one intent.
 */
class PhotoProvider : ContentProvider() {
    override fun onCreate(): Boolean = true

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        val context = context ?: throw FileNotFoundException("no context")
        if (uri.lastPathSegment != PENDING) throw FileNotFoundException("unknown photo")
        return ParcelFileDescriptor.open(pendingFile(context), ParcelFileDescriptor.parseMode(mode))
    }

    override fun getType(uri: Uri): String = "image/jpeg"

    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, selectionArgs: Array<out String>?, sortOrder: String?): Cursor? = null

    override fun insert(uri: Uri, values: ContentValues?): Uri? = null

    override fun delete(uri: Uri, selection: String?, selectionArgs: Array<out String>?): Int = 0

    override fun update(uri: Uri, values: ContentValues?, selection: String?, selectionArgs: Array<out String>?): Int = 0

    companion object {
        private const val PENDING = "pending.jpg"

        fun pendingFile(context: Context): File = File(context.filesDir, "photos").apply { mkdirs() }.let { File(it, PENDING) }

        fun pendingUri(context: Context): Uri = Uri.parse("content://${context.packageName}.photos/$PENDING")
    }
}
