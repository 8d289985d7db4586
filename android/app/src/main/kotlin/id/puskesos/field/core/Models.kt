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

/** The registry's photo set (the core's `DocumentKind`), and SUPPORTING for any other paper. */
enum class DocumentKind { KK, KTP, HOUSE_FRONT, WALL, FLOOR, KITCHEN, ROOF, TOILET, HEAD_OF_HOUSEHOLD, SUPPORTING }

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

data class VisitSummary(val householdId: String, val headName: String, val address: String, val time: String)

enum class ComplaintState { OPEN, REFERRED, RESOLVED, CLOSED }

data class ComplaintSummary(val id: String, val subject: String, val state: ComplaintState, val openedOn: String)

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

data class OutboxSummary(val waiting: Int, val failed: Int, val lastSyncEpochMillis: Long?)

/** [certSha256] pins a district that runs its own certificate authority (from its QR). */
data class EnrolmentRequest(val districtUrl: String, val code: String, val certSha256: String? = null)

data class Enrolment(val deviceId: String, val villageCode: String, val villageName: String)

data class SyncProgress(val done: Int, val total: Int)

data class SyncReport(val sent: Int, val failed: Int, val remaining: Int)
