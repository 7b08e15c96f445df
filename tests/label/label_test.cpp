// Labels: drawn from the layout, then read back as a printer's customer would read them: zbar
// scans the PNG and poppler opens the PDF; the ZPL is parsed into its fields.
#include "label/barcode.hpp"
#include "label/content.hpp"
#include "label/font.hpp"
#include "label/layout.hpp"
#include "label/render.hpp"
#include "support/barcodes.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cairo.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

using namespace jne;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

label::content example() {
    label::content c;
    c.airwaybill = "5403212200022724";
    c.order_id = "ORDER-42";
    c.origin = "CGK10000";
    c.origin_name = "JAKARTA";
    c.destination = "BDO10000";
    c.destination_name = "BANDUNG";
    c.service = "REG";
    c.weight = "1.5 kg";
    c.quantity = "1";
    c.cod = label::rupiah(125000);
    c.insured = true;
    c.shipper_name = "ALI";
    c.shipper_address = "JAKARTA NO 44, KALIBATA, KALIBATA, JAKARTA JAKARTA 12345";
    c.shipper_phone = "+6289876543212";
    c.receiver_name = "ANA";
    c.receiver_address = "BANDUNG NO 12, CIBIRU, BANDUNG, BANDUNG JAWA BARAT 12365";
    c.receiver_phone = "+6285789065432";
    c.goods = "BAJU ANAK";
    c.instructions = "JANGAN DITEKUK";
    c.date = "29-11-2026";
    c.tracking_link = "http://localhost:10102/track/5403212200022724";
    return c;
}

// Every field at the longest the create routes accept (pickupcashless's limits, the larger),
// in the widest letters DejaVu has.
label::content longest() {
    auto wide = [](std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += (i % 9 == 8) ? ' ' : 'W';
        return s;
    };
    label::content c = example();
    c.order_id = "WWWWWWWWWWWWWWWWWWWW";  // 20, and no spaces to wrap at
    c.origin = c.destination = "WWWWWWWWWW";
    c.origin_name = c.destination_name = wide(60);
    c.service = "WWWWWWWWWW";
    c.weight = "100000 kg";
    c.quantity = "9999999";
    c.cod = label::rupiah(999'999'999'999'999);
    c.shipper_name = c.receiver_name = std::string(30, 'W');
    c.shipper_address = c.receiver_address =
        wide(85) + ", " + wide(85) + ", " + wide(85) + ", " + wide(20) + " " + wide(20) + " 99999";
    c.shipper_phone = c.receiver_phone = std::string(50, '8');
    c.goods = wide(60);
    c.instructions = wide(60);
    return c;
}

std::string write(const test::temp_dir& dir, const std::string& name, const std::string& bytes) {
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// pdfinfo's "Page size: 283.465 x 425.197 pts" and "Pages: 2".
struct pdf_facts {
    double width = 0, height = 0;
    int pages = 0;
};
pdf_facts pdf_info(const std::string& path) {
    const auto r = test::run_command({"pdfinfo", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    pdf_facts f;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line.substr(line.find(':') + 1));
        std::string by;
        if (line.starts_with("Page size:")) words >> f.width >> by >> f.height;
        if (line.starts_with("Pages:")) words >> f.pages;
    }
    return f;
}

// Each text's lines, measured again with cairo's text extents, stay inside its box.
void expect_every_text_fits(const label::drawing& d) {
    const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), cairo_surface_destroy);
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                                cairo_destroy);
    constexpr double slack = 0.01;
    for (const label::text& t : d.texts) {
        label::use_font(cr.get(), t.size, t.bold);
        double baseline = t.first_baseline;
        ASSERT_EQ(t.line_x.size(), t.lines.size());
        for (std::size_t i = 0; i < t.lines.size(); ++i) {
            const std::string& line = t.lines[i];
            cairo_text_extents_t e;
            cairo_text_extents(cr.get(), line.c_str(), &e);
            const double left = t.line_x[i] - t.area.x;  // where the renderer puts its origin
            EXPECT_GE(left + e.x_bearing, -slack) << line;
            EXPECT_LE(left + e.x_bearing + e.width, t.area.width + slack)
                << line << " at " << t.size << " pt";
            EXPECT_GE(baseline + e.y_bearing, t.area.y - slack) << line;
            EXPECT_LE(baseline + e.y_bearing + e.height, t.area.y + t.area.height + slack) << line;
            baseline += t.line_step;
        }
        EXPECT_GE(t.area.x, 0);
        EXPECT_LE(t.area.x + t.area.width, d.page.width);
        EXPECT_LE(t.area.y + t.area.height, d.page.height);
    }
    // No two texts share any part of the page.
    for (std::size_t i = 0; i < d.texts.size(); ++i)
        for (std::size_t j = i + 1; j < d.texts.size(); ++j) {
            const auto& a = d.texts[i].area;
            const auto& b = d.texts[j].area;
            const bool apart = a.x + a.width <= b.x + slack || b.x + b.width <= a.x + slack ||
                               a.y + a.height <= b.y + slack || b.y + b.height <= a.y + slack;
            EXPECT_TRUE(apart) << d.texts[i].lines.front() << " overlaps "
                               << d.texts[j].lines.front();
        }
}

