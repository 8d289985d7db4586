package id.puskesos.field.screens

import id.puskesos.field.ui.SettingsActivity
import org.junit.Test

/** Settings of an enrolled phone, with the real core's version and no region list yet. */
class SettingsScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun enrolled() {
        enrolPhone()
        realCore()
        Shots.capture(start<SettingsActivity>(), "settings", "enrolled")
    }
}
