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

    /** Takes the region list of the last village pack from the store; returns the number of regions (0: none yet). */
    fun loadFromStore(): Long

    fun get(code: String): RegionInfo?

    fun children(code: String): List<RegionInfo>

    fun findByName(query: String, limit: Int): List<RegionInfo>
}

/** The village's registry (DTSEN) extract, held in the store. */
interface RegistryService {
    fun byNik(nik: String): List<RegistryMatch>

    fun byKk(kk: String): List<RegistryMatch>

    fun byName(name: String, limit: Int): List<RegistryMatch>

    /** The family on [kk] in the extract, to start a household form from: numbers whole. */
    fun familyDraft(kk: String): HouseholdDraft?
}

/** Barcodes from camera frames and document photos, normalised by the core. */
interface CaptureService {
    /**
     * Every symbol in a camera luma (Y) plane, each with what it is; empty when none. The
     * buffer is read during the call only; the caller may reuse it afterwards.
     * [rotationDegrees] turns the sensor's frame upright (the camera's SENSOR_ORIENTATION: 90
     * on most phones, whose sensors lie sideways), so a 1D code held level is read as level.
     */
    fun decodeFrame(luma: java.nio.ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int = 0): List<ScannedSymbol>

    /** Every symbol in a photo (JPEG), each with what it is; empty when none. */
    fun decodePhoto(bytes: ByteArray): List<ScannedSymbol>

    /** The QR of a receipt's text, to draw on the screen. */
    fun qr(text: String): QrImage

    /** Normalises a photo (orientation, size, metadata stripped) and judges its quality. */
    fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult
}

interface EligibilityService {
    fun evaluate(householdId: String): List<ProgrammeVerdict>

    /** The verdicts with the questions to ask next and the welfare score; saved like [evaluate]. */
    fun assess(householdId: String): Assessment = Assessment(evaluate(householdId), emptyList(), null)

    /** The question for a fact "ask next" names; null when it is answered elsewhere (the KK, the extract). */
    fun question(fact: String): QuestionView?

    /** Records an answer (`yes`/`no`, a number, a code) on the household, or on member [personId]. */
    fun answer(householdId: String, personId: String?, fact: String, value: String)
}

/** Households, visits, complaints, referrals and proposals in the store. */
/** What the phone holds goes: the district revoked the device. */
interface Wipeable {
    /** Closes the store and deletes its files; the next use starts an empty store. */
    fun wipe()
}

interface RecordService {
    /** Minutes of idle time before the PIN is asked again: the district's pack, else 5. */
    fun lockAfterMinutes(): Int = 5

    /** Saves the household with all its members at once, or nothing. */
    fun saveHousehold(draft: HouseholdDraft): SavedHousehold

    /** Households by a name as said, the end of a KK number or NIK, or "RT 3 RW 1"; all when empty. */
    fun findHouseholds(query: String, limit: Int = 100): List<HouseholdRow>

    fun household(id: String): HouseholdView

    fun correctHousehold(id: String, change: HouseholdCorrection, reason: String)

    /**
     * Keeps a scanned KK QR's text (its Dukcapil verification link) on the household as
     * evidence, with a line in its history; any other text is refused (INVALID_INPUT) with
     * what it is.
     */
    fun keepKkQr(householdId: String, text: String)

    /** Returns the questions the corrected member raises (NIK against the form, ages). */
    fun correctMember(personId: String, change: MemberCorrection, reason: String): List<Bilingual>

    fun addMember(householdId: String, member: MemberDraft): List<Bilingual>

    /** Moves a member to the household on KK [toKk], with the [relationship] they have there. */
    fun moveMember(personId: String, toKk: String, relationship: String, reason: String)

    fun deleteMember(personId: String, reason: String)

    /** Refused while the household has complaints, referrals or proposals. */
    fun deleteHousehold(id: String, reason: String)

    fun history(householdId: String): List<HistoryItem>

    /** The district's decisions the sync brought, newest first. */
    fun decisions(): List<DecisionView>

    fun proposalsOf(householdId: String): List<ProposalRow>

    /** The date a proposal of [kind] made today is measured against (ISO): a sanggah's 14 days, an usul's cut-off. */
    fun proposalDue(kind: ProposalKind): String

    /** Fixes a proposal the district returned and sends it again with the new [reason]. */
    fun resubmitProposal(proposalId: String, reason: String)

    fun todaysVisits(): List<VisitSummary>

    fun openComplaints(): List<ComplaintSummary>

    fun registerComplaint(draft: ComplaintDraft): String

    fun case(id: String): CaseView

    /** Moves the case to its next step with a dated [note]; the note is required. */
    fun advanceCase(id: String, note: String)

    /** Records today's visit to the household and plans the next one by [due] (ISO date). */
    fun planFollowUp(householdId: String, complaintId: String?, due: String, note: String)

    /** Follow-up visits due on or before [until] (ISO date), the most overdue first. */
    fun followUpsDue(until: String): List<FollowUpDue>

    fun refer(draft: ReferralDraft): String

    /**
     * The institutions the district's pack lists for referrals, of one [sector] or all; empty
     * when it lists none (the form then takes a typed name).
     */
    fun institutions(sector: Sector?): List<InstitutionView> = emptyList()

    fun propose(draft: ProposalDraft): String

    fun attachPhoto(householdId: String, photo: PhotoResult): String

    /** The registry's photo set for the household, read from the store (survives the app being killed). */
    fun photoChecklist(householdId: String): List<ChecklistRow>

    /**
     * A camera photo normalised, judged and stored in one core call: a poor one only with
     * [keepPoor]; a retake replaces; [proposalId] makes it that proposal's evidence.
     */
    fun takePhoto(householdId: String, kind: DocumentKind, original: ByteArray, keepPoor: Boolean, proposalId: String? = null): PhotoOutcome

    /** Where the house is, on the household record (never in a photo). */
    fun setLocation(householdId: String, lat: Double, lon: Double, accuracyM: Double?)
}

interface OutboxService {
    fun summary(): OutboxSummary

    /** Entries the district refused, oldest first, with its reasons. */
    fun parked(): List<ParkedEntry>

    /** Sends a refused entry again with the next sync (after the record was fixed). */
    fun retry(entryId: String)
}

/** Talks to the district service. Blocking; call from a background thread. */
interface SyncService {
    fun enrol(request: EnrolmentRequest): Enrolment

    /** Reads the district's enrolment QR (its JSON); INVALID_INPUT with the reason otherwise. */
    fun parseEnrolmentQr(text: String): EnrolmentRequest

    /**
     * Drains the outbox; [cancelled] is polled between items. [personAsked]: someone pressed
     * "send now", so entries waiting out a backoff from an earlier failed pass go at once;
     * scheduled passes leave them to their retry time.
     */
    fun syncNow(progress: (SyncProgress) -> Unit, cancelled: () -> Boolean, personAsked: Boolean = false): SyncReport
}
