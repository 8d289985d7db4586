package id.puskesos.field.ui

import android.content.Intent
import android.os.Bundle
import android.text.InputType
import android.view.View
import android.widget.Button
import android.widget.EditText
import android.widget.TextView
import id.puskesos.core.LockException
import id.puskesos.core.LockState
import id.puskesos.field.R

/**
 * The lock screen, before anything else: set the PIN on the first start, type it at every
 * cold start and after the phone was left idle, or, after ten wrong PINs, type the unlock
 * code district staff read out for this device and a new PIN. Nothing unsent is lost on any
 * path: the store is only opened, never reset, here.
 */
class LockActivity : BaseActivity() {
    override val guardedByLock = false

    enum class Mode { SET, UNLOCK, CODE }

    internal var mode = Mode.UNLOCK
        private set
    private lateinit var heading: TextView
    private lateinit var explain: TextView
    private lateinit var code: EditText
    private lateinit var pin: EditText
    private lateinit var confirm: EditText
    private lateinit var problems: TextView
    private lateinit var submit: Button
    private lateinit var useCode: Button

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        heading = s.heading(R.string.lock_unlock_title)
        explain = s.label(R.string.lock_unlock_explain)
        code = s.field(R.string.lock_code_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS)
        pin = s.field(R.string.lock_pin_hint, PIN_INPUT)
        confirm = s.field(R.string.lock_pin_confirm_hint, PIN_INPUT)
        problems = s.message()
        submit = s.button(R.string.lock_unlock_action) { submit() }
        useCode = s.button(R.string.lock_use_code) { show(Mode.CODE, null) }
        s.show()
        background({ app.lock.state() }, ::showState)
    }

    /** Nothing behind this screen may show: back leaves the app instead. */
    @Deprecated("Deprecated in Java")
    override fun onBackPressed() {
        moveTaskToBack(true)
    }

    private fun showState(state: LockState) {
        val m = when {
            !state.isSet -> Mode.SET
            state.lockedOut -> Mode.CODE
            else -> Mode.UNLOCK
        }
        val note = when {
            m == Mode.UNLOCK && state.waitSeconds > 0u -> getString(R.string.lock_wait, waitText(state.waitSeconds.toLong()))
            m == Mode.UNLOCK && state.pinFailures > 0u -> getString(R.string.lock_attempts_left, state.attemptsLeft.toInt())
            m == Mode.CODE && state.lockedOut -> getString(R.string.lock_locked_out)
            else -> null
        }
        show(m, note, canUseCode = state.hasUnlockCode)
    }

    private fun show(m: Mode, note: String?, canUseCode: Boolean = false) {
        mode = m
        heading.setText(
            when (m) {
                Mode.SET -> R.string.lock_set_title
                Mode.UNLOCK -> R.string.lock_unlock_title
                Mode.CODE -> R.string.lock_code_title
            },
        )
        explain.setText(
            when (m) {
                Mode.SET -> R.string.lock_set_explain
                Mode.UNLOCK -> R.string.lock_unlock_explain
                Mode.CODE -> R.string.lock_code_explain
            },
        )
        code.visibility = if (m == Mode.CODE) View.VISIBLE else View.GONE
        confirm.visibility = if (m == Mode.UNLOCK) View.GONE else View.VISIBLE
        pin.setHint(if (m == Mode.UNLOCK) R.string.lock_pin_hint else R.string.lock_new_pin_hint)
        submit.setText(
            when (m) {
                Mode.SET -> R.string.lock_set_action
                Mode.UNLOCK -> R.string.lock_unlock_action
                Mode.CODE -> R.string.lock_code_action
            },
        )
        useCode.visibility = if (m == Mode.UNLOCK && canUseCode) View.VISIBLE else View.GONE
        Screen.showMessage(problems, note, Screen.ERROR_COLOR)
    }

    private fun submit() {
        val typed = pin.text.toString()
        if (mode != Mode.UNLOCK && typed != confirm.text.toString()) {
            Screen.showMessage(problems, getString(R.string.lock_pins_differ), Screen.ERROR_COLOR)
            return
        }
        val typedCode = code.text.toString()
        submit.isEnabled = false
        val m = mode
        app.work.execute {
            val outcome = try {
                when (m) {
                    Mode.SET -> app.lock.setPin(typed)
                    Mode.UNLOCK -> app.lock.unlock(typed)
                    Mode.CODE -> app.lock.unlockWithCode(typedCode, typed)
                }
                app.unlocked()
                null
            } catch (e: LockException) {
                e
            }
            val state = if (outcome == null) null else runCatching { app.lock.state() }.getOrNull()
            runOnUiThread {
                if (isDestroyed) return@runOnUiThread
                submit.isEnabled = true
                pin.text.clear()
                confirm.text.clear()
                if (outcome == null) opened(fresh = m == Mode.SET) else refused(outcome, state)
            }
        }
    }

    private fun refused(e: LockException, state: LockState?) {
        if (state != null && state.lockedOut && mode != Mode.CODE) {
            showState(state)
            return
        }
        val text = when (e) {
            is LockException.WrongPin -> getString(R.string.lock_wrong_pin, e.attemptsLeft.toInt())
            is LockException.TooSoon -> getString(R.string.lock_wait, waitText(e.waitSeconds.toLong()))
            is LockException.WrongCode -> getString(R.string.lock_wrong_code)
            is LockException.LockedOut -> getString(R.string.lock_locked_out)
            is LockException.Invalid -> e.detail
            is LockException.State -> e.detail
            is LockException.Storage -> e.detail
            is LockException.Internal -> e.detail
        }
        Screen.showMessage(problems, text, Screen.ERROR_COLOR)
    }

    /**
     * Back to where the person was; after a cold start, or a first PIN (a new phone, or one
     * wiped by a revoke under the screens still open), to the home screen.
     */
    private fun opened(fresh: Boolean) {
        if (fresh || intent.getBooleanExtra(EXTRA_COLD, false)) {
            startActivity(Intent(this, HomeActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP or Intent.FLAG_ACTIVITY_NEW_TASK))
        }
        finish()
    }

    private fun waitText(seconds: Long): String =
        if (seconds < 60) getString(R.string.lock_seconds, seconds.toInt()) else getString(R.string.lock_minutes, ((seconds + 59) / 60).toInt())

    companion object {
        /** Started by a screen that found no key in the process: home comes next. */
        const val EXTRA_COLD = "cold"
        private const val PIN_INPUT = InputType.TYPE_CLASS_NUMBER or InputType.TYPE_NUMBER_VARIATION_PASSWORD
    }
}
