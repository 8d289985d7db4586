package id.puskesos.field.lock

import id.puskesos.core.FieldLock
import id.puskesos.core.LockException
import id.puskesos.core.LockState
import id.puskesos.core.UnlockedKey
import java.io.File

/** What the screens ask of the app lock: whether to show the lock screen now. */
interface LockGate {
    /** No key in this process yet (a cold start): nothing can be read until the PIN. */
    val cold: Boolean

    /** The lock screen must come first: a cold start, or the phone left idle too long. */
    fun needsUnlock(): Boolean

    /** The person did something: the idle time starts again. */
    fun touch()
}

/**
 * The app lock: the store's key, unwrapped by the core from the lock file with the operator's
 * PIN (or the district's unlock code) and the Keystore [pepper], and kept in this process
 * only. Every cold start asks for the PIN. After [idleMillis] without a touch the screens ask
 * again, while the key stays in memory so that an upload already running can finish: the
 * lock guards the screens against the next person holding the phone, and the process's
 * death (or a revoke) drops the key.
 *
 * Calls that derive keys (Argon2id, ~0.1–0.5 s) must run off the UI thread.
 */
class AppLock(
    private val lockFile: File,
    private val pepper: () -> ByteArray,
    private val clock: () -> Long = { android.os.SystemClock.elapsedRealtime() },
    private val open: (path: String, pepper: ByteArray) -> FieldLock = { path, p -> FieldLock(path, p) },
) : LockGate {
    internal val fieldLock: FieldLock by lazy { open(lockFile.path, pepper()) }
    private val lock: FieldLock
        get() {
            // The lock's messages follow the app's language, as the other rooms' do.
            id.puskesos.field.core.native.MessageLanguage.applyPending()
            return fieldLock
        }

    @Volatile
    var key: UnlockedKey? = null
        private set

    @Volatile
    private var lastTouch = 0L

    /** From the district's pack (`lock_after_minutes`, default 5), once the store is open. */
    @Volatile
    var idleMillis: Long = DEFAULT_IDLE_MILLIS

    override val cold: Boolean get() = key == null

    override fun needsUnlock(): Boolean = key == null || clock() - lastTouch > idleMillis

    override fun touch() {
        lastTouch = clock()
    }

    fun state(): LockState = lock.status()

    /** First start: the PIN is set and a fresh random store key made under it. */
    @Throws(LockException::class)
    fun setPin(pin: String): UnlockedKey = opened(lock.setPin(pin))

    @Throws(LockException::class)
    fun unlock(pin: String): UnlockedKey = opened(lock.unlock(pin))

    /** After ten wrong PINs: the district's code for this device, and a new PIN with it. */
    @Throws(LockException::class)
    fun unlockWithCode(code: String, newPin: String): UnlockedKey = opened(lock.unlockWithCode(code, newPin))

    @Throws(LockException::class)
    fun changePin(old: String, new: String) = lock.changePin(old, new)

    /** The code the district issued at enrolment, wrapped around the same key. */
    @Throws(LockException::class)
    fun setUnlockCode(code: String) {
        val k = key ?: throw IllegalStateException("the unlock code is set while unlocked")
        lock.setUnlockCode(k, code)
    }

    /** A revoked device: the wrapped key goes, so the store it encrypted cannot be opened again. */
    @Throws(LockException::class)
    fun forget() {
        key = null
        lock.forget()
    }

    private fun opened(k: UnlockedKey): UnlockedKey {
        key = k
        touch()
        return k
    }

    companion object {
        const val DEFAULT_IDLE_MILLIS = 5 * 60_000L
        const val LOCK_FILE = "puskesos.lock"
    }
}
