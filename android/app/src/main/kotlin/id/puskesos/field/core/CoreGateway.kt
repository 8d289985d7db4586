package id.puskesos.field.core

/**
 * Everything the app asks of the Rust core, in the app's own types. Screens and jobs depend
 * on this interface only; [id.puskesos.field.core.native.NativeCoreGateway] maps it once onto
 * the generated bindings, and plain-Kotlin tests stand a fake in for the native library.
 */
interface CoreGateway {
    /** The core library's version, for Settings and bug reports. */
    val version: String
    val identity: IdentityService
    val regions: RegionService
    val registry: RegistryService
    val capture: CaptureService
    val eligibility: EligibilityService
    val records: RecordService
    val outbox: OutboxService
    val sync: SyncService

    /**
     * The language of the core's error messages ([CoreException.message]) for the whole
     * process; Bahasa Indonesia until set. Sentences inside results (NIK issues, photo advice,
     * verdict reasons) come in both languages whatever this says, and screens pick one.
     * Cheap: may be called on the UI thread.
     */
    fun setMessageLanguage(lang: Lang)
}

/** NIK and KK checks as a form needs them while a person types or after a scan. */
interface IdentityService {
    /** [capturedOn] is an ISO date (today when null); it decides the century of the birth year. */
    fun checkNik(input: String, capturedOn: String? = null): NikInfo

    fun checkKk(input: String, capturedOn: String? = null): KkInfo

    /** Mismatches between a valid NIK and the form; throws INVALID_INPUT for an invalid NIK. */
    fun warnings(nik: String, sex: Sex?, birthDate: String?, addressRegion: String?): List<FormWarning>

    fun normalize(input: String): String
}

/** The Kemendagri region list of the village pack. */
interface RegionService {
    val loaded: Boolean

    /** Loads a region list file; returns the number of regions. */
    fun load(path: String): Long

    fun get(code: String): RegionInfo?

    fun children(code: String): List<RegionInfo>

    fun findByName(query: String, limit: Int): List<RegionInfo>
}

/** The village's registry (DTSEN) extract, held in the store. */
interface RegistryService {
    fun byNik(nik: String): List<RegistryMatch>

    fun byKk(kk: String): List<RegistryMatch>

    fun byName(name: String, limit: Int): List<RegistryMatch>
}

/** Barcodes from camera frames and document photos, normalised by the core. */
interface CaptureService {
    /**
     * Decodes a camera luma (Y) plane. The buffer is read during the call only; the caller
     * may reuse it afterwards. Returns null when no code was found in the frame.
     */
    fun decodeLuma(luma: java.nio.ByteBuffer, width: Int, height: Int, rowStride: Int): ScanPayload?

    /** Normalises a photo (orientation, size, metadata stripped) and judges its quality. */
    fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult
}

interface EligibilityService {
    fun evaluate(householdId: String): List<ProgrammeVerdict>
}

/** Households, visits, complaints, referrals and proposals in the store. */
interface RecordService {
    fun saveHousehold(draft: HouseholdDraft): String

    fun todaysVisits(): List<VisitSummary>

    fun openComplaints(): List<ComplaintSummary>

    fun registerComplaint(draft: ComplaintDraft): String

    fun refer(draft: ReferralDraft): String

    fun propose(draft: ProposalDraft): String

    fun attachPhoto(householdId: String, photo: PhotoResult): String
}

interface OutboxService {
    fun summary(): OutboxSummary
}

/** Talks to the district service. Blocking; call from a background thread. */
interface SyncService {
    fun enrol(request: EnrolmentRequest): Enrolment

    /**
     * Drains the outbox; [cancelled] is polled between items. [personAsked]: someone pressed
     * "send now", so entries waiting out a backoff from an earlier failed pass go at once;
     * scheduled passes leave them to their retry time.
     */
    fun syncNow(progress: (SyncProgress) -> Unit, cancelled: () -> Boolean, personAsked: Boolean = false): SyncReport
}
