package id.puskesos.field

import android.content.Context
import android.content.SharedPreferences

/** Small preferences of this phone. Nothing personal is kept here; records live in the store. */
class Settings(context: Context) {
    private val prefs: SharedPreferences = context.getSharedPreferences("settings", Context.MODE_PRIVATE)

    var districtUrl: String?
        get() = prefs.getString("district_url", null)
        set(value) = prefs.edit().putString("district_url", value).apply()

    var deviceId: String?
        get() = prefs.getString("device_id", null)
        set(value) = prefs.edit().putString("device_id", value).apply()

    var villageName: String?
        get() = prefs.getString("village_name", null)
        set(value) = prefs.edit().putString("village_name", value).apply()

    /** The enrolled village's Kemendagri code: the default of every household form. */
    var villageCode: String?
        get() = prefs.getString("village_code", null)
        set(value) = prefs.edit().putString("village_code", value).apply()

    /** Upload only on Wi-Fi (unmetered), for pillars on small data plans. */
    var unmeteredOnly: Boolean
        get() = prefs.getBoolean("unmetered_only", false)
        set(value) = prefs.edit().putBoolean("unmetered_only", value).apply()

    val enrolled: Boolean get() = deviceId != null

    /** When the district's revoke wiped this phone (0: never, or enrolled again since). */
    var wipedAtMillis: Long
        get() = prefs.getLong("wiped_at", 0)
        set(value) = prefs.edit().putLong("wiped_at", value).apply()

    /** A revoked device: its enrolment is forgotten and the time of the wipe kept. */
    fun forgetEnrolment(wipedAtMillis: Long) {
        prefs.edit()
            .remove("district_url")
            .remove("device_id")
            .remove("village_name")
            .remove("village_code")
            .putLong("wiped_at", wipedAtMillis)
            .commit()
    }
}
