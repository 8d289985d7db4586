package id.puskesos.field.upload

import android.app.Notification
import android.app.NotificationManager
import android.app.job.JobInfo
import android.app.job.JobParameters
import android.app.job.JobScheduler
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.field.ui.settle
import id.puskesos.field.ui.useCore
import id.puskesos.testing.District
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertSame
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
 * The background upload as the phone runs it: JobScheduler jobs from [UploadScheduler],
 * [UploadJobService] driving the host-built core's sync against the real district service on
 * 127.0.0.1, with a real store file. Robolectric stands in for the system: it records the
 * scheduled jobs, the notifications and what the service told JobScheduler when it finished.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class UploadJobTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val jobs: JobScheduler get() = app.getSystemService(JobScheduler::class.java)!!
    private val notifications get() = shadowOf(app.getSystemService(NotificationManager::class.java))

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    /** A phone enrolled with [district], its store in a fresh file. */
    private fun enrolledPhone(district: District): CoreGateway {
        val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        core.sync.enrol(EnrolmentRequest(district.url, district.enrolCode("op-desa")))
        return core
    }

    private val letters = "ABCDEFGHIJ"

    /** Household [n] (0–99) of the district's village with its head; synthetic numbers, serials 99xx. */
    private fun household(core: CoreGateway, n: Int): String =
        core.records.saveHousehold(
            HouseholdDraft(
                kk = "3201011505%02d%04d".format(10 + n % 50, 9900 + n),
                villageCode = District.VILLAGE,
                address = "Jl. Contoh No. $n",
                rt = "1",
                rw = "2",
                members = listOf(MemberDraft("3201010101%02d%04d".format(70 + n % 20, 9900 + n), "Kepala Contoh ${letters[n / 10]}${letters[n % 10]}", Sex.MALE, null, "head")),
            ),
        ).id

    /**
     * Starts [UploadJobService] as JobScheduler would for [jobId] and waits for jobFinished;
     * [stopAtOnce]: the system stops the job (network lost) right after starting it.
     */
    private fun runJob(jobId: Int, stopAtOnce: Boolean = false): UploadJobService {
        val service = Robolectric.setupService(UploadJobService::class.java)
        val params = parameters(jobId)
        assertTrue("the work continues on the service's own thread", service.onStartJob(params))
        if (stopAtOnce) assertTrue("a stopped job asks to run again", service.onStopJob(params))
        settle("job $jobId finished") { shadowOf(service).isJobFinished }
        return service
    }

    /** JobParameters has no public constructor; the framework's own one, with only an id. */
    private fun parameters(jobId: Int): JobParameters =
        JobParameters(null, null, jobId, null, null, null, 0, false, false, false, null, null, null)

    /** What the app set: setRequiredNetworkType, since its minSdk 24 predates NetworkRequest. */
    @Suppress("DEPRECATION")
    private fun JobInfo.legacyNetworkType(): Int = networkType

    private fun Notification.text(): String = extras.getCharSequence(Notification.EXTRA_TEXT).toString()

    @Test
    fun `the app schedules its periodic upload once, and opening it again keeps the job's timer`() {
        val periodic = jobs.getPendingJob(UploadScheduler.PERIODIC_JOB)
        assertNotNull("scheduled when the app started", periodic)
        assertTrue(periodic!!.isPeriodic)
        assertEquals(6 * 60 * 60 * 1000L, periodic.intervalMillis)
        assertEquals(JobInfo.NETWORK_TYPE_ANY, periodic.legacyNetworkType())
        assertTrue(periodic.isPersisted)

        UploadScheduler.ensureScheduled(app)
        assertSame(periodic, jobs.getPendingJob(UploadScheduler.PERIODIC_JOB))

        // Wi-Fi only: the periodic job is replaced with the new constraint.
        Settings(app).unmeteredOnly = true
        UploadScheduler.schedulePeriodic(app)
        assertEquals(JobInfo.NETWORK_TYPE_UNMETERED, jobs.getPendingJob(UploadScheduler.PERIODIC_JOB)!!.legacyNetworkType())
    }

    @Test
    fun `send now schedules a one-off job that waits for a network and backs off exponentially`() {
        UploadScheduler.sendNow(app)
        val now = jobs.getPendingJob(UploadScheduler.NOW_JOB)!!
        assertFalse(now.isPeriodic)
        assertEquals(JobInfo.NETWORK_TYPE_ANY, now.legacyNetworkType())
        assertEquals(JobInfo.BACKOFF_POLICY_EXPONENTIAL, now.backoffPolicy)
        assertEquals(60_000L, now.initialBackoffMillis)
        assertTrue(now.isPersisted)

        Settings(app).unmeteredOnly = true
        UploadScheduler.sendNow(app)
        assertEquals(JobInfo.NETWORK_TYPE_UNMETERED, jobs.getPendingJob(UploadScheduler.NOW_JOB)!!.legacyNetworkType())
    }

    @Test
    fun `the job sends every record to the district and says how many went`() {
        District().use { district ->
            val core = enrolledPhone(district)
            repeat(3) { household(core, it) }
            // A household and its head each: six entries.
            assertEquals(6, core.outbox.summary().waiting)

            val service = runJob(UploadScheduler.NOW_JOB)

            assertFalse("everything went: nothing to retry", shadowOf(service).isRescheduleNeeded)
            val summary = core.outbox.summary()
            assertEquals(0, summary.waiting)
            assertEquals(0, summary.failed)
            assertNotNull("a finished pass is the home screen's last sync", summary.lastSyncEpochMillis)
            assertEquals(app.getString(R.string.upload_done, 6), notifications.getNotification(1).text())
            val told = shadowOf(app).broadcastIntents.filter { it.action == UploadScheduler.ACTION_FINISHED }
            assertEquals("the home screen is told, and only this app", listOf(app.packageName), told.map { it.`package` })
        }
    }

    @Test
    fun `a job the system stops mid-pass sends no more, asks to run again, and the next run sends the rest`() {
        District().use { district ->
            val core = enrolledPhone(district)
            // 120 entries: three batches, so that the stop lands before the pass can finish.
            repeat(60) { household(core, it) }
            assertEquals(120, core.outbox.summary().waiting)

            val stopped = runJob(UploadScheduler.PERIODIC_JOB, stopAtOnce = true)
            assertTrue(shadowOf(stopped).isRescheduleNeeded)
            val left = core.outbox.summary().waiting
            assertTrue("stopped before the end: $left left", left > 0)
            assertEquals(app.getString(R.string.upload_partial, 120 - left, left), notifications.getNotification(1).text())

            val next = runJob(UploadScheduler.PERIODIC_JOB)
            assertFalse(shadowOf(next).isRescheduleNeeded)
            assertEquals(0, core.outbox.summary().waiting)
            assertEquals(app.getString(R.string.upload_done, left), notifications.getNotification(1).text())
        }
    }

    @Test
    fun `a phone that is not enrolled is told why, and the job does not retry in vain`() {
        val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        household(core, 0)

        val job = runJob(UploadScheduler.NOW_JOB)

        assertFalse("only a person can fix it: enrol again", shadowOf(job).isRescheduleNeeded)
        assertEquals(2, core.outbox.summary().waiting)
        val text = notifications.getNotification(1).text()
        assertEquals(app.getString(R.string.upload_stopped, "refused (401, not_enrolled); enrol this device again"), text)
    }

    @Test
    fun `without the district the job asks to be retried, keeps every record, and send now sends them once it is back`() {
        District().use { district ->
            val core = enrolledPhone(district)
            repeat(2) { household(core, it) }
            district.stop()

            val offline = runJob(UploadScheduler.PERIODIC_JOB)
            assertTrue("JobScheduler backs off and runs it again", shadowOf(offline).isRescheduleNeeded)
            assertEquals(4, core.outbox.summary().waiting)
            assertEquals(app.getString(R.string.upload_waiting), notifications.getNotification(1).text())

            // A scheduled retry inside the backoff sends nothing yet, and asks to come back.
            val early = runJob(UploadScheduler.PERIODIC_JOB)
            assertTrue(shadowOf(early).isRescheduleNeeded)
            assertEquals(4, core.outbox.summary().waiting)
            assertEquals(app.getString(R.string.upload_partial, 0, 4), notifications.getNotification(1).text())

            // A person pressing "send now" does not wait for the retry time.
            district.start()
            val asked = runJob(UploadScheduler.NOW_JOB)
            assertFalse(shadowOf(asked).isRescheduleNeeded)
            assertEquals(0, core.outbox.summary().waiting)
            assertEquals(app.getString(R.string.upload_done, 4), notifications.getNotification(1).text())
        }
    }
}
