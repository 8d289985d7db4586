package id.puskesos.field.ui

import android.content.Intent
import android.view.View
import id.puskesos.core.advanceLockClockForTest
import id.puskesos.core.fieldLockWithTestClock
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.field.lock.AppLock
import id.puskesos.testing.District
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * The app lock as a pillar meets it: the real lock screen, the real lock and encrypted store
 * (host-built libpuskesos_ffi), and for the lock-out the real district on 127.0.0.1 whose
 * staff page gives the unlock code. The Keystore's pepper is the one fake (Robolectric has no
 * Android Keystore); the lock's clock is moved on by a test hook instead of waiting.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class LockFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private var now = 1_000_000L
    private val storeFile get() = File(dir.root, "puskesos.sqlite")

    @Before
    fun realLock() {
        libraryBackToIndonesian()
        val lock = AppLock(
            File(dir.root, AppLock.LOCK_FILE),
            pepper = { ByteArray(32) { 3 } },
            clock = { now },
            open = { path, pepper -> fieldLockWithTestClock(path, pepper) },
        )
        app.lock = lock
        app.core = NativeCoreGateway(storeFile, lock) { "HP uji" }
        app.gate = lock
    }

    @After
    fun language() = libraryBackToIndonesian()

    /** The lock screen a guarded screen asked for, started as Android would. */
    private fun lockScreenFrom(screen: android.app.Activity): LockActivity {
        val next = shadowOf(screen).nextStartedActivity
        assertNotNull("the lock screen was not asked for", next)
        assertEquals(LockActivity::class.java.name, next.component?.className)
        return Robolectric.buildActivity(LockActivity::class.java, next).setup().get()
    }

    /** Types into the lock screen and presses its one button, once the last try is answered. */
    private fun LockActivity.type(pin: String, confirm: String? = null, code: String? = null) {
        val actions = listOf(R.string.lock_set_action, R.string.lock_unlock_action, R.string.lock_code_action).map(::getString)
        val submit = { views().filterIsInstance<android.widget.Button>().firstOrNull { it.text.toString() in actions && it.visibility == View.VISIBLE && it.isEnabled } }
        settle("the lock screen ready for a try") { submit() != null }
        if (code != null) field(R.string.lock_code_hint).setText(code)
        val pinHint = if (mode == LockActivity.Mode.UNLOCK) R.string.lock_pin_hint else R.string.lock_new_pin_hint
        field(pinHint).setText(pin)
        if (confirm != null) field(R.string.lock_pin_confirm_hint).setText(confirm)
        submit()!!.performClick()
    }

    private fun LockActivity.says(text: String) =
        settle("the lock screen says \"$text\"") { shownTexts().any { it.contains(text) } }

    /** A synthetic family (numbers of valid structure, a made-up name). */
    private fun saveFamily(): String =
        app.core.records.saveHousehold(
            HouseholdDraft("3201011505159910", District.VILLAGE, "Kampung Contoh", "3", "1", listOf(MemberDraft("3201010101809911", "Sutrisno Contoh", Sex.MALE, null, "head"))),
        ).id

    private fun rawStore(): String =
        dir.root.listFiles()!!.filter { it.name.startsWith("puskesos.sqlite") }.joinToString { String(it.readBytes(), Charsets.ISO_8859_1) }

    @Test
    fun `the first start sets a PIN, and the store it opens is encrypted`() {
        val home = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
        assertTrue("home made way for the PIN", home.isFinishing)
        val lock = lockScreenFrom(home)
        settle("the set-PIN screen") { lock.mode == LockActivity.Mode.SET }
        assertTrue(lock.shownTexts().contains(lock.getString(R.string.lock_set_title)))

        lock.type("123456", "123456")
        // The core's reason, in the phone's language, names the kind of PIN refused.
        lock.says("123456")
        assertFalse(lock.isFinishing)
        assertFalse(app.lock.state().isSet)
        lock.type("258046", "258064")
        lock.says(lock.getString(R.string.lock_pins_differ))
        lock.type("258046", "258046")
        settle("unlocked") { lock.isFinishing }
        assertEquals(HomeActivity::class.java.name, shadowOf(lock).nextStartedActivity.component?.className)
        assertFalse(app.gate.needsUnlock())

        // What the pillar saves goes into an encrypted file.
        assertTrue(saveFamily().isNotEmpty())
        assertEquals(1, app.core.records.findHouseholds("Sutrisno").size)
        val raw = rawStore()
        assertTrue(raw.isNotEmpty())
        assertFalse("a name in the store file", raw.contains("Sutrisno Contoh"))
        assertFalse("a NIK in the store file", raw.contains("3201010101809911"))
    }

    @Test
    fun `an idle phone asks for the PIN again, and wrong PINs count down`() {
        app.lock.setPin("258046")
        app.unlocked()
        val list = Robolectric.buildActivity(HouseholdListActivity::class.java).setup().get()
        assertTrue(shadowOf(list).nextStartedActivity == null)

        now += AppLock.DEFAULT_IDLE_MILLIS + 1
        list.onUserInteraction()
        val lock = lockScreenFrom(list)
        assertFalse(list.isFinishing)
        settle("the PIN screen") { lock.mode == LockActivity.Mode.UNLOCK }
        lock.type("111000")
        lock.says(lock.getString(R.string.lock_wrong_pin, 9))
        lock.type("258046")
        settle("unlocked") { lock.isFinishing }
        // Back to where the pillar was, not a new home screen.
        assertEquals(null, shadowOf(lock).nextStartedActivity)
        assertFalse(app.gate.needsUnlock())
    }

    @Test
    fun `after ten wrong PINs the district's code and a new PIN open the same records`() {
        District().use { district ->
            app.lock.setPin("258046")
            app.unlocked()
            val request = EnrolmentRequest(district.url, district.enrolCode("op-desa"), null)
            val enrolment = app.core.sync.enrol(request)
            // What the enrolment screen keeps after a good enrolment.
            id.puskesos.field.Settings(app).apply {
                districtUrl = district.url
                deviceId = enrolment.deviceId
                villageCode = enrolment.villageCode
                villageName = enrolment.villageName
            }
            assertTrue("the unlock code is kept on the phone", app.lock.state().hasUnlockCode)
            saveFamily()
            val waiting = app.core.outbox.summary().waiting
            assertTrue(waiting > 0)

            now += AppLock.DEFAULT_IDLE_MILLIS + 1
            val home = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
            val lock = lockScreenFrom(home)
            settle("the PIN screen") { lock.mode == LockActivity.Mode.UNLOCK }
            for (left in 9 downTo 1) {
                advanceLockClockForTest(3600)
                lock.type("111000")
                lock.says(lock.getString(R.string.lock_wrong_pin, left))
            }
            advanceLockClockForTest(3600)
            lock.type("111000")
            settle("the code screen") { lock.mode == LockActivity.Mode.CODE }
            lock.says(lock.getString(R.string.lock_locked_out))

            lock.type("370915", "370915", code = "AAAA-BBBB-CCCC")
            lock.says(lock.getString(R.string.lock_wrong_code))
            lock.type("370915", "370915", code = district.revealUnlockCode(enrolment.deviceId))
            settle("unlocked with the code") { lock.isFinishing }
            assertEquals(waiting, app.core.outbox.summary().waiting)
            assertEquals(1, app.core.records.findHouseholds("").size)
        }
    }

    @Test
    fun `a background upload waits while no PIN has been typed`() {
        assertTrue(app.gate.cold)
        val e = runCatching { app.core.outbox.summary() }.exceptionOrNull()
        assertTrue("the store stays shut before the PIN: $e", e is id.puskesos.field.core.CoreException)
        assertFalse(storeFile.exists())
    }
}
