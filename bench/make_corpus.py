#!/usr/bin/env python3
"""Generate bench/corpus/logistics.txt, the input of the GS1 parsing benchmark.

The corpus holds 1200 GS1 element strings of the kind a logistics inspection
station reads from cartons and pallets, one per line:

  * 420 SSCC logistic-unit labels in raw form: (00) with, often, (02) content
    GTIN + (37) count, (400) order number, (410) ship-to GLN, (3300-3305)
    gross weight, (11)/(13)/(15)/(17) dates and (10) batch of the content;
  * 420 trade items in raw form: (01) GTIN with (10) batch, (15)/(17)
    dates, (11)/(13) production/pack dates, (21) serial, (3100-3105) or
    (3200-3205) net weight, (30) variable count;
  * 120 raw strings prefixed by a symbology identifier (]C1 GS1-128, ]e0
    GS1 DataBar, ]d2 GS1 DataMatrix, ]Q3 GS1 QR Code), each within the
    capacity of its symbol where that is small (GS1-128, DataBar Expanded);
  * 240 GS1 Digital Link URIs (GTIN with lot, serial and expiry, on
    id.gs1.org and on brand domains, and SSCCs).

In raw form a GS separator follows every element whose AI is not of
predefined length, unless it is the last one; the file spells the separator
as the four characters \\x1D, which `gs1-inspect parse` and the benchmark
turn back into the byte 0x1D. Fixed-length elements come first, as encoders
place them. All data is valid: check digits, calendar dates (2024-2030),
requisite and excluded AI pairs.

The output is checked in and read by bench/gs1_parse_bench.cpp; rerun this
script only to change the corpus on purpose. It is deterministic (fixed seed)
and uses the Python 3 standard library only:

    python3 bench/make_corpus.py
    build/gs1-inspect parse --today 2026-11-25 < bench/corpus/logistics.txt
"""

import datetime
import os
import random

SEED = 20261125
GS = "\\x1D"  # the group separator as written in the corpus file

COUNTS = {"sscc": 420, "trade": 420, "symbology": 120, "digital_link": 240}

