package id.puskesos.field.screens

import id.puskesos.core.model.ComplaintCategory
import id.puskesos.core.model.VisitPurpose
import id.puskesos.field.ui.HomeActivity
import org.junit.Test

/** Home: today's work read from the real store. */
class HomeScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun today() {
        enrolPhone()
        realCore { store ->
            val budi = Sample.household(store)
            val dedi = Sample.otherHousehold(store)
            Sample.visit(store, budi, minutesAgo = 95)
            Sample.visit(store, dedi, minutesAgo = 20, purpose = VisitPurpose.COMPLAINT_FOLLOW_UP)
            Sample.complaint(store, "Siti Aminah", "Bantuan PKH tahap ketiga belum diterima padahal nama tercantum di DTSEN", budi)
            Sample.complaint(store, "Dedi Kurniawan", "Kartu KIS hilang", dedi, ComplaintCategory.SERVICE_REQUEST)
        }
        Shots.capture(start<HomeActivity>(), "home", "today")
    }

    @Test
    fun `first day`() {
        enrolPhone()
        realCore()
        Shots.capture(start<HomeActivity>(), "home", "empty")
    }
}
