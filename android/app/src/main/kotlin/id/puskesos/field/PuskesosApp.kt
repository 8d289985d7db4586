package id.puskesos.field

import android.app.Application
import android.content.Context
import android.content.res.Configuration
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.Lang
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.lock.AppLock
import id.puskesos.field.lock.KeystorePepper
import id.puskesos.field.lock.LockGate
import java.io.File
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Owns the one [CoreGateway] of the process. The store file sits in app-private storage
 * (`filesDir`), out of reach of other apps and of the shared media folders.
 */
class PuskesosApp : Application() {
    private var gateway: CoreGateway? = null

    /**
     * Set once in [onCreate]; the activities' Robolectric tests put a fake in its place.
     * Whichever core is set writes its messages in the phone's language from then on.
     */
    var core: CoreGateway
        get() = gateway ?: throw IllegalStateException("PuskesosApp.core read before onCreate")
        internal set(value) {
            gateway = value
            value.setMessageLanguage(lang(resources.configuration))
        }

    /** Core calls leave the UI thread here: two threads, the phone has few cores. */
    val work: ExecutorService = Executors.newFixedThreadPool(2)

    /** The app lock: its key opens the store (see [AppLock]). */
    lateinit var lock: AppLock
        internal set

    /**
     * What the screens ask before showing anything: [lock] itself, except in the JVM tests
     * of single screens, which open a plain store and put an open gate here.
     */
    var gate: LockGate
        get() = openGate ?: lock
        internal set(value) {
            openGate = value
        }
    private var openGate: LockGate? = null

    override fun onCreate() {
        super.onCreate()
        lock = AppLock(File(filesDir, AppLock.LOCK_FILE), KeystorePepper::get)
        // The district lists the device by this label on its staff pages.
        core = NativeCoreGateway(File(filesDir, STORE_FILE), lock) { "${android.os.Build.MANUFACTURER} ${android.os.Build.MODEL}" }
        id.puskesos.field.upload.UploadScheduler.ensureScheduled(this)
    }

    /**
     * The district revoked this device (its answer to the next sync): what the phone holds
     * goes. The lock first, so the store key is gone even if a file cannot be deleted; then
     * the store's files and the photo folder; then the enrolment. The enrolment screen says
     * what happened. Records not sent by then are lost: the district decided so.
     */
    fun wipeRevoked() {
        try {
            lock.forget()
        } catch (e: id.puskesos.core.LockException) {
            android.util.Log.w(TAG, "lock file not removed: ${e.javaClass.simpleName}")
        }
        (core as? id.puskesos.field.core.Wipeable)?.wipe()
        File(filesDir, "photos").deleteRecursively()
        Settings(this).forgetEnrolment(wipedAtMillis = System.currentTimeMillis())
    }

    /**
     * The PIN (or the district's code) opened the key; on the worker thread that checked it.
     * The store opens now, and what it decides for the phone applies: the region list, and
     * the idle time before the next PIN (the district's pack).
     */
    fun unlocked() {
        loadRegions()
        try {
            lock.idleMillis = core.records.lockAfterMinutes() * 60_000L
        } catch (e: CoreException) {
            android.util.Log.w(TAG, "lock time not read: ${e.kind}")
        }
    }

    /** The phone's (or this app's) language changed: the core's messages follow. */
    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        gateway?.setMessageLanguage(lang(newConfig))
    }

    /**
     * The region list arrives with the village pack, which the sync keeps in the store; until
     * the first sync, checks run on the numbers' structure alone.
     */
    fun loadRegions() {
        try {
            core.regions.loadFromStore()
        } catch (e: CoreException) {
            android.util.Log.w(TAG, "region list not loaded: ${e.kind}")
        }
    }

    companion object {
        const val TAG = "Puskesos"
        const val STORE_FILE = "puskesos.sqlite"

        fun of(context: Context): PuskesosApp = context.applicationContext as PuskesosApp

        /** The language for the core's messages: Indonesian unless the phone is in English. */
        fun lang(context: Context): Lang = lang(context.resources.configuration)

        fun lang(config: Configuration): Lang = if (config.locales.get(0).language == "en") Lang.EN else Lang.ID
    }
}
