package id.puskesos.field.ui

import android.os.Bundle
import android.widget.Switch
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.upload.UploadScheduler

/** This phone's enrolment, upload preference, region list and core version. */
class SettingsActivity : BaseActivity() {
    override val showsPersonalData = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val settings = Settings(this)
        val s = Screen(this)
        s.heading(R.string.settings_title)
        s.label(getString(R.string.settings_district, settings.districtUrl ?: "—"))
        s.label(getString(R.string.settings_village, settings.villageName ?: "—"))
        s.label(getString(R.string.settings_device, settings.deviceId ?: "—"))
        s.label(getString(if (core.regions.loaded) R.string.settings_regions_loaded else R.string.settings_regions_missing))
        val unmetered = s.add(Switch(this).apply {
            setText(R.string.settings_unmetered_only)
            isChecked = settings.unmeteredOnly
            setOnCheckedChangeListener { _, checked ->
                settings.unmeteredOnly = checked
                UploadScheduler.schedulePeriodic(this@SettingsActivity)
            }
        })
        unmetered.contentDescription = getString(R.string.settings_unmetered_only)
        s.button(R.string.action_send_now) { UploadScheduler.sendNow(this) }
        val version = s.label()
        s.show()
        background({ core.version }) { version.text = getString(R.string.settings_core_version, it) }
    }
}
