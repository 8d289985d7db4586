package id.puskesos.field

import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.ComplaintDraft
import id.puskesos.field.core.ComplaintSummary
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.Enrolment
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.CaseView
import id.puskesos.field.core.DecisionView
import id.puskesos.field.core.FollowUpDue
import id.puskesos.field.core.QrImage
import id.puskesos.field.core.HistoryItem
import id.puskesos.field.core.ProposalRow
import id.puskesos.field.core.HouseholdCorrection
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.HouseholdRow
import id.puskesos.field.core.HouseholdView
import id.puskesos.field.core.MemberCorrection
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.SavedHousehold
import id.puskesos.field.core.OutboxSummary
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.ProgrammeVerdict
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.RegistryMatch
import id.puskesos.field.core.ScannedSymbol
import id.puskesos.field.core.SyncProgress
import id.puskesos.field.core.SyncReport
import id.puskesos.field.core.VisitSummary
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.FormWarning
import id.puskesos.field.core.IdField
import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.Issue
import id.puskesos.field.core.Lang
import id.puskesos.field.core.KkInfo
import id.puskesos.field.core.NikInfo
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.RegionInfo
import id.puskesos.field.core.RegionService
import id.puskesos.field.core.RegistryService
import id.puskesos.field.core.Sex
import id.puskesos.field.core.SyncService
import id.puskesos.field.core.WarningKind

/**
 * Stands in for the native library in plain-Kotlin tests: a tiny identity checker with the
 * core's shape (16 digits, day + 40 for women) and scripted answers, recording every call so
 * tests can assert what the screen logic asked of the core.
 */
class FakeCoreGateway : CoreGateway {
    val calls = mutableListOf<String>()
    override val version = "0.0.0-fake"
    override val identity = FakeIdentity(calls)
    override val regions: RegionService = FakeRegions
    override val registry: RegistryService = UnscriptedRegistry
    override val capture: CaptureService = UnscriptedCapture
    override val eligibility: EligibilityService = UnscriptedEligibility
    override val records: RecordService = UnscriptedRecords
    override val outbox: OutboxService = UnscriptedOutbox
    override val sync: SyncService = UnscriptedSync

    /** Every language the app asked the core to write its messages in, in order. */
    val messageLanguages = mutableListOf<Lang>()

    override fun setMessageLanguage(lang: Lang) {
        messageLanguages += lang
    }
}

/** A call a test did not script: refused as NOT_AVAILABLE, so an unexpected call fails loudly. */
private fun unscripted(room: String): Nothing = throw CoreException(CoreException.Kind.NOT_AVAILABLE, "unscripted call to $room")

object UnscriptedRegistry : RegistryService {
    override fun byNik(nik: String): List<RegistryMatch> = unscripted("registry")

    override fun byKk(kk: String): List<RegistryMatch> = unscripted("registry")

    override fun byName(name: String, limit: Int): List<RegistryMatch> = unscripted("registry")

    override fun familyDraft(kk: String): HouseholdDraft? = unscripted("registry")
}

object UnscriptedCapture : CaptureService {
    override fun decodeFrame(luma: java.nio.ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int): List<ScannedSymbol> = unscripted("capture")

    override fun decodePhoto(bytes: ByteArray): List<ScannedSymbol> = unscripted("capture")

    override fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult = unscripted("capture")

    override fun qr(text: String): QrImage = unscripted("capture")
}

object UnscriptedEligibility : EligibilityService {
    override fun evaluate(householdId: String): List<ProgrammeVerdict> = unscripted("rules")

    override fun question(fact: String): id.puskesos.field.core.QuestionView? = unscripted("rules")

    override fun answer(householdId: String, personId: String?, fact: String, value: String) = unscripted("rules")
}

object UnscriptedRecords : RecordService {
    override fun saveHousehold(draft: HouseholdDraft): SavedHousehold = unscripted("store")

    override fun findHouseholds(query: String, limit: Int): List<HouseholdRow> = unscripted("store")

    override fun household(id: String): HouseholdView = unscripted("store")

    override fun correctHousehold(id: String, change: HouseholdCorrection, reason: String) = unscripted("store")

    override fun keepKkQr(householdId: String, text: String) = unscripted("store")

    override fun correctMember(personId: String, change: MemberCorrection, reason: String): List<Bilingual> = unscripted("store")

    override fun addMember(householdId: String, member: MemberDraft): List<Bilingual> = unscripted("store")

    override fun moveMember(personId: String, toKk: String, relationship: String, reason: String) = unscripted("store")

    override fun deleteMember(personId: String, reason: String) = unscripted("store")

    override fun deleteHousehold(id: String, reason: String) = unscripted("store")

    override fun history(householdId: String): List<HistoryItem> = unscripted("store")

    override fun decisions(): List<DecisionView> = unscripted("store")

    override fun proposalsOf(householdId: String): List<ProposalRow> = unscripted("store")

