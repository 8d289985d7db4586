package id.puskesos.field.ui

import android.app.Activity
import android.app.AlertDialog
import android.content.Intent
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.view.WindowManager
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.Lang

/** What every screen shares: the core, its language, and running core calls off the UI thread. */
abstract class BaseActivity : Activity() {
    protected val app: PuskesosApp get() = PuskesosApp.of(this)
    internal val core: CoreGateway get() = app.core
    internal val lang: Lang get() = PuskesosApp.lang(this)
    private val main = Handler(Looper.getMainLooper())

    /**
     * Whether the screen shows a family's data (names, NIKs, photos, cases). Such screens
     * cannot be captured (no screenshots, no screen recording) and are blank in the recent
     * apps list: phones are shared and lost, and UU 27/2022 applies. Enrolment and settings
     * show none and say no.
     */
    protected open val showsPersonalData: Boolean = true

    /**
     * Whether the lock screen comes before this one. Only the lock screen itself says no: even
     * enrolment writes to the store, which the PIN's key opens.
     */
    protected open val guardedByLock: Boolean = true

    private val lockIfIdle = Runnable { if (guardedByLock && app.gate.needsUnlock()) showLock(cold = false) }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        if (showsPersonalData) window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
        // A cold start (no key in this process, perhaps restored by Android deep in a task):
        // the screen cannot load anything, so it makes way for the PIN, then home.
        if (guardedByLock && app.gate.cold) {
            showLock(cold = true)
            finish()
        }
    }

    override fun onResume() {
        super.onResume()
        if (!guardedByLock || isFinishing) return
        if (app.gate.needsUnlock()) showLock(cold = false) else lockWhenIdle()
    }

    override fun onPause() {
        super.onPause()
        main.removeCallbacks(lockIfIdle)
    }

    /** A touch or a key: the idle time starts again, unless it already ran out. */
    override fun onUserInteraction() {
        super.onUserInteraction()
        if (!guardedByLock) return
        if (app.gate.needsUnlock()) {
            showLock(cold = false)
        } else {
            app.gate.touch()
            lockWhenIdle()
        }
    }

    /** The lock screen comes by itself once the idle time has run out on this screen. */
    private fun lockWhenIdle() {
        main.removeCallbacks(lockIfIdle)
        main.postDelayed(lockIfIdle, app.lock.idleMillis + 1_000)
    }

    private fun showLock(cold: Boolean) {
        startActivity(Intent(this, LockActivity::class.java).putExtra(LockActivity.EXTRA_COLD, cold))
    }

    /** Runs [work] on the app's worker threads and [then] on the UI thread, unless the screen is gone. */
    internal fun <T> background(work: () -> T, then: (T) -> Unit) {
        // Behind a cold lock nothing can be read; the screen is already making way for the PIN.
        if (guardedByLock && app.gate.cold) return
        app.work.execute {
            val outcome = try {
                Result.success(work())
            } catch (e: CoreException) {
                Result.failure(e)
            }
            main.post {
                if (isFinishing || isDestroyed) return@post
                outcome.fold(then) { showError(it as CoreException) }
            }
        }
    }

    /** The screen's localised headline for the kind of failure, with the core's sentence under it. */
    protected fun showError(e: CoreException) {
        val title = when (e.kind) {
            CoreException.Kind.INVALID_INPUT -> R.string.error_invalid_input
            CoreException.Kind.NOT_AVAILABLE -> R.string.error_not_available
            CoreException.Kind.STORAGE -> R.string.error_storage
            CoreException.Kind.NETWORK -> R.string.error_network
            CoreException.Kind.INTERNAL -> R.string.error_internal
            CoreException.Kind.REVOKED -> R.string.error_revoked
        }
        AlertDialog.Builder(this)
            .setTitle(title)
            .setMessage(e.message)
            .setPositiveButton(android.R.string.ok, null)
            .show()
    }
}
