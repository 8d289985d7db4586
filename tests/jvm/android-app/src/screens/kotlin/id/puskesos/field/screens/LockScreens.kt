package id.puskesos.field.screens

import id.puskesos.core.LockException
import id.puskesos.core.advanceLockClockForTest
import id.puskesos.core.fieldLockWithTestClock
import id.puskesos.field.R
import id.puskesos.field.lock.AppLock
import id.puskesos.field.ui.LockActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.field.ui.settle
import id.puskesos.field.ui.shownTexts
import org.junit.Test
import java.io.File

/**
 * The lock screen, on the real lock: the first start (set a PIN), a wrong PIN with the tries
 * left, and the lock-out that asks for the district's code and a new PIN.
 */
class LockScreens(device: String, language: String) : ScreenTest(device, language) {
    private fun realLock(): AppLock {
        val lock = AppLock(File(dir.root, AppLock.LOCK_FILE), { ByteArray(32) { 5 } }, open = { p, pepper -> fieldLockWithTestClock(p, pepper) })
        app.lock = lock
        return lock
    }

    @Test
    fun `first start`() {
        realLock()
        val a = start<LockActivity>()
        settle("set mode") { a.mode == LockActivity.Mode.SET }
        Shots.capture(a, "lock", "set")
    }

    @Test
    fun `wrong pin`() {
        realLock().setPin("258046")
        val a = start<LockActivity>()
        settle("unlock mode") { a.mode == LockActivity.Mode.UNLOCK }
        a.field(R.string.lock_pin_hint).setText("111000")
        a.button(R.string.lock_unlock_action).performClick()
        settle("the wrong PIN said") { a.shownTexts().any { it.contains("9") } }
        Shots.capture(a, "lock", "wrong-pin")
    }

    @Test
    fun `locked out`() {
        val lock = realLock()
        lock.setPin("258046")
        repeat(10) {
            advanceLockClockForTest(3600)
            try {
                lock.unlock("111000")
            } catch (_: LockException) {
            }
        }
        val a = start<LockActivity>()
        settle("code mode") { a.mode == LockActivity.Mode.CODE }
        Shots.capture(a, "lock", "locked-out")
    }
}