// Labels kept for people to look at, beside the build's test files.
void keep(const std::string& name, const std::string& bytes) {
    std::filesystem::create_directories(JNE_LABEL_SAMPLES_DIR);
    std::ofstream(std::string(JNE_LABEL_SAMPLES_DIR) + "/" + name, std::ios::binary) << bytes;
}

bool has_text(const label::drawing& d, const std::string& wanted) {
    for (const auto& t : d.texts)
        for (const auto& line : t.lines)
            if (line.find(wanted) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(Label, ScannersReadTheAirwaybillTheOrderIdAndTheTrackingLink) {
    for (auto size : {api::label_size::thermal_100x150, api::label_size::a6}) {
        const std::string png = label::render_png(example(), size);
        keep(size == api::label_size::a6 ? "example-a6.png" : "example-100x150.png", png);
        const auto found = test::read_barcodes(png);
        EXPECT_THAT(test::data_of(found, "CODE-128"),
                    ::testing::UnorderedElementsAre("5403212200022724", "ORDER-42"));
        EXPECT_THAT(test::data_of(found, "QR-Code"),
                    ElementsAre("http://localhost:10102/track/5403212200022724"));
    }
}

TEST(Label, ThePngIsAThermalPrintersDots) {
    const std::string png = label::render_png(example(), api::label_size::thermal_100x150);
    ASSERT_EQ(png.substr(1, 3), "PNG");
    // IHDR: width and height, big-endian, at bytes 16 and 20: 100 × 150 mm at 203 dpi.
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) |
               (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) |
               static_cast<unsigned char>(png[at + 3]);
    };
    EXPECT_EQ(be32(16), 799);
    EXPECT_EQ(be32(20), 1199);
}

TEST(Label, TheLongestValuesStayInsideTheirBoxes) {
    for (auto size : {api::label_size::thermal_100x150, api::label_size::a6}) {
        const label::drawing d = label::lay_out(longest(), size);
        expect_every_text_fits(d);
        EXPECT_TRUE(has_text(d, "COD Rp 999.999.999.999.999"));
        // The barcodes still scan at their longest.
        const std::string png = label::render_png(longest(), size);
        keep(size == api::label_size::a6 ? "longest-a6.png" : "longest-100x150.png", png);
        const auto found = test::read_barcodes(png);
        EXPECT_THAT(test::data_of(found, "CODE-128"),
                    ::testing::UnorderedElementsAre("5403212200022724", "WWWWWWWWWWWWWWWWWWWW"));
    }
    expect_every_text_fits(label::lay_out(example(), api::label_size::thermal_100x150));
}

TEST(Label, ShowsWhatASorterAndACourierNeed) {
    const label::drawing d = label::lay_out(example(), api::label_size::thermal_100x150);
    for (const char* wanted :
         {"5403212200022724", "CGK10000", "BDO10000", "BANDUNG", "REG", "1.5 kg", "COD Rp 125.000",
          "YA / YES", "ANA", "ALI", "+6285789065432", "BAJU ANAK", "ORDER-42", "29-11-2026"})
        EXPECT_TRUE(has_text(d, wanted)) << wanted;
    // Not COD: said plainly, with no amount.
    label::content plain = example();
    plain.cod.clear();
    const label::drawing p = label::lay_out(plain, api::label_size::thermal_100x150);
    EXPECT_TRUE(has_text(p, "NON COD"));
    EXPECT_FALSE(has_text(p, "Rp"));
    // The destination code is the largest text after the brand and the service.
    double origin = 0, destination = 0;
    for (const auto& t : d.texts) {
        if (t.lines.front() == "CGK10000") origin = t.size;
        if (t.lines.front() == "BDO10000") destination = t.size;
    }
    EXPECT_GE(destination, 20);
    EXPECT_GE(destination, origin);
}

