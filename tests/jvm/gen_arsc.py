#!/usr/bin/env python3
"""Writes what Robolectric needs to run the app's activities without aapt2 (no Android SDK here).

Robolectric's binary resources mode reads the app's resources from a compiled resource table
(resources.arsc in a zip, what AGP calls resources.ap_); android-all for API 35 ships the
framework's only in that form, so the older legacy mode (raw res/ XML) cannot work. This
script compiles the app's strings and string arrays (values/ as the default, values-en/ as
"en") into such a table itself, with exactly the ids of gen_r.py's R class, and writes:

  <out>/resources.ap_                                 the resource table (resources.arsc) and
                                                      the manifest compiled to binary XML
  <out>/AndroidManifest.xml                           the app's manifest as AGP merges it:
                                                      package, SDK levels, ${applicationId}
  <out>/com/android/tools/test_config.properties      where Robolectric finds both (classpath)

The vector drawables are compiled to binary XML too; an attribute or value form this script
does not know fails the build.

Usage: gen_arsc.py <res dir> <package> <out dir>
"""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_r import NEXT_ID, resource_names, strings  # noqa: E402

RES_STRING_POOL_TYPE = 0x0001
RES_TABLE_TYPE = 0x0002
RES_TABLE_PACKAGE_TYPE = 0x0200
RES_TABLE_TYPE_TYPE = 0x0201
RES_TABLE_TYPE_SPEC_TYPE = 0x0202
UTF8_FLAG = 0x100
TYPE_STRING = 0x03
FLAG_COMPLEX = 0x0001
CONFIG_LOCALE = 0x0004
NO_ENTRY = 0xFFFFFFFF
CONFIG_SIZE = 64


def unescape(text):
    """The string a resource XML text stands for, as aapt2 reads it: whitespace runs collapse
    outside double quotes, quotes are dropped, backslash escapes resolved."""
    out, quoted, i, space = [], False, 0, False
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(n, n))
            i += 2
            space = False
            continue
        if c == '"':
            quoted = not quoted
        elif c.isspace() and not quoted:
            if not space:
                out.append(" ")
            space = True
        else:
            out.append(c)
            space = False
        i += 1
    return "".join(out).strip(" ")


def values(path):
    """name -> str for <string>, name -> [str] for <string-array>."""
    found = {}
    for element in ET.parse(path).getroot():
        name = element.get("name")
        if element.tag == "string":
            found[("string", name)] = unescape("".join(element.itertext()))
        elif element.tag == "string-array":
            found[("array", name)] = [unescape("".join(item.itertext())) for item in element.findall("item")]
    return found


def length_prefix(n):
    if n > 0x7FFF:
        sys.exit(f"string too long for the resource table: {n}")
    return bytes([n]) if n < 0x80 else bytes([(n >> 8) | 0x80, n & 0xFF])


