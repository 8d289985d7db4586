package id.puskesos.field.core

/**
 * Adapters for rooms of the core that the bindings do not expose yet (store, registry lookup,
 * capture, rules, outbox, sync). They refuse with NOT_AVAILABLE so that each screen shows
 * "not available in this version" rather than pretending. Replace one object at a time in
 * NativeCoreGateway as the bindings grow.
 */
private fun pending(room: String): Nothing =
    throw CoreException(CoreException.Kind.NOT_AVAILABLE, "Fitur '$room' belum tersedia di versi inti ini.")

object PendingRegistry : RegistryService {
    override fun byNik(nik: String): List<RegistryMatch> = pending("registry")

    override fun byKk(kk: String): List<RegistryMatch> = pending("registry")

    override fun byName(name: String, limit: Int): List<RegistryMatch> = pending("registry")
}

object PendingCapture : CaptureService {
    override fun decodeLuma(luma: java.nio.ByteBuffer, width: Int, height: Int, rowStride: Int): ScanPayload? = pending("capture")

    override fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult = pending("capture")
}

object PendingEligibility : EligibilityService {
    override fun evaluate(householdId: String): List<ProgrammeVerdict> = pending("rules")
}

object PendingRecords : RecordService {
    override fun saveHousehold(draft: HouseholdDraft): String = pending("store")

    override fun todaysVisits(): List<VisitSummary> = pending("store")

    override fun openComplaints(): List<ComplaintSummary> = pending("store")

    override fun registerComplaint(draft: ComplaintDraft): String = pending("store")

    override fun refer(draft: ReferralDraft): String = pending("store")

    override fun propose(draft: ProposalDraft): String = pending("store")

    override fun attachPhoto(householdId: String, photo: PhotoResult): String = pending("store")
}

object PendingOutbox : OutboxService {
    override fun summary(): OutboxSummary = pending("outbox")
}

object PendingSync : SyncService {
    override fun enrol(request: EnrolmentRequest): Enrolment = pending("sync")

    override fun syncNow(progress: (SyncProgress) -> Unit, cancelled: () -> Boolean): SyncReport = pending("sync")
}
