package id.puskesos.field.core.native

import id.puskesos.core.SyncCancel
import id.puskesos.core.SyncListener
import id.puskesos.core.SyncSettings
import id.puskesos.field.core.Enrolment
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.SyncProgress
import id.puskesos.field.core.SyncReport
import id.puskesos.field.core.SyncService
import id.puskesos.core.model.SyncProgress as FfiProgress

/** Enrolment and the blocking sync pass; called from the upload job's thread. */
internal class NativeSync(private val native: NativeStore, private val deviceLabel: () -> String) : SyncService {
    override fun enrol(request: EnrolmentRequest): Enrolment =
        boundary {
            SystemTrust.ensureLoaded()
            // The district's unlock code for this device is wrapped around the store key inside
            // the library; it never reaches this side.
            val lock = native.lock
            val e = native.store.enrol(request.districtUrl, request.code, deviceLabel(), request.certSha256, lock?.fieldLock, lock?.key)
            Enrolment(e.deviceId, e.villageCode, e.villageName)
        }

    override fun parseEnrolmentQr(text: String): EnrolmentRequest =
        boundary {
            val qr = id.puskesos.core.parseEnrolmentQr(text)
            EnrolmentRequest(qr.url, qr.code, qr.certSha256)
        }

    /**
     * [cancelled] is polled at every progress report (between requests): once it answers
     * true, the core stops before its next request and reports the pass as cancelled.
     */
    override fun syncNow(progress: (SyncProgress) -> Unit, cancelled: () -> Boolean, personAsked: Boolean): SyncReport =
        boundary {
            SystemTrust.ensureLoaded()
            val report = progress
            SyncCancel().use { cancel ->
                val listener = object : SyncListener {
                    override fun onProgress(progress: FfiProgress) {
                        if (cancelled()) cancel.cancel()
                        report(SyncProgress(progress.entriesDone.toInt(), progress.entriesTotal.toInt()))
                    }
                }
                if (cancelled()) cancel.cancel()
                // The phone keeps only what the district has not acknowledged yet: its storage is small.
                val r = native.store.sync(listener, cancel, SyncSettings(sendNow = personAsked, prune = true))
                SyncReport(sent = r.acked.toInt(), failed = r.parked.toInt(), remaining = r.pending.toInt())
            }
        }
}
