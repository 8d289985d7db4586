package id.puskesos.field.core.native

import id.puskesos.core.ComplaintInput
import id.puskesos.core.model.HouseholdChanges
import id.puskesos.core.PersonChanges
import id.puskesos.core.model.ComplaintStatus
import id.puskesos.core.model.HouseholdInput
import id.puskesos.core.PersonInput
import id.puskesos.core.ProposalInput
import id.puskesos.core.ReferralInput
import id.puskesos.core.VisitInput
import id.puskesos.core.model.VisitPurpose
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.ChecklistRow
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoOutcome
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.CaseStep
import id.puskesos.field.core.CaseView
import id.puskesos.field.core.FollowUpDue
import id.puskesos.field.core.ComplaintDraft
import id.puskesos.field.core.ComplaintState
import id.puskesos.field.core.ComplaintSummary
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.DecisionView
import id.puskesos.field.core.HistoryItem
import id.puskesos.field.core.HouseholdCorrection
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.HouseholdRow
import id.puskesos.field.core.HouseholdView
import id.puskesos.field.core.InstitutionView
import id.puskesos.field.core.MemberCorrection
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.MemberView
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.OutboxSummary
import id.puskesos.field.core.ParkedEntry
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.ProposalRow
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.ReferralDraft
import id.puskesos.field.core.SavedHousehold
import id.puskesos.field.core.Sector
import id.puskesos.field.core.Sex
import id.puskesos.field.core.VisitSummary
import java.util.Calendar
import id.puskesos.core.model.ComplaintCategory as FfiCategory
import id.puskesos.core.model.ComplaintChannel as FfiChannel
import id.puskesos.core.model.ProposalKind as FfiProposalKind
import id.puskesos.core.model.Relationship as FfiRelationship

/** Households, members, visits, cases, referrals, proposals and photos in the store. */
internal class NativeRecords(private val native: NativeStore) : RecordService {
    private val store get() = native.store

    override fun lockAfterMinutes(): Int = boundary { store.lockAfterMinutes().toInt() }

    /** One core call, one transaction: a refused member leaves nothing saved. */
    override fun saveHousehold(draft: HouseholdDraft): SavedHousehold =
        boundary {
            val saved = store.saveFamily(
                HouseholdInput(draft.kk, draft.villageCode, draft.address, draft.rt, draft.rw, headName = ""),
                draft.members.map { personInput("", it) },
                native.author(),
            )
            SavedHousehold(
                saved.household.meta.id,
                saved.members.flatMap { m -> m.warnings.map { Bilingual(it.messageId, it.messageEn) } } +
                    saved.familyWarnings.map { Bilingual(it.messageId, it.messageEn) },
            )
        }

    override fun findHouseholds(query: String, limit: Int): List<HouseholdRow> =
        boundary {
            store.findHouseholds(query, null, limit.coerceAtLeast(1).toUInt()).map {
                HouseholdRow(it.id, it.headName, it.kkMasked, it.address, it.rt, it.rw, it.members.toInt(), it.matchedMember)
            }
        }

    override fun household(id: String): HouseholdView =
        boundary {
            val h = store.household(id)
            HouseholdView(
                id = h.meta.id,
                kk = h.kkNumber,
                kkMasked = h.kkMasked,
                villageCode = h.villageCode,
                address = h.address,
                rt = h.rt,
                rw = h.rw,
                headName = h.headName,
                members = store.members(id).map {
                    MemberView(it.meta.id, it.name, it.nik, it.nikMasked, sexOf(it.sex), it.birthDate, codeOf(it.relationship))
                },
                warnings = store.familyWarnings(id).map { Bilingual(it.messageId, it.messageEn) },
                kkQrKept = h.kkQrEvidence != null,
            )
        }

    override fun keepKkQr(householdId: String, text: String) {
        boundary { store.keepKkQr(householdId, text, native.author()) }
    }

    override fun correctHousehold(id: String, change: HouseholdCorrection, reason: String) {
        boundary {
            store.correctHousehold(
                id,
                HouseholdChanges(kkNumber = change.kk, address = change.address, rt = change.rt, rw = change.rw, headName = change.headName),
                reason,
                native.author(),
            )
        }
    }

    override fun correctMember(personId: String, change: MemberCorrection, reason: String): List<Bilingual> =
        boundary {
            val r = store.correctPerson(
                personId,
                PersonChanges(
                    nik = change.nik,
                    name = change.name,
                    birthDate = change.birthDate,
                    sex = change.sex?.let(::ffiSex),
                    relationship = change.relationship?.let(::relationshipOf),
                ),
                reason,
                native.author(),
            )
            r.warnings.map { Bilingual(it.messageId, it.messageEn) } + r.familyWarnings.map { Bilingual(it.messageId, it.messageEn) }
        }

