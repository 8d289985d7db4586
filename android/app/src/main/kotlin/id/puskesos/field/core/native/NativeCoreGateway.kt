package id.puskesos.field.core.native

import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.Lang
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.RegistryService
import id.puskesos.field.core.SyncService
import id.puskesos.field.lock.AppLock
import java.io.File

/**
 * The core as the generated bindings (`id.puskesos.core`, libpuskesos_ffi.so) offer it:
 * every service maps the app's types onto the generated ones here, once, and every
 * generated exception becomes a [id.puskesos.field.core.CoreException] in `Boundary.kt`.
 *
 * [storeFile] is where the store lives, in app-private storage (`filesDir`), never on
 * shared storage: it holds NIKs, KK numbers and poverty data. It is opened on first use,
 * encrypted with the key of the app's [lock] (see [NativeStore]).
 */
class NativeCoreGateway(
    storeFile: File,
    lock: AppLock? = null,
    deviceLabel: () -> String = { "Android" },
) : CoreGateway, id.puskesos.field.core.Wipeable {
    private val native = NativeStore(storeFile, lock)

    override fun wipe() = native.wipe()
    override val version: String by lazy { boundary { id.puskesos.core.coreVersion() } }
    override val identity: IdentityService = NativeIdentityService { regions.list }
    override val regions = NativeRegionService(native)
    override val registry: RegistryService = NativeRegistry(native)
    override val capture: CaptureService = NativeCapture()
    override val eligibility: EligibilityService = NativeEligibility(native)
    override val records: RecordService = NativeRecords(native)
    override val outbox: OutboxService = NativeOutbox(native)
    override val sync: SyncService = NativeSync(native, deviceLabel)

    /** Applied by the next call into the library (Boundary.kt): free to call on the UI thread. */
    override fun setMessageLanguage(lang: Lang) = MessageLanguage.want(lang)
}
