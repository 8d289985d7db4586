import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

// The Rust workspace is the parent of android/. The library is built for the phone ABIs with
// cargo-ndk, then the Kotlin bindings are generated from the unstripped arm64 library by the
// workspace's own uniffi-bindgen (library mode reads UniFFI's metadata from the symbol table).
val workspace: File = rootDir.parentFile
val cargoTarget: File = providers.environmentVariable("CARGO_TARGET_DIR").map { File(it) }.getOrElse(File(workspace, "target"))
val abis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")
// `mobile`: release, optimised for size (see the workspace Cargo.toml); `debug` for quick builds.
val rustProfile = providers.gradleProperty("puskesos.rustProfile").getOrElse("mobile")
val jniLibsDir = layout.buildDirectory.dir("rust/jniLibs")
val bindingsDir = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "id.puskesos.field"
    compileSdk = 35
    // r28 or later: 16 KB-aligned ELF by default (Android 15+ devices with 16 KB pages).
    ndkVersion = providers.gradleProperty("puskesos.ndkVersion").getOrElse("28.0.13004108")

    defaultConfig {
        applicationId = "id.puskesos.field"
        minSdk = 24
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += abis }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].apply {
        java.srcDir("src/main/kotlin")
        java.srcDir(bindingsDir)
        jniLibs.srcDir(jniLibsDir)
    }

    packaging {
        // Stored uncompressed and page-aligned in the APK, loaded in place (no extraction).
        jniLibs.useLegacyPackaging = false
    }

    testOptions {
        unitTests.all {
            it.useJUnitPlatform()
            // Robolectric's ParcelFileDescriptor reads FileDescriptor.fd (the photo checklist's
            // flows write through the app's content provider), as in tests/jvm/android-app.
            it.jvmArgs("--add-opens=java.base/java.io=ALL-UNNAMED")
        }
        // The activities' Robolectric tests read the app's compiled resources.
        unitTests.isIncludeAndroidResources = true
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
        allWarningsAsErrors.set(true)
    }
}

val cargoNdk by tasks.registering(Exec::class) {
    description = "Builds libpuskesos_ffi.so for ${abis.joinToString()} with cargo-ndk."
    workingDir = workspace
    inputs.dir(File(workspace, "core/src"))
    inputs.dir(File(workspace, "bindings/src"))
    inputs.file(File(workspace, "Cargo.lock"))
    outputs.dir(jniLibsDir)
    environment("ANDROID_NDK_HOME", android.ndkDirectory.absolutePath)
    val profileArgs = if (rustProfile == "debug") emptyList() else listOf("--profile", rustProfile)
    commandLine(
        listOf("cargo", "ndk", "--platform", "24") +
            abis.flatMap { listOf("-t", it) } +
            listOf("-o", jniLibsDir.get().asFile.absolutePath, "build", "-p", "puskesos-ffi", "--lib") +
            profileArgs,
    )
}

val uniffiBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings from the unstripped arm64 library."
    dependsOn(cargoNdk)
    workingDir = workspace
    val library = File(cargoTarget, "aarch64-linux-android/$rustProfile/libpuskesos_ffi.so")
    inputs.file(library)
    inputs.file(File(workspace, "bindings/uniffi.toml"))
    outputs.dir(bindingsDir)
    doFirst { delete(bindingsDir) }
    commandLine(
        "cargo", "run", "-p", "puskesos-ffi", "--features", "cli", "--bin", "uniffi-bindgen", "--",
        "generate", "--library", library.absolutePath, "--language", "kotlin", "--no-format",
        "--out-dir", bindingsDir.get().asFile.absolutePath,
    )
}

tasks.named("preBuild") { dependsOn(uniffiBindings) }

dependencies {
    // JNA 5.17+: earlier AARs ship libjnidispatch.so aligned for 4 KB pages only.
    implementation("net.java.dev.jna:jna:5.19.1@aar")
    // @RequiresApi in the generated Android cleaner; CLASS retention, nothing shipped.
    compileOnly("androidx.annotation:annotation:1.9.1")

    testImplementation(platform("org.junit:junit-bom:6.1.3"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
    // The activities' flows (JUnit 4 under Robolectric, run by the vintage engine).
    testImplementation("org.robolectric:robolectric:4.16.1")
    testImplementation("junit:junit:4.13.2")
    testRuntimeOnly("org.junit.vintage:junit-vintage-engine")
}