TEST(Label, APdfHasAPageOfTheLabelsSizeForEachShipment) {
    const test::temp_dir dir;
    label::content second = example();
    second.airwaybill = "5403212200022732";
    const std::vector<label::content> two{example(), second};
    const auto path =
        write(dir, "labels.pdf", label::render_pdf(two, api::label_size::thermal_100x150));
    const pdf_facts f = pdf_info(path);
    EXPECT_EQ(f.pages, 2);
    EXPECT_NEAR(f.width, 283.46, 0.01);
    EXPECT_NEAR(f.height, 425.2, 0.01);
    const auto a6 = pdf_info(write(dir, "a6.pdf", label::render_pdf(two, api::label_size::a6)));
    EXPECT_NEAR(a6.width, 297.64, 0.01);
    EXPECT_NEAR(a6.height, 419.53, 0.01);

    // Printed (poppler rasterises it at a thermal printer's 203 dpi), page 2 scans as the second.
    const auto r = test::run_command(std::vector<std::string>{
        "pdftoppm", "-r", "203", "-png", "-f", "2", "-l", "2", path, (dir / "page").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto found = test::read_barcodes(test::read_file(dir / "page-2.png"));
    EXPECT_THAT(test::data_of(found, "CODE-128"),
                ::testing::UnorderedElementsAre("5403212200022732", "ORDER-42"));
}

TEST(Label, ZplHasAFormatPerShipmentWithTheAirwaybillAsCode128) {
    label::content odd = example();
    odd.receiver_name = "ANA ^XZ~JA_";  // ZPL's own characters, escaped by ^FH
    const std::vector<label::content> labels{example(), odd};
    const std::string zpl = label::render_zpl(labels, api::label_size::thermal_100x150);
    // Commands: "^XA", "^FO10,20", "^BCN,…", "^FD…"; field data after ^FD runs to ^FS.
    std::vector<std::string> commands;
    for (std::size_t at = zpl.find('^'); at != std::string::npos;) {
        const std::size_t next = zpl.find('^', at + 1);
        std::string c = zpl.substr(at + 1, next == std::string::npos ? next : next - at - 1);
        while (!c.empty() && c.back() == '\n') c.pop_back();
        commands.push_back(std::move(c));
        at = next;
    }
    auto count = [&](const std::string& prefix) {
        return std::count_if(commands.begin(), commands.end(),
                             [&](const std::string& c) { return c.starts_with(prefix); });
    };
    EXPECT_EQ(count("XA"), 2);
    EXPECT_EQ(count("XZ"), 2);
    EXPECT_EQ(count("PW799"), 2);  // 100 mm at 203 dpi
    EXPECT_EQ(count("LL1199"), 2);
    EXPECT_EQ(count("CI28"), 2);  // UTF-8 text
    std::vector<std::string> code128, qr, texts;
    for (std::size_t i = 0; i + 2 < commands.size(); ++i) {
        if (commands[i].starts_with("BC") && commands[i + 1] == "FH")
            code128.push_back(commands[i + 2].substr(2));
        if (commands[i].starts_with("BQ") && commands[i + 1] == "FH")
            qr.push_back(commands[i + 2].substr(2));
        if (commands[i] == "FH" && commands[i + 1].starts_with("FD"))
            texts.push_back(commands[i + 1].substr(2));
    }
    EXPECT_THAT(code128,
                ElementsAre("5403212200022724", "ORDER-42", "5403212200022724", "ORDER-42"));
    EXPECT_THAT(qr, ElementsAre("MA,http://localhost:10102/track/5403212200022724",
                                "MA,http://localhost:10102/track/5403212200022724"));
    EXPECT_THAT(texts, ::testing::Contains("ANA _5EXZ_7EJA_5F"));
    EXPECT_THAT(texts, ::testing::Contains("COD Rp 125.000"));
}

TEST(Label, TextZintCannotEncodeIsPrintedWithoutItsBarcode) {
    label::content c = example();
    c.order_id = "订单-7";  // Code 128 holds Latin-1 only
    EXPECT_FALSE(label::encode(label::symbology::code128, c.order_id));
    const auto found = test::read_barcodes(label::render_png(c, api::label_size::thermal_100x150));
    EXPECT_THAT(test::data_of(found, "CODE-128"), ElementsAre("5403212200022724"));
    EXPECT_TRUE(has_text(label::lay_out(c, api::label_size::thermal_100x150), "订单-7"));
}

TEST(Label, RupiahAreGroupedByThousands) {
    EXPECT_EQ(label::rupiah(0), "Rp 0");
    EXPECT_EQ(label::rupiah(999), "Rp 999");
    EXPECT_EQ(label::rupiah(1000), "Rp 1.000");
    EXPECT_EQ(label::rupiah(1250000), "Rp 1.250.000");
}
