#include "service/sandbox_seed.hpp"

#include "service/catalogue_csv.hpp"

#include <fstream>
#include <stdexcept>

namespace jne::service {

void seed_sandbox(store::catalogue_store& catalogue, account_service& accounts, const std::filesystem::path& data_dir) {
    using store::catalogue_kind;
    if (catalogue.count(catalogue_kind::locations) == 0) {
        // Tariffs last: their rows are checked against everything else.
        const std::pair<catalogue_kind, const char*> files[] = {
            {catalogue_kind::hubs, "hubs.csv"},
            {catalogue_kind::services, "services.csv"},
            {catalogue_kind::origins, "origins.csv"},
            {catalogue_kind::branches, "branches.csv"},
            {catalogue_kind::locations, "destinations.csv"},
            {catalogue_kind::tariffs, "tariffs.csv"},
        };
        for (const auto& [kind, name] : files) {
            std::ifstream in(data_dir / name, std::ios::binary);
            if (!in) throw std::runtime_error("cannot read sandbox catalogue file " + (data_dir / name).string());
            auto report = import_catalogue(catalogue, kind, in);
            if (!report)
                throw std::runtime_error("sandbox catalogue file " + std::string(name) + ": " + report.error().reason);
        }
    }
    core::account test;
    test.username = sandbox_username;
    test.role = core::role::merchant;
    test.customer_numbers = {"TESTAKUN", "10950700", "80519800"};
    test.branches = {"CGK000"};
    accounts.ensure(std::move(test), sandbox_api_key);
}

}  // namespace jne::service
