#include "support/barcodes.hpp"

#include <cairo.h>
#include <zbar.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace jne::test {

namespace {

struct reader {
    const std::string* bytes;
    std::size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<reader*>(closure);
    if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->bytes->data() + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::vector<symbol> read_barcodes(const std::string& png) {
    using namespace zbar;  // zbar.h puts its C API in a namespace for C++
    reader r{&png};
    const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> image(
        cairo_image_surface_create_from_png_stream(read_png, &r), cairo_surface_destroy);
    if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("not a PNG cairo can read");
    cairo_surface_flush(image.get());
    const int width = cairo_image_surface_get_width(image.get());
    const int height = cairo_image_surface_get_height(image.get());
    const int stride = cairo_image_surface_get_stride(image.get());
    const unsigned char* pixels = cairo_image_surface_get_data(image.get());
    const cairo_format_t format = cairo_image_surface_get_format(image.get());
    std::vector<unsigned char> grey(static_cast<std::size_t>(width) * height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            unsigned char level = 0;
            if (format == CAIRO_FORMAT_A8 || format == CAIRO_FORMAT_A1) {
                level = pixels[y * stride + x];  // not what the labels are; kept simple
            } else {
                std::uint32_t p;
                std::memcpy(&p, pixels + y * stride + x * 4, 4);
                level = static_cast<unsigned char>(
                    ((p >> 16 & 0xff) * 30 + (p >> 8 & 0xff) * 59 + (p & 0xff) * 11) / 100);
            }
            grey[static_cast<std::size_t>(y) * width + x] = level;
        }

    const std::unique_ptr<zbar_image_scanner_t, decltype(&zbar_image_scanner_destroy)> scanner(
        zbar_image_scanner_create(), zbar_image_scanner_destroy);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 1);
    const std::unique_ptr<zbar_image_t, decltype(&zbar_image_destroy)> frame(zbar_image_create(),
                                                                             zbar_image_destroy);
    zbar_image_set_format(frame.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(frame.get(), static_cast<unsigned>(width), static_cast<unsigned>(height));
    zbar_image_set_data(frame.get(), grey.data(), grey.size(), nullptr);
    if (zbar_scan_image(scanner.get(), frame.get()) < 0) throw std::runtime_error("zbar failed");
    std::vector<symbol> found;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(frame.get()); s != nullptr;
         s = zbar_symbol_next(s))
        found.push_back({zbar_get_symbol_name(zbar_symbol_get_type(s)), zbar_symbol_get_data(s)});
    return found;
}

std::vector<std::string> data_of(const std::vector<symbol>& found, const std::string& kind) {
    std::vector<std::string> out;
    for (const symbol& s : found)
        if (s.kind == kind) out.push_back(s.data);
    return out;
}

}  // namespace jne::test
