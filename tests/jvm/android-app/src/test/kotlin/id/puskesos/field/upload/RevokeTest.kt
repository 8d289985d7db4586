package id.puskesos.field.upload

import android.app.Notification
import android.app.NotificationManager
import android.app.job.JobParameters
import id.puskesos.core.fieldLockWithTestClock
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.field.lock.AppLock
import id.puskesos.field.photo.PhotoProvider
import id.puskesos.field.ui.EnrolActivity
import id.puskesos.field.ui.settle
import id.puskesos.field.ui.shownTexts
import id.puskesos.testing.District
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
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
 * A device the district revoked (lost, stolen, handed on): its next contact wipes the store,
 * the photos and the lock, and the phone says so. The real district on 127.0.0.1 revokes
 * through its staff page; the real lock and encrypted store; the upload job as JobScheduler
 * runs it.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class RevokeTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val storeFile get() = File(dir.root, "puskesos.sqlite")
    private val lockFile get() = File(dir.root, AppLock.LOCK_FILE)

    @Before
    fun realLock() {
        libraryBackToIndonesian()
        val lock = AppLock(lockFile, { ByteArray(32) { 9 } }, open = { p, pepper -> fieldLockWithTestClock(p, pepper) })
        app.lock = lock
        app.core = NativeCoreGateway(storeFile, lock) { "HP uji" }
        app.gate = lock
    }

    @After
    fun language() = libraryBackToIndonesian()

    private fun runJob(jobId: Int) {
        val service = Robolectric.setupService(UploadJobService::class.java)
        val params = JobParameters(null, null, jobId, null, null, null, 0, false, false, false, null, null, null)
        assertTrue(service.onStartJob(params))
        settle("job $jobId finished") { shadowOf(service).isJobFinished }
    }

    @Test
    fun `the district's revoke wipes the store, the photos and the PIN at the next contact`() {
        District().use { district ->
            app.lock.setPin("258046")
            app.unlocked()
            val enrolment = app.core.sync.enrol(EnrolmentRequest(district.url, district.enrolCode("op-desa")))
            Settings(app).apply {
                districtUrl = district.url
                deviceId = enrolment.deviceId
                villageCode = enrolment.villageCode
                villageName = enrolment.villageName
            }
            app.core.records.saveHousehold(
                HouseholdDraft("3201011505159910", District.VILLAGE, "Kampung Contoh", "3", "1", listOf(MemberDraft("3201010101809911", "Sutrisno Contoh", Sex.MALE, null, "head"))),
            )
            PhotoProvider.pendingFile(app).writeBytes(ByteArray(1024) { 1 })
            assertTrue(storeFile.exists())

            // A first pass still goes: the records reach the district.
            runJob(UploadScheduler.NOW_JOB)
            assertEquals(0, app.core.outbox.summary().waiting)

            district.revoke(enrolment.deviceId)
            app.core.records.saveHousehold(
                HouseholdDraft("3201011505159920", District.VILLAGE, "Kampung Contoh", "4", "1", listOf(MemberDraft("3201010101809921", "Darmini Contoh", Sex.FEMALE, null, "head"))),
            )
            runJob(UploadScheduler.NOW_JOB)

            // Nothing of the village is left: no store file, no lock, no photo, no enrolment.
            assertFalse(storeFile.exists())
            assertFalse(File(storeFile.path + "-wal").exists())
            assertFalse(lockFile.exists())
            assertFalse(File(app.filesDir, "photos").exists())
            assertFalse(Settings(app).enrolled)
            assertTrue(app.gate.cold)
            val notification = shadowOf(app.getSystemService(NotificationManager::class.java)).allNotifications.last()
            assertEquals(app.getString(R.string.upload_revoked), notification.extras.getCharSequence(Notification.EXTRA_TEXT).toString())

            // The next person sets a new PIN on an empty phone, and enrolment says what happened.
            assertFalse(app.lock.state().isSet)
            app.lock.setPin("370915")
            assertTrue(app.core.records.findHouseholds("").isEmpty())
            val enrol = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
            assertTrue(enrol.shownTexts().any { it.startsWith("The district social service revoked this device") })
        }
    }

    @Test
    fun `with its last upload allowed, the phone sends what waits, then wipes itself`() {
        District().use { district ->
            app.lock.setPin("258046")
            app.unlocked()
            val enrolment = app.core.sync.enrol(EnrolmentRequest(district.url, district.enrolCode("op-desa")))
            Settings(app).apply {
                districtUrl = district.url
                deviceId = enrolment.deviceId
            }
            app.core.records.saveHousehold(
                HouseholdDraft("3201011505159920", District.VILLAGE, "Kampung Contoh", "4", "1", listOf(MemberDraft("3201010101809921", "Darmini Contoh", Sex.FEMALE, null, "head"))),
            )
            assertTrue(app.core.outbox.summary().waiting > 0)
            district.revoke(enrolment.deviceId, finalUpload = true)

            runJob(UploadScheduler.NOW_JOB)

            // The waiting household reached the district before the phone wiped itself.
            assertTrue("the last upload arrived", district.villagePage().contains("Darmini Contoh"))
            assertFalse(storeFile.exists())
            assertFalse(lockFile.exists())
            assertFalse(Settings(app).enrolled)
            assertTrue(Settings(app).wipedAtMillis > 0)
        }
    }
}