# AIs of predefined length (GS1 General Specifications, figure 7.8.5-2):
# no separator follows them.
PREDEFINED_2 = {"00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
PREDEFINED_PREFIXES = ("31", "32", "33", "34", "35", "36", "41")

FIRST_DATE = datetime.date(2024, 1, 2)
LAST_PRODUCTION = datetime.date(2026, 11, 20)
LAST_DATE = datetime.date(2030, 12, 31)

rng = random.Random(SEED)


# --- check digits and identification keys ----------------------------------


def check_digit(digits):
    """GS1 mod-10 check digit: weights 3, 1, 3, ... from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def with_check(digits):
    return digits + check_digit(digits)


def digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


# GS1 prefixes of member organisations (country of the company, not origin).
GS1_PREFIXES = [
    "400", "401", "402", "403", "404", "405", "406", "407", "408", "409", "410", "420", "425", "426", "428", "440",  # DE
    "300", "305", "309", "320", "330", "340", "350", "370",  # FR
    "500", "501", "502", "503", "506", "509",  # UK
    "540", "541", "542", "544", "545",  # BE/LU
    "570", "571", "573", "575",  # DK
    "730", "731", "733", "735", "738",  # SE
    "760", "761", "762", "764", "768",  # CH
    "800", "801", "803", "805", "808", "810",  # IT
    "840", "841", "843", "847", "849",  # ES
    "870", "871", "872", "873", "875", "878",  # NL
    "900", "901", "903", "905", "907", "912",  # AT
    "590", "594",  # PL
    "859",  # CZ
    "560",  # PT
    "640", "641",  # FI
]
# U.S. and Canada: a UPC company prefix is a GS1 company prefix with a leading 0.
UPC_PREFIXES = ["00", "01", "06", "07", "08"]


def company_prefix():
    """A GS1 Company Prefix of 7 to 10 digits."""
    if rng.random() < 0.15:
        start = rng.choice(UPC_PREFIXES)
        return start + digits(rng.choice([5, 6, 7]))
    start = rng.choice(GS1_PREFIXES)
    return start + digits(rng.choice([4, 4, 5, 5, 6, 7]))


def gln(prefix):
    """A 13-digit Global Location Number under `prefix`."""
    return with_check(prefix + digits(12 - len(prefix)))


# --- dates ------------------------------------------------------------------


def yymmdd(day):
    return day.strftime("%y%m%d")


def production_date():
    span = (LAST_PRODUCTION - FIRST_DATE).days
    return FIRST_DATE + datetime.timedelta(days=rng.randint(0, span))


def later(day, low, high):
    return min(day + datetime.timedelta(days=rng.randint(low, high)), LAST_DATE)


# --- batches, serials, order numbers ----------------------------------------

LETTERS = "ABCDEFGHIJKLMNPQRSTUVWXYZ"  # no O: it reads as 0 on a label
ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def lot_code(style, made):
    """A batch/lot number in one of the formats manufacturers print."""
    if style == "julian":  # L + year + day of year + line
        return "L%s%03d%s" % (made.strftime("%y"), made.timetuple().tm_yday, rng.choice("ABCD"))
    if style == "dated":  # production date + run
        return "%s-%02d" % (yymmdd(made), rng.randint(1, 12))
    if style == "week":  # year + ISO week + sequence
        return "%s%02d%03d" % (made.strftime("%y"), made.isocalendar()[1], rng.randint(1, 400))
    if style == "pharma":  # letters + digits
        return rng.choice(LETTERS) + rng.choice(LETTERS) + digits(rng.choice([4, 5, 6]))
    if style == "plant":  # plant-year-sequence
        return "P%d-%s-%04d" % (rng.randint(1, 9), made.strftime("%y"), rng.randint(1, 9999))
    if style == "numeric":
        return digits(rng.choice([6, 7, 8, 10]))
    return "B" + digits(6)


def serial_number(style):
    if style == "alnum":  # randomised pharmaceutical serial numbers
        return "".join(rng.choice(ALNUM) for _ in range(rng.choice([10, 12, 12, 14, 20])))
    if style == "numeric":
        return str(rng.randint(10**7, 10**12))
    return rng.choice(LETTERS) + digits(rng.choice([7, 9]))


def order_number():
    style = rng.random()
    if style < 0.45:
        return "45" + digits(8)  # ERP purchase order
    if style < 0.7:
        return "PO-%d-%05d" % (rng.randint(2024, 2026), rng.randint(1, 99999))
    if style < 0.85:
        return "SO" + digits(7)
    return "%s/%s" % (digits(6), rng.choice(LETTERS) + digits(2))


def decimal_value(value, decimals):
    """`value` as the 6 digits of a 31nn-33nn element with `decimals` places."""
    scaled = int(round(value * 10**decimals))
    if scaled >= 10**6:
        raise ValueError("measure too large")
    return "%06d" % scaled


# --- catalogue: manufacturers, products, shippers ---------------------------


class Product:
    def __init__(self, company, kind):
        self.company = company
        self.kind = kind
        prefix = company["prefix"]
        base = prefix + digits(12 - len(prefix))  # GTIN-13 without check digit
        self.unit_gtin = with_check("0" + base)
        if kind in ("fresh", "count", "lb"):
            indicator = "9"  # variable measure trade item
        elif kind == "pharma":
            indicator = rng.choice("00013")
        else:
            indicator = rng.choice("1112345678")
        self.gtin = with_check(indicator + base)
        # the GTIN of a fixed-measure case, as named by (02) on a pallet
        self.case_gtin = with_check(rng.choice("12345678") + base)
        self.per_pallet = rng.choice([12, 16, 18, 20, 24, 30, 36, 40, 48, 60, 72, 80, 96, 120, 144, 180, 240])
        self.shelf_life = {
            "fresh": (5, 21),
            "frozen": (180, 540),
            "grocery": (120, 720),
            "pharma": (365, 1095),
            "industrial": (365, 1460),
            "count": (7, 30),
            "lb": (10, 45),
        }[kind]
        self.case_kg = round(rng.uniform(2.0, 22.0), 1)


def make_company(kind):
    return {
        "prefix": company_prefix(),
        "kind": kind,
        "lot_style": {
            "fresh": rng.choice(["julian", "dated", "numeric"]),
            "frozen": rng.choice(["julian", "week", "numeric"]),
            "grocery": rng.choice(["julian", "week", "numeric", "batch"]),
            "pharma": rng.choice(["pharma", "pharma", "numeric"]),
            "industrial": rng.choice(["plant", "batch", "numeric", "week"]),
            "count": rng.choice(["julian", "dated"]),
            "lb": rng.choice(["julian", "numeric"]),
        }[kind],
        "serial_style": "alnum" if kind == "pharma" else rng.choice(["numeric", "letter"]),
        "date_ai": {"fresh": "17", "frozen": "15", "grocery": "15", "pharma": "17", "industrial": "17",
                    "count": "17", "lb": "17"}[kind],
        "domain": rng.choice([
            "https://id.gs1.org",
            "https://id.gs1.org",
            "https://example.com/products",
            "https://brand.example.org",
            "https://www.example.net/p",
            "https://qr.example.com/gs1",
        ]),
    }


KINDS = ["fresh", "fresh", "frozen", "grocery", "grocery", "grocery", "pharma", "pharma", "industrial",
         "industrial", "count", "lb"]
COMPANIES = [make_company(kind) for kind in KINDS * 2]
PRODUCTS = [Product(company, company["kind"]) for company in COMPANIES for _ in range(rng.randint(2, 5))]
PALLET_PRODUCTS = [p for p in PRODUCTS if p.kind not in ("count", "lb")]


class Shipper:
    """A company that ships logistic units: SSCCs are numbered in sequence."""

    def __init__(self):
        self.prefix = company_prefix()
        self.extension = rng.choice("0001234")
        self.next_serial = rng.randint(1, 10 ** (16 - len(self.prefix)) // 2)
        self.depots = [gln(company_prefix()) for _ in range(rng.randint(2, 6))]

    def sscc(self):
        self.next_serial += rng.choice([1, 1, 1, 2, 3, 7, 40])
        reference = "%0*d" % (16 - len(self.prefix), self.next_serial)
        return with_check(self.extension + self.prefix + reference)


SHIPPERS = [Shipper() for _ in range(14)]


# --- element strings --------------------------------------------------------


def predefined(ai):
    return ai in PREDEFINED_2 or (len(ai) == 4 and ai.startswith(PREDEFINED_PREFIXES)) or (
        len(ai) == 3 and "410" <= ai <= "417")


def ordered(elements):
    """Fixed-length elements first (stable), then variable-length ones."""
    return [e for e in elements if predefined(e[0])] + [e for e in elements if not predefined(e[0])]


def raw(elements):
    out = []
    for i, (ai, value) in enumerate(elements):
        out.append(ai + value)
        if not predefined(ai) and i + 1 < len(elements):
            out.append(GS)
    return "".join(out)


def symbol_length(elements):
    """Characters in the symbol: each separator is one FNC1."""
    return len(raw(elements).replace(GS, "\x1d"))


def product_dates(product):
    made = production_date()
    best = later(made, *product.shelf_life)
    return made, best


def trade_item(product=None):
    """(01) and its attributes, as on a carton, case or consumer unit."""
    product = product or rng.choice(PRODUCTS)
    company = product.company
    made, best = product_dates(product)
    lot = lot_code(company["lot_style"], made)
    elements = [("01", product.gtin)]
    kind = product.kind
    if kind == "fresh":
        if product.gtin[0] == "9":
            weight = rng.uniform(0.18, 2.5) if rng.random() < 0.5 else rng.uniform(4.0, 28.0)
            decimals = 3 if weight < 10 else rng.choice([2, 3])
            elements.append(("310%d" % decimals, decimal_value(weight, decimals)))
        if rng.random() < 0.5:
            elements.append(("13", yymmdd(made)))
        elements.append(("17", yymmdd(best)))
        elements.append(("10", lot))
    elif kind == "lb":
        weight = rng.uniform(10.0, 90.0)
        decimals = rng.choice([1, 2])
        elements.append(("320%d" % decimals, decimal_value(weight, decimals)))
        elements.append(("13" if rng.random() < 0.5 else "11", yymmdd(made)))
        if rng.random() < 0.6:
            elements.append(("17", yymmdd(best)))
        elements.append(("10", lot))
    elif kind == "count":
        if rng.random() < 0.6:
            elements.append(("17", yymmdd(best)))
        elements.append(("10", lot))
        elements.append(("30", str(rng.randint(4, 480))))
    elif kind == "pharma":
        elements.append(("17", yymmdd(best)))
        if rng.random() < 0.2:
            elements.append(("11", yymmdd(made)))
        elements.append(("10", lot))
        if rng.random() < 0.85:
            elements.append(("21", serial_number(company["serial_style"])))
    elif kind == "industrial":
        if rng.random() < 0.5:
            elements.append(("11", yymmdd(made)))
        elif rng.random() < 0.4:
            elements.append(("17", yymmdd(best)))
        if rng.random() < 0.3:
            elements.append(("3100" if rng.random() < 0.3 else "3102", None))
        elements.append(("10", lot))
        if rng.random() < 0.5:
            elements.append(("21", serial_number(company["serial_style"])))
    else:  # grocery, frozen
        if rng.random() < 0.35:
            elements.append(("11", yymmdd(made)))
        elements.append((company["date_ai"], yymmdd(best)))
        elements.append(("10", lot))
    # a fixed net weight of the case, where the product has one
    resolved = []
    for ai, value in elements:
        if value is None:
            decimals = int(ai[3])
            value = decimal_value(product.case_kg, decimals)
        resolved.append((ai, value))
    return ordered(resolved)


def logistic_unit():
    """(00) and the data of an SSCC label."""
    shipper = rng.choice(SHIPPERS)
    elements = [("00", shipper.sscc())]
    layout = rng.random()
    content = None
    if layout < 0.12:
        return elements  # an SSCC-only label
    if layout < 0.72:
        content = rng.choice(PALLET_PRODUCTS)
    if content is not None:
        made, best = product_dates(content)
        elements.append(("02", content.case_gtin))
        style = rng.random()
        if style < 0.4:
            elements.append((content.company["date_ai"], yymmdd(best)))
        elif style < 0.6:
            elements.append(("11", yymmdd(made)))
        elif style < 0.75:
            elements.append(("13", yymmdd(later(made, 0, 2))))
            elements.append((content.company["date_ai"], yymmdd(best)))
        cases = content.per_pallet if rng.random() < 0.7 else rng.randint(1, content.per_pallet)
        if rng.random() < 0.6:
            gross = cases * content.case_kg + rng.uniform(18.0, 28.0)  # pallet and wrap
            decimals = 1 if gross < 10000 else 0
            elements.append(("330%d" % decimals, decimal_value(gross, decimals)))
        elements.append(("37", str(cases)))
        if rng.random() < 0.75:
            elements.append(("10", lot_code(content.company["lot_style"], made)))
    else:
        if rng.random() < 0.7:
            gross = rng.uniform(2.5, 30.0) if rng.random() < 0.3 else rng.uniform(80.0, 1150.0)
            decimals = 2 if gross < 100 else rng.choice([0, 1])
            elements.append(("330%d" % decimals, decimal_value(gross, decimals)))
    if content is None or rng.random() < 0.45:
        elements.append(("410", rng.choice(shipper.depots)))
    if content is None or rng.random() < 0.35:
        elements.append(("400", order_number()))
    if len(elements) == 1:
        elements.append(("410", rng.choice(shipper.depots)))
    return ordered(elements)


def fits(prefix, elements):
    """Whether the data fits one symbol of the kind `prefix` announces."""
    n = symbol_length(elements)
    if prefix == "]C1":
        return n <= 48  # GS1-128
    if prefix == "]e0":  # GS1 DataBar Expanded
        text = raw(elements)
        return n <= (74 if text.replace(GS, "").isdigit() else 41)
    return True


def with_symbology_id():
    prefix = rng.choice(["]C1"] * 4 + ["]d2"] * 3 + ["]Q3"] * 2 + ["]e0"] * 3)
    while True:
        if prefix == "]C1":
            elements = logistic_unit() if rng.random() < 0.6 else trade_item()
        elif prefix == "]e0":
            elements = trade_item(rng.choice([p for p in PRODUCTS if p.kind in ("fresh", "lb", "count", "grocery")]))
        elif prefix == "]d2":
            elements = trade_item(rng.choice([p for p in PRODUCTS if p.kind in ("pharma", "industrial", "fresh")]))
        else:
            elements = trade_item()
        if fits(prefix, elements):
            return prefix + raw(elements)


def digital_link():
    if rng.random() < 0.12:
        sscc = rng.choice(SHIPPERS).sscc()
        return "https://id.gs1.org/00/" + sscc
    product = rng.choice(PRODUCTS)
    company = product.company
    made, best = product_dates(product)
    gtin = product.unit_gtin if product.kind not in ("fresh", "count", "lb") and rng.random() < 0.7 else product.gtin
    path = "/01/%s/10/%s" % (gtin, lot_code(company["lot_style"], made))
    if product.kind == "pharma" or (product.kind == "industrial" and rng.random() < 0.5) or rng.random() < 0.1:
        path += "/21/" + serial_number(company["serial_style"])
    domain = company["domain"] if rng.random() < 0.8 else "https://id.gs1.org"
    query = "?%s=%s" % (company["date_ai"] if rng.random() < 0.5 else "17", yymmdd(best))
    return domain + path + query


def main():
    lines = []
    lines += [raw(logistic_unit()) for _ in range(COUNTS["sscc"])]
    lines += [raw(trade_item()) for _ in range(COUNTS["trade"])]
    lines += [with_symbology_id() for _ in range(COUNTS["symbology"])]
    lines += [digital_link() for _ in range(COUNTS["digital_link"])]
    rng.shuffle(lines)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "logistics.txt")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d lines to %s" % (len(lines), os.path.relpath(out)))


if __name__ == "__main__":
    main()
