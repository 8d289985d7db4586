package id.puskesos.field.core.native

import id.puskesos.core.ComplaintInput
import id.puskesos.core.ComplaintStatus
import id.puskesos.core.HouseholdInput
import id.puskesos.core.PersonInput
import id.puskesos.core.ProposalInput
import id.puskesos.core.ReferralInput
import id.puskesos.field.core.ComplaintDraft
import id.puskesos.field.core.ComplaintState
import id.puskesos.field.core.ComplaintSummary
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.OutboxSummary
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.VisitSummary
import java.util.Calendar
import id.puskesos.core.ComplaintCategory as FfiCategory
import id.puskesos.core.ComplaintChannel as FfiChannel
import id.puskesos.core.ProposalKind as FfiProposalKind
import id.puskesos.core.Relationship as FfiRelationship

/** Households, members, visits, cases, referrals, proposals and photos in the store. */
internal class NativeRecords(private val native: NativeStore) : RecordService {
    private val store get() = native.store

    /** Saves the household, then its members; a refused member leaves the household saved. */
    override fun saveHousehold(draft: HouseholdDraft): String =
        boundary {
            val author = native.author()
            val head = draft.members.firstOrNull { it.relationship == "head" } ?: draft.members.firstOrNull()
            val h = store.saveHousehold(
                HouseholdInput(draft.kk, draft.villageCode, draft.address, draft.rt, draft.rw, head?.name.orEmpty()),
                author,
            )
            for (m in draft.members) {
                store.addPerson(
                    PersonInput(
                        householdId = h.meta.id,
                        name = m.name,
                        nik = m.nik.ifBlank { null },
                        birthDate = m.birthDate,
                        sex = m.sex?.let(::ffiSex),
                        relationship = relationshipOf(m.relationship),
                    ),
                    author,
                )
            }
            h.meta.id
        }

    /**
     * Visits recorded today (the phone's time zone), newest first. Reads the visits of each
     * household on the phone: a village's recorded households number in the hundreds.
     */
    override fun todaysVisits(): List<VisitSummary> =
        boundary {
            val midnight = Calendar.getInstance().apply {
                set(Calendar.HOUR_OF_DAY, 0)
                set(Calendar.MINUTE, 0)
                set(Calendar.SECOND, 0)
                set(Calendar.MILLISECOND, 0)
            }.timeInMillis
            store.households(null).flatMap { h ->
                store.visits(h.meta.id).filter { it.visitedAtMs >= midnight }.map { v ->
                    v.visitedAtMs to VisitSummary(h.meta.id, h.headName, h.address, clock(v.visitedAtMs))
                }
            }.sortedByDescending { it.first }.map { it.second }
        }

    override fun openComplaints(): List<ComplaintSummary> =
        boundary {
            store.complaints(null).filter { it.status != ComplaintStatus.CLOSED }.map { k ->
                ComplaintSummary(k.meta.id, k.description.lineSequence().first().take(80), stateOf(k.status), isoDay(k.meta.createdAtMs))
            }
        }

    override fun registerComplaint(draft: ComplaintDraft): String =
        boundary {
            val input = ComplaintInput(
                householdId = draft.householdId,
                complainantName = draft.complainantName,
                category = FfiCategory.valueOf(draft.category.name),
                description = draft.description,
                channel = FfiChannel.WALK_IN,
            )
            store.registerComplaint(input, native.author()).meta.id
        }

    override fun refer(draft: ReferralDraft): String =
        boundary {
            val household = draft.householdId
                ?: draft.complaintId?.let { store.complaint(it).householdId }
                ?: throw CoreException(
                    CoreException.Kind.INVALID_INPUT,
                    MessageLanguage.say("Rujukan memerlukan rumah tangga yang tercatat.", "A referral needs a recorded household."),
                )
            val input = ReferralInput(
                householdId = household,
                complaintId = draft.complaintId,
                sector = id.puskesos.core.Sector.valueOf(draft.sector.name),
                service = draft.service,
                institution = draft.institution,
            )
            store.refer(input, native.author()).meta.id
        }

    override fun propose(draft: ProposalDraft): String =
        boundary {
            val kind = when (draft.kind) {
                ProposalKind.NEW_ENTRY -> FfiProposalKind.NEW_REGISTRATION
                ProposalKind.CORRECTION -> FfiProposalKind.CORRECTION
                ProposalKind.OBJECTION -> FfiProposalKind.OBJECTION
            }
            store.propose(ProposalInput(draft.householdId, kind, draft.reason, draft.targetNik), native.author()).meta.id
        }

    /** Stores the normalised JPEG that [NativeCapture.normalisePhoto] returned. */
    override fun attachPhoto(householdId: String, photo: PhotoResult): String =
        boundary {
            if (photo.jpeg.isEmpty()) {
                throw CoreException(CoreException.Kind.INVALID_INPUT, MessageLanguage.say("Foto belum dinormalkan.", "The photo has not been normalised."))
            }
            store.attachDocument(householdId, ffiKind(photo.kind), photo.jpeg, "image/jpeg", native.author()).meta.id
        }

    private fun relationshipOf(code: String): FfiRelationship? =
        FfiRelationship.entries.firstOrNull { it.name.equals(code.trim().replace('-', '_'), ignoreCase = true) }

    private fun stateOf(s: ComplaintStatus): ComplaintState =
        when (s) {
            ComplaintStatus.RECEIVED, ComplaintStatus.REGISTRY_CHECKED -> ComplaintState.OPEN
            ComplaintStatus.REFERRED -> ComplaintState.REFERRED
            ComplaintStatus.HANDLED, ComplaintStatus.MONITORED -> ComplaintState.RESOLVED
            ComplaintStatus.CLOSED -> ComplaintState.CLOSED
        }

    private fun clock(ms: Long): String =
        Calendar.getInstance().apply { timeInMillis = ms }.let { "%02d:%02d".format(it.get(Calendar.HOUR_OF_DAY), it.get(Calendar.MINUTE)) }

    private fun isoDay(ms: Long): String =
        Calendar.getInstance().apply { timeInMillis = ms }.let {
            "%04d-%02d-%02d".format(it.get(Calendar.YEAR), it.get(Calendar.MONTH) + 1, it.get(Calendar.DAY_OF_MONTH))
        }
}

/** What waits to be sent, what the district refused, and when the last sync finished. */
internal class NativeOutbox(private val native: NativeStore) : OutboxService {
    override fun summary(): OutboxSummary =
        boundary {
            val c = native.store.outboxCounts()
            OutboxSummary(c.pending.toInt(), c.parked.toInt(), native.store.lastSyncMs())
        }
}
