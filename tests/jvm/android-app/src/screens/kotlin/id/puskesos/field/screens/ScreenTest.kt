package id.puskesos.field.screens

import android.app.Activity
import android.content.Intent
import id.puskesos.field.Settings
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.field.ui.useCore
import org.junit.After
import org.junit.Assert.fail
import org.junit.Before
import org.junit.Rule
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.ParameterizedRobolectricTestRunner
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import java.io.File

/** A phone the screens are drawn for: its size in dp and density as Robolectric qualifiers. */
enum class Device(val label: String, val qualifiers: String) {
    /** A cheap small phone: 360×640 dp at 1.5× (540×960 px). */
    SMALL("small-360x640", "w360dp-h640dp-port-hdpi"),

    /** A common 5.5" phone: 411×731 dp at 3× (1233×2193 px). */
    PHONE("phone-411x731", "w411dp-h731dp-port-xxhdpi"),
}

/** The app's two languages: Bahasa Indonesia is res/values (any locale but English), English is values-en. */
enum class Language(val label: String, val qualifier: String) {
    ID("id", "in"),
    EN("en", "en"),
}

/**
 * The base of every screen class: each test runs once per [Device] × [Language] (the runner's
 * parameters), on a fresh Robolectric app with native graphics, and each state it reaches is
 * drawn and checked by [Shots.capture]. A test fails at its end when any of its shots has an
 * error, after every shot of it was drawn.
 *
 * A new screen needs a class like
 * ```
 * class HouseholdListScreens(device: String, language: String) : ScreenTest(device, language) {
 *     @Test fun search() {
 *         realCore { store -> Sample.household(store) }
 *         val a = start<HouseholdListActivity>()
 *         Shots.capture(a, "household-list", "one")
 *     }
 * }
 * ```
 */
@RunWith(ParameterizedRobolectricTestRunner::class)
@Config(sdk = [35])
@GraphicsMode(GraphicsMode.Mode.NATIVE)
abstract class ScreenTest(device: String, language: String) {
    val device: Device = Device.valueOf(device)
    val language: Language = Language.valueOf(language)

    @get:Rule
    val dir = TemporaryFolder()

    protected val app get() = RuntimeEnvironment.getApplication() as id.puskesos.field.PuskesosApp

    @Before
    fun phone() {
        RuntimeEnvironment.setQualifiers("${language.qualifier}-${device.qualifiers}")
        // The core's messages follow the configuration, as on a phone whose language changed.
        app.onConfigurationChanged(app.resources.configuration)
        libraryBackToIndonesian()
        Shots.begin(device, language)
    }

    @After
    fun verdict() {
        libraryBackToIndonesian()
        val errors = Shots.end()
        if (errors.isNotEmpty()) fail("${errors.size} screen problem(s) on ${device.label}/${language.label}:\n" + errors.joinToString("\n"))
    }

    /** The store file of this test's phone. */
    val storeFile: File get() = File(dir.root, "puskesos.sqlite")

    /**
     * The real core (host-built libpuskesos_ffi) on a fresh store, as the app's core; [prepare]
     * first writes what the state needs straight through the bindings (the store is closed
     * again before the app opens it).
     */
    fun realCore(prepare: (id.puskesos.core.FieldStore) -> Unit = {}): NativeCoreGateway {
        id.puskesos.core.FieldStore.open(storeFile.path).use(prepare)
        return NativeCoreGateway(storeFile) { "HP uji" }.also { useCore(it) }
    }

    /** This phone as enrolled with the district (what EnrolActivity keeps after a good enrolment). */
    fun enrolPhone() {
        Settings(app).apply {
            districtUrl = "https://dinsos.bogorkab.example.go.id"
            villageName = "Desa Cibadak"
            deviceId = "0197a0d2-5f3c-7b4e-8a1d-2c3b4a5d6e7f"
        }
    }

    inline fun <reified A : Activity> start(intent: Intent = Intent()): A =
        Robolectric.buildActivity(A::class.java, intent.setClass(RuntimeEnvironment.getApplication(), A::class.java)).setup().get()

    companion object {
        /** Every device in every language: "{0}/{1}" names each run. */
        @JvmStatic
        @ParameterizedRobolectricTestRunner.Parameters(name = "{0}-{1}")
        fun variants(): List<Array<Any>> = Device.entries.flatMap { d -> Language.entries.map { l -> arrayOf<Any>(d.name, l.name) } }
    }
}