    override fun addMember(householdId: String, member: MemberDraft): List<Bilingual> =
        boundary {
            val r = store.addMember(personInput(householdId, member), native.author())
            r.warnings.map { Bilingual(it.messageId, it.messageEn) } + r.familyWarnings.map { Bilingual(it.messageId, it.messageEn) }
        }

    override fun moveMember(personId: String, toKk: String, relationship: String, reason: String) {
        boundary {
            val target = store.householdsByKk(toKk).firstOrNull()
                ?: throw CoreException(
                    CoreException.Kind.INVALID_INPUT,
                    MessageLanguage.say("KK tujuan belum tercatat di HP ini; catat dulu rumah tangganya.", "The destination KK is not recorded on this phone; record its household first."),
                )
            val rel = relationshipOf(relationship) ?: FfiRelationship.OTHER
            store.moveMember(personId, target.meta.id, rel, reason, native.author())
        }
    }

    override fun deleteMember(personId: String, reason: String) {
        boundary { store.deleteMember(personId, reason, native.author()) }
    }

    override fun deleteHousehold(id: String, reason: String) {
        boundary { store.deleteHousehold(id, reason, native.author()) }
    }

    override fun history(householdId: String): List<HistoryItem> =
        boundary {
            store.history(householdId).map { line ->
                HistoryItem(
                    kind = line.kind,
                    reason = line.reason,
                    by = line.by,
                    atMillis = line.atMs,
                    fields = line.fields.map { "${it.field}: ${it.old ?: "—"} → ${it.new ?: "—"}" },
                )
            }
        }

    override fun decisions(): List<DecisionView> = boundary { store.decisions().map(::decisionOf) }

    override fun proposalsOf(householdId: String): List<ProposalRow> =
        boundary {
            store.proposals().filter { it.householdId == householdId }.map { p ->
                val kind = when (p.kind) {
                    FfiProposalKind.NEW_REGISTRATION -> ProposalKind.NEW_ENTRY
                    FfiProposalKind.CORRECTION -> ProposalKind.CORRECTION
                    FfiProposalKind.OBJECTION -> ProposalKind.OBJECTION
                }
                ProposalRow(
                    p.meta.id,
                    kind,
                    p.reason,
                    store.decision("proposal", p.meta.id)?.let(::decisionOf),
                    p.due,
                    store.evidence(householdId, p.meta.id).size,
                )
            }
        }

    override fun proposalDue(kind: ProposalKind): String = boundary { id.puskesos.core.proposalDueDate(ffiProposalKind(kind), null) }

    private fun ffiProposalKind(kind: ProposalKind): FfiProposalKind =
        when (kind) {
            ProposalKind.NEW_ENTRY -> FfiProposalKind.NEW_REGISTRATION
            ProposalKind.CORRECTION -> FfiProposalKind.CORRECTION
            ProposalKind.OBJECTION -> FfiProposalKind.OBJECTION
        }

    override fun resubmitProposal(proposalId: String, reason: String) {
        boundary { store.resubmitProposal(proposalId, reason, native.author()) }
    }

    private fun decisionOf(d: id.puskesos.core.model.Decision): DecisionView = DecisionView(d.entity, d.entityId, d.status, d.note, d.at)

