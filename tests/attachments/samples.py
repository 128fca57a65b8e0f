"""Small files of the types attachments accept, built here (no binary fixtures in the tree)."""

import io
import struct
import zipfile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_of(*names):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def docx():
    return zip_of("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def xlsx():
    import openpyxl

    out = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "信访事项"
    book.save(out)
    return out.getvalue()


def ofd():
    return zip_of("OFD.xml", "Doc_0/Document.xml")


def compound_file(*streams):
    """An OLE2 compound file (MS-CFB, version 3) whose directory holds ``streams`` (empty
    streams: only the names matter to the sniffer): header, one FAT sector, one directory."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry",) + streams):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if i == 0 else 2, 1)
        struct.pack_into("<III", entry, 68, free, free, 1 if i == 0 and streams else free)
        struct.pack_into("<I", entry, 116, end)
        directory[i * 128 : (i + 1) * 128] = entry
    return bytes(header) + fat + bytes(directory)


def doc():
    return compound_file("WordDocument", "1Table")


def xls():
    return compound_file("Workbook")
