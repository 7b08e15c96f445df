#include "label/render.hpp"

#include "label/barcode.hpp"
#include "label/font.hpp"
#include "label/layout.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace jne::label {

namespace {

using surface_ptr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using context_ptr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Black ink, or white on a filled frame. A PNG is drawn on a one-byte grey surface (A8, whose
// alpha cairo writes as the grey level): there ink clears the white instead of covering it.
enum class ink { black, white };
void use_ink(cairo_t* cr, ink colour) {
    cairo_surface_t* target = cairo_get_target(cr);
    const bool grey = cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE &&
                      cairo_image_surface_get_format(target) == CAIRO_FORMAT_A8;
    if (grey) {
        cairo_set_operator(cr, colour == ink::black ? CAIRO_OPERATOR_CLEAR : CAIRO_OPERATOR_OVER);
        cairo_set_source_rgba(cr, 0, 0, 0, 1);
    } else {
        const double level = colour == ink::black ? 0 : 1;
        cairo_set_source_rgb(cr, level, level, level);
    }
}

void draw_code(cairo_t* cr, const barcode& code) {
    const auto m = encode(code.kind, code.data);
    if (!m) return;  // text zint cannot encode: the human-readable line still says it
    const placement p = place(*m, code.kind, code.area);
    // Bars on whole dots with no anti-aliasing: crisp edges are what a scanner reads.
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    use_ink(cr, ink::black);
    for (const auto& run : m->dark) {
        const double height = code.kind == symbology::qr ? run.height * p.module : p.bar_height;
        cairo_rectangle(cr, p.x + run.x * p.module, p.y + run.y * p.module, run.width * p.module,
                        height);
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

void draw_text(cairo_t* cr, const text& t) {
    use_font(cr, t.size, t.bold);
    use_ink(cr, t.white ? ink::white : ink::black);
    double baseline = t.first_baseline;
    for (std::size_t i = 0; i < t.lines.size(); ++i) {
        cairo_move_to(cr, t.line_x[i], baseline);
        cairo_show_text(cr, t.lines[i].c_str());
        baseline += t.line_step;
    }
}

void draw(cairo_t* cr, const drawing& d) {
    use_ink(cr, ink::black);
    cairo_set_line_width(cr, 0.8);
    for (const frame& f : d.frames) {
        cairo_rectangle(cr, f.area.x, f.area.y, f.area.width, f.area.height);
        if (f.filled)
            cairo_fill(cr);
        else
            cairo_stroke(cr);
    }
    for (const barcode& c : d.codes) draw_code(cr, c);
    for (const text& t : d.texts) draw_text(cr, t);
}

void check(cairo_surface_t* s) {
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") +
                                 cairo_status_to_string(cairo_surface_status(s)));
}

}  // namespace

std::string render_pdf(std::span<const content> labels, api::label_size size) {
    const box page = page_of(size);
    std::string out;
    {
        surface_ptr surface(
            cairo_pdf_surface_create_for_stream(append, &out, page.width, page.height),
            cairo_surface_destroy);
        check(surface.get());
        context_ptr cr(cairo_create(surface.get()), cairo_destroy);
        for (const content& c : labels) {
            draw(cr.get(), lay_out(c, size));
            cairo_show_page(cr.get());
        }
        cr.reset();
        cairo_surface_finish(surface.get());
        check(surface.get());
    }
    return out;
}

std::string render_png(const content& label, api::label_size size, int dpi) {
    const box page = page_of(size);
    const double scale = dpi / 72.0;
    // Grey levels, one byte a pixel: a third of RGB's bytes to compress, and all a label has.
    surface_ptr surface(cairo_image_surface_create(
                            CAIRO_FORMAT_A8, static_cast<int>(std::lround(page.width * scale)),
                            static_cast<int>(std::lround(page.height * scale))),
                        cairo_surface_destroy);
    check(surface.get());
    {
        context_ptr cr(cairo_create(surface.get()), cairo_destroy);
        cairo_set_source_rgba(cr.get(), 0, 0, 0, 1);  // white: full alpha, written as grey 255
        cairo_paint(cr.get());
        cairo_scale(cr.get(), scale, scale);
        draw(cr.get(), lay_out(label, size));
    }
    std::string out;
    if (cairo_surface_write_to_png_stream(surface.get(), append, &out) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cairo: the PNG could not be written");
    return out;
}

std::string render(std::span<const content> labels, api::label_format format,
                   api::label_size size) {
    switch (format) {
        case api::label_format::png:
            return labels.empty() ? std::string() : render_png(labels.front(), size);
        case api::label_format::zpl:
            return render_zpl(labels, size);
        case api::label_format::pdf:
            break;
    }
    return render_pdf(labels, size);
}

}  // namespace jne::label
