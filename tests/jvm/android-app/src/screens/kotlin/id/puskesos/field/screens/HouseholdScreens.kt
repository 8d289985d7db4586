package id.puskesos.field.screens

import android.content.Intent
import id.puskesos.core.model.HouseholdChanges
import id.puskesos.core.ProposalInput
import id.puskesos.core.model.ProposalKind
import id.puskesos.core.model.ComplaintStatus
import id.puskesos.core.model.DocumentKind
import id.puskesos.core.PersonInput
import id.puskesos.core.model.Relationship
import id.puskesos.core.model.Sex
import id.puskesos.core.VisitInput
import id.puskesos.core.model.VisitPurpose
import id.puskesos.core.questions
import id.puskesos.field.R
import id.puskesos.field.ui.CaseActivity
import id.puskesos.field.ui.CorrectionActivity
import id.puskesos.field.ui.HouseholdActivity
import id.puskesos.field.ui.HouseholdFormActivity
import id.puskesos.field.ui.HouseholdListActivity
import id.puskesos.field.ui.OutboxActivity
import id.puskesos.field.ui.QuestionActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import org.junit.Test

/**
 * The second visit's screens on the real core: the household list and its search, a
 * household with its family's questions, proposals and history, the correction forms, a case
 * with its steps and receipt QR, a question from "ask next", and what the district refused.
 */
class HouseholdScreens(device: String, language: String) : ScreenTest(device, language) {
    private fun withBaby(store: id.puskesos.core.FieldStore): String {
        val id = Sample.household(store)
        store.addMember(PersonInput(id, "Bayi Perempuan", null, birthDate = "2026-10-01", sex = Sex.FEMALE, relationship = Relationship.CHILD), Sample.AUTHOR)
        return id
    }

    @Test
    fun list() {
        realCore { store ->
            Sample.household(store)
            Sample.otherHousehold(store)
        }
        Shots.capture(start<HouseholdListActivity>(), "households", "all")
    }

    @Test
    fun `list searched`() {
        realCore { store ->
            Sample.household(store)
            Sample.otherHousehold(store)
        }
        val a = start<HouseholdListActivity>()
        a.field(R.string.households_search_hint).setText("Siti Aminah")
        org.robolectric.Shadows.shadowOf(android.os.Looper.getMainLooper()).idleFor(java.time.Duration.ofMillis(HouseholdListActivity.TYPING_PAUSE_MS))
        Shots.capture(a, "households", "searched")
    }

    @Test
    fun `list empty`() {
        realCore()
        Shots.capture(start<HouseholdListActivity>(), "households", "empty")
    }

    @Test
    fun household() {
        var id = ""
        realCore { store ->
            id = withBaby(store)
            store.correctHousehold(id, HouseholdChanges(rt = "4"), "RT salah tulis saat pendataan", Sample.AUTHOR)
            val usul = store.propose(ProposalInput(id, ProposalKind.NEW_REGISTRATION, "Keluarga belum terdaftar di DTSEN, kepala keluarga buruh harian"), Sample.AUTHOR)
            store.attachPhoto(id, DocumentKind.OTHER, Sample.documentPhoto(), false, Sample.AUTHOR, usul.meta.id)
            store.keepKkQr(id, Sample.KK_QR, Sample.AUTHOR)
        }
        val a = start<HouseholdActivity>(Intent().putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, id))
        a.button(R.string.household_history).performClick()
        Shots.capture(a, "household", "detail")
    }

    @Test
    fun `correct household`() {
        var id = ""
        realCore { id = Sample.household(it) }
        Shots.capture(start<CorrectionActivity>(CorrectionActivity.household(app, id)), "correction", "household")
    }

    @Test
    fun `correct member`() {
        var id = ""
        var person = ""
        realCore { store ->
            id = Sample.household(store)
            person = store.members(id)[1].meta.id
        }
        Shots.capture(start<CorrectionActivity>(CorrectionActivity.member(app, id, person)), "correction", "member")
    }

    @Test
    fun `add member`() {
        var id = ""
        realCore { id = Sample.household(it) }
        Shots.capture(start<CorrectionActivity>(CorrectionActivity.addMember(app, id)), "correction", "add")
    }

    @Test
    fun case() {
        var case = ""
        realCore { store ->
            val id = Sample.household(store)
            case = Sample.complaint(store, "Siti Aminah", "Bantuan PKH tahap ketiga belum diterima padahal nama tercantum di DTSEN", id)
            store.advanceComplaint(case, ComplaintStatus.REGISTRY_CHECKED, "Dicek di DTSEN: terdaftar desil 2, penerima PKH", Sample.AUTHOR)
            store.recordVisit(VisitInput(id, System.currentTimeMillis(), VisitPurpose.COMPLAINT_FOLLOW_UP, nextVisitDue = "2099-01-10", complaintId = case), Sample.AUTHOR)
        }
        Shots.capture(start<CaseActivity>(CaseActivity.open(app, case)), "case", "checked")
    }

    @Test
    fun `question choice`() {
        var id = ""
        realCore { id = Sample.household(it) }
        Shots.capture(start<QuestionActivity>(QuestionActivity.open(app, id, null, "household.housing.floor_material", null)), "question", "choice")
    }

    @Test
    fun `question member yes no`() {
        var id = ""
        var person = ""
        realCore { store ->
            id = Sample.household(store)
            person = store.members(id)[1].meta.id
        }
        check(questions().isNotEmpty())
        Shots.capture(
            start<QuestionActivity>(QuestionActivity.open(app, id, person, "member.pregnant", "Siti Aminah Nurhalimah Kusumawardhani")),
            "question",
            "member",
        )
    }

    @Test
    fun `question number`() {
        var id = ""
        realCore { id = Sample.household(it) }
        Shots.capture(start<QuestionActivity>(QuestionActivity.open(app, id, null, "household.housing.electricity_va", null)), "question", "number")
    }

    @Test
    fun `nothing refused`() {
        realCore()
        Shots.capture(start<OutboxActivity>(), "outbox", "empty")
    }

    @Test
    fun `form from registry`() {
        realCore { store -> Sample.registry(store, dir.root) }
        val a = start<HouseholdFormActivity>()
        a.field(R.string.form_kk_hint).setText(Sample.KK)
        a.button(R.string.form_from_registry).performClick()
        Shots.capture(a, "household-form", "from-registry")
    }
}
