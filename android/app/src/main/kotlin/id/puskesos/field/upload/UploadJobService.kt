package id.puskesos.field.upload

import android.app.Notification
import android.app.NotificationManager
import android.app.job.JobParameters
import android.app.job.JobService
import android.content.Context
import android.os.Build
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.SyncProgress
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Drains the outbox through the core's blocking sync on a worker thread, with a progress
 * notification. When the system stops the job (network lost), the core is asked to stop
 * between items and the job is rescheduled; nothing is lost, since an item leaves the outbox
 * only once the district has acknowledged it.
 */
class UploadJobService : JobService() {
    private val stopped = AtomicBoolean(false)

    override fun onStartJob(params: JobParameters): Boolean {
        stopped.set(false)
        Thread({ run(params) }, "upload").start()
        return true
    }

    override fun onStopJob(params: JobParameters): Boolean {
        stopped.set(true)
        return true
    }

    private fun run(params: JobParameters) {
        val app = PuskesosApp.of(this)
        val core = app.core
        // No PIN typed since the phone started the app for this job: the store stays shut.
        // The records wait; the job comes back (backoff) and goes once someone unlocks.
        if (app.gate.cold) {
            jobFinished(params, true)
            return
        }
        val notifications = getSystemService(NotificationManager::class.java) ?: run {
            jobFinished(params, false)
            return
        }
        var retry: Boolean
        try {
            val personAsked = params.jobId == UploadScheduler.NOW_JOB
            val report = core.sync.syncNow({ notify(notifications, it) }, { stopped.get() }, personAsked)
            // The pass may have brought a new village pack: its region list checks the forms.
            PuskesosApp.of(this).loadRegions()
            // Entries still waiting (a retry time from an earlier failure, or a stop): let
            // JobScheduler come back with its backoff rather than wait for the periodic job.
            // Entries the district refused are parked for a person, not counted here.
            retry = report.remaining > 0
            val text = if (report.remaining > 0) {
                getString(R.string.upload_partial, report.sent, report.remaining)
            } else {
                getString(R.string.upload_done, report.sent)
            }
            notifications.notify(NOTIFICATION, notification(text, null))
        } catch (e: CoreException) {
            // Network: JobScheduler backs off and tries again, and the pillar is told so rather
            // than left with a progress bar that stopped. Anything else needs a person (enrol
            // again, a refused certificate): no retry, and the core's message says what to do.
            retry = e.kind == CoreException.Kind.NETWORK
            if (e.kind == CoreException.Kind.REVOKED) app.wipeRevoked()
            when (e.kind) {
                CoreException.Kind.REVOKED -> notifications.notify(NOTIFICATION, notification(getString(R.string.upload_revoked), null))
                CoreException.Kind.NOT_AVAILABLE -> notifications.cancel(NOTIFICATION)
                CoreException.Kind.NETWORK -> notifications.notify(NOTIFICATION, notification(getString(R.string.upload_waiting), null))
                else -> notifications.notify(NOTIFICATION, notification(getString(R.string.upload_stopped, e.message), null))
            }
        }
        sendBroadcast(android.content.Intent(UploadScheduler.ACTION_FINISHED).setPackage(packageName))
        jobFinished(params, retry || stopped.get())
    }

    private fun notify(manager: NotificationManager, progress: SyncProgress) {
        manager.notify(NOTIFICATION, notification(getString(R.string.upload_progress, progress.done, progress.total), progress))
    }

    private fun notification(text: String, progress: SyncProgress?): Notification {
        val builder = builder(this)
            .setSmallIcon(R.drawable.ic_upload)
            .setContentTitle(getString(R.string.upload_title))
            .setContentText(text)
            .setStyle(Notification.BigTextStyle().bigText(text))
            .setOnlyAlertOnce(true)
        if (progress != null) builder.setProgress(progress.total, progress.done, progress.total == 0)
        return builder.build()
    }

    companion object {
        private const val NOTIFICATION = 1

        private fun builder(context: Context): Notification.Builder =
            if (Build.VERSION.SDK_INT >= 26) {
                Notification.Builder(context, UploadScheduler.CHANNEL)
            } else {
                @Suppress("DEPRECATION")
                Notification.Builder(context)
            }
    }
}