    override fun proposalDue(kind: id.puskesos.field.core.ProposalKind): String = unscripted("store")

    override fun resubmitProposal(proposalId: String, reason: String) = unscripted("store")

    override fun todaysVisits(): List<VisitSummary> = unscripted("store")

    override fun openComplaints(): List<ComplaintSummary> = unscripted("store")

    override fun registerComplaint(draft: ComplaintDraft): String = unscripted("store")

    override fun case(id: String): CaseView = unscripted("store")

    override fun advanceCase(id: String, note: String) = unscripted("store")

    override fun planFollowUp(householdId: String, complaintId: String?, due: String, note: String) = unscripted("store")

    override fun followUpsDue(until: String): List<FollowUpDue> = unscripted("store")

    override fun refer(draft: ReferralDraft): String = unscripted("store")

    override fun propose(draft: ProposalDraft): String = unscripted("store")

    override fun attachPhoto(householdId: String, photo: PhotoResult): String = unscripted("store")

    override fun photoChecklist(householdId: String): List<id.puskesos.field.core.ChecklistRow> = unscripted("store")

    override fun takePhoto(householdId: String, kind: DocumentKind, original: ByteArray, keepPoor: Boolean, proposalId: String?): id.puskesos.field.core.PhotoOutcome =
        unscripted("store")

    override fun setLocation(householdId: String, lat: Double, lon: Double, accuracyM: Double?) = unscripted("store")
}

object UnscriptedOutbox : OutboxService {
    override fun summary(): OutboxSummary = unscripted("outbox")

    override fun parked(): List<id.puskesos.field.core.ParkedEntry> = unscripted("outbox")

    override fun retry(entryId: String) = unscripted("outbox")
}

object UnscriptedSync : SyncService {
    override fun enrol(request: EnrolmentRequest): Enrolment = unscripted("sync")

    override fun parseEnrolmentQr(text: String): EnrolmentRequest = unscripted("sync")

    override fun syncNow(progress: (SyncProgress) -> Unit, cancelled: () -> Boolean, personAsked: Boolean): SyncReport = unscripted("sync")
}

class FakeIdentity(private val calls: MutableList<String>) : IdentityService {
    private fun issuesOf(digits: String): List<Issue> =
        when {
            digits.isEmpty() -> listOf(Issue(IdField.WHOLE, Bilingual("Nomor belum diisi.", "The number is empty.")))
            digits.length != 16 || !digits.all(Char::isDigit) ->
                listOf(Issue(IdField.WHOLE, Bilingual("Nomor harus 16 angka.", "The number must have 16 digits.")))
            digits.endsWith("0000") -> listOf(Issue(IdField.SERIAL, Bilingual("Nomor urut 0000 tidak pernah diterbitkan.", "Serial number 0000 is never issued.")))
            else -> emptyList()
        }

    override fun checkNik(input: String, capturedOn: String?): NikInfo {
        calls += "checkNik"
        val d = normalize(input)
        val issues = issuesOf(d)
        if (issues.isNotEmpty()) return NikInfo(d, false, null, null, null, null, issues)
        val rawDay = d.substring(6, 8).toInt()
        val sex = if (rawDay > 40) Sex.FEMALE else Sex.MALE
        val birth = "19${d.substring(10, 12)}-${d.substring(8, 10)}-%02d".format(rawDay % 40)
        return NikInfo(d, true, d.take(6), birth, sex, d.take(6) + "********" + d.takeLast(2), emptyList())
    }

    override fun checkKk(input: String, capturedOn: String?): KkInfo {
        calls += "checkKk"
        val d = normalize(input)
        val issues = issuesOf(d)
        return KkInfo(d, issues.isEmpty(), d.take(6).takeIf { issues.isEmpty() }, null, null, issues)
    }

    override fun warnings(nik: String, sex: Sex?, birthDate: String?, addressRegion: String?): List<FormWarning> {
        calls += "warnings"
        if (birthDate == "not-a-date") throw CoreException(CoreException.Kind.INVALID_INPUT, "Tanggal \"not-a-date\" tidak terbaca.")
        val check = checkNik(nik)
        return listOfNotNull(
            FormWarning(WarningKind.SEX_MISMATCH, Bilingual("Jenis kelamin berbeda dengan NIK.", "Sex differs from the NIK."))
                .takeIf { sex != null && sex != check.sex },
        )
    }

    override fun normalize(input: String): String = input.filterNot { it.isWhitespace() || it in ".-/_" }
}

object FakeRegions : RegionService {
    override val loaded = false

    override fun load(path: String): Long = throw CoreException(CoreException.Kind.STORAGE, "no file")

    override fun loadFromStore(): Long = 0

    override fun get(code: String): RegionInfo? = null

    override fun children(code: String): List<RegionInfo> = emptyList()

    override fun findByName(query: String, limit: Int): List<RegionInfo> = emptyList()
}
