package id.puskesos.field.core

/** The app's language for messages from the core; Android's locale picks it. */
enum class Lang { ID, EN }

enum class Sex { MALE, FEMALE }

/** The part of a NIK or KK number an issue is about, so a form can point at it. */
enum class IdField { WHOLE, PROVINCE, REGENCY, DISTRICT, BIRTH_DATE, RECORD_DATE, SERIAL }

/** A sentence from the core in both languages; the screen picks one. */
data class Bilingual(val id: String, val en: String) {
    fun pick(lang: Lang): String = if (lang == Lang.ID) id else en
}

data class Issue(val field: IdField, val message: Bilingual)

/** Issues as the one message under a field, a line each; null when there are none. */
fun List<Issue>.message(lang: Lang): String? = if (isEmpty()) null else joinToString("\n") { it.message.pick(lang) }

/** Dates are ISO `YYYY-MM-DD` strings: java.time needs API 26 and the app starts at 24. */
data class NikInfo(
    val normalized: String,
    val valid: Boolean,
    val district: String?,
    val birthDate: String?,
    val sex: Sex?,
    val masked: String?,
    val issues: List<Issue>,
)

data class KkInfo(
    val normalized: String,
    val valid: Boolean,
    val district: String?,
    val recordedOn: String?,
    val masked: String?,
    val issues: List<Issue>,
)

enum class WarningKind { SEX_MISMATCH, BIRTH_DATE_MISMATCH, REGION_MISMATCH }

data class FormWarning(val kind: WarningKind, val message: Bilingual)

enum class RegionKind { PROVINCE, REGENCY, DISTRICT, VILLAGE }

data class RegionInfo(val code: String, val dotted: String, val name: String, val kind: RegionKind, val current: Boolean)

data class RegistryMatch(
    val nikMasked: String,
    val kkMasked: String,
    val name: String,
    val relationship: String,
    val desil: Int?,
    val extractVersion: String,
    /** 0–100: 100 for an exact NIK/KK match, lower for a fuzzy name match. */
    val score: Int,
)

/** What a barcode said, already interpreted by the core. */
data class ScanPayload(val kk: String?, val niks: List<String>, val names: List<String>, val raw: String)

/** What a symbol is, as the core's capture room reads its text. */
enum class SymbolKind {
    /** The KK's electronic-signature QR: a Dukcapil verification link, kept as evidence. */
    KK_QR,

    /** A link to another site. */
    LINK,

    /** Text with 16-digit numbers: NIK or KK candidates. */
    NUMBERS,

    /** The app's own complaint receipt. */
    CASE_RECEIPT,
    OTHER,
}

/** A 16-digit number in a symbol, masked, with the core's reading of it in both languages. */
data class NumberReading(val masked: String, val reading: Bilingual)

/**
 * One barcode of a frame or photo: its [format] ("QR", "PDF417", …), its text, what it is,
 * and what is in it: a valid KK number and NIKs (whole, for the household form), every
 * number's reading, the link's host, the receipt's case.
 */
data class ScannedSymbol(
    val format: String,
    val text: String,
    val kind: SymbolKind,
    val kk: String? = null,
    val niks: List<String> = emptyList(),
    val numbers: List<NumberReading> = emptyList(),
    val host: String? = null,
    val caseId: String? = null,
)

/** The symbols' numbers together, for the household form (a KK's may be spread over several); null when none. */
fun List<ScannedSymbol>.payload(): ScanPayload? {
    val first = firstOrNull() ?: return null
    return ScanPayload(
        kk = firstNotNullOfOrNull { it.kk },
        niks = flatMap { it.niks }.distinct(),
        names = emptyList(),
        raw = first.text,
    )
}

/** The registry's photo set (the core's `DocumentKind`), and SUPPORTING for any other paper. */
enum class DocumentKind { KK, KTP, HOUSE_FRONT, WALL, FLOOR, KITCHEN, ROOF, TOILET, HEAD_OF_HOUSEHOLD, SUPPORTING }

/** A kind of the registry's photo set and its current photo in the store ([keptWith]: kept despite these problems). */
data class ChecklistRow(val kind: DocumentKind, val documentId: String?, val keptWith: List<String>)

