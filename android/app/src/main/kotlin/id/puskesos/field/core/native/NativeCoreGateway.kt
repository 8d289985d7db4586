package id.puskesos.field.core.native

import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.RegistryService
import id.puskesos.field.core.SyncService
import id.puskesos.field.core.PendingCapture
import id.puskesos.field.core.PendingEligibility
import id.puskesos.field.core.PendingOutbox
import id.puskesos.field.core.PendingRecords
import id.puskesos.field.core.PendingRegistry
import id.puskesos.field.core.PendingSync
import java.io.File

/**
 * The core as the generated bindings (`id.puskesos.core`, libpuskesos_ffi.so) offer it today:
 * identity checks and the region list. The store, registry, capture, rules and sync adapters
 * are pending until the bindings expose those rooms; they answer NOT_AVAILABLE meanwhile.
 *
 * [storeFile] is where the store will live, in app-private storage (`filesDir`), never on
 * shared storage: it holds NIKs, KK numbers and poverty data.
 */
class NativeCoreGateway(@Suppress("unused") private val storeFile: File) : CoreGateway {
    override val version: String by lazy { boundary { id.puskesos.core.coreVersion() } }
    override val identity: IdentityService = NativeIdentityService { regions.list }
    override val regions = NativeRegionService()
    override val registry: RegistryService = PendingRegistry
    override val capture: CaptureService = PendingCapture
    override val eligibility: EligibilityService = PendingEligibility
    override val records: RecordService = PendingRecords
    override val outbox: OutboxService = PendingOutbox
    override val sync: SyncService = PendingSync
}