def string_pool(items):
    """A UTF-8 ResStringPool chunk."""
    offsets, data = [], bytearray()
    for s in items:
        offsets.append(len(data))
        raw = s.encode("utf-8")
        data += length_prefix(len(s.encode("utf-16-le")) // 2) + length_prefix(len(raw)) + raw + b"\0"
    while len(data) % 4:
        data += b"\0"
    header_size = 28
    strings_start = header_size + 4 * len(items)
    size = strings_start + len(data)
    return (struct.pack("<HHIIIIII", RES_STRING_POOL_TYPE, header_size, size, len(items), 0, UTF8_FLAG, strings_start, 0)
            + b"".join(struct.pack("<I", o) for o in offsets) + bytes(data))


def config(language=""):
    """A ResTable_config: everything unset but the language."""
    c = bytearray(CONFIG_SIZE)
    struct.pack_into("<I", c, 0, CONFIG_SIZE)
    c[8:8 + len(language)] = language.encode("ascii")
    return bytes(c)


def res_value(data_type, data):
    return struct.pack("<HBBI", 8, 0, data_type, data)


def type_chunk(type_id, entries, language):
    """One ResTable_type: entries[i] is None or (key index, [pool index] or pool index)."""
    header_size = 20 + CONFIG_SIZE
    offsets, body = [], bytearray()
    for entry in entries:
        if entry is None:
            offsets.append(NO_ENTRY)
            continue
        offsets.append(len(body))
        key, value = entry
        if isinstance(value, list):
            body += struct.pack("<HHIII", 16, FLAG_COMPLEX, key, 0, len(value))
            for i, v in enumerate(value):
                body += struct.pack("<I", 0x02000000 | i) + res_value(TYPE_STRING, v)
        else:
            body += struct.pack("<HHI", 8, 0, key) + res_value(TYPE_STRING, value)
    entries_start = header_size + 4 * len(entries)
    size = entries_start + len(body)
    return (struct.pack("<HHIBBHII", RES_TABLE_TYPE_TYPE, header_size, size, type_id, 0, 0, len(entries), entries_start)
            + config(language) + b"".join(struct.pack("<I", o) for o in offsets) + bytes(body))


def table(package, names, languages, files):
    """resources.arsc: names = type -> [name] (ids as gen_r.py), languages = {"": values, "en": values},
    files = (type, name) -> path inside the apk for file resources."""
    pool, pool_index = [], {}

    def intern(s):
        if s not in pool_index:
            pool_index[s] = len(pool)
            pool.append(s)
        return pool_index[s]

    type_names = sorted(NEXT_ID, key=NEXT_ID.get)
    keys, key_index = [], {}
    chunks = bytearray()
    for kind in type_names:
        type_id = (NEXT_ID[kind] >> 16) & 0xFF
        assert type_names.index(kind) == type_id - 1
        entry_names = names.get(kind) or []
        if not entry_names:
            continue
        for n in entry_names:
            if n not in key_index:
                key_index[n] = len(keys)
                keys.append(n)
        per_language = {}
        for language, found in languages.items():
            entries = []
            for n in entry_names:
                if (kind, n) in files:
                    entries.append((key_index[n], intern(files[(kind, n)])) if language == "" else None)
                elif (kind, n) in found:
                    v = found[(kind, n)]
                    entries.append((key_index[n], [intern(x) for x in v] if isinstance(v, list) else intern(v)))
                else:
                    entries.append(None)
            if any(e is not None for e in entries):
                per_language[language] = entries
        spec_flags = [CONFIG_LOCALE if any(per_language[l][i] is not None for l in per_language if l) else 0
                      for i in range(len(entry_names))]
        chunks += struct.pack("<HHIBBHI", RES_TABLE_TYPE_SPEC_TYPE, 16, 16 + 4 * len(entry_names), type_id, 0, 0, len(entry_names))
        chunks += b"".join(struct.pack("<I", f) for f in spec_flags)
        for language, entries in per_language.items():
            chunks += type_chunk(type_id, entries, language)

    type_pool = string_pool(type_names)
    key_pool = string_pool(keys)
    package_header_size = 288
    name = package.encode("utf-16-le")[:254].ljust(256, b"\0")
    package_size = package_header_size + len(type_pool) + len(key_pool) + len(chunks)
    package_chunk = (struct.pack("<HHII", RES_TABLE_PACKAGE_TYPE, package_header_size, package_size, 0x7F) + name
                     + struct.pack("<IIIII", package_header_size, len(type_names), package_header_size + len(type_pool), len(keys), 0)
                     + type_pool + key_pool + bytes(chunks))
    value_pool = string_pool(pool)
    return struct.pack("<HHII", RES_TABLE_TYPE, 12, 12 + len(value_pool) + len(package_chunk), 1) + value_pool + package_chunk


# The android: attributes and framework resources the manifest uses, with their public ids
# (android.R.attr / android.R.style, stable across API levels). Another one fails the build.
ANDROID_NS = "http://schemas.android.com/apk/res/android"
ANDROID_ATTRS = {
    "theme": 0x01010000, "label": 0x01010001, "icon": 0x01010002, "name": 0x01010003,
    "permission": 0x01010006, "exported": 0x01010010, "authorities": 0x01010018,
    "grantUriPermissions": 0x0101001B, "launchMode": 0x0101001D, "screenOrientation": 0x0101001E, "minSdkVersion": 0x0101020C,
    "windowSoftInputMode": 0x0101022B, "targetSdkVersion": 0x01010270, "allowBackup": 0x01010280,
    "required": 0x0101028E, "supportsRtl": 0x010103AF, "fullBackupContent": 0x010104EB,
    "usesCleartextTraffic": 0x010104EC,
    # vector drawables
    "height": 0x01010155, "width": 0x01010159, "viewportWidth": 0x01010402, "viewportHeight": 0x01010403,
    "fillColor": 0x01010404, "pathData": 0x01010405,
}
FLOAT_ATTRS = {"viewportWidth", "viewportHeight"}
ANDROID_RESOURCES = {"@android:style/Theme.Material.Light.DarkActionBar": 0x01030238}
ENUMS = {("launchMode", "singleTop"): 1, ("screenOrientation", "portrait"): 1, ("windowSoftInputMode", "adjustResize"): 0x10}
TYPE_REFERENCE, TYPE_FLOAT, TYPE_DIMENSION, TYPE_INT_DEC, TYPE_INT_BOOLEAN, TYPE_INT_COLOR_ARGB8 = 0x01, 0x04, 0x05, 0x10, 0x12, 0x1C
COMPLEX_UNIT_DIP = 1


def binary_xml(text, app_ids):
    """An XML resource as aapt2 compiles it (binary XML): the manifest, for Android's own
    PackageParser, which Robolectric runs on the resource apk, and the vector drawables.
    app_ids: "@type/name" -> id."""
    root = ET.fromstring(text)
    pool, index = [], {}

    def intern(value):
        if value not in index:
            index[value] = len(pool)
            pool.append(value)
        return index[value]

    # Attribute names with resource ids first, in the order of the resource map.
    used = sorted({a.split("}")[1] for e in root.iter() for a in e.attrib if a.startswith("{" + ANDROID_NS + "}")})
    for name in used:
        if name not in ANDROID_ATTRS:
            sys.exit(f"gen_arsc.py: android:{name} has no id here; add it to ANDROID_ATTRS")
    used.sort(key=ANDROID_ATTRS.get)
    for name in used:
        intern(name)
    resource_map = [ANDROID_ATTRS[n] for n in used]

    def typed(name, value):
        if value in ("true", "false"):
            return TYPE_INT_BOOLEAN, 0xFFFFFFFF if value == "true" else 0
        if name in FLOAT_ATTRS:
            return TYPE_FLOAT, struct.unpack("<I", struct.pack("<f", float(value)))[0]
        if value.isdigit():
            return TYPE_INT_DEC, int(value)
        if re.fullmatch(r"\d+dp", value):
            return TYPE_DIMENSION, (int(value[:-2]) << 8) | COMPLEX_UNIT_DIP
        if re.fullmatch(r"#[0-9A-Fa-f]{8}", value):
            return TYPE_INT_COLOR_ARGB8, int(value[1:], 16)
        if (name, value) in ENUMS:
            return TYPE_INT_DEC, ENUMS[(name, value)]
        if value.startswith("@android:"):
            if value not in ANDROID_RESOURCES:
                sys.exit(f"gen_arsc.py: {value} has no id here; add it to ANDROID_RESOURCES")
            return TYPE_REFERENCE, ANDROID_RESOURCES[value]
        if value.startswith("@"):
            if value not in app_ids:
                sys.exit(f"gen_arsc.py: {value} is not an app resource")
            return TYPE_REFERENCE, app_ids[value]
        return TYPE_STRING, intern(value)

    body = bytearray()
    ns_prefix, ns_uri = intern("android"), intern(ANDROID_NS)
    node = lambda kind, size: struct.pack("<HHIII", kind, 16, size, 1, NO_ENTRY)  # noqa: E731
    body += node(0x0100, 24) + struct.pack("<II", ns_prefix, ns_uri)

    def element(e):
        nonlocal body
        attrs = []
        for key, value in e.attrib.items():
            if key.startswith("{"):
                ns, name = key[1:].split("}")
                if ns != ANDROID_NS:
                    sys.exit(f"gen_arsc.py: unexpected namespace {ns}")
                kind, data = typed(name, value)
                attrs.append((ANDROID_ATTRS[name], ns_uri, intern(name), intern(value) if kind == TYPE_STRING else NO_ENTRY, kind, data))
            else:
                attrs.append((0, NO_ENTRY, intern(key), intern(value), TYPE_STRING, intern(value)))
        attrs.sort(key=lambda a: a[0])
        tag = intern(e.tag)
        body += node(0x0102, 16 + 20 + 20 * len(attrs)) + struct.pack("<IIHHHHHH", NO_ENTRY, tag, 20, 20, len(attrs), 0, 0, 0)
        for _, ns, name, raw, kind, data in attrs:
            body += struct.pack("<III", ns, name, raw) + res_value(kind, data)
        for child in e:
            element(child)
        body += node(0x0103, 24) + struct.pack("<II", NO_ENTRY, tag)

    element(root)
    body += node(0x0101, 24) + struct.pack("<II", ns_prefix, ns_uri)
    strings_chunk = string_pool(pool)
    map_chunk = struct.pack("<HHI", 0x0180, 8, 8 + 4 * len(resource_map)) + b"".join(struct.pack("<I", i) for i in resource_map)
    return struct.pack("<HHI", 0x0003, 8, 8 + len(strings_chunk) + len(map_chunk) + len(body)) + strings_chunk + map_chunk + bytes(body)


def main():
    res, package, out = sys.argv[1:4]
    default_path = os.path.join(res, "values", "strings.xml")
    names = resource_names(res, strings(default_path))
    languages = {"": values(default_path), "en": values(os.path.join(res, "values-en", "strings.xml"))}
    files = {}
    for kind in ("drawable", "mipmap", "xml"):
        directories = ["mipmap-anydpi-v26", "mipmap"] if kind == "mipmap" else [kind]
        for d in directories:
            path = os.path.join(res, d)
            if os.path.isdir(path):
                for f in sorted(os.listdir(path)):
                    files.setdefault((kind, f.split(".")[0]), f"res/{d}/{f}")

    # What AGP merges into the manifest from build.gradle.kts: package and SDK levels.
    app = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(res))))
    gradle = open(os.path.join(app, "build.gradle.kts"), encoding="utf-8").read()
    sdk = {k: re.search(rf"\b{k}\s*=\s*(\d+)", gradle).group(1) for k in ("minSdk", "targetSdk")}
    manifest_in = os.path.join(os.path.dirname(res), "AndroidManifest.xml")
    manifest = open(manifest_in, encoding="utf-8").read().replace("${applicationId}", package)
    manifest = re.sub(r"<manifest\b([^>]*)>", lambda m: f'<manifest package="{package}"{m.group(1)}>\n    <uses-sdk '
                      f'android:minSdkVersion="{sdk["minSdk"]}" android:targetSdkVersion="{sdk["targetSdk"]}" />',
                      manifest, count=1)
    os.makedirs(out, exist_ok=True)
    manifest_out = os.path.join(out, "AndroidManifest.xml")
    with open(manifest_out, "w", encoding="utf-8") as f:
        f.write(manifest)

    app_ids = {f"@{kind}/{n}": NEXT_ID[kind] + i for kind, ns in names.items() for i, n in enumerate(ns)}
    apk = os.path.join(out, "resources.ap_")
    with zipfile.ZipFile(apk, "w") as z:
        # Stored, not deflated: the resource table is read in place, as in a real APK.
        z.writestr(zipfile.ZipInfo("AndroidManifest.xml", (1980, 1, 1, 0, 0, 0)), binary_xml(manifest, app_ids),
                   compress_type=zipfile.ZIP_STORED)
        for path in sorted(files.values()):
            if path.endswith(".xml"):
                source = os.path.join(os.path.dirname(res), *path.split("/"))
                z.writestr(zipfile.ZipInfo(path, (1980, 1, 1, 0, 0, 0)),
                           binary_xml(open(source, encoding="utf-8").read(), app_ids), compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("resources.arsc", (1980, 1, 1, 0, 0, 0)), table(package, names, languages, files),
                   compress_type=zipfile.ZIP_STORED)

    properties = os.path.join(out, "com", "android", "tools", "test_config.properties")
    os.makedirs(os.path.dirname(properties), exist_ok=True)
    with open(properties, "w", encoding="utf-8") as f:
        f.write(f"android_resource_apk={os.path.abspath(apk)}\n")
        f.write(f"android_merged_manifest={os.path.abspath(manifest_out)}\n")
        f.write(f"android_custom_package={package}\n")
    count = sum(len(v) for v in names.values())
    print(f"resources.ap_: {count} resources ({len(languages)} configurations) for Robolectric")


if __name__ == "__main__":
    main()