    private fun personInput(householdId: String, m: MemberDraft): PersonInput =
        PersonInput(
            householdId = householdId,
            name = m.name,
            nik = m.nik.ifBlank { null },
            birthDate = m.birthDate,
            sex = m.sex?.let(::ffiSex),
            relationship = relationshipOf(m.relationship),
        )

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
                store.visits(h.meta.id).filter { it.visitedAt >= midnight }.map { v ->
                    v.visitedAt to VisitSummary(h.meta.id, h.headName, h.address, clock(v.visitedAt))
                }
            }.sortedByDescending { it.first }.map { it.second }
        }

    override fun openComplaints(): List<ComplaintSummary> =
        boundary {
            store.complaints(null).filter { it.status != ComplaintStatus.CLOSED }.map { k ->
                ComplaintSummary(
                    k.meta.id,
                    k.description.lineSequence().first().take(80),
                    stateOf(k.status),
                    isoDay(k.meta.createdAt),
                    k.daysOpen.toInt(),
                    k.overdue,
                )
            }.sortedByDescending { it.overdue }
        }

    override fun case(id: String): CaseView =
        boundary {
            val k = store.complaint(id)
            CaseView(
                id = k.meta.id,
                householdId = k.householdId,
                complainant = k.complainantName,
                description = k.description,
                status = codeOf(k.status),
                nextStatus = k.nextStatus?.let(::codeOf),
                steps = k.history.map { CaseStep(codeOf(it.status), it.at, it.by, it.note) },
                daysOpen = k.daysOpen.toInt(),
                overdue = k.overdue,
                receiptText = k.receiptQr,
                decision = store.decision("complaint", k.meta.id)?.let(::decisionOf),
            )
        }

    override fun advanceCase(id: String, note: String) {
        boundary {
            val next = store.complaint(id).nextStatus
                ?: throw CoreException(CoreException.Kind.INVALID_INPUT, MessageLanguage.say("Kasus ini sudah selesai.", "This case is closed."))
            store.advanceComplaint(id, next, note, native.author())
        }
    }

    override fun planFollowUp(householdId: String, complaintId: String?, due: String, note: String) {
        boundary {
            store.recordVisit(
                VisitInput(
                    householdId = householdId,
                    visitedAtMs = System.currentTimeMillis(),
                    purpose = if (complaintId != null) VisitPurpose.COMPLAINT_FOLLOW_UP else VisitPurpose.MONITORING,
                    notes = note.ifBlank { null },
                    nextVisitDue = due,
                    complaintId = complaintId,
                ),
                native.author(),
            )
        }
    }

    override fun followUpsDue(until: String): List<FollowUpDue> =
        boundary { store.followUpsDue(until).map { FollowUpDue(it.householdId, it.headName, it.address, it.due, it.complaintId) } }

    override fun registerComplaint(draft: ComplaintDraft): String =
        boundary {
            // A complainant already recorded as a member: the case belongs to their household,
            // so a referral can follow from it.
            val household = draft.householdId
                ?: draft.complainantNik.filter(Char::isDigit).takeIf { it.length == 16 }?.let { store.personByNik(it)?.householdId }
            val input = ComplaintInput(
                householdId = household,
                complainantName = draft.complainantName,
                category = FfiCategory.valueOf(draft.category.name),
                description = draft.description,
                channel = FfiChannel.WALK_IN,
            )
            store.registerComplaint(input, native.author()).meta.id
        }

    override fun institutions(sector: Sector?): List<InstitutionView> =
        boundary {
            store.institutions(sector?.let { id.puskesos.core.model.Sector.valueOf(it.name) }).map {
                InstitutionView(Sector.valueOf(it.sector.name), it.name, it.services)
            }
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
                sector = id.puskesos.core.model.Sector.valueOf(draft.sector.name),
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

    private fun codeOf(r: FfiRelationship): String = r.name.lowercase()

    private fun codeOf(s: ComplaintStatus): String = s.name.lowercase()

    private fun sexOf(s: id.puskesos.core.model.Sex): Sex = if (s == id.puskesos.core.model.Sex.MALE) Sex.MALE else Sex.FEMALE

    override fun photoChecklist(householdId: String): List<ChecklistRow> =
        boundary {
            store.photoChecklist(householdId).map { item ->
                ChecklistRow(kindOf(item.kind), item.document?.meta?.id, item.document?.keptWith.orEmpty())
            }
        }

    override fun takePhoto(householdId: String, kind: DocumentKind, original: ByteArray, keepPoor: Boolean, proposalId: String?): PhotoOutcome =
        boundary {
            val a = store.attachPhoto(householdId, ffiKind(kind), original, keepPoor, native.author(), proposalId)
            val failed = a.checks.firstOrNull { !it.passed }
            PhotoOutcome(
                stored = a.document != null,
                quality = failed?.problem?.let(::qualityOf) ?: PhotoQuality.GOOD,
                advice = failed?.let { Bilingual(it.advice.id, it.advice.en) },
                replaced = a.replaced != null,
            )
        }

    override fun setLocation(householdId: String, lat: Double, lon: Double, accuracyM: Double?) {
        boundary { store.setLocation(householdId, id.puskesos.core.model.GeoPoint(lat, lon, accuracyM), native.author()) }
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

    override fun parked(): List<ParkedEntry> =
        boundary { native.store.outboxParked().map { ParkedEntry(it.entryId, it.entity, it.entityId, it.reason, it.recordedAtMs) } }

    override fun retry(entryId: String) {
        boundary { native.store.outboxRetryParked(entryId) }
    }
}