/** What taking a photo did: [stored] unless it was poor and not kept; [advice] for a poor one. */
data class PhotoOutcome(val stored: Boolean, val quality: PhotoQuality, val advice: Bilingual?, val replaced: Boolean)

enum class PhotoQuality { GOOD, BLURRY, TOO_DARK, TOO_SMALL, GLARE, ROTATED }

/**
 * A photo normalised by the core. [jpeg] is the normalised file (≤ 300 KB) until it is
 * attached; [documentId] is empty until then.
 */
class PhotoResult(
    val documentId: String,
    val kind: DocumentKind,
    val sha256: String,
    val bytes: Int,
    val quality: PhotoQuality,
    val advice: Bilingual?,
    val jpeg: ByteArray = ByteArray(0),
)

enum class VerdictStatus { ELIGIBLE, NOT_ELIGIBLE, NEEDS_INFO }

data class ProgrammeVerdict(
    val programme: Bilingual,
    val status: VerdictStatus,
    val reasons: List<Bilingual>,
    /** What to ask the household next to settle a NEEDS_INFO verdict. */
    val askNext: List<Bilingual>,
)

/** A question the rules need answered, with the fact it records and the member it is about. */
data class AskLine(val question: Bilingual, val fact: String, val personId: String?, val personName: String?)

/** The indicative welfare score of a household outside the registry: illustrative weights. */
data class WelfareScore(val desil: Int, val desilLow: Int, val desilHigh: Int, val illustrative: Boolean, val lines: List<Bilingual>)

/** A household's verdicts, the questions that decide the most programmes first, and its score. */
data class Assessment(val verdicts: List<ProgrammeVerdict>, val askNext: List<AskLine>, val score: WelfareScore?)

/** A questionnaire question: `yes_no` and `choice` pick a [choices] code, `number` and `codes` are typed. */
data class QuestionView(
    val fact: String,
    val label: Bilingual,
    val member: Boolean,
    val kind: String,
    val choices: List<Pair<String, Bilingual>>,
    val unit: Bilingual?,
)

data class MemberDraft(
    val nik: String,
    val name: String,
    val sex: Sex?,
    val birthDate: String?,
    val relationship: String,
)

data class HouseholdDraft(
    val kk: String,
    val villageCode: String,
    val address: String,
    val rt: String,
    val rw: String,
    val members: List<MemberDraft>,
)

/** A household saved with its members: its id, and the questions the family raises. */
data class SavedHousehold(val id: String, val warnings: List<Bilingual>)

/** A household as a list shows it: KK masked; [matchedMember] names who the search found. */
data class HouseholdRow(
    val id: String,
    val headName: String,
    val kkMasked: String,
    val address: String,
    val rt: String,
    val rw: String,
    val members: Int,
    val matchedMember: String?,
)

/** A member as the household screen shows it; [nik] whole only for the correction form. */
data class MemberView(
    val id: String,
    val name: String,
    val nik: String?,
    val nikMasked: String?,
    val sex: Sex,
    val birthDate: String?,
    val relationship: String,
)

data class HouseholdView(
    val id: String,
    val kk: String,
    val kkMasked: String,
    val villageCode: String,
    val address: String,
    val rt: String,
    val rw: String,
    val headName: String,
    val members: List<MemberView>,
    /** Ages that do not fit the relationships, members without NIK: questions, not errors. */
    val warnings: List<Bilingual>,
    /** The KK's QR (its Dukcapil verification link) is kept on the household as evidence. */
    val kkQrKept: Boolean = false,
)

/** The fields a household correction changes; null leaves a field as it is. */
data class HouseholdCorrection(
    val kk: String? = null,
    val address: String? = null,
    val rt: String? = null,
    val rw: String? = null,
    val headName: String? = null,
)

/** The fields a member correction changes; null leaves a field; an empty [nik] removes it. */
data class MemberCorrection(
    val nik: String? = null,
    val name: String? = null,
    val sex: Sex? = null,
    val birthDate: String? = null,
    val relationship: String? = null,
)

