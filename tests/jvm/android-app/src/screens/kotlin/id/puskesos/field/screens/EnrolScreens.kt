package id.puskesos.field.screens

import id.puskesos.field.R
import id.puskesos.field.ui.EnrolActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.testing.District
import org.junit.Test

/** Enrolment: the empty form, after a revoke's wipe, what the app refuses before calling the core, and the core's network error. */
class EnrolScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun empty() {
        realCore()
        Shots.capture(start<EnrolActivity>(), "enrol", "empty")
    }

    /** After the district revoked the device: the phone was wiped, and says so. */
    @Test
    fun wiped() {
        realCore()
        id.puskesos.field.Settings(app).forgetEnrolment(wipedAtMillis = 1_796_000_000_000L)
        Shots.capture(start<EnrolActivity>(), "enrol", "wiped")
    }

    @Test
    fun problems() {
        realCore()
        val a = start<EnrolActivity>()
        a.field(R.string.enrol_url_hint).setText("http://dinsos.bogorkab.example.go.id")
        a.field(R.string.enrol_code_hint).setText("AB")
        a.button(R.string.enrol_submit).performClick()
        Shots.capture(a, "enrol", "problems")
    }

    /** The real core trying a district address where nothing answers (a closed port on 127.0.0.1). */
    @Test
    fun unreachable() {
        realCore()
        val a = start<EnrolActivity>()
        a.field(R.string.enrol_url_hint).setText("https://127.0.0.1:${District.freePort()}")
        a.field(R.string.enrol_code_hint).setText("ABCD-2345")
        a.button(R.string.enrol_submit).performClick()
        Shots.capture(a, "enrol", "unreachable")
    }
}
