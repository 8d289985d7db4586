package id.puskesos.field.upload

import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.content.ComponentName
import android.content.Context
import android.os.Build
import id.puskesos.field.R
import id.puskesos.field.Settings

/**
 * Upload runs as JobScheduler jobs with a network constraint, so the system starts it when a
 * connection exists and retries with exponential backoff; jobs are persisted across reboots.
 * A periodic job drains the outbox in the background; "send now" adds a one-off job that runs
 * as soon as the network allows.
 */
object UploadScheduler {
    const val PERIODIC_JOB = 1
    const val NOW_JOB = 2
    const val CHANNEL = "upload"

    /**
     * Sent, to this app only, when an upload run ends however it ended: the home screen then
     * reads what still waits and the last sync again instead of showing the numbers from
     * before "send now".
     */
    const val ACTION_FINISHED = "id.puskesos.field.UPLOAD_FINISHED"
    private const val PERIOD_MILLIS = 6 * 60 * 60 * 1000L
    private const val BACKOFF_MILLIS = 60 * 1000L

    /**
     * At every start of the app: the notification channel (API 26+) and the periodic job. An
     * existing periodic job is left alone, so that opening the app does not push the next
     * background upload another six hours away.
     */
    fun ensureScheduled(context: Context) {
        if (Build.VERSION.SDK_INT >= 26) {
            context.getSystemService(NotificationManager::class.java)?.createNotificationChannel(
                NotificationChannel(CHANNEL, context.getString(R.string.upload_channel), NotificationManager.IMPORTANCE_LOW),
            )
        }
        val pending = context.getSystemService(JobScheduler::class.java)?.getPendingJob(PERIODIC_JOB)
        if (pending == null) schedulePeriodic(context)
    }

    /** (Re)schedules the periodic job: at first start, and when the network setting changes. */
    fun schedulePeriodic(context: Context) {
        schedule(context, builder(context, PERIODIC_JOB).setPeriodic(PERIOD_MILLIS))
    }

    fun sendNow(context: Context) {
        schedule(context, builder(context, NOW_JOB).setBackoffCriteria(BACKOFF_MILLIS, JobInfo.BACKOFF_POLICY_EXPONENTIAL))
    }

    private fun builder(context: Context, id: Int): JobInfo.Builder {
        val network = if (Settings(context).unmeteredOnly) JobInfo.NETWORK_TYPE_UNMETERED else JobInfo.NETWORK_TYPE_ANY
        return JobInfo.Builder(id, ComponentName(context, UploadJobService::class.java))
            .setRequiredNetworkType(network)
            .setPersisted(true)
    }

    private fun schedule(context: Context, builder: JobInfo.Builder) {
        context.getSystemService(JobScheduler::class.java)?.schedule(builder.build())
    }
}