/** One line of a household's history: what changed, why, who, when; numbers masked. */
data class HistoryItem(val kind: String, val reason: String, val by: String, val atMillis: Long, val fields: List<String>)

/** What the district decided about a record: `accepted`/`returned` for a proposal, a case step otherwise. */
data class DecisionView(val entity: String, val entityId: String, val status: String, val note: String, val atMillis: Long)

/** A proposal of a household with the district's latest decision, if any, and how many evidence photos it has. */
data class ProposalRow(val id: String, val kind: ProposalKind, val reason: String, val decision: DecisionView?, val due: String = "", val evidence: Int = 0) {
    /** Returned by the district: the phone may fix it and send it again. */
    val returned: Boolean get() = decision?.status == "returned"
}

data class VisitSummary(val householdId: String, val headName: String, val address: String, val time: String)

enum class ComplaintState { OPEN, REFERRED, RESOLVED, CLOSED }

/** An open case as the list shows it: [daysOpen] its age, [overdue] a step waited too long. */
data class ComplaintSummary(
    val id: String,
    val subject: String,
    val state: ComplaintState,
    val openedOn: String,
    val daysOpen: Int = 0,
    val overdue: Boolean = false,
)

/** One dated, signed step of a case. [status] is the core's code (`received`, `referred`, …). */
data class CaseStep(val status: String, val atMillis: Long, val by: String, val note: String)

/** A case (pengaduan) with its steps, what comes next, and the receipt QR's text. */
data class CaseView(
    val id: String,
    val householdId: String?,
    val complainant: String,
    val description: String,
    val status: String,
    /** The step "advance" moves to; null once closed. */
    val nextStatus: String?,
    val steps: List<CaseStep>,
    val daysOpen: Int,
    val overdue: Boolean,
    val receiptText: String,
    val decision: DecisionView?,
)

/** A QR symbol's modules, row by row (1: dark), without quiet zone. */
class QrImage(val size: Int, val dark: ByteArray)

/** A follow-up visit that is due: the household, the date, and the case when there is one. */
data class FollowUpDue(val householdId: String, val headName: String, val address: String, val due: String, val complaintId: String?)

/** The SLRT complaint categories, in the order of `R.array.complaint_categories`. */
enum class ComplaintCategory { NOT_REGISTERED, AID_NOT_RECEIVED, WRONG_TARGET, DATA_CORRECTION, SERVICE_REQUEST, OTHER }

data class ComplaintDraft(
    val complainantNik: String,
    val complainantName: String,
    val category: ComplaintCategory,
    val description: String,
    val householdId: String? = null,
)

/** The nine SLRT service sectors (Permensos 15/2018). */
enum class Sector { HEALTH, EDUCATION, SOCIAL_ECONOMIC, FOOD, ENERGY, AGRICULTURE, FISHERIES, HOUSING, CIVIL_REGISTRATION }

/** A service provider the district lists in its pack, with the services it provides. */
data class InstitutionView(val sector: Sector, val name: String, val services: List<String>)

/** [institution] provides [service] (what the household needs), in [sector]. */
data class ReferralDraft(
    val complaintId: String?,
    val householdId: String?,
    val sector: Sector,
    val institution: String,
    val service: String,
)

enum class ProposalKind { NEW_ENTRY, CORRECTION, OBJECTION }

/** An objection ("sanggah") must name the recipient objected to: [targetNik]. */
data class ProposalDraft(val householdId: String, val kind: ProposalKind, val reason: String, val targetNik: String? = null)

/** An entry the district refused, with its reason ("wrong_village: …"), waiting for a person. */
data class ParkedEntry(val entryId: String, val entity: String, val entityId: String, val reason: String?, val recordedAtMillis: Long)

data class OutboxSummary(val waiting: Int, val failed: Int, val lastSyncEpochMillis: Long?)

/** [certSha256] pins a district that runs its own certificate authority (from its QR). */
data class EnrolmentRequest(val districtUrl: String, val code: String, val certSha256: String? = null)

data class Enrolment(val deviceId: String, val villageCode: String, val villageName: String)

data class SyncProgress(val done: Int, val total: Int)

data class SyncReport(val sent: Int, val failed: Int, val remaining: Int)
