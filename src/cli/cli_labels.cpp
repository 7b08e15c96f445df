// label: shipping labels as PDF, PNG or ZPL, written where asked.
#include "cli/batch.hpp"
#include "cli/command_line.hpp"
#include "wire/requests.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace jne::cli {

namespace {

// jne label: the file the server drew, written where asked.
int write_labels(client::client& api, const std::vector<std::string>& numbers, std::string output,
                 std::string format, const std::string& size) {
    api::label_request request;
    request.numbers = numbers;
    if (format.empty() && output.size() > 4)  // -o x.png: the name says the format
        format = output.substr(output.size() - 3);
    request.format = wire::parse_label_format(format).value_or(api::label_format::pdf);
    request.size = wire::parse_label_size(size).value_or(api::label_size::thermal_100x150);
    auto file = api.label(request);
    if (!file) return report(file.error());
    if (file->bytes.empty()) {
        std::cerr << "jne: the server answered an empty label\n";
        return exit_unreachable;
    }
    if (output == "-") {
        std::cout.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
        return std::cout ? exit_ok : exit_usage;
    }
    if (output.empty())
        output = numbers.front() + "." + std::string(api::extension(request.format));
    std::ofstream out(output, std::ios::binary);
    out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    out.close();
    if (!out) {
        std::cerr << "jne: cannot write " << output << "\n";
        return exit_usage;
    }
    std::cout << fmt::format("{}: {} label{}, {} bytes\n", output, numbers.size(),
                             numbers.size() == 1 ? "" : "s", file->bytes.size());
    return exit_ok;
}

struct label_group final : command_group {
    std::vector<std::string> numbers;
    std::string output, format, size = "100x150";

    label_group(CLI::App& app, const globals& g, chosen_command& run) {
        auto* label =
            app.add_subcommand("label", "Shipping labels: PDF, PNG or ZPL, with barcodes");
        label
            ->add_option("airwaybill", numbers,
                         "Airwaybills (or your order ids); several "
                         "give one PDF with a page each")
            ->required();
        label->add_option("-o,--output", output,
                          "File to write (default AWB.pdf; '-': standard output); its extension "
                          "picks the format unless --format says");
        label->add_option("--format", format, "pdf (default), png or zpl")
            ->check(CLI::IsMember({"pdf", "png", "zpl"}, CLI::ignore_case));
        label->add_option("--size", size, "100x150 (mm, thermal; default) or a6")
            ->check(CLI::IsMember({"100x150", "a6"}, CLI::ignore_case));
        label->callback([this, &g, &run] {
            run = [this, &g] {
                client::client api(g.server);
                return write_labels(api, numbers, output, format, size);
            };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> label_commands(CLI::App& app, const globals& g,
                                              chosen_command& run) {
    return std::make_unique<label_group>(app, g, run);
}

}  // namespace jne::cli
